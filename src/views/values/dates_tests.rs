use super::*;
use crate::error::ErrorKind;
use alloc::string::ToString;

fn user(text: &str) -> Stamp<UserZone> {
    parse_user_date(text.as_bytes())
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .at()
        .unwrap()
}

fn fields(s: &Stamp<UserZone>) -> alloc::string::String {
    s.local.to_string()
}

#[test]
fn dates_known_answers() {
    let d = DateTime {
        year: 2026,
        month: 11,
        day: 28,
        hour: 23,
        minute: 32,
        second: 46,
    };
    assert_eq!(
        parse_date(b"Sat Nov 28 23:32:46 2026").unwrap(),
        RtDate::At(d)
    );
    assert_eq!(parse_date(b"2026-11-28 23:32:46").unwrap(), RtDate::At(d));
    assert_eq!(parse_date(b"Not set").unwrap(), RtDate::NotSet);
    assert_eq!(
        parse_date(b"Thu Dec 04 10:00:00 2025")
            .unwrap()
            .at()
            .unwrap()
            .day,
        4
    );
    let e = parse_date(b"Sa 28. Nov").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Value);
    assert!(e.to_string().contains("`Sa 28. Nov`"), "{e}");
    assert!(e.to_string().contains("RFC2822"), "{e}");
    assert!(parse_date(b"2026-13-28 23:32:46").is_err());
    assert!(parse_date(b"2026-02-29 23:32:46").is_err());
    assert!(parse_date(b"2026-11-28 23:32:46 ").is_err());
    // A weekday that does not match the date is not RT's.
    assert!(parse_date(b"Fri Nov 28 23:32:46 2026").is_err());
    assert_eq!(d.to_string(), "2026-11-28 23:32:46");
    assert_eq!(d.weekday(), 6);
}

