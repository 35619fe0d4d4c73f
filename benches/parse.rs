#![allow(missing_docs)]
//! Throughput of rt-wire's parser, stream reader and writer over named,
//! realistic inputs (corpus files and the deterministic generator of
//! `rt_wire_testkit`), next to a deliberately naive baseline
//! (`rt_wire_testkit::naive`): a `memchr` scan that hands out key/value slices
//! and stores and validates nothing.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use rt_wire::stream::{Event, Status, StreamReader};
use rt_wire::{FormWriter, Framing, ParseOptions, parse_response, parse_response_with};
use rt_wire_testkit::generate::{Kind, generate, history_entries};
use rt_wire_testkit::naive::scan;

/// The naive baseline (`rt_wire_testkit::naive::scan`): lines split with
/// `memchr`, the status line, `#` lines and `--` lines skipped, values extended
/// over indented lines, each raw key and value slice handed to a callback;
/// nothing stored, nothing validated, nothing decoded. Returns the number of
/// fields and the length of every key and value, so that none is skipped.
fn naive(input: &[u8]) -> (usize, usize) {
    let (mut fields, mut len) = (0, 0);
    scan(input, |k, v| {
        fields += 1;
        len += k.len() + v.len();
    });
    (fields, len)
}

/// rt-wire's one-shot parse with every field reached: the number of fields
/// and the length of every raw value (a value is a span, decoded on demand).
fn borrowed(input: &[u8], opts: &ParseOptions) -> (usize, usize) {
    let r = parse_response_with(input, opts).unwrap();
    let (mut fields, mut len) = (0, 0);
    for f in r.forms() {
        for x in f.fields() {
            fields += 1;
            len += x.key().len() + x.value().raw().len();
        }
    }
    (fields, len)
}

