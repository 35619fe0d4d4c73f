#![allow(missing_docs)]
//! Throughput of rt-wire's parser, stream reader and writer over named,
//! realistic inputs (corpus files and the deterministic generator), next to a
//! deliberately naive baseline: a `memchr` scan that only collects key/value
//! slices and validates nothing.

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rt_wire::generate::{Kind, generate, history_entries};
use rt_wire::stream::{Event, Status, StreamReader};
use rt_wire::{FormWriter, Framing, ParseOptions, parse_response, parse_response_with};

/// The naive baseline: split lines with memchr, split `Key: value` at the first
/// `": "`, collect the slices. No status line, no continuation handling, no
/// validation, no decoding.
fn naive(input: &[u8]) -> Vec<(&[u8], &[u8])> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < input.len() {
        let end = memchr::memchr(b'\n', &input[pos..]).map_or(input.len(), |p| pos + p);
        let line = &input[pos..end];
        if let Some(c) = memchr::memmem::find(line, b": ") {
            out.push((&line[..c], &line[c + 2..]));
        }
        pos = end + 1;
    }
    out
}

fn corpus(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus/rt5")
            .join(name),
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn decoded(input: &[u8], opts: &ParseOptions) -> usize {
    let r = parse_response_with(input, opts).unwrap();
    let mut n = 0;
    for f in r.forms() {
        for x in f.fields() {
            n += x.value().to_string_lossy().len();
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
            b.iter(|| {
                black_box(
                    parse_response_with(black_box(i), opts)
                        .unwrap()
                        .field_count(),
                )
            });
        });
        g.bench_with_input(BenchmarkId::new("naive-baseline", name), input, |b, i| {
            b.iter(|| black_box(naive(black_box(i)).len()));
        });
        g.bench_with_input(BenchmarkId::new("decoded", name), input, |b, i| {
            b.iter(|| black_box(decoded(black_box(i), opts)));
        });
    }
    g.finish();
}

fn stream_all(input: &[u8], chunk: usize) -> usize {
    let mut reader = StreamReader::new();
    let mut buf: Vec<u8> = Vec::with_capacity(chunk * 2);
    let mut fields = 0;
    let mut fed = 0;
    loop {
        let eof = fed == input.len();
        match reader.feed(&buf, eof).unwrap() {
            Status::Complete(e, used) => {
                match e {
                    Event::Form(f) => fields += f.len(),
                    Event::End => return fields,
                    _ => {}
                }
                buf.drain(..used);
            }
            Status::Partial => {
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
                b.iter(|| black_box(stream_all(black_box(&input), n)));
            },
        );
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

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = bench_inputs, bench_stream, bench_write
}
criterion_main!(benches);
