//! User, queue and group.

use alloc::vec::Vec;

use super::super::ViewError;
use super::super::record::{CustomField, RawValue, Record, collect, empty_body, shape};
use crate::error::ParseError;
use crate::response::Response;

macro_rules! object_view {
    ($(#[$meta:meta])* $name:ident, $kind:literal) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $name<'a> {
            record: Record<'a>,
        }

        impl<'a> $name<'a> {
            #[doc = concat!("Reads the form `id: ", $kind, "/<n>`.")]
            ///
            /// # Errors
            /// [`ViewError::Server`] if RT refused or reported a failure
            /// (`# No … named … exists.` comes with an `id` form and is still a
            /// failure); [`ViewError::Shape`] for another form.
            pub fn from_response(response: &Response<'a>) -> Result<Self, ViewError<'a>> {
                empty_body(response, concat!("a ", $kind, " form"))?;
                let c = collect(response)?;
                if let Some(e) = c.any_failure(response) {
                    return Err(e);
                }
                for form in &c.forms {
                    let record = Record::from_form(response.input(), form);
                    if record
                        .get("id")
                        .and_then(|v| v.object_ref().ok())
                        .is_some_and(|r| r.kind == $kind && r.rest.is_none())
                    {
                        return Ok($name { record });
                    }
                }
                Err(shape(response, 0, concat!("a form with `id: ", $kind, "/<n>`")).into())
            }

            #[doc = concat!("The number of `id: ", $kind, "/<n>`.")]
            ///
            /// # Errors
            /// The id is not numeric.
            pub fn id(&self) -> Result<u64, ParseError> {
                self.record.id_number($kind)
            }

            /// `Name`.
            #[must_use]
            pub fn name(&self) -> Option<RawValue<'a>> {
                self.record.get("Name")
            }

            /// `Disabled` (`1`/`0`).
            ///
            /// # Errors
            /// Not a number.
            pub fn disabled(&self) -> Result<Option<bool>, ParseError> {
                Ok(self.record.number("Disabled")?.map(|n| n != 0))
            }

            /// The custom fields (`CF-<Name>` lists).
            pub fn custom_fields(&self) -> impl Iterator<Item = CustomField<'a>> + '_ {
                self.record.custom_fields()
            }

            /// The fields.
            #[must_use]
            pub fn record(&self) -> &Record<'a> {
                &self.record
            }
        }
    };
}

object_view!(
    /// A user (`user/<id|name|email>`). Only non-empty attributes
    /// are shown unless `format=l`.
    User,
    "user"
);
object_view!(
    /// A queue (`queue/<id|name>`).
    Queue,
    "queue"
);
object_view!(
    /// A group (`group/<id>`). `Members` only with
    /// `fields=members`.
    Group,
    "group"
);

impl<'a> User<'a> {
    /// `EmailAddress`.
    #[must_use]
    pub fn email_address(&self) -> Option<RawValue<'a>> {
        self.record.get("EmailAddress")
    }

    /// `RealName`.
    #[must_use]
    pub fn real_name(&self) -> Option<RawValue<'a>> {
        self.record.get("RealName")
    }

    /// `Privileged` (`1`/`0`; empty in a `format=l` show of an unprivileged
    /// user).
    ///
    /// # Errors
    /// Not a number.
    pub fn privileged(&self) -> Result<Option<bool>, ParseError> {
        Ok(self.record.number("Privileged")?.map(|n| n != 0))
    }
}

impl<'a> Queue<'a> {
    /// `Description`.
    #[must_use]
    pub fn description(&self) -> Option<RawValue<'a>> {
        self.record.get("Description")
    }
}

impl<'a> Group<'a> {
    /// `Description`.
    #[must_use]
    pub fn description(&self) -> Option<RawValue<'a>> {
        self.record.get("Description")
    }

    /// `Members` (`RealName <email>` and `GROUP [name] (…)` items), only
    /// present with `fields=members`.
    #[must_use]
    pub fn members(&self) -> Vec<&'a [u8]> {
        self.record.items("Members")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_response;

    #[test]
    fn user_queue_group_section_9_16() {
        let body = b"RT/5.0.3 200 Ok\n\nid: user/14\nPassword: ********\nName: root\nEmailAddress: root@localhost\nPrivileged: 1\nDisabled: 0\nCF-Dept: Sales, Support\n\n";
        let r = parse_response(body).unwrap();
        let u = User::from_response(&r).unwrap();
        assert_eq!(u.id().unwrap(), 14);
        assert_eq!(u.privileged().unwrap(), Some(true));
        assert_eq!(u.disabled().unwrap(), Some(false));
        let cf = u.custom_fields().next().unwrap();
        assert_eq!(cf.values().unwrap(), ["Sales", "Support"]);
        let r = parse_response(b"RT/5.0.3 200 Ok\n\n# No user named x exists.\n\nid: user/x\n\n")
            .unwrap();
        assert!(matches!(User::from_response(&r), Err(ViewError::Server(_))));
        let r = parse_response(b"RT/5.0.3 200 Ok\n\nid: queue/1\nName: General\n\n").unwrap();
        assert!(matches!(User::from_response(&r), Err(ViewError::Shape(_))));
        assert_eq!(Queue::from_response(&r).unwrap().id().unwrap(), 1);
        let body = b"RT/5.0.3 200 Ok\n\nid: group/27\nName: Staff\nMembers: Enoch Root <root@localhost>, <x@y>\n\n";
        let r = parse_response(body).unwrap();
        let g = Group::from_response(&r).unwrap();
        assert_eq!(g.members(), [&b"Enoch Root <root@localhost>"[..], b"<x@y>"]);
    }
}
