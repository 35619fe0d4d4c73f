//! rt-wire's HTTP client against a live RT (`RT_URL`, `RT_USER`, `RT_PASS`):
//! a comment with a file on ticket 1, its long history, the file back.
use anyhow::{Context, Result, ensure};
use rt_wire::client::Client;
use rt_wire::request::{Attachment, TicketComment, read};

fn main() -> Result<()> {
    let rt = Client::from_env()?;
    let name = format!("quickstart-{}.txt", std::process::id());
    let sent = b"Hello from rt-wire.\n  indented\n--\nnot a separator\n";
    let file = Attachment::new(name.as_str(), "text/plain", &sent[..])?;
    let comment = TicketComment::comment(1, "A comment with a file.").attachment(file);
    let reply = rt.send(&comment.build()?)?; // a multipart write: RT's typed reply
    for notice in &reply.view().messages {
        println!("comment: {:?}", notice.message);
    }

    let history = rt.get(&read::TicketHistoryLong { id: 1 })?;
    let entries = &history.view().entries;
    println!("ticket 1: {} transactions", entries.len());
    let mut ours = None;
    for entry in entries {
        for a in entry.attachments()? {
            if a.name == name.as_bytes() {
                ours = Some(a.id);
            }
        }
    }
    let id = ours.context("the file is not in ticket 1's history")?;

    let content = rt.get(&read::AttachmentContent { id })?;
    let bytes = content.view().bytes;
    println!("attachment {id} ({name}): {} bytes", bytes.len());
    ensure!(bytes == sent, "attachment {id} is not the file sent");
    println!("the bytes are those sent");
    Ok(())
}
