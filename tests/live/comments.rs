//! Comments with files and a reply in HTML.

use crate::*;

/// One uploaded file and where RT put it.
pub(crate) struct Uploaded {
    pub(crate) name: String,
    pub(crate) content_type: &'static str,
    pub(crate) bytes: Vec<u8>,
}

fn all_bytes() -> Vec<u8> {
    (0..=255u8).collect()
}

/// A comment with files of every kind, a reply in HTML; the encoder's
/// refusal of a file name with a comma.
pub(crate) fn comment_and_correspond(live: &mut Live, a: u64) -> Vec<Uploaded> {
    let uploads = vec![
        Uploaded {
            name: "notes.txt".into(),
            content_type: "text/plain",
            bytes: b"line one\nline two\n\n\n".to_vec(),
        },
        Uploaded {
            name: "all-bytes.bin".into(),
            content_type: "application/octet-stream",
            bytes: all_bytes(),
        },
        Uploaded {
            name: "empty.txt".into(),
            content_type: "text/plain",
            bytes: Vec::new(),
        },
        Uploaded {
            name: "résumé ünï ✓.txt".into(),
            content_type: "text/plain",
            bytes: "unicode name ✓\nno final newline".as_bytes().to_vec(),
        },
    ];
    let text = "Comment ✓\n\n   three-space indent\n# x\n--\nKey: value";
    let mut req = TicketComment::comment(a, text).time_worked(5);
    for u in &uploads {
        req = req.attachment(Upload::new(u.name.as_str(), u.content_type, &u.bytes[..]).unwrap());
    }
    let body = live.write_ok(&req.build().expect("the encoder builds the comment"));
    check_eq!(
        live,
        messages(&reply(&body)),
        vec![Message::CommentAdded],
        "{}",
        lossy(&body)
    );

    // A file name with a comma cannot be listed in `Attachment:`.
    let comma = Upload::new("a,b.txt", "text/plain", &b"x"[..]).unwrap();
    let refused = TicketComment::comment(a, "never sent")
        .attachment(comma)
        .build();
    check_eq!(
        live,
        refused,
        Err(EncodeError::ListItem {
            field: Some("Attachment".into()),
            index: 0,
            reason: ItemError::Comma,
        }),
        "a comma in a file name"
    );

    let html = "<p>Hello <b>wörld</b> ✓</p>\n<ul>\n  <li>one</li>\n</ul>\n";
    let req = TicketComment::correspond(a, html)
        .content_type("text/html")
        .cc([format!("reply-cc-{}@example.com", live.tag)])
        .build()
        .unwrap();
    let body = live.write_ok(&req);
    check_eq!(
        live,
        messages(&reply(&body)),
        vec![Message::CorrespondenceAdded],
        "{}",
        lossy(&body)
    );
    let mut all = uploads;
    all.push(Uploaded {
        name: String::new(),
        content_type: "text/html",
        bytes: html.as_bytes().to_vec(),
    });
    all.push(Uploaded {
        name: "create-note.txt".into(),
        content_type: "text/plain",
        bytes: b"attached at create\n".to_vec(),
    });
    all
}
