//! Attachments: the listing, one attachment and the
//! raw content.

mod content;
mod listing;
mod show;

pub use content::AttachmentContent;
pub use listing::{AttachmentItem, AttachmentList};
pub use show::{Attachment, Header, Original};
