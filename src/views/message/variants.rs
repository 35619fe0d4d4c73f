//! The [`Message`] enum: every server message RT sends, classified.

/// One server message, classified. Texts are borrowed from the
/// response; ids and names are kept as printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Message<'a> {
    /// `# <Kind> <id> created.` (`Ticket`, `User`, `Queue`, `Group`).
    Created {
        /// The object type as printed (`Ticket`).
        object: &'a str,
        /// The new object's id.
        id: &'a str,
    },
    /// `# <Kind> <id> updated.`
    Updated {
        /// The object type as printed.
        object: &'a str,
        /// The id as given in the request.
        id: &'a str,
    },
    /// `# <Kind> <id> does not exist.` (`Ticket`, `User`, `Queue`, `Group`,
    /// `Attachment`).
    NotFound {
        /// The object type as printed.
        object: &'a str,
        /// The id as given in the request.
        id: &'a str,
    },
    /// `# No <kind> named <name> exists.`
    NoSuchName {
        /// The object type as printed (`user`, `queue`, `group`).
        object: &'a str,
        /// The name looked up.
        name: &'a str,
    },
    /// `# You are not allowed to <action> ticket <n>.` and
    /// `# You are not allowed to <Comment|Correspond> on ticket <n>.` (also
    /// plain, from the legacy `ticket/comment` and `ticket/merge`); the
    /// plain `Permission denied` of `search/user` (no action, no ticket).
    PermissionDenied {
        /// `display`, `modify`, `delete`, `Comment`, `Correspond`, or empty.
        action: &'a str,
        /// The ticket, or empty.
        ticket: &'a str,
    },
    /// `# Could not create <kind>.`, optionally followed by RT's reason on the
    /// same line (`# Could not create ticket. Queue not set`).
    CouldNotCreate {
        /// The object type as printed (`ticket`, `user`, …).
        object: &'a str,
        /// RT's reason, or empty.
        reason: &'a str,
    },
    /// `# Invalid custom field name (<name>)`: the field was ignored on create.
    InvalidCustomFieldName {
        /// The custom-field name.
        name: &'a str,
    },
    /// `# <key>: Unknown field.` (also `Unknown field` and
    /// `Unknown field: <key>` of the links form).
    UnknownField {
        /// The key, as RT printed it (usually lower-cased).
        key: &'a str,
    },
    /// `# <key>: Unknown custom field.`
    UnknownCustomField {
        /// The key, lower-cased by RT.
        key: &'a str,
    },
    /// `# <key>: <key> may have only one value.`
    OnlyOneValue {
        /// The key.
        key: &'a str,
    },
    /// `# <key>: <message>`: a setter or relation failed (`# Status: Status
    /// 'x' isn't a valid status …`, `# DependsOn: Ticket 999 does not exist.`).
    FieldError {
        /// The key.
        key: &'a str,
        /// RT's message (localised).
        message: &'a str,
    },
    /// `# Required: <keys>` of a `…/new` template.
    Required {
        /// The required keys, as printed (`id, Queue`).
        keys: &'a str,
    },
    /// `# Links for ticket <n> updated.`
    LinksUpdated {
        /// The ticket.
        ticket: &'a str,
    },
    /// `# <matched>/<total> (<args>/total)`: the header of a history listing.
    HistoryHeader {
        /// Transactions after filtering.
        matched: u64,
        /// All transactions of the ticket.
        total: u64,
        /// The path after `history` (`""`, `type/Comment`, `id/59`).
        args: &'a str,
    },
    /// `# Transaction <t> is not related to Ticket <n>`
    NotRelated {
        /// The transaction.
        transaction: &'a str,
        /// The ticket.
        ticket: &'a str,
    },
    /// `# Invalid attachment id: <a>`
    InvalidAttachmentId {
        /// The id as given.
        id: &'a str,
    },
    /// ``# Invalid action: `<Action>'.`` (plain from the legacy
    /// `ticket/comment`).
    InvalidAction {
        /// The action, capitalised by RT.
        action: &'a str,
    },
    /// `# Empty comment with no attachments submitted.` (also plain).
    EmptyComment,
    /// `# No attachment for <name>` (also plain).
    NoAttachment {
        /// The attachment name that was not uploaded.
        name: &'a str,
    },
    /// `# Comments added`
    CommentAdded,
    /// `# Correspondence added`
    CorrespondenceAdded,
    /// `# Owner changed from <a> to <b>` (take, steal, untake).
    OwnerChanged {
        /// Previous owner.
        from: &'a str,
        /// New owner.
        to: &'a str,
    },
    /// A refused take/steal/untake (`That user already owns that ticket`,
    /// `You already own this ticket`, `You can only steal a ticket owned by
    /// someone else`).
    TakeRefused {
        /// RT's message.
        message: &'a str,
    },
    /// A status change reported after a comment or an edit (`# You can't
    /// change status from 'open' to 'open'.`, `# Status changed from 'new' to
    /// 'open'`; RT core messages, localised).
    StatusMessage {
        /// RT's message.
        message: &'a str,
    },
    /// `# Merge completed.`
    MergeCompleted,
    /// `# Could not complete the merge.`
    MergeFailed,
    /// Legacy `ticket/link`: `<RT message> Created link <a> <Rel> <b>` or
    /// `… Deleted link …`.
    LinkChanged {
        /// Whether the link was created (else deleted).
        created: bool,
        /// The base ticket.
        base: &'a str,
        /// The relation.
        relation: &'a str,
        /// The target.
        target: &'a str,
        /// RT's own message before it (localised), possibly empty.
        message: &'a str,
    },
    /// Legacy `ticket/link`: `Invalid link: '<rel>'.`
    InvalidLink {
        /// The relation.
        relation: &'a str,
    },
    /// Legacy components: `Invalid ticket id: '<id>'.` (after the request
    /// path on a line of its own), ``Invalid ticket id: `<id>'.``,
    /// `Couldn't load ticket id: '<id>'.` (also with `` ` ``),
    /// ``Different ids in URL (`…') and submitted form (`…').``,
    /// `The submitted form and URL specify different tickets.`
    InvalidTicketId {
        /// RT's text.
        message: &'a str,
    },
    /// `# Please set the queue name.`
    QueueNameRequired,
    /// `# Unknown object type: <type>`
    UnknownObjectType {
        /// The type.
        object: &'a str,
    },
    /// `# Objects of type <type> must be specified by numeric id.`
    NumericIdRequired {
        /// The type.
        object: &'a str,
    },
    /// `# Invalid object specification: '<spec>'`
    InvalidObjectSpec {
        /// The path as given.
        spec: &'a str,
    },
    /// `# Syntax error.`: RT could not parse the submitted form; the form is
    /// echoed with the rejected line marked `>>` (`echo-block`).
    SyntaxError {
        /// The echoed form: the fields read before the bad line, the bad line
        /// with its `>> ` mark and every later line, verbatim.
        echoed: &'a [u8],
        /// The `>>` part alone: the rejected line and what followed it.
        rejected: &'a [u8],
    },
    /// `# Please resubmit with errors corrected.` (multi-form edit).
    ResubmitWithErrors,
    /// `# No object ID specified.`
    NoObjectId,
    /// `# Invalid object ID: '<id>'`
    InvalidObjectId {
        /// The id, opaque (RT repeats the type oddly).
        id: &'a str,
    },
    /// `Invalid object ID specified: '<id>'` (400, `show?id=`).
    InvalidObjectIdSpecified {
        /// The id as given.
        id: &'a str,
    },
    /// `You may submit only one form to this object.`
    OneFormOnly,
    /// `No objects specified.`
    NoObjectsSpecified,
    /// `Invalid field specification: <fields>`
    InvalidFieldSpec {
        /// The `fields=` text.
        fields: &'a str,
    },
    /// `No matching results.` (search, format `s`): an empty result, not a
    /// failure.
    NoMatchingResults,
    /// `Unknown listing format: <f>. (Use i, s, or l.)`
    UnknownListingFormat {
        /// The format.
        format: &'a str,
    },
    /// `Invalid query: '<text>'.` (may span many lines, with a Perl stack).
    InvalidQuery {
        /// RT's error text inside the quotes.
        text: &'a str,
    },
    /// `Invalid operator specification: <op>`
    InvalidOperator {
        /// The operator.
        operator: &'a str,
    },
    /// `Invalid query specification: <query>` (reported under 200).
    InvalidQuerySpec {
        /// The query.
        query: &'a str,
    },
    /// `Unsupported object type.` (500, `search/<type>`).
    UnsupportedObjectType,
    /// `Your username or password is incorrect` (401).
    BadCredentials,
    /// `Use RT's login page to log in` (401): RT 5 refuses logins that do not
    /// come from its login page (`RestrictLoginReferrer`).
    LoginPageRequired,
    /// `Empty form submitted.` (legacy `ticket/comment`).
    EmptyForm,
    /// `Cannot modify <Queue|Group> CF definitions via REST` (no `#`).
    CannotModifyCustomFields {
        /// `Queue` or `Group`.
        object: &'a str,
    },
    /// A body that is not an envelope: Perl or Mason error text (`text-body`).
    ErrorText {
        /// The first line of the text.
        first_line: &'a [u8],
    },
    /// Any other text, verbatim (without the `# `).
    Other {
        /// The text.
        text: &'a [u8],
    },
}

