//! `search/<type>` URLs.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::super::name::FieldName;
use super::url::{ObjectType, fields_param, query_param};

/// Output format of a search.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SearchFormat {
    /// `i`: `<type>/<id>` lines.
    Ids,
    /// `s`: `<id>: <subject or name>` lines (RT's default).
    Short,
    /// `l`: full forms.
    Long,
}

/// Sort direction of `orderby`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Order {
    /// `+field` (sent as `%2B`).
    Ascending,
    /// `-field`.
    Descending,
}

/// `search/<type>?query=…[&orderby=…][&format=…][&fields=…]`.
///
/// ```
/// use rt_wire::request::{Search, ObjectType, Order, SearchFormat, FieldName};
/// let url = Search::new(ObjectType::Ticket, "Queue = 'General' AND Status != 'resolved'")
///     .order_by(Order::Ascending, "Created")
///     .format(SearchFormat::Long)
///     .fields(vec![FieldName::try_from("Subject")?, FieldName::custom_field("Due Date")?])
///     .to_url();
/// assert_eq!(
///     url,
///     "search/ticket?query=Queue%20%3D%20%27General%27%20AND%20Status%20%21%3D%20%27resolved%27\
///      &orderby=%2BCreated&format=l&fields=Subject,CF.%7BDue%20Date%7D"
/// );
/// # Ok::<(), rt_wire::request::EncodeError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Search {
    kind: ObjectType,
    query: String,
    order_by: Option<(Option<Order>, String)>,
    format: Option<SearchFormat>,
    fields: Vec<FieldName>,
}

impl Search {
    /// A search of `kind` objects with `query` (TicketSQL for tickets).
    #[must_use]
    pub fn new(kind: ObjectType, query: impl Into<String>) -> Self {
        Search {
            kind,
            query: query.into(),
            order_by: None,
            format: None,
            fields: Vec::new(),
        }
    }

    /// `orderby=+field` / `-field`.
    #[must_use]
    pub fn order_by(mut self, order: Order, field: impl Into<String>) -> Self {
        self.order_by = Some((Some(order), field.into()));
        self
    }

    /// `orderby=field` (RT's default direction).
    #[must_use]
    pub fn order_by_default(mut self, field: impl Into<String>) -> Self {
        self.order_by = Some((None, field.into()));
        self
    }

    /// `format=i|s|l`.
    #[must_use]
    pub fn format(mut self, format: SearchFormat) -> Self {
        self.format = Some(format);
        self
    }

    /// `fields=a,b` (implies `format=l` on RT unless a format is given).
    #[must_use]
    pub fn fields(mut self, fields: Vec<FieldName>) -> Self {
        self.fields = fields;
        self
    }

    /// The URL.
    #[must_use]
    pub fn to_url(&self) -> String {
        let mut url = format!("search/{}", self.kind.as_str());
        query_param(&mut url, "query", &self.query);
        if let Some((order, field)) = &self.order_by {
            let prefix = match order {
                Some(Order::Ascending) => "+",
                Some(Order::Descending) => "-",
                None => "",
            };
            query_param(&mut url, "orderby", &format!("{prefix}{field}"));
        }
        if let Some(f) = self.format {
            let f = match f {
                SearchFormat::Ids => "i",
                SearchFormat::Short => "s",
                SearchFormat::Long => "l",
            };
            query_param(&mut url, "format", f);
        }
        fields_param(&mut url, &self.fields);
        url
    }
}
