//! The fuzzing oracles (`rt_wire_testkit::fuzzing`) over the committed corpus
//! and every pinned regression input, so the checks the fuzz targets make also
//! run under `cargo test`. Each finding of a fuzzing campaign is
//! pinned twice: its input under `corpus/regressions/` (run by the loop) and a
//! named test below (which names the bug).

#[path = "common/manifest.rs"]
#[allow(dead_code)]
mod manifest;

use std::path::{Path, PathBuf};

use rt_wire_testkit::fuzzing;

type Oracle = fn(&[u8]);

const ORACLES: &[(&str, Oracle)] = &[
    ("parse_response", fuzzing::parse_response),
    ("roundtrip_response", fuzzing::roundtrip_response),
    ("stream_chunks", fuzzing::stream_chunks),
    ("shared_views", fuzzing::shared_views),
    ("encode_structured", fuzzing::encode_structured),
    ("content_body", fuzzing::content_body),
    ("view_ticket_list", fuzzing::view_ticket_list),
    ("view_template", fuzzing::view_template),
    ("view_links", fuzzing::view_links),
    ("view_attachment_list", fuzzing::view_attachment_list),
    ("view_attachment", fuzzing::view_attachment),
    ("view_attachment_content", fuzzing::view_attachment_content),
    ("view_history", fuzzing::view_history),
    ("view_long_history", fuzzing::view_long_history),
    ("view_search_results", fuzzing::view_search_results),
    ("view_user", fuzzing::view_user),
    ("view_queue", fuzzing::view_queue),
    ("view_group", fuzzing::view_group),
    ("view_reply", fuzzing::view_reply),
];

fn files(dir: &str, ext: Option<&str>) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .filter(|p| ext.is_none_or(|x| p.extension().is_some_and(|e| e == x)))
        .collect();
    out.sort();
    out
}

fn run_all(paths: &[PathBuf]) {
    for path in paths {
        let input = std::fs::read(path).unwrap();
        for (name, oracle) in ORACLES {
            let r = std::panic::catch_unwind(|| oracle(&input));
            assert!(r.is_ok(), "{name} failed on {}", path.display());
        }
    }
}

/// Every capture the manifest lists (a missing or unlisted file fails).
fn captures(version: &'static str) -> Vec<PathBuf> {
    let paths: Vec<PathBuf> = manifest::captures(version)
        .into_iter()
        .map(|c| c.path)
        .collect();
    assert_eq!(paths.len(), manifest::listed(Some(version)));
    paths
}

#[test]
fn oracles_hold_on_the_rt5_corpus() {
    run_all(&captures("rt5"));
}

#[test]
fn oracles_hold_on_the_rt4_corpus() {
    run_all(&captures("rt4"));
}

#[test]
fn oracles_hold_on_every_pinned_regression() {
    let paths = files("corpus/regressions", None);
    assert!(!paths.is_empty(), "no regression inputs");
    run_all(&paths);
}

/// Each byte selects a distinct option combination, and every combination of
/// the bits the oracles document is reached.
#[test]
fn option_byte_reaches_every_combination() {
    let mut seen = std::collections::HashSet::new();
    for b in 0..=u8::MAX {
        seen.insert(format!("{:?}", fuzzing::options_from_byte(b)));
    }
    // 3 framings × forms_only × allow_crlf × key_split × small limits × input limit.
    assert_eq!(seen.len(), 3 * 2 * 2 * 2 * 2 * 2);
}

/// The oracles reject what they are meant to reject: a checker that accepted
/// everything would make every test above pass.
#[test]
fn oracles_can_fail() {
    let shape = |b: &[u8]| fuzzing::shape(&rt_wire::parse_response(b).unwrap());
    assert_ne!(
        shape(b"RT/5.0.3 200 Ok\n\nid: 1\n\n"),
        shape(b"RT/5.0.3 200 Ok\n\nid: 2\n\n")
    );
    assert_ne!(
        shape(b"RT/5.0.3 200 Ok\n\nK: a\n   b\n\n"),
        shape(b"RT/5.0.3 200 Ok\n\nK: a\n    b\n\n")
    );
}

