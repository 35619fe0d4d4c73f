//! Typed builders for RT's REST 1.0 endpoints (spec §8, §9): write requests
//! as (path, `content`, files), read requests as URLs.
//!
//! Paths are relative to `<WebPath>/REST/1.0/`.

#[macro_use]
mod fields;
mod object;
pub mod read;
mod search;
#[cfg(test)]
mod tests;
mod ticket;
mod url;
mod write_request;

pub use object::{MultiEdit, ObjectEdit};
pub use search::{Order, Search, SearchFormat};
pub use ticket::{LinksEdit, TakeAction, TicketComment, TicketCreate, TicketEdit, merge, take};
pub use url::ObjectType;
pub use write_request::{Body, WriteRequest, logout};