/// Texts RT prints, with the format, offset, precision and fields they read as.
const CASES: &[(&str, DateFormat, Option<i16>, Precision, &str)] = &[
    (
        "Mon Nov 30 05:02:46 2026",
        DateFormat::DefaultFormat,
        None,
        Precision::Second,
        "2026-11-30 05:02:46",
    ),
    (
        "Mon Nov 30 05:02 2026",
        DateFormat::DefaultFormat,
        None,
        Precision::Minute,
        "2026-11-30 05:02:00",
    ),
    (
        "Mon Nov 30 2026",
        DateFormat::DefaultFormat,
        None,
        Precision::Day,
        "2026-11-30 00:00:00",
    ),
    (
        "2026-11-30 05:02:46",
        DateFormat::Iso,
        None,
        Precision::Second,
        "2026-11-30 05:02:46",
    ),
    (
        "2026-11-30 05:02",
        DateFormat::Iso,
        None,
        Precision::Minute,
        "2026-11-30 05:02:00",
    ),
    (
        "2026-11-30",
        DateFormat::Iso,
        None,
        Precision::Day,
        "2026-11-30 00:00:00",
    ),
    (
        "2026-11-30T05:02:46+05:30",
        DateFormat::W3cdtf,
        Some(330),
        Precision::Second,
        "2026-11-30 05:02:46",
    ),
    (
        "2026-11-30T05:02-03:00",
        DateFormat::W3cdtf,
        Some(-180),
        Precision::Minute,
        "2026-11-30 05:02:00",
    ),
    (
        "2026-11-30T05:02:46Z",
        DateFormat::W3cdtf,
        Some(0),
        Precision::Second,
        "2026-11-30 05:02:46",
    ),
    (
        "Mon, 30 Nov 2026 05:02:46 +0530",
        DateFormat::Rfc2822,
        Some(330),
        Precision::Second,
        "2026-11-30 05:02:46",
    ),
    (
        "Mon, 30 Nov 2026 05:02 -0100",
        DateFormat::Rfc2822,
        Some(-60),
        Precision::Minute,
        "2026-11-30 05:02:00",
    ),
    (
        "30 Nov 2026 05:02:46 +0000",
        DateFormat::Rfc2822,
        Some(0),
        Precision::Second,
        "2026-11-30 05:02:46",
    ),
    (
        "Mon, 30 Nov 2026",
        DateFormat::Rfc2822,
        None,
        Precision::Day,
        "2026-11-30 00:00:00",
    ),
    (
        "Sun, 29 Nov 2026 23:32:46 GMT",
        DateFormat::Rfc2616,
        Some(0),
        Precision::Second,
        "2026-11-29 23:32:46",
    ),
    (
        "20261129T233246Z",
        DateFormat::ICal,
        Some(0),
        Precision::Second,
        "2026-11-29 23:32:46",
    ),
    (
        "20261130",
        DateFormat::ICal,
        None,
        Precision::Day,
        "2026-11-30 00:00:00",
    ),
    (
        "Mon, Nov 30, 2026 5:02:46 AM",
        DateFormat::LocalizedDateTime,
        None,
        Precision::Second,
        "2026-11-30 05:02:46",
    ),
    (
        "Mon, Nov 30, 2026 12:02:46 AM",
        DateFormat::LocalizedDateTime,
        None,
        Precision::Second,
        "2026-11-30 00:02:46",
    ),
    (
        "Mon, Nov 30, 2026 12:02:46 PM",
        DateFormat::LocalizedDateTime,
        None,
        Precision::Second,
        "2026-11-30 12:02:46",
    ),
    (
        "2026年11月30日月 0:32:46",
        DateFormat::LocalizedDateTime,
        None,
        Precision::Second,
        "2026-11-30 00:32:46",
    ),
    (
        "Mo 30. Nov 00:32:46 2026",
        DateFormat::DefaultFormat,
        None,
        Precision::Second,
        "2026-11-30 00:32:46",
    ),
    (
        "ma 30.11. 2026 05:02:46",
        DateFormat::DefaultFormat,
        None,
        Precision::Second,
        "2026-11-30 05:02:46",
    ),
    (
        "Mar 15 Fév 2005 08:58:59",
        DateFormat::DefaultFormat,
        None,
        Precision::Second,
        "2005-02-15 08:58:59",
    ),
    (
        "2026-十一月-30 00:32:46 星期一",
        DateFormat::DefaultFormat,
        None,
        Precision::Second,
        "2026-11-30 00:32:46",
    ),
];

#[test]
fn every_fixed_format() {
    let cases = CASES;
    for &(text, format, offset, precision, local) in cases {
        let s = user(text);
        assert_eq!(
            (s.format, s.offset, s.precision),
            (format, offset, precision),
            "{text}"
        );
        assert_eq!(fields(&s), local, "{text}");
    }
    assert_eq!(
        user("2026-11-30T05:02:46+05:30").unix(),
        Some(1_795_995_166)
    );
    assert_eq!(
        user("Sun, 29 Nov 2026 23:32:46 GMT").unix(),
        Some(1_795_995_166)
    );
}

#[test]
fn not_set_words_and_refusals() {
    for w in [
        "Not set",
        "Nicht angegeben",
        "未指定",
        "Не установлено",
        "تنظیم نشده",
    ] {
        assert_eq!(parse_user_date(w.as_bytes()).unwrap(), When::NotSet, "{w}");
    }
    for bad in [
        "",
        " ",
        "T233246Z",
        "05:02:46",
        "2026",
        "Mon Nov 30 05:02:46 2026 1",
    ] {
        assert!(parse_user_date(bad.as_bytes()).is_err(), "{bad:?}");
    }
    assert!(parse_user_date(b"\xff").is_err());
}