// ---------------------------------------------------------------------------
// Findings, one named test each (input under corpus/regressions/).

/// `Value::trailing_lf` was false for a value whose last continuation line is
/// only indentation, although the decoded value (`"a\n"`) ends with LF.
#[test]
fn regression_trailing_lf_from_indented_empty_line() {
    let input = include_bytes!("../corpus/regressions/trailing-lf-from-indented-empty-line.rt");
    fuzzing::parse_response(input);
    let r = rt_wire::parse_response(input).unwrap();
    let v = r.forms().next().unwrap().get("K").unwrap().value();
    assert_eq!(&*v.to_bytes(), b"a\n");
    assert!(v.trailing_lf());
}

/// A multi-line last value followed by fewer empty lines than RT writes: the
/// parse counted the value's own empty line as framing, so encoding added one
/// and the encoding was not a fixpoint.
#[test]
fn regression_trailer_after_short_multiline_value() {
    for name in [
        "trailer-after-short-multiline-value.rt",
        "trailer-search-multiline-value.rt",
    ] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus/regressions")
            .join(name);
        fuzzing::roundtrip_response(&std::fs::read(path).unwrap());
    }
    let input = include_bytes!("../corpus/regressions/trailer-after-short-multiline-value.rt");
    let r = rt_wire::parse_response(input).unwrap();
    assert_eq!(r.envelopes().next().unwrap().trailer(), 0);
    assert_eq!(r.to_bytes(), b"RT/5.0.3 200 Ok\n\nK: a\n   b\n\n");
}

/// A form with no line (`--` right after `--`) had the span of the form
/// before the separator, so form spans went backwards.
#[test]
fn regression_empty_form_span_after_separator() {
    let input = include_bytes!("../corpus/regressions/empty-form-span-after-separator.rt");
    fuzzing::parse_response(input);
    let r = rt_wire::parse_response(input).unwrap();
    let spans: Vec<_> = r.forms().map(|f| f.span()).collect();
    assert!(
        spans.windows(2).all(|w| w[0].end <= w[1].start),
        "{spans:?}"
    );
}

/// Known difference (reported): a payload ending in a separator that closes an
/// empty form reads with a final empty form that the encoding drops. The
/// encoding must still be a fixpoint and keep every other form.
#[test]
fn regression_trailing_empty_form_after_separator() {
    let input = include_bytes!("../corpus/regressions/trailing-empty-form-after-separator.rt");
    fuzzing::roundtrip_response(input);
}

/// A payload that goes bad after its first form: the one-shot parse once
/// fell back to text while the streaming reader, which had handed the first
/// form out, reported the error. Both now report it: a payload whose first
/// form is a form is a form set.
#[test]
fn regression_stream_error_where_one_shot_falls_back_to_text() {
    let input =
        include_bytes!("../corpus/regressions/stream-error-where-one-shot-falls-back-to-text.rt");
    fuzzing::stream_chunks(input);
    assert!(rt_wire::parse_response(input).is_err());
}

/// A form with neither comments nor fields before a separator and two empty
/// lines was read with an empty field list, which RT's layout cannot show
/// (only the empty line after comments does): the round trip lost it.
#[test]
fn regression_field_list_of_comment_less_empty_form() {
    let input = include_bytes!("../corpus/regressions/field-list-of-comment-less-empty-form.rt");
    fuzzing::roundtrip_response(input);
    let r = rt_wire::parse_response(b"RT/5.0.3 200 Ok\n\n\n\n--\n\nid: 1\n").unwrap();
    assert!(!r.forms().next().unwrap().has_field_list());
    let r = rt_wire::parse_response(b"RT/5.0.3 200 Ok\n\n# c\n\n\n--\n\nid: 1\n").unwrap();
    assert!(r.forms().next().unwrap().has_field_list());
}

