//! Ticket show (spec §9.1), `…/new` templates (§9.2), links (§9.6), user,
//! queue and group (§9.16).

mod links;
mod objects;
mod show;
mod template;

pub use links::{Links, Relation};
pub use objects::{Group, Queue, User};
pub use show::{Ticket, TicketList};
pub use template::Template;