fn corpus(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus/rt5")
            .join(name),
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The work other parsers do: every value de-indented into an owned string.
fn decoded(input: &[u8], opts: &ParseOptions) -> usize {
    let r = parse_response_with(input, opts).unwrap();
    let mut n = 0;
    for f in r.forms() {
        for x in f.fields() {
            let value: String = x.value().to_string_lossy();
            n += black_box(value).len();
        }
    }
    n
}

fn bench_inputs(c: &mut Criterion) {
    let search = ParseOptions::new().framing(Framing::Search);
    let object = ParseOptions::new();
    let inputs: Vec<(&str, Vec<u8>, ParseOptions)> = vec![
        (
            "status-line",
            b"RT/5.0.3 200 Ok\n\n# Ticket 7 created.\n\n".to_vec(),
            object,
        ),
        ("ticket-show", corpus("019-ticket-show-complex.rt"), object),
        ("history-long-corpus", corpus("131-history-long.rt"), object),
        ("history-long-10", history_entries(10, 7), object),
        ("history-long-100", history_entries(100, 7), object),
        ("history-long-1000", history_entries(1000, 7), object),
        ("history-long-10000", history_entries(10_000, 7), object),
        (
            "history-long-1MB",
            generate(Kind::HistoryLong, 1 << 20, 7),
            object,
        ),
        (
            "search-l-1MB",
            generate(Kind::SearchLong, 1 << 20, 7),
            search,
        ),
        (
            "attachments-1MB",
            generate(Kind::Attachments, 1 << 20, 7),
            object,
        ),
    ];
    let mut g = c.benchmark_group("parse");
    for (name, input, opts) in &inputs {
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_with_input(BenchmarkId::new("borrowed", name), input, |b, i| {
            b.iter(|| black_box(borrowed(black_box(i), opts)));
        });
        g.bench_with_input(BenchmarkId::new("naive-baseline", name), input, |b, i| {
            b.iter(|| black_box(naive(black_box(i))));
        });
        g.bench_with_input(BenchmarkId::new("decoded", name), input, |b, i| {
            b.iter(|| black_box(decoded(black_box(i), opts)));
        });
    }
    g.finish();
}

fn stream_all(input: &[u8], chunk: usize, opts: &ParseOptions) -> usize {
    let mut reader = StreamReader::with_options(*opts);
    let mut buf: Vec<u8> = Vec::with_capacity(chunk * 2);
    let mut fields = 0;
    let mut fed = 0;
    let mut start = 0;
    loop {
        let eof = fed == input.len();
        match reader.feed(&buf[start..], eof).unwrap() {
            Status::Complete(e, used) => {
                match e {
                    Event::Form(f) => fields += f.len(),
                    Event::End => return fields,
                    _ => {}
                }
                start += used;
            }
            Status::Partial => {
                buf.drain(..start);
                start = 0;
                let n = chunk.min(input.len() - fed);
                buf.extend_from_slice(&input[fed..fed + n]);
                fed += n;
            }
        }
    }
}

fn bench_stream(c: &mut Criterion) {
    let input = generate(Kind::HistoryLong, 1 << 20, 7);
    let mut g = c.benchmark_group("stream");
    g.throughput(Throughput::Bytes(input.len() as u64));
    for chunk in [512usize, 4096, 65_536] {
        g.bench_with_input(
            BenchmarkId::new("history-long-1MB", chunk),
            &chunk,
            |b, &n| {
                b.iter(|| black_box(stream_all(black_box(&input), n, &ParseOptions::new())));
            },
        );
    }
    g.finish();
}

/// The two 64 MB inputs (long history, search `format=l`; seed 1, as
/// `benches/compare/` generates them) in every mode: the naive baseline,
/// borrowed (every field reached), decoded (every value into an owned
/// string), and the stream reader fed 64 KiB reads. Ten flat samples each, so
/// that a full `cargo bench` stays within minutes.
fn bench_large(c: &mut Criterion) {
    const SIZE: usize = 64_000_000;
    let inputs = [
        (
            "history-long-64MB",
            generate(Kind::HistoryLong, SIZE, 1),
            ParseOptions::new(),
        ),
        (
            "search-l-64MB",
            generate(Kind::SearchLong, SIZE, 1),
            ParseOptions::new().framing(Framing::Search),
        ),
    ];
    let mut g = c.benchmark_group("large");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for (name, input, opts) in &inputs {
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_with_input(BenchmarkId::new("naive-baseline", name), input, |b, i| {
            b.iter(|| black_box(naive(black_box(i))));
        });
        g.bench_with_input(BenchmarkId::new("borrowed", name), input, |b, i| {
            b.iter(|| black_box(borrowed(black_box(i), opts)));
        });
        g.bench_with_input(BenchmarkId::new("decoded", name), input, |b, i| {
            b.iter(|| black_box(decoded(black_box(i), opts)));
        });
        g.bench_with_input(BenchmarkId::new("stream-64KiB", name), input, |b, i| {
            b.iter(|| black_box(stream_all(black_box(i), 65_536, opts)));
        });
    }
    g.finish();
}

fn bench_write(c: &mut Criterion) {
    let input = generate(Kind::HistoryLong, 1 << 20, 7);
    let parsed = parse_response(&input).unwrap();
    let mut g = c.benchmark_group("write");
    g.throughput(Throughput::Bytes(input.len() as u64));
    g.bench_function("form-writer/history-long-1MB", |b| {
        let mut out = Vec::with_capacity(input.len());
        b.iter(|| {
            out.clear();
            parsed.write_to(&mut out);
            black_box(out.len())
        });
    });
    // Writing fresh fields (no parse involved): the values of the parsed input.
    let fields: Vec<(Vec<u8>, Vec<u8>)> = parsed
        .forms()
        .flat_map(|f| {
            f.fields()
                .map(|x| (x.key().to_vec(), x.value().to_bytes().into_owned()))
                .collect::<Vec<_>>()
        })
        .collect();
    g.bench_function("form-writer/fields-1MB", |b| {
        let mut out = Vec::with_capacity(input.len());
        b.iter(|| {
            out.clear();
            let mut w = FormWriter::new(&mut out);
            for (k, v) in &fields {
                w.field(k, v);
            }
            w.finish();
            black_box(out.len())
        });
    });
    g.finish();
}

/// The `content=` encoder: the values of a long history as request forms
/// (multi-line texts with blank lines, indentation, `--`, `# x` and
/// `Key: value` lines), validated and written; then the url-encoded body.
fn bench_encode(c: &mut Criterion) {
    use rt_wire::request::{Content, RequestForm, urlencoded_body};
    let input = generate(Kind::HistoryLong, 1 << 20, 7);
    let parsed = parse_response(&input).unwrap();
    let values: Vec<Vec<(String, String)>> = parsed
        .forms()
        .map(|f| {
            f.fields()
                .filter(|x| {
                    let v = x.value();
                    // Only what a request can carry: RT's form_parse drops
                    // leading whitespace and leading LFs.
                    !v.first_line().starts_with(b" ") && !v.first_line().is_empty()
                })
                .map(|x| {
                    (
                        String::from_utf8(x.key().to_vec()).unwrap(),
                        x.value().to_str().unwrap().into_owned(),
                    )
                })
                .map(|(k, v)| (if k == "id" { "Ticket-Id".into() } else { k }, v))
                .collect()
        })
        .collect();
    let mut content = Content::new();
    for f in &values {
        let mut form = RequestForm::new();
        for (k, v) in f {
            form.field(k, v).unwrap();
        }
        content.push(form).unwrap();
    }
    let text = content.to_bytes();
    let mut g = c.benchmark_group("encode");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("content/history-values-1MB", |b| {
        let mut out = Vec::with_capacity(text.len());
        b.iter(|| {
            out.clear();
            content.write_to(&mut out);
            black_box(out.len())
        });
    });
    g.bench_function("validate-and-write/history-values-1MB", |b| {
        let mut out = Vec::with_capacity(text.len());
        b.iter(|| {
            out.clear();
            let mut content = Content::new();
            for f in &values {
                let mut form = RequestForm::new();
                for (k, v) in f {
                    form.field(k, v).unwrap();
                }
                content.push(form).unwrap();
            }
            content.write_to(&mut out);
            black_box(out.len())
        });
    });
    g.bench_function("urlencoded/history-values-1MB", |b| {
        let mut out = Vec::with_capacity(text.len() * 3);
        b.iter(|| {
            out.clear();
            urlencoded_body(&text, None, &mut out);
            black_box(out.len())
        });
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = bench_inputs, bench_stream, bench_large, bench_write, bench_encode
}
criterion_main!(benches);
