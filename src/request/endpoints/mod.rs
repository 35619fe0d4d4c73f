//! Typed builders for RT's REST 1.0 endpoints: write requests
//! as (path, `content`, files), read requests as URLs.
//!
//! Paths are relative to `<WebPath>/REST/1.0/`. Every request is an
//! [`Endpoint`]: it names the view of its answer and the options to parse it.

mod endpoint;
#[macro_use]
mod fields;
mod object;
pub mod read;
mod read_types;
mod search;
#[cfg(test)]
mod tests;
mod ticket;
mod url;
mod write_request;

pub use endpoint::{Endpoint, ViewOf};
pub use object::{MultiEdit, ObjectEdit};
pub use search::{Order, Search, SearchFormat};
pub use ticket::{LinksEdit, TakeAction, TicketComment, TicketCreate, TicketEdit, merge, take};
pub use url::ObjectType;
pub use write_request::{Body, WriteRequest, logout};
