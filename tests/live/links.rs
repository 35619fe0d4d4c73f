//! Ticket links.

use crate::tickets::Others;
use crate::*;

/// Depends-on, refers-to an external URL, member-of; read from both ends.
pub(crate) fn links(live: &mut Live, a: u64, o: &Others) {
    let external = format!("https://example.com/rt-wire/{}?q=1&r=%C3%BC", live.tag);
    set_links(live, a, o, &external);
    read_links_from_both_ends(live, a, o, &external);
    legacy_link_component(live, o);
    legacy_link_refusals(live, o);
}

/// The ticket numbers of link targets (`None` for a URI).
fn tickets(v: Vec<LinkTarget<'_>>) -> Vec<Option<u64>> {
    v.iter().map(|t| t.ticket()).collect::<Vec<_>>()
}

/// `ticket/<a>/links`: depends on `b`, refers to `external`, member of
/// `parent`.
fn set_links(live: &mut Live, a: u64, o: &Others, external: &str) {
    let req = LinksEdit::new(a)
        .depends_on([o.b.to_string()])
        .refers_to([external])
        .member_of([o.parent.to_string()])
        .build()
        .unwrap();
    let id = a.to_string();
    live.write_says(&req, &[Message::LinksUpdated { ticket: &id }]);
}

/// The links as `a` lists them, and as `parent` (long format) and `b` list
/// the other ends.
fn read_links_from_both_ends(live: &mut Live, a: u64, o: &Others, external: &str) {
    let body = live.read(&read::ticket_links(a, false));
    let l = view(Links::from_response(&object(&body)), &body);
    let b = lossy(&body);
    check_eq!(live, l.ticket().unwrap(), a, "{b}");
    sent_eq!(
        live,
        tickets(l.get(Relation::DependsOn).unwrap()),
        vec![Some(o.b)],
        "{b}"
    );
    sent_eq!(
        live,
        l.get(Relation::RefersTo).unwrap(),
        vec![LinkTarget::Uri(external)],
        "{b}"
    );
    sent_eq!(
        live,
        tickets(l.get(Relation::MemberOf).unwrap()),
        vec![Some(o.parent)],
        "{b}"
    );
    check!(live, l.get(Relation::Members).unwrap().is_empty(), "{b}");

    let body = live.read(&read::ticket_links(o.parent, true));
    let l = view(Links::from_response(&object(&body)), &body);
    let b = lossy(&body);
    // The other end of the `MemberOf` sent.
    sent_eq!(
        live,
        tickets(l.get(Relation::Members).unwrap()),
        vec![Some(a)],
        "{b}"
    );
    check!(live, l.get(Relation::DependsOn).unwrap().is_empty(), "{b}");
    check!(
        live,
        l.record().get("DependsOn").is_some(),
        "format=l lists empty relations\n{b}"
    );

    let body = live.read(&read::ticket_links(o.b, false));
    let l = view(Links::from_response(&object(&body)), &body);
    // The other end of the `DependsOn` sent.
    sent_eq!(
        live,
        tickets(l.get(Relation::DependedOnBy).unwrap()),
        vec![Some(a)],
        "{}",
        lossy(&body)
    );
}

/// The legacy component `ticket/link` (no `content`; plain-text answers).
fn legacy_link_component(live: &mut Live, o: &Others) {
    let (from, to) = (o.b.to_string(), o.parent.to_string());
    for del in [false, true] {
        let mut params = vec![
            ("id", from.as_str()),
            ("rel", "RefersTo"),
            ("to", to.as_str()),
        ];
        if del {
            params.push(("del", "1"));
        }
        let body = live.post_params("ticket/link", &params);
        let r = reply(&body);
        check!(
            live,
            matches!(
                messages(&r)[..],
                [Message::LinkChanged { created, base, relation: "RefersTo", target, .. }]
                    if created != del && base == from && target == to
            ),
            "{}",
            lossy(&body)
        );
        let body = live.read(&read::ticket_links(o.b, false));
        let l = view(Links::from_response(&object(&body)), &body);
        let refers = tickets(l.get(Relation::RefersTo).unwrap());
        let want = if del { vec![] } else { vec![Some(o.parent)] };
        sent_eq!(live, refers, want, "{}", lossy(&body));
    }
}

/// The refusals of `ticket/link` are plain text too (the catalogue of
/// src/catalogue.rs): read as text, never as a form with a field `Invalid link`.
fn legacy_link_refusals(live: &mut Live, o: &Others) {
    let (from, to) = (o.b.to_string(), o.parent.to_string());
    let refusals: [(&[(&str, &str)], Message<'_>); 3] = [
        (
            &[("id", &from), ("rel", "Bogus"), ("to", &to)],
            Message::InvalidLink { relation: "Bogus" },
        ),
        (
            &[("id", "abc"), ("rel", "RefersTo"), ("to", &to)],
            Message::InvalidTicketId {
                message: "Invalid ticket id: 'abc'.",
            },
        ),
        (
            &[("id", "999999"), ("rel", "RefersTo"), ("to", &to)],
            Message::InvalidTicketId {
                message: "Couldn't load ticket id: '999999'.",
            },
        ),
    ];
    for (params, want) in refusals {
        let body = live.post_params("ticket/link", params);
        let r = object(&body);
        check!(live, r.forms().next().is_none(), "{}", lossy(&body));
        check_eq!(
            live,
            messages(&reply(&body)),
            vec![want],
            "{}",
            lossy(&body)
        );
    }
}
