//! The custom fields and templates the suite relies on.

use crate::*;

/// The custom fields the suite writes exist (scripts/rt-live-setup.sh).
pub(crate) fn custom_fields_present(live: &mut Live) {
    let path = read::queue_custom_fields("General", true, false).unwrap();
    let body = live.read(&path);
    let r = parse_response_with(&body, &ParseOptions::new().key_split(KeySplit::Last))
        .unwrap_or_else(|e| panic!("{e}\n{}", lossy(&body)));
    let names: BTreeSet<String> = r
        .forms()
        .flat_map(|f| f.fields().map(|x| lossy(x.key())).collect::<Vec<String>>())
        .collect();
    for cf in [
        "Single Line",
        "Multi Select",
        "Notes Text",
        "Colon: Field",
        "Braces {x} (y)",
        "Ünïcode Feld",
    ] {
        check!(
            live,
            names.contains(cf),
            "custom field {cf:?} missing in queue General: run scripts/rt-live-setup.sh \
             against this server first\n{}",
            lossy(&body)
        );
    }
}

/// `ticket/new`, `user/new`, `queue/new`, `group/new` templates, and the
/// custom fields of queue General itself.
pub(crate) fn templates_and_fields(live: &mut Live) {
    templates(live);
    let path = read::queue_custom_fields("General", false, true).unwrap();
    let body = live.read(&path);
    let r = parse_response_with(&body, &ParseOptions::new().key_split(KeySplit::Last))
        .unwrap_or_else(|e| panic!("{e}\n{}", lossy(&body)));
    let form = r.forms().next().expect("a form");
    let f = form
        .fields()
        .find(|f| f.key() == "Queue Note (queue note)".as_bytes())
        .unwrap_or_else(|| panic!("{}", lossy(&body)));
    check_eq!(
        live,
        lossy(&f.value().to_bytes()),
        "SingleValueFreeform",
        "{}",
        lossy(&body)
    );
}

/// `ticket/new`, `user/new`, `queue/new`, `group/new` templates.
fn templates(live: &mut Live) {
    for (kind, required) in [
        (None, vec!["id", "Queue"]),
        (Some(ObjectType::User), vec!["Name", "EmailAddress"]),
        (Some(ObjectType::Queue), vec!["Name"]),
        (Some(ObjectType::Group), vec!["Name"]),
    ] {
        let path = kind.map_or_else(read::ticket_template, read::template);
        let body = live.read(&path);
        let t = view(Template::from_response(&object(&body)), &body);
        let want = kind.map_or("ticket", ObjectType::as_str);
        check_eq!(live, t.kind(), Some(want), "{path}");
        check_eq!(live, t.required, required, "{path}\n{}", lossy(&body));
    }
}
