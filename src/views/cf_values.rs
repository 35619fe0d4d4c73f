//! The values of a multi-value ticket custom field as RT prints them
//!: the exact inverse of RT's join, on the response side.
//!
//! `Forms/ticket/default` (the same code in RT 4.4 and 5.0; used by
//! `ticket/<n>/show`, `show?id=…` and `search/ticket` in formats `l` and `s`
//! with `fields=`) prints a ticket custom field as one scalar:
//!
//! * a single-value field: its value, unchanged;
//! * a multi-value field: each value that holds a comma wrapped in `'…'`
//!   with `\` and `'` escaped by a backslash, every other value unchanged,
//!   joined with `,` and no space.
//!
//! The inverse, for a multi-value field, is this grammar; where it allows two
//! readings the reader takes the one named in [`split_cf_values`]:
//!
//! ```text
//! printed = "" / value *( "," value )      ; "" is no values
//! value   = quoted / plain
//! quoted  = "'" *( qchar / "\" ( "\" / "'" ) ) "'"
//!                                           ; holds a ",", then "," or the end
//! qchar   = any character but "\" and "'"
//! plain   = *( any character but "," )      ; line feeds included
//! ```
//!
//! This is not RT's `vsplit`, which is what RT's server reads in a request
//! ([`crate::request::split_request_list`]): `vsplit` splits per line, trims
//! whitespace, takes `"…"` and `q{…}`, and unquotes `'x'`, none of which RT's
//! join produces or protects. Checked against RT's own join (the installed
//! `Forms/ticket/default`, RT 5.0 and 4.4) by `tests/oracle_cf_values.rs`.
//!
//! BE ADVISED: [`CfValue::is_quoted`] and [`CfValues::is_ambiguous`] describe
//! the one choice `quoted_len` makes; change them together.

use alloc::borrow::Cow;
use alloc::string::String;

/// Reads the values of a multi-value ticket custom field back from the text
/// RT printed for it (`CF.{Name}: …`, decoded): the exact inverse of RT's
/// join, borrowing from `printed`.
///
/// The reading is exact for every list of values except these, where RT
/// prints the same text for two lists:
///
/// * **A value without a comma that starts with `'`.** RT prints it
///   unchanged, so the values `'x` and `y'` print as `'x,y'`, which is also
///   how the single value `x,y` prints. The reader takes the text as a quoted
///   value whenever it is exactly what RT prints for a value with a comma: a
///   closing quote that is the first unescaped `'`, followed by `,` or the
///   end, only `\\` and `\'` escapes, and a comma inside. Then
///   [`CfValue::is_quoted`] is true and [`CfValues::is_ambiguous`] says so;
///   everything else has one reading (`'x'`, `'it's`, `'a\,b'` are plain
///   values, since RT would not have quoted them so).
/// * **No values and one empty value** both print as the empty text
///   (`CF.{Name}: `), read as no values, the usual case: REST 1.0 and the web
///   interface remove a value rather than store an empty one. RT's Perl API
///   does store one (`AddCustomFieldValue` with `""` adds a value without
///   content), and it prints as an empty item. [`CfValues::is_ambiguous`] is
///   true for the empty text. Empty values elsewhere have one reading and
///   are read as they stand: `,` is two empty values, `a,` is `a` and an
///   empty value.
/// * **A single-value field** prints its value unchanged, commas and quotes
///   included, and the response does not say whether a field takes one value
///   or many (`queue/<q>/ticketcustomfields?format=l` does:
///   `SingleValueFreeform`, `MultiValueSelect`, …). Read a single-value
///   field's value as it is ([`super::CustomField::value`]), not with this
///   function.
///
/// ```
/// use rt_wire::views::split_cf_values;
/// let printed = "alpha,'beta,gamma',it's,back\\slash,'x'";
/// let values: Vec<_> = split_cf_values(printed).map(|v| v.to_str()).collect();
/// assert_eq!(values, ["alpha", "beta,gamma", "it's", "back\\slash", "'x'"]);
/// // The values `'x` and `y'` print as the value `x,y` does: flagged.
/// let read = split_cf_values("'x,y'");
/// assert!(read.is_ambiguous());
/// assert_eq!(read.map(|v| v.to_str()).collect::<Vec<_>>(), ["x,y"]);
/// // No values, or one empty value: no values, flagged.
/// assert_eq!(split_cf_values("").count(), 0);
/// assert!(split_cf_values("").is_ambiguous());
/// assert_eq!(split_cf_values(" a , b").map(|v| v.printed()).collect::<Vec<_>>(), [" a ", " b"]);
/// ```
#[must_use]
pub fn split_cf_values(printed: &str) -> CfValues<'_> {
    CfValues {
        printed,
        rest: (!printed.is_empty()).then_some(printed),
    }
}

