//! Encoded cases: hostile forms as the encoder writes them, and the values
//! it refuses written in the best layout there is.

use super::*;

/// One to three forms of hostile fields, the last one perhaps with a list,
/// as the encoder writes them; or, when the encoder refuses a value, perhaps
/// that value in the best layout there is. `None` when no form was accepted.
pub(super) fn encoded_case(rng: &mut Rng, stats: &mut [usize; 3]) -> Option<(String, Expect)> {
    let forms = 1 + usize::from(rng.below(4) == 0) * (1 + rng.below(2));
    let mut content = Content::new();
    let mut want = Vec::new();
    // The values must outlive the content.
    let values = hostile_forms(rng, forms);
    let lists = hostile_list(rng);
    for (fi, fields) in values.iter().enumerate() {
        let mut form = RequestForm::new();
        let mut w = Vec::new();
        if let Some(refused) = push_fields(rng, stats, fields, &mut form, &mut w) {
            return Some(refused);
        }
        if fi == values.len() - 1 {
            push_lists(stats, &lists, &mut form, &mut w);
        }
        if content.push(form).is_ok() {
            want.push(w);
        }
    }
    if want.is_empty() {
        return None;
    }
    stats[0] += 1;
    let text = String::from_utf8(content.to_bytes()).unwrap();
    assert_eq!(text.len(), content.encoded_len());
    Some((text, Expect::Encoded(want)))
}

/// `forms` forms of one to four (name, hostile value) pairs.
fn hostile_forms(rng: &mut Rng, forms: usize) -> Vec<Vec<(String, String)>> {
    let mut values: Vec<Vec<(String, String)>> = Vec::new();
    for _ in 0..forms {
        let n = 1 + rng.below(4);
        values.push(
            (0..n)
                .map(|_| (rng.pick(NAMES).to_owned(), hostile_value(rng)))
                .collect(),
        );
    }
    values
}

/// In one case of three, a list field of hostile items: `CF.{Multi}`
/// (quoted, read back with strip) or `Cc` (plain).
fn hostile_list(rng: &mut Rng) -> Vec<(String, Vec<String>, bool)> {
    let mut lists: Vec<(String, Vec<String>, bool)> = Vec::new();
    if rng.below(3) == 0 {
        let items: Vec<String> = (0..1 + rng.below(4)).map(|_| hostile_item(rng)).collect();
        let strip = rng.below(2) == 0;
        lists.push((
            if strip { "CF.{Multi}" } else { "Cc" }.to_owned(),
            items,
            strip,
        ));
    }
    lists
}

/// Pushes every field the encoder accepts into `form` and what RT must read
/// back into `w`, counting refused values in `stats[1]`. A value refused as
/// `LeadingLineFeed` or `AllLinesIndented` becomes, one time in four, the
/// whole case instead: returned, in the best layout there is.
fn push_fields<'v>(
    rng: &mut Rng,
    stats: &mut [usize; 3],
    fields: &'v [(String, String)],
    form: &mut RequestForm<'v>,
    w: &mut Vec<(String, Want)>,
) -> Option<(String, Expect)> {
    for (name, value) in fields {
        let Ok(n) = FieldName::try_from(name.as_str()) else {
            continue;
        };
        match FieldValue::new(value) {
            Ok(v) => {
                if form.push(n, v).is_ok() {
                    w.push((name.clone(), Want::Text(value.clone())));
                }
            }
            Err(EncodeError::Value { reason, .. }) => {
                stats[1] += 1;
                if matches!(
                    reason,
                    ValueError::LeadingLineFeed | ValueError::AllLinesIndented
                ) && rng.below(4) == 0
                {
                    return Some(refused_in_best_layout(name, value));
                }
            }
            Err(e) => panic!("{e}"),
        }
    }
    None
}

/// Writes a refused value in the best layout there is; RT must change it.
fn refused_in_best_layout(name: &str, value: &str) -> (String, Expect) {
    let mut text = format!("{name}:\n");
    for l in value.split('\n') {
        text.push(' ');
        text.push_str(l);
        text.push('\n');
    }
    (text, Expect::Refused(value.to_owned()))
}

/// Pushes the list fields the encoder accepts into `form` and their items
/// into `w`, counting refused lists in `stats[2]`.
fn push_lists<'v>(
    stats: &mut [usize; 3],
    lists: &'v [(String, Vec<String>, bool)],
    form: &mut RequestForm<'v>,
    w: &mut Vec<(String, Want)>,
) {
    for (name, items, strip) in lists {
        let v = if *strip {
            FieldValue::quoted_list(items)
        } else {
            FieldValue::plain_list(items)
        };
        match v {
            Ok(v) => {
                let n = FieldName::try_from(name.as_str()).unwrap();
                if form.push(n, v).is_ok() {
                    w.push((name.clone(), Want::Items(items.clone(), *strip)));
                }
            }
            Err(_) => stats[2] += 1,
        }
    }
}
