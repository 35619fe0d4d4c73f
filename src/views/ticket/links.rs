//! Ticket links.

use alloc::vec::Vec;

use super::super::ViewError;
use super::super::record::{Record, collect, empty_body, shape};
use super::super::values::LinkTarget;
use crate::error::{ErrorKind, ParseError};
use crate::response::Response;

/// A link relation of `ticket/<n>/links`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Relation {
    /// `DependsOn`
    DependsOn,
    /// `DependedOnBy`
    DependedOnBy,
    /// `RefersTo`
    RefersTo,
    /// `ReferredToBy`
    ReferredToBy,
    /// `Members` (the legacy endpoint's `HasMember`)
    Members,
    /// `MemberOf`
    MemberOf,
}

impl Relation {
    /// All relations in RT's order.
    pub const ALL: [Relation; 6] = [
        Relation::DependsOn,
        Relation::DependedOnBy,
        Relation::RefersTo,
        Relation::ReferredToBy,
        Relation::Members,
        Relation::MemberOf,
    ];

    /// The key RT prints.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Relation::DependsOn => "DependsOn",
            Relation::DependedOnBy => "DependedOnBy",
            Relation::RefersTo => "RefersTo",
            Relation::ReferredToBy => "ReferredToBy",
            Relation::Members => "Members",
            Relation::MemberOf => "MemberOf",
        }
    }
}

/// The links of a ticket. Relations RT did not print are empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Links<'a> {
    record: Record<'a>,
}

impl<'a> Links<'a> {
    /// Reads the form `id: ticket/<n>/links`.
    ///
    /// # Errors
    /// [`ViewError::Server`] if RT refused (`# Ticket 999 does not exist.`);
    /// [`ViewError::Shape`] for another form.
    pub fn from_response(response: &Response<'a>) -> Result<Self, ViewError<'a>> {
        empty_body(response, "a links form")?;
        let c = collect(response)?;
        if let Some(e) = c.failure(response) {
            return Err(e);
        }
        for form in &c.forms {
            let record = Record::from_form(response.input(), form);
            if record
                .get("id")
                .and_then(|v| v.object_ref().ok())
                .is_some_and(|r| r.rest == Some("links"))
            {
                return Ok(Links { record });
            }
        }
        Err(c
            .any_failure(response)
            .unwrap_or_else(|| shape(response, 0, "a form with `id: ticket/<n>/links`").into()))
    }

    /// The ticket number of `id: ticket/<n>/links`.
    ///
    /// # Errors
    /// The id is not of that form.
    pub fn ticket(&self) -> Result<u64, ParseError> {
        let v = self.record.require("id")?;
        let r = v.object_ref()?;
        r.number().ok_or_else(|| {
            ParseError::view(
                self.record.input(),
                v.offset(),
                ErrorKind::Value,
                "a ticket number",
            )
        })
    }

    /// The targets of one relation.
    ///
    /// # Errors
    /// A URI that is not UTF-8.
    pub fn get(&self, relation: Relation) -> Result<Vec<LinkTarget<'a>>, ParseError> {
        let mut out = Vec::new();
        for v in self.record.get_all(relation.key()) {
            out.extend(v.links()?);
        }
        Ok(out)
    }

    /// The fields.
    #[must_use]
    pub fn record(&self) -> &Record<'a> {
        &self.record
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_response;

    #[test]
    fn links_section_9_6() {
        let body = b"RT/5.0.3 200 Ok\n\nid: ticket/6/links\nDependsOn: fsck.com-rt://vm/ticket/2, fsck.com-rt://vm/ticket/3\nRefersTo: http://example.com/x, fsck.com-rt://vm/ticket/1\nMembers: fsck.com-rt://vm/ticket/4\nMemberOf: fsck.com-rt://vm/ticket/5\n\n";
        let r = parse_response(body).unwrap();
        let l = Links::from_response(&r).unwrap();
        assert_eq!(l.ticket().unwrap(), 6);
        let d: Vec<_> = l
            .get(Relation::DependsOn)
            .unwrap()
            .iter()
            .map(|t| t.ticket())
            .collect();
        assert_eq!(d, [Some(2), Some(3)]);
        assert_eq!(
            l.get(Relation::RefersTo).unwrap()[0],
            LinkTarget::Uri("http://example.com/x")
        );
        assert!(l.get(Relation::DependedOnBy).unwrap().is_empty());
    }
}
