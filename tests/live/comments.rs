//! Comments with files and a reply in HTML.

use crate::*;

/// One uploaded file and where RT put it.
pub(crate) struct Uploaded {
    pub(crate) name: String,
    pub(crate) content_type: &'static str,
    pub(crate) bytes: Vec<u8>,
}

/// The text of the comment.
pub(crate) const COMMENT: &str = "Comment ✓\n\n   three-space indent\n# x\n--\nKey: value";

/// The time worked the comment reports, in minutes.
pub(crate) const COMMENT_MINUTES: u32 = 5;

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
    let mut req = TicketComment::comment(a, COMMENT).time_worked(COMMENT_MINUTES);
    for u in &uploads {
        req = req.attachment(Upload::new(u.name.as_str(), u.content_type, &u.bytes[..]).unwrap());
    }
    let req = req.build().expect("the encoder builds the comment");
    live.write_says(&req, &[Message::CommentAdded]);

    // A file name with a comma cannot be listed in `Attachment:`. The
    // encoder refuses it before RT sees it: asserted, not counted.
    let comma = Upload::new("a,b.txt", "text/plain", &b"x"[..]).unwrap();
    let refused = TicketComment::comment(a, "never sent")
        .attachment(comma)
        .build();
    assert_eq!(
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
    live.write_says(&req, &[Message::CorrespondenceAdded]);
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