/// Oracle fix: RT's layout may be longer than the input, so the round trip
/// reads the encoding back without the input length limit.
#[test]
fn regression_roundtrip_encoding_longer_than_input_limit() {
    let input =
        include_bytes!("../corpus/regressions/roundtrip-encoding-longer-than-input-limit.rt");
    fuzzing::roundtrip_response(input);
}

/// A form set that goes bad after its first form (here a 409 echo followed by
/// a line that is no form line): the one-shot parse fell back to text and the
/// round trip compared text with forms. A payload whose first form is a form
/// is now a form set, so both the one-shot parse and the reader report it.
#[test]
fn regression_roundtrip_payload_bad_after_first_form() {
    let input = include_bytes!("../corpus/regressions/roundtrip-payload-bad-after-first-form.bin");
    fuzzing::roundtrip_response(input);
    fuzzing::stream_chunks(input);
}

/// A status line longer than `max_line_len` that ends with an LF: the reader
/// only checked the limit on a line it had to buffer without its LF.
#[test]
fn regression_stream_status_line_over_line_limit() {
    let input = include_bytes!("../corpus/regressions/stream-status-line-over-line-limit.bin");
    fuzzing::stream_chunks(input);
}

/// Six inputs from the campaign on which the reader and the one-shot parse
/// disagreed about a later envelope: a status line right after a `--`
/// separator and its empty line (the reader's form search took it for the
/// next envelope and skipped the window; the one-shot parse, rightly since RT
/// never writes this, reports a line that is no form line), and payloads that
/// go bad after their first form (text for the one-shot parse, forms then an
/// error for the reader; now an error for both).
#[test]
fn regression_stream_later_envelopes() {
    for input in [
        &include_bytes!("../corpus/regressions/stream-later-envelope-1.bin")[..],
        include_bytes!("../corpus/regressions/stream-later-envelope-2.bin"),
        include_bytes!("../corpus/regressions/stream-later-envelope-3.bin"),
        include_bytes!("../corpus/regressions/stream-later-envelope-4.bin"),
        include_bytes!("../corpus/regressions/stream-later-envelope-5.bin"),
        include_bytes!("../corpus/regressions/stream-later-envelope-6.bin"),
    ] {
        fuzzing::stream_chunks(input);
    }
}

/// A comments-only form, a separator and empty lines up to the end: the empty
/// form after the last separator was not read, so re-encoding dropped the
/// separator and the comments-only form came back with an empty field list.
/// A separator now always opens a form (RT writes a last, empty form as `--`
/// followed by nothing), in the one-shot parse and in the reader.
#[test]
fn regression_roundtrip_empty_last_form_after_separator() {
    let input =
        include_bytes!("../corpus/regressions/roundtrip-empty-last-form-after-separator.rt");
    fuzzing::roundtrip_response(input);
    fuzzing::stream_chunks(input);
    let r = rt_wire::parse_response(input).unwrap();
    assert_eq!(r.form_count(), 2);
    assert_eq!(r.to_bytes(), input);
}

/// Campaign findings of `roundtrip_response` (each encoded differently from
/// what was read): a CR in an echo line was dropped although CR is data
/// without `allow_crlf`; with CRLF line ends the raw echo kept its CRs while
/// the writer wrote LF; a line of spaces made a key that contains `": "` split
/// later, which the encoding (no continuation line left) could not repeat; a
/// plain-text message after an empty line was read as a form, its encoding
/// (no empty line) as text.
#[test]
fn regression_roundtrip_campaign_findings() {
    for input in [
        &include_bytes!("../corpus/regressions/roundtrip-cr-in-echo-without-crlf.bin")[..],
        include_bytes!("../corpus/regressions/roundtrip-echo-lines-with-crlf.bin"),
        include_bytes!("../corpus/regressions/roundtrip-key-split-on-a-line-of-spaces.bin"),
        include_bytes!("../corpus/regressions/roundtrip-plain-message-after-empty-line.bin"),
    ] {
        fuzzing::roundtrip_response(input);
        fuzzing::stream_chunks(input);
    }
    let r = rt_wire::parse_response(b"RT/6 200 k\n\n>>\r").unwrap();
    let f = r.forms().next().unwrap();
    assert_eq!(f.echo_lines().next(), Some(&b">>\r"[..]));
}

