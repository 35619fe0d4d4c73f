//! Attachments: the listing, each attachment, its raw content.

use crate::comments::Uploaded;
use crate::*;

/// The listing, every attachment through both URLs, and its raw content.
/// `ours`: the attachments of the suite's own transactions (RT adds those
/// of the notifications it sends).
pub(crate) fn attachments(live: &mut Live, a: u64, uploads: &[Uploaded], ours: &BTreeSet<u64>) {
    let body = live.read(&read::ticket_attachments(a));
    let list = view(AttachmentList::from_response(&object(&body)), &body);
    let b = lossy(&body);
    check_eq!(live, list.ticket, Some(a), "{b}");
    for up in uploads {
        let item = list
            .items
            .iter()
            .find(|i| {
                ours.contains(&i.id)
                    && i.content_type == up.content_type
                    && (up.name.is_empty() && i.name.is_none()
                        || i.name == Some(up.name.as_bytes()))
            })
            .unwrap_or_else(|| panic!("{:?} ({}) not listed\n{b}", up.name, up.content_type));
        // RT lists the size of a text part in characters, of any other part
        // in bytes.
        let size = if up.content_type.starts_with("text/") {
            std::str::from_utf8(&up.bytes).unwrap().chars().count()
        } else {
            up.bytes.len()
        };
        sent_check!(
            live,
            item.size.matches(size as u64),
            "{}: {} for {size}\n{b}",
            up.name,
            item.size_text,
        );
        attachment_of_ticket(live, a, item.id, up);
        attachment_alone(live, item.id, up);
        raw_content(live, a, item.id, up);
    }
}

/// `ticket/<n>/attachments/<a>`: the whole form, original bytes.
fn attachment_of_ticket(live: &mut Live, a: u64, id: u64, up: &Uploaded) {
    let body = live.read(&read::ticket_attachment(a, id));
    let att = view(Attachment::from_response(&object(&body)), &body);
    let ab = lossy(&body);
    check_eq!(live, att.id().unwrap(), id, "{ab}");
    sent_eq!(live, att.content_type(), Some(up.content_type), "{ab}");
    if !up.name.is_empty() {
        sent_eq!(
            live,
            att.filename().map(|f| f.to_str().unwrap().into_owned()),
            Some(up.name.clone()),
            "{ab}"
        );
    }
    let original = view(att.original_bytes(), &body);
    sent_eq!(
        live,
        sha(&original.bytes),
        sha(&up.bytes),
        "{}: {ab}",
        up.name
    );
}

/// `attachment/<a>`: the same, with a placeholder for binary parts.
fn attachment_alone(live: &mut Live, id: u64, up: &Uploaded) {
    let body = live.read(&read::attachment(id));
    let att2 = view(Attachment::from_response(&object(&body)), &body);
    sent_eq!(
        live,
        att2.content_type(),
        Some(up.content_type),
        "{}",
        lossy(&body)
    );
    check_eq!(
        live,
        att2.is_placeholder(),
        !up.content_type.starts_with("text/"),
        "{}",
        lossy(&body)
    );
    if !att2.is_placeholder() {
        sent_eq!(
            live,
            sha(&view(att2.original_bytes(), &body).bytes),
            sha(&up.bytes),
            "{}",
            lossy(&body)
        );
    }
}

/// Both raw content endpoints give the uploaded bytes.
fn raw_content(live: &mut Live, a: u64, id: u64, up: &Uploaded) {
    for path in [
        read::ticket_attachment_content(a, id),
        read::attachment_content(id),
    ] {
        let body = live.read(&path);
        let got = view(
            AttachmentContent::from_response(&parse(&body, Framing::Content)),
            &body,
        );
        sent_eq!(
            live,
            sha(got.bytes),
            sha(&up.bytes),
            "{path}: {:?}",
            lossy(got.bytes)
        );
    }
}
