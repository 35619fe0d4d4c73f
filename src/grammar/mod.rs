//! The grammar of RT's responses, one function per production
//! (`docs/grammar.md` names each production and the function that reads it).
//!
//! * `lexer`: `line` and `line-kind`, the only loop over the bytes.
//! * `field`: `key-line`, `continuation-line`, `field`.
//! * `form`: `form`, `comment-block`, `echo-block`, `separator`,
//!   `payload-end`.
//! * `envelope`: `next-envelope`, `empty-listing`, `plain-message`.
//! * `machine`: `body`, `envelope`, `payload`, `text-payload`: the one driver,
//!   shared by the one-shot parser and the streaming reader.
//!
//! The status line is read by `status_line` (`status.rs`); the history
//! header and the attachment-listing item by the views that read them.

pub(crate) mod envelope;
pub(crate) mod field;
pub(crate) mod form;
pub(crate) mod lexer;
pub(crate) mod machine;
