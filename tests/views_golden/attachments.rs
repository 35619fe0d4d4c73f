//! The attachment views: a ticket's listing, one attachment, its raw content.

use rt_wire::Response;
use rt_wire::views::{Attachment, AttachmentContent, AttachmentList};
use serde_json::Value;

use crate::{server_error, sha, text};

/// A ticket's listing of attachments against every attachment the script
/// looked at (`all`: the corpus's captures), or RT's refusal.
pub(crate) fn check_attachments(c: &Value, r: &Response<'_>, file: &str, all: &[(Value, Vec<u8>)]) {
    let e = &c["expect"];
    match AttachmentList::from_response(r) {
        Ok(l) => {
            // Every attachment the script looked at is listed with its
            // name, type and size.
            for (a, _) in all {
                let ae = &a["expect"];
                let (Some(id), Some(name)) =
                    (ae["attachment_id"].as_u64(), ae["listed_name"].as_str())
                else {
                    continue;
                };
                if !c["request"]["path"].as_str().unwrap().contains("ticket/3/") {
                    continue;
                }
                let item = l
                    .items
                    .iter()
                    .find(|i| i.id == id)
                    .unwrap_or_else(|| panic!("{file}: {id}"));
                match item.name {
                    None => assert_eq!(name, "(Unnamed)", "{file}"),
                    Some(n) => assert_eq!(text(n), name, "{file}"),
                }
                assert_eq!(
                    item.content_type,
                    ae["content_type"].as_str().unwrap(),
                    "{file}"
                );
                if let Some(size) = ae["size"].as_u64() {
                    let range = item.size.bytes_range().unwrap();
                    // RT counts characters of text parts; the upload's
                    // size is in bytes.
                    if name.is_ascii()
                        && ae["uploaded_file"]
                            .as_str()
                            .is_some_and(|u| u != "zero.txt")
                    {
                        assert!(range.contains(&size), "{file}: {id} {range:?} {size}");
                    } else {
                        assert!(*range.start() <= size, "{file}: {id}");
                    }
                }
            }
            // An empty body is RT's listing of a ticket without
            // attachments.
            let empty = e["body_kind"].as_str() == Some("empty");
            assert_eq!(l.items.is_empty(), empty, "{file}");
        }
        Err(err) => {
            let err = server_error(Err::<(), _>(err), file);
            assert_eq!(
                err.message().unwrap().message.id_number(),
                e["missing_ticket"].as_u64(),
                "{file}"
            );
        }
    }
}

/// One attachment: its name, type, headers and the uploaded bytes' SHA-256.
pub(crate) fn check_attachment(c: &Value, r: &Response<'_>, file: &str) {
    let e = &c["expect"];
    match Attachment::from_response(r) {
        Ok(a) => {
            assert_eq!(Some(a.id().unwrap()), e["attachment_id"].as_u64(), "{file}");
            let listed = e["listed_name"].as_str().unwrap();
            match a.filename() {
                None => assert_eq!(listed, "(Unnamed)", "{file}"),
                Some(f) => assert_eq!(f.to_str().unwrap(), listed, "{file}"),
            }
            assert_eq!(a.content_type(), e["content_type"].as_str(), "{file}");
            a.record().date("Created").unwrap().unwrap();
            assert!(!a.headers().is_empty(), "{file}");
            if let Some(want) = e["sha256"].as_str() {
                if a.is_placeholder() {
                    assert!(
                        c["request"]["path"]
                            .as_str()
                            .unwrap()
                            .starts_with("/REST/1.0/attachment/"),
                        "{file}"
                    );
                } else {
                    let o = a
                        .original_bytes()
                        .unwrap_or_else(|err| panic!("{file}: {err}"));
                    assert_eq!(sha(&o.bytes), want, "{file}");
                }
            }
        }
        Err(err) => {
            let err = server_error(Err::<(), _>(err), file);
            assert!(err.message().unwrap().message.is_failure(), "{file}");
        }
    }
}

/// An attachment's raw content, byte for byte.
pub(crate) fn check_content(c: &Value, r: &Response<'_>, file: &str) {
    let e = &c["expect"];
    let got = AttachmentContent::from_response(r).unwrap_or_else(|err| panic!("{file}: {err}"));
    if let Some(want) = e["raw_content_sha256"].as_str() {
        assert_eq!(sha(got.bytes), want, "{file}");
        assert_eq!(
            got.bytes.len() as u64,
            e["raw_content_size"].as_u64().unwrap(),
            "{file}"
        );
        // The uploaded file itself.
        if let Some(up) = e["sha256"].as_str() {
            assert_eq!(sha(got.bytes), up, "{file}");
        }
    }
    if e["body_kind"] == "empty" {
        assert!(got.bytes.is_empty(), "{file}");
        assert!(e["size"].as_u64().is_none_or(|s| s <= 1), "{file}");
    }
}