/// A search payload of only LFs followed by another envelope: the one-shot
/// parse looked for "only LFs" up to the end of the input instead of the
/// payload's end, so it read a form set with no form where the reader (and
/// the rule) give the empty listing as text.
#[test]
fn regression_stream_search_empty_listing_before_another_envelope() {
    let input = include_bytes!(
        "../corpus/regressions/stream-search-empty-listing-before-another-envelope.bin"
    );
    fuzzing::stream_chunks(input);
    let opts = rt_wire::ParseOptions::new().framing(rt_wire::Framing::Search);
    let r = rt_wire::parse_response_with(
        b"RT/5.0.3 200 Ok\n\n\n\nRT/5.0.3 200 Ok\n\nNo matching results.\n\n\n",
        &opts,
    )
    .unwrap();
    let first = r.envelopes().next().unwrap();
    assert!(matches!(first.payload(), rt_wire::Payload::Text(b"\n\n")));
}

/// Found by the CI smoke: with CRLF line ends this payload is text (an echo
/// ends at a CR-only line, then a line that is no form line follows); text is
/// written back verbatim, CRs included, so the oracle now reads the encoding
/// back with the same `allow_crlf` instead of LF-only.
#[test]
fn regression_roundtrip_text_payload_with_crlf() {
    let input = include_bytes!("../corpus/regressions/roundtrip-text-payload-with-crlf.bin");
    fuzzing::roundtrip_response(input);
    fuzzing::stream_chunks(input);
}

/// A separator, empty lines, then the next envelope: the one-shot parse reads
/// the empty form the separator opens; the reader's window that ended at the
/// envelope did not close it.
#[test]
fn regression_stream_empty_form_before_next_envelope() {
    let input = include_bytes!("../corpus/regressions/stream-empty-form-before-next-envelope.bin");
    fuzzing::stream_chunks(input);
}

/// Found by a smoke run: with CRLF line ends an echo line `\r\r\n` keeps one
/// CR as data; the encoding writes it with an LF, which the oracle read back
/// with CRLF as an empty line. Forms are now read back without CRLF (text
/// payloads, written verbatim, with it).
#[test]
fn regression_roundtrip_cr_ended_echo_line_with_crlf() {
    let input = include_bytes!("../corpus/regressions/roundtrip-cr-ended-echo-line-with-crlf.bin");
    fuzzing::roundtrip_response(input);
    fuzzing::stream_chunks(input);
}

/// A CRLF response mixing verbatim text payloads with form values whose
/// lines keep a CR of their own: documented as not readable back both ways
/// (`ParseOptions::allow_crlf`); the oracle skips exactly that case, and the
/// other oracles still hold.
#[test]
fn regression_roundtrip_crlf_mixed_text_and_cr_ended_values() {
    let input =
        include_bytes!("../corpus/regressions/roundtrip-crlf-mixed-text-and-cr-ended-values.bin");
    fuzzing::roundtrip_response(input);
    fuzzing::stream_chunks(input);
    fuzzing::parse_response(input);
}

/// An envelope whose payload is one empty line, then the next envelope: the
/// reader's window starts at the payload, so the empty line at its very start
/// was not seen as the empty line before the next status line.
#[test]
fn regression_stream_envelope_after_empty_payload_line() {
    let input =
        include_bytes!("../corpus/regressions/stream-envelope-after-empty-payload-line.bin");
    fuzzing::stream_chunks(input);
    fuzzing::roundtrip_response(input);
}

