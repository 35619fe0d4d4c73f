//! Attachments: the listing (spec §9.7), one attachment (§9.8, §12.3) and the
//! raw content (§9.9).

mod content;
mod listing;
mod show;

pub use content::AttachmentContent;
pub use listing::{AttachmentItem, AttachmentList};
pub use show::{Attachment, Header, Original};
