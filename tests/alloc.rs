#![allow(unsafe_code)]
//! The hot path allocates nothing per form or field: a counting allocator
//! (counting only this test's thread) shows that parsing allocates a fixed
//! number of tables whatever the number of forms, that iterating borrowed forms
//! and fields allocates nothing, and that the streaming reader allocates
//! nothing once its first form was read.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use rt_wire::parse_response;
use rt_wire::stream::{Event, Status, StreamReader};
use rt_wire_testkit::generate::history_entries;

struct Counting;

thread_local! {
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards every call to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = COUNT.try_with(|c| c.set(c.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = COUNT.try_with(|c| c.set(c.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn allocations<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = COUNT.with(Cell::get);
    let r = f();
    (COUNT.with(Cell::get) - before, r)
}

#[test]
fn parsing_allocates_per_table_not_per_form() {
    let small = history_entries(10, 3);
    let large = history_entries(10_000, 3);
    let (a_small, r_small) = allocations(|| parse_response(&small).unwrap());
    let (a_large, r_large) = allocations(|| parse_response(&large).unwrap());
    assert_eq!(r_small.form_count(), 10);
    assert_eq!(r_large.form_count(), 10_000);
    println!(
        "allocations: {a_small} for 10 forms ({} fields), {a_large} for 10,000 forms ({} fields)",
        r_small.field_count(),
        r_large.field_count()
    );
    // Three tables (envelopes, forms, fields), reserved from the input size.
    assert!(a_small <= 4, "{a_small} allocations for 10 forms");
    assert!(a_large <= 4, "{a_large} allocations for 10,000 forms");

    // Iterating borrowed forms and fields, and reading every single-line value
    // and the lines of every multi-line value, allocates nothing.
    let (a_iter, total) = allocations(|| {
        let mut total = 0usize;
        for form in r_large.forms() {
            total += form.comments().map(<[u8]>::len).sum::<usize>();
            for field in form.fields() {
                total += field.key().len();
                let v = field.value();
                match v.as_bytes() {
                    Some(b) => total += b.len(),
                    None => total += v.lines().map(<[u8]>::len).sum::<usize>(),
                }
                total += v.items().count();
            }
        }
        total
    });
    assert!(total > 0);
    assert_eq!(a_iter, 0, "iterating allocated {a_iter} times");
}

#[test]
fn streaming_allocates_nothing_per_form() {
    let input = history_entries(2_000, 5);
    let mut reader = StreamReader::new();
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
    let mut fed = 0;
    let mut forms = 0;
    let mut after_first = 0;
    let mut count = |n: usize, forms: usize| {
        if forms > 1 {
            after_first += n;
        }
    };
    loop {
        let eof = fed == input.len();
        let (n, (step, used)) = allocations(|| match reader.feed(&buf, eof).unwrap() {
            Status::Complete(Event::End, _) => (2, 0),
            Status::Complete(Event::Form(f), used) => {
                assert!(!f.is_empty());
                (1, used)
            }
            Status::Complete(_, used) => (0, used),
            Status::Partial => (3, 0),
        });
        if step == 1 {
            forms += 1;
        }
        count(n, forms);
        match step {
            2 => break,
            3 => {
                let k = 4096.min(input.len() - fed);
                buf.extend_from_slice(&input[fed..fed + k]);
                fed += k;
            }
            _ => {
                buf.drain(..used);
            }
        }
    }
    assert_eq!(forms, 2_000);
    println!("streaming: {after_first} allocations after the first of {forms} forms");
    // The reader's field table reaches the size of the largest form early;
    // a handful of growth steps are all it may ever take.
    assert!(
        after_first <= 8,
        "{after_first} allocations after the first form"
    );
}