/// The values of a printed ticket custom field, in RT's order; see
/// [`split_cf_values`]. Allocates nothing.
#[derive(Clone, Debug)]
pub struct CfValues<'a> {
    printed: &'a str,
    /// The text from the start of the next value; `None` after the last.
    rest: Option<&'a str>,
}

impl<'a> CfValues<'a> {
    /// The whole printed text.
    #[must_use]
    pub fn printed(&self) -> &'a str {
        self.printed
    }

    /// Whether RT prints the same text for another list of values: true when
    /// a value is read as quoted ([`CfValue::is_quoted`]), since its text is
    /// also what RT prints for comma-free values the first of which starts
    /// with `'` and the last ends with `'`, and for the empty text (no values,
    /// or one empty value). False means that, for a multi-value field, this
    /// reading is the only list RT prints so; whether the field takes one
    /// value or many the text does not say (see [`split_cf_values`]). One
    /// pass over the text, no allocation.
    #[must_use]
    pub fn is_ambiguous(&self) -> bool {
        self.printed.is_empty() || split_cf_values(self.printed).any(|v| v.quoted)
    }
}

impl<'a> Iterator for CfValues<'a> {
    type Item = CfValue<'a>;

    fn next(&mut self) -> Option<CfValue<'a>> {
        let s = self.rest?;
        let (len, quoted) = match quoted_len(s) {
            Some(n) => (n, true),
            None => (memchr::memchr(b',', s.as_bytes()).unwrap_or(s.len()), false),
        };
        // Past the comma that ends the value; `None` when it ended the text.
        self.rest = s.get(len + 1..);
        Some(CfValue {
            printed: &s[..len],
            quoted,
        })
    }
}

impl core::iter::FusedIterator for CfValues<'_> {}

/// One value of a printed ticket custom field: its text as RT printed it,
/// unescaped on demand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CfValue<'a> {
    printed: &'a str,
    quoted: bool,
}

impl<'a> CfValue<'a> {
    /// The value as RT printed it: the quotes and escapes of a quoted value
    /// included.
    #[must_use]
    pub fn printed(&self) -> &'a str {
        self.printed
    }

    /// Whether the value was read as quoted: RT quotes exactly the values
    /// that hold a comma, and this text is also what it prints for several
    /// comma-free values the first of which starts with `'` (see
    /// [`split_cf_values`]).
    #[must_use]
    pub fn is_quoted(&self) -> bool {
        self.quoted
    }

    /// The value when it needs no unescaping (a plain value, or a quoted one
    /// without `\`), without copying.
    #[must_use]
    pub fn as_str(&self) -> Option<&'a str> {
        let inner = self.inner();
        (!self.quoted || !inner.contains('\\')).then_some(inner)
    }

    /// The value: quotes removed and `\\`, `\'` unescaped for a quoted
    /// value; a plain value as printed.
    #[must_use]
    pub fn to_str(&self) -> Cow<'a, str> {
        if let Some(s) = self.as_str() {
            return Cow::Borrowed(s);
        }
        let inner = self.inner();
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            // A quoted value holds `\` only before `\` or `'` (`quoted_len`).
            out.push(if c == '\\' {
                chars.next().unwrap_or(c)
            } else {
                c
            });
        }
        Cow::Owned(out)
    }

    /// The text between the quotes of a quoted value, else the whole value.
    fn inner(&self) -> &'a str {
        if self.quoted {
            &self.printed[1..self.printed.len() - 1]
        } else {
            self.printed
        }
    }
}

