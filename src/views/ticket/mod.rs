//! Ticket show, `…/new` templates, links, user,
//! queue and group.

mod links;
mod objects;
mod show;
mod template;

pub use links::{Links, Relation};
pub use objects::{Group, Queue, User};
pub use show::{Ticket, TicketList};
pub use template::Template;
