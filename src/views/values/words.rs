//! Ticket statuses and transaction types: known words, and any other word
//! verbatim.

use core::fmt;

macro_rules! word_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )* }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name<'a> {
            $( $(#[$vmeta])* $variant, )*
            /// Any other word, verbatim.
            Other(&'a str),
        }

        impl<'a> $name<'a> {
            /// Classifies `text`; unknown words are kept verbatim.
            #[must_use]
            pub fn parse(text: &'a str) -> Self {
                match text {
                    $( $text => $name::$variant, )*
                    other => $name::Other(other),
                }
            }

            /// The text as RT prints it.
            #[must_use]
            pub fn as_str(&self) -> &'a str {
                match *self {
                    $( $name::$variant => $text, )*
                    $name::Other(s) => s,
                }
            }
        }

        impl fmt::Display for $name<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $name<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

word_enum! {
    /// A ticket status. Sites define their own lifecycles; their
    /// statuses are kept verbatim in [`TicketStatus::Other`].
    TicketStatus {
        /// `new`
        New = "new",
        /// `open`
        Open = "open",
        /// `stalled`
        Stalled = "stalled",
        /// `resolved`
        Resolved = "resolved",
        /// `rejected`
        Rejected = "rejected",
        /// `deleted`
        Deleted = "deleted",
    }
}

word_enum! {
    /// A transaction type (`Type` of a history entry).
    TransactionType {
        /// `Create`
        Create = "Create",
        /// `CustomField`
        CustomField = "CustomField",
        /// `EmailRecord`
        EmailRecord = "EmailRecord",
        /// `Status`
        Status = "Status",
        /// `CommentEmailRecord`
        CommentEmailRecord = "CommentEmailRecord",
        /// `Correspond`
        Correspond = "Correspond",
        /// `Comment`
        Comment = "Comment",
        /// `Priority`
        Priority = "Priority",
        /// `Give`
        Give = "Give",
        /// `Steal`
        Steal = "Steal",
        /// `Take`
        Take = "Take",
        /// `Untake`
        Untake = "Untake",
        /// `AddWatcher`
        AddWatcher = "AddWatcher",
        /// `DeleteWatcher`
        DeleteWatcher = "DeleteWatcher",
        /// `AddLink`
        AddLink = "AddLink",
        /// `DeleteLink`
        DeleteLink = "DeleteLink",
        /// `AddReminder`
        AddReminder = "AddReminder",
        /// `OpenReminder`
        OpenReminder = "OpenReminder",
        /// `ResolveReminder`
        ResolveReminder = "ResolveReminder",
        /// `Set`
        Set = "Set",
        /// `Force`
        Force = "Force",
        /// `Subject`
        Subject = "Subject",
        /// `Told`
        Told = "Told",
        /// `PurgeTransaction`
        PurgeTransaction = "PurgeTransaction",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(TicketStatus::parse("open"), TicketStatus::Open);
        assert_eq!(
            TicketStatus::parse("waiting"),
            TicketStatus::Other("waiting")
        );
        assert_eq!(TicketStatus::parse("waiting").as_str(), "waiting");
        assert_eq!(TransactionType::parse("AddLink"), TransactionType::AddLink);
        assert_eq!(
            TransactionType::parse("SetWatcher"),
            TransactionType::Other("SetWatcher")
        );
    }
}