impl Message<'_> {
    /// The variant's name in snake case (`created`, `not_found`, …), as used
    /// by `rt-wire parse --as message`.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Message::Created { .. } => "created",
            Message::Updated { .. } => "updated",
            Message::NotFound { .. } => "not_found",
            Message::NoSuchName { .. } => "no_such_name",
            Message::PermissionDenied { .. } => "permission_denied",
            Message::CouldNotCreate { .. } => "could_not_create",
            Message::InvalidCustomFieldName { .. } => "invalid_custom_field_name",
            Message::UnknownField { .. } => "unknown_field",
            Message::UnknownCustomField { .. } => "unknown_custom_field",
            Message::OnlyOneValue { .. } => "only_one_value",
            Message::FieldError { .. } => "field_error",
            Message::Required { .. } => "required",
            Message::LinksUpdated { .. } => "links_updated",
            Message::HistoryHeader { .. } => "history_header",
            Message::NotRelated { .. } => "not_related",
            Message::InvalidAttachmentId { .. } => "invalid_attachment_id",
            Message::InvalidAction { .. } => "invalid_action",
            Message::EmptyComment => "empty_comment",
            Message::NoAttachment { .. } => "no_attachment",
            Message::CommentAdded => "comment_added",
            Message::CorrespondenceAdded => "correspondence_added",
            Message::OwnerChanged { .. } => "owner_changed",
            Message::TakeRefused { .. } => "take_refused",
            Message::StatusMessage { .. } => "status_message",
            Message::MergeCompleted => "merge_completed",
            Message::MergeFailed => "merge_failed",
            Message::LinkChanged { .. } => "link_changed",
            Message::InvalidLink { .. } => "invalid_link",
            Message::InvalidTicketId { .. } => "invalid_ticket_id",
            Message::QueueNameRequired => "queue_name_required",
            Message::UnknownObjectType { .. } => "unknown_object_type",
            Message::NumericIdRequired { .. } => "numeric_id_required",
            Message::InvalidObjectSpec { .. } => "invalid_object_spec",
            Message::SyntaxError { .. } => "syntax_error",
            Message::ResubmitWithErrors => "resubmit_with_errors",
            Message::NoObjectId => "no_object_id",
            Message::InvalidObjectId { .. } => "invalid_object_id",
            Message::InvalidObjectIdSpecified { .. } => "invalid_object_id_specified",
            Message::OneFormOnly => "one_form_only",
            Message::NoObjectsSpecified => "no_objects_specified",
            Message::InvalidFieldSpec { .. } => "invalid_field_spec",
            Message::NoMatchingResults => "no_matching_results",
            Message::UnknownListingFormat { .. } => "unknown_listing_format",
            Message::InvalidQuery { .. } => "invalid_query",
            Message::InvalidOperator { .. } => "invalid_operator",
            Message::InvalidQuerySpec { .. } => "invalid_query_spec",
            Message::UnsupportedObjectType => "unsupported_object_type",
            Message::BadCredentials => "bad_credentials",
            Message::LoginPageRequired => "login_page_required",
            Message::EmptyForm => "empty_form",
            Message::CannotModifyCustomFields { .. } => "cannot_modify_custom_fields",
            Message::ErrorText { .. } => "error_text",
            Message::Other { .. } => "other",
        }
    }

    /// Whether the message reports a failure (including the failures RT
    /// reports under `200 Ok`). Unknown messages are not
    /// counted as failures.
    #[must_use]
    pub fn is_failure(&self) -> bool {
        !matches!(
            self,
            Message::Created { .. }
                | Message::Updated { .. }
                | Message::Required { .. }
                | Message::LinksUpdated { .. }
                | Message::HistoryHeader { .. }
                | Message::CommentAdded
                | Message::CorrespondenceAdded
                | Message::OwnerChanged { .. }
                | Message::MergeCompleted
                | Message::StatusMessage { .. }
                | Message::LinkChanged { .. }
                | Message::NoMatchingResults
                | Message::InvalidCustomFieldName { .. }
                | Message::Other { .. }
        )
    }

    /// The object id of `Created`, `Updated` and `NotFound`, as a number.
    #[must_use]
    pub fn id_number(&self) -> Option<u64> {
        match self {
            Message::Created { id, .. }
            | Message::Updated { id, .. }
            | Message::NotFound { id, .. } => id.parse().ok(),
            _ => None,
        }
    }
}