/// `quoted` (see the module grammar) at the start of `s`, followed by `,` or
/// the end of `s`: its length, quotes included.
///
/// The closing quote is the first `'` not escaped, as in RT's escaping; the
/// text is quoted only if RT would have quoted it, i.e. it holds a comma.
fn quoted_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.first() != Some(&b'\'') {
        return None;
    }
    let mut at = 1;
    let mut comma = false;
    loop {
        let special = at + memchr::memchr2(b'\\', b'\'', &b[at..])?;
        comma = comma || memchr::memchr(b',', &b[at..special]).is_some();
        if b[special] == b'\'' {
            let end = special + 1;
            return (comma && matches!(b.get(end), None | Some(b','))).then_some(end);
        }
        match b.get(special + 1) {
            Some(b'\\' | b'\'') => at = special + 2,
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::split_cf_values;
    use alloc::string::String;
    use alloc::vec::Vec;

    /// RT's join as the reference describes it (the model the oracle test checks
    /// against RT's own code).
    fn join(values: &[&str]) -> String {
        let quoted: Vec<String> = values
            .iter()
            .map(|v| {
                if v.contains(',') {
                    alloc::format!("'{}'", v.replace('\\', "\\\\").replace('\'', "\\'"))
                } else {
                    String::from(*v)
                }
            })
            .collect();
        quoted.join(",")
    }

    fn read(printed: &str) -> Vec<String> {
        split_cf_values(printed)
            .map(|v| v.to_str().into_owned())
            .collect()
    }

    /// Lists with one reading come back exactly, unflagged unless quoted.
    #[test]
    fn known_answers() {
        let lists: &[&[&str]] = &[
            &[
                "alpha",
                "beta,gamma",
                "it's",
                "back\\slash",
                "say \"hi\", twice",
            ],
            &["a"],
            &["a,b"],
            &["'x'"],
            &["'it's", "y"],
            &["'a\\", "b'"],
            &["q{a}b}", " c"],
            &["q{}", "q{0}"],
            &["back\\slash"],
            &["'back\\slash'"],
            &["it's, you\\'re"],
            &["", ""],
            &["a", ""],
            &["", "a"],
            &[" lead", "trail ", " "],
            &["line 1\nline 2", "x,\ny"],
            &["ünï,cödé", "日本"],
            &["\"a,b\"", "\"c\""],
            &["'", "''", "'''", "\\"],
            &[",", ",,", "',"],
        ];
        for values in lists {
            let printed = join(values);
            assert_eq!(read(&printed), *values, "{printed:?}");
            let quoted = values.iter().any(|v| v.contains(','));
            assert_eq!(
                split_cf_values(&printed).is_ambiguous(),
                quoted,
                "{printed:?}"
            );
        }
    }

    /// RT prints the same text for two lists: the reader's choice, flagged.
    #[test]
    fn ambiguous() {
        // A comma-free value starting with `'` before one ending with `'`.
        assert_eq!(join(&["'x", "y'"]), join(&["x,y"]));
        assert_eq!(read("'x,y'"), ["x,y"]);
        assert!(split_cf_values("'x,y'").is_ambiguous());
        assert_eq!(join(&["'a", "b'", "c"]), "'a,b',c");
        assert_eq!(read("'a,b',c"), ["a,b", "c"]);
        // Not quoted as RT quotes: a single reading, unflagged.
        for printed in ["'x'", "'x,y'z", "'a\\,b'", "'a,b", "a,'b", "'a''"] {
            assert!(!split_cf_values(printed).is_ambiguous(), "{printed:?}");
        }
        assert_eq!(read("'x,y'z"), ["'x", "y'z"]);
        assert_eq!(read("'a\\,b'"), ["'a\\", "b'"]);
        // No values and one empty value: no values.
        assert_eq!(join(&[]), join(&[""]));
        assert!(read("").is_empty());
        assert!(split_cf_values("").is_ambiguous());
        assert_eq!(read(","), ["", ""]);
        assert!(!split_cf_values(",").is_ambiguous());
        // A single-value field holding a comma reads as two values.
        assert_eq!(read("a,b"), ["a", "b"]);
    }

    #[test]
    fn borrows() {
        let printed = "plain,'a,b','it\\'s, x'";
        let v: Vec<_> = split_cf_values(printed).collect();
        assert_eq!(v[0].as_str(), Some("plain"));
        assert_eq!(v[1].as_str(), Some("a,b"));
        assert_eq!(v[1].printed(), "'a,b'");
        assert_eq!(v[2].as_str(), None);
        assert_eq!(v[2].to_str(), "it's, x");
        assert!(v[1].is_quoted() && !v[0].is_quoted());
        let it = split_cf_values(printed);
        assert_eq!(it.printed(), printed);
        let mut it = split_cf_values("a");
        assert!(it.next().is_some());
        assert!(it.next().is_none() && it.next().is_none());
    }
}
