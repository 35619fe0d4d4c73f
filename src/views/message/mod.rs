//! The server's messages: `#` comment lines and plain-text
//! payloads classified into values, and RT's status codes as a typed error.
//!
//! Messages are matched on RT's fixed English texts only; a text that matches
//! no pattern is kept verbatim as [`Message::Other`], never dropped. Plain-text
//! payloads are looked up in the crate's one catalogue of them (the same table
//! the parser uses to tell them from forms); `#` comment lines are classified
//! here.
//!
//! | File | Contents |
//! |---|---|
//! | `variants.rs` | [`Message`] and its methods |
//! | `comment.rs` | [`classify_comment`]: `#` lines, by family of messages |
//! | `text.rs` | [`classify_text`]: plain-text payloads, through the catalogue |
//! | `notice.rs` | [`Notice`] and how the views collect them |
//! | `reply.rs` | [`Status`], [`Reply`], [`ServerError`] |

mod comment;
mod notice;
mod reply;
mod text;
mod variants;

pub use comment::classify_comment;
pub use notice::Notice;
pub(crate) use notice::{form_notices, offset_in, text_notice};
pub(crate) use reply::refusal;
pub use reply::{Reply, ServerError, Status};
pub use text::classify_text;
pub(crate) use text::trim_lf;
pub use variants::Message;

#[cfg(test)]
mod tests;