#[test]
fn utc_dates_are_sql_only() {
    let w = parse_utc_date(b"2026-11-29 23:32:46")
        .unwrap()
        .at()
        .unwrap();
    assert_eq!((w.format, w.offset), (DateFormat::Sql, Some(0)));
    assert_eq!(w.unix(), Some(1_795_995_166));
    assert!(parse_utc_date(b"Not set").is_err());
    assert!(parse_utc_date(b"2026-11-29").is_err());
    let e = parse_utc_date(b"Sun Nov 29 2026").unwrap_err();
    assert!(e.to_string().contains("SQL"), "{e}");
}

#[test]
fn days_since_epoch_matches_known_days() {
    let d = |y, m, day| {
        DateTime::checked(y, m, day, 0, 0, 0)
            .unwrap()
            .days_since_epoch()
    };
    assert_eq!(d(1970, 1, 1), 0);
    assert_eq!(d(2000, 3, 1), 11_017);
    assert_eq!(d(1969, 12, 31), -1);
    assert_eq!(d(2024, 2, 29), 19_782);
}

/// The calendar and the clock: every format refuses a day, hour, minute or
/// second out of range (one rule, `DateTime::checked`), leap days included.
#[test]
fn out_of_range_fields_are_refused_in_every_format() {
    for (text, ok) in [
        ("2026-11-30 23:59:59", true),
        ("2026-11-30 23:59:60", true),
        ("2026-11-30 24:00:00", false),
        ("2026-11-30 23:60:00", false),
        ("2026-11-30 23:59:61", false),
        ("2026-11-30T24:00:00Z", false),
        ("20261130T235960Z", true),
        ("20261130T240000Z", false),
        ("20261130T236000Z", false),
        ("20261130T235961Z", false),
        ("Mon, 30 Nov 2026 23:60:00 +0000", false),
        ("2024-02-29", true),
        ("2000-02-29", true),
        ("2026-02-29", false),
        ("1900-02-29", false),
        ("2026-02-28", true),
        ("2026-04-30", true),
        ("2026-04-31", false),
        ("2026-06-31", false),
        ("2026-09-31", false),
        ("2026-11-31", false),
        ("2026-12-31", true),
        ("2026-13-01", false),
        ("0000-01-01", false),
    ] {
        assert_eq!(parse_user_date(text.as_bytes()).is_ok(), ok, "{text}");
    }
}

/// A 12-hour clock reads 1 to 12 only; 12 AM is midnight.
#[test]
fn twelve_hour_clock() {
    assert_eq!(
        fields(&user("Thu, Dec 24, 2026 12:30:00 AM")),
        "2026-12-24 00:30:00"
    );
    assert_eq!(
        fields(&user("Thu, Dec 24, 2026 12:30:00 PM")),
        "2026-12-24 12:30:00"
    );
    assert_eq!(
        fields(&user("Thu, Dec 24, 2026 1:30:00 PM")),
        "2026-12-24 13:30:00"
    );
    // (A 1-digit day: no reading as a translated `DefaultFormat` either.)
    assert_eq!(
        fields(&user("Sat, Dec 5, 2026 1:30:00 PM")),
        "2026-12-05 13:30:00"
    );
    for bad in [
        "Sat, Dec 5, 2026 13:30:00 PM",
        "Sat, Dec 5, 2026 0:30:00 AM",
    ] {
        assert!(parse_user_date(bad.as_bytes()).is_err(), "{bad}");
    }
}

/// Languages that print a date alike (Portuguese, Brazilian and European)
/// agree on it: one date, not an ambiguity.
#[test]
fn languages_printing_alike_agree() {
    let s = user("qui., 24 de dez. de 2026 10:00:00");
    assert_eq!(fields(&s), "2026-12-24 10:00:00");
    assert_eq!(s.format, DateFormat::LocalizedDateTime);
}

#[test]
fn languages_by_their_codes() {
    let all: alloc::vec::Vec<&str> = localized::cldr_languages().collect();
    assert_eq!(all.len(), 39);
    for code in ["en", "de", "pt_BR", "zh_TW"] {
        assert!(all.contains(&code), "{code}");
    }
    for code in all {
        let l = Lang::new(code).unwrap();
        assert_eq!((l.code(), l.to_string().as_str()), (code, code));
    }
    assert!(Lang::new("pt-BR").is_none() && Lang::new("EN").is_none());
}