/// A comment block read with CRLF line ends was written back as its raw span,
/// CRs included, instead of line by line with LF.
#[test]
fn regression_roundtrip_crlf_comment_block_lines() {
    let input = include_bytes!("../corpus/regressions/roundtrip-crlf-comment-block-lines.bin");
    fuzzing::roundtrip_response(input);
}

/// Found by the `view_attachment_list` oracle once it called every accessor: the byte
/// range of a size near `u64::MAX` tenths of a kilobyte stepped one byte at a
/// time towards a bound past `u64::MAX` (practically endless), or overflowed.
#[test]
fn regression_view_size_range_near_u64_max() {
    use rt_wire::views::Size;
    let input = include_bytes!("../corpus/regressions/view-size-range-near-u64-max.rt");
    fuzzing::view_attachment_list(input);
    assert_eq!(Size::Tenths(18_446_744_073_709_551_610).bytes_range(), None);
    assert_eq!(Size::Tenths(u64::MAX).bytes_range(), None);
    let r = Size::Tenths(15).bytes_range().unwrap();
    assert_eq!((*r.start(), *r.end()), (1536, 1638));
}

/// Campaign finding (roundtrip_response): in a search, an empty listing (a
/// payload of only LFs) followed by a status line without LF at the very end
/// was read as an empty form set, and as text once the encoding added the LF.
/// The end of the input now ends that line: both read the payload as text.
#[test]
fn regression_roundtrip_search_empty_listing_before_unterminated_status_line() {
    let input = include_bytes!(
        "../corpus/regressions/roundtrip-search-empty-listing-before-unterminated-status-line.bin"
    );
    fuzzing::roundtrip_response(input);
    fuzzing::stream_chunks(input);
    let opts = rt_wire::ParseOptions::default().framing(rt_wire::Framing::Search);
    for input in [&input[..], b"RT/3 200 k\n\n\nRT/5 404 o\n"] {
        let r = rt_wire::parse_response_with(input, &opts).unwrap();
        let first = r.envelopes().next().unwrap();
        assert!(
            matches!(first.payload(), rt_wire::Payload::Text(b"\n")),
            "{:?}",
            first.payload()
        );
        assert_eq!(r.envelopes().count(), 2);
    }
}

/// Found by the CI smoke (view_attachment): `Attachment::is_text` sliced the
/// content type as a `str` at byte 5, which panics when a character spans it.
#[test]
fn regression_view_attachment_content_type_multibyte_at_byte_5() {
    let input =
        include_bytes!("../corpus/regressions/view-attachment-content-type-multibyte-at-byte-5.rt");
    fuzzing::view_attachment(input);
    let r = rt_wire::parse_response(input).unwrap();
    let a = rt_wire::views::Attachment::from_response(&r).unwrap();
    assert!(!a.is_text());
}

/// Found while the message catalogue was written: with `allow_crlf`, a line
/// `Invalid link: 'x'.\r\r` kept one CR as data, so it did not match the
/// catalogue's whole-line shape and was read as a form; the writer ends that
/// line with LF, and `Invalid link: 'x'.\r\n` read back as a message. The
/// catalogue now drops every CR at a line's end, so both are the message.
#[test]
fn regression_roundtrip_message_line_ending_in_two_crs() {
    let input =
        include_bytes!("../corpus/regressions/roundtrip-message-line-ending-in-two-crs.bin");
    fuzzing::roundtrip_response(input);
    fuzzing::stream_chunks(input);
    let opts = rt_wire::ParseOptions::new().allow_crlf(true);
    let r = rt_wire::parse_response_with(&input[1..], &opts).unwrap();
    let first = r.envelopes().next().unwrap();
    assert!(matches!(first.payload(), rt_wire::Payload::Text(_)));
}