/// A date that does not read is shown in the error, cut after 80
/// characters.
#[test]
fn an_unreadable_date_is_shown_in_its_error() {
    let e = parse_user_date(b"Someday 12").unwrap_err().to_string();
    assert!(e.contains("`Someday 12` is not a date RT prints"), "{e}");
    let long = "9".repeat(100);
    let e = parse_user_date(long.as_bytes()).unwrap_err().to_string();
    assert!(e.contains(&alloc::format!("`{}…`", "9".repeat(80))), "{e}");
}

/// Finnish names the weekday stand-alone (`cccc`).
#[test]
fn a_stand_alone_weekday() {
    let s = user("torstai 24. jouluk. 2026 10.00.00");
    assert_eq!(s.format, DateFormat::LocalizedDateTime);
    assert_eq!(fields(&s), "2026-12-24 10:00:00");
}

/// A translated `DefaultFormat` read from its digit runs: the time a chain
/// of two or three two-digit runs, wherever it stands (last included).
#[test]
fn translated_default_format_times() {
    for (text, precision, want) in [
        (
            "24 Dez 2026 Do 10:00:00",
            Precision::Second,
            "2026-12-24 10:00:00",
        ),
        (
            "24 Dez 2026 Do 10:05",
            Precision::Minute,
            "2026-12-24 10:05:00",
        ),
        (
            "Do 24 Dez 10:05 2026",
            Precision::Minute,
            "2026-12-24 10:05:00",
        ),
    ] {
        let s = user(text);
        assert_eq!(
            (s.format, s.precision),
            (DateFormat::DefaultFormat, precision),
            "{text}"
        );
        assert_eq!(fields(&s), want, "{text}");
    }
}

/// In one language, RT's English names count too (a lexicon may leave the
/// weekday or the month untranslated).
#[test]
fn english_names_in_a_translated_default_format() {
    let de = Lang::new("de").unwrap();
    for text in ["Thu 24 Dez 10:05 2026", "Do 24 Dec 10:05 2026"] {
        let s = parse_user_date_in(text.as_bytes(), de)
            .unwrap()
            .at()
            .unwrap();
        assert_eq!(fields(&s), "2026-12-24 10:05:00", "{text}");
    }
    assert!(parse_user_date_in(b"Xyz 24 Dez 10:05 2026", de).is_err());
}

/// What a translated `DefaultFormat` needs: one 4-digit year and no 3-digit
/// or longer run, a 2-digit day, names of at least three letters when only
/// a prefix matches, and exactly one date (readings that agree are one).
#[test]
fn translated_default_format_refusals_and_ambiguity() {
    for bad in [
        "Do 24 Dez 10:05 2026 123",
        "Do 24 Dez 10:05 20261",
        "Do 24 012 10:05 2026",
        // A time has three parts at most.
        "Do 24 Dez 2026 10:05:00:00",
        "Do 24 00012 10:05 2026",
        "Fr 4 Dez 10:05 2026",
        "Do 24 de 10:05 2026",
        // 5 June (a Friday) or 6 May (a Wednesday): both weekdays named.
        "Fr Mi 05 06 2026 10:05",
    ] {
        assert!(parse_user_date(bad.as_bytes()).is_err(), "{bad}");
    }
    assert_eq!(fields(&user("Fr 05 06 2026 10:05")), "2026-06-05 10:05:00");
    // A name matched whole wins over names it starts: `Mar` is March, not
    // `marraskuuta` (November; 24 November 2026 is a Tuesday too).
    assert_eq!(fields(&user("Di 24 Mar 10:05 2026")), "2026-03-24 10:05:00");
    // Two month names that agree.
    assert_eq!(
        fields(&user("Do 24 Dez Dec 10:05 2026")),
        "2026-12-24 10:05:00"
    );
}
