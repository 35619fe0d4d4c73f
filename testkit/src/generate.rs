//! A deterministic generator of large, realistic RT responses, for benchmarks
//! and comparisons (the `rt-wire-generate` binary, `benches/`).
//!
//! The output is written with [`FormWriter`], so it has exactly RT's layout:
//! long history with multi-line contents (blank lines, indentation, lines that
//! look like `--`, `# x` or `Key: value`), attachment sub-lists, searches in
//! format `l` with wrapped watcher lists and custom fields, attachment listings.
//! The same kind, size and seed always give the same bytes.

use rt_wire::FormWriter;

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// `ticket/<n>/history?format=l`: one form per transaction.
    HistoryLong,
    /// `search/ticket?format=l`: one ticket form per result.
    SearchLong,
    /// `ticket/<n>/attachments`: one form with a long wrapped list.
    Attachments,
}

impl Kind {
    /// The kind named `history-long`, `search-long` or `attachments`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Kind> {
        match name {
            "history-long" => Some(Kind::HistoryLong),
            "search-long" => Some(Kind::SearchLong),
            "attachments" => Some(Kind::Attachments),
            _ => None,
        }
    }
}

/// xorshift64*: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> usize {
        usize::try_from(self.next() % n.max(1)).unwrap_or(0)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64)]
    }
}

const WORDS: &[&str] = &[
    "the",
    "server",
    "mail",
    "queue",
    "ticket",
    "restart",
    "löschen",
    "naïve",
    "日本語",
    "printer",
    "VPN",
    "password",
    "reset",
    "please",
    "urgent",
    "thanks",
    "error",
    "log",
    "disk",
    "full",
    "backup",
    "user",
    "cannot",
    "login",
    "since",
    "Monday",
    "über",
];

const TYPES: &[&str] = &[
    "Create",
    "Correspond",
    "Comment",
    "Status",
    "EmailRecord",
    "CommentEmailRecord",
    "Give",
    "AddWatcher",
    "CustomField",
    "Set",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick(WORDS));
    }
    s
}

/// A multi-line message body with the shapes RT users write.
fn body(rng: &mut Rng) -> String {
    let mut s = String::new();
    let lines = 3 + rng.below(12);
    for i in 0..lines {
        if i > 0 {
            s.push('\n');
        }
        match rng.below(10) {
            0 => {}
            1 => {
                s.push_str("  ");
                s.push_str(&sentence(rng, 4));
            }
            2 => s.push_str("-- "),
            3 => {
                s.push_str("> ");
                s.push_str(&sentence(rng, 6));
            }
            4 => s.push_str("Key: looks like a field"),
            5 => s.push_str("# not a comment"),
            _ => {
                let n = 4 + rng.below(10);
                s.push_str(&sentence(rng, n));
            }
        }
    }
    if rng.below(4) == 0 {
        s.push('\n');
    }
    s
}

fn date(rng: &mut Rng) -> String {
    format!(
        "2026-{:02}-{:02} {:02}:{:02}:{:02}",
        1 + rng.below(12),
        1 + rng.below(28),
        rng.below(24),
        rng.below(60),
        rng.below(60)
    )
}

/// Generates about `bytes` bytes (at least one form) of `kind`, seeded by
/// `seed`, as RT 5.0.3 would send it.
#[must_use]
pub fn generate(kind: Kind, bytes: usize, seed: u64) -> Vec<u8> {
    let mut rng = Rng(seed | 1);
    let mut out = Vec::with_capacity(bytes + 4096);
    out.extend_from_slice(b"RT/5.0.3 200 Ok\n\n");
    let mut w = FormWriter::new(&mut out);
    match kind {
        Kind::HistoryLong => history(&mut w, &mut rng, bytes),
        Kind::SearchLong => search(&mut w, &mut rng, bytes),
        Kind::Attachments => attachments(&mut w, &mut rng, bytes),
    }
    w.finish();
    out.push(b'\n');
    if kind == Kind::SearchLong {
        out.push(b'\n');
    }
    out
}

/// Generates a long history of exactly `entries` transactions.
#[must_use]
pub fn history_entries(entries: usize, seed: u64) -> Vec<u8> {
    let mut rng = Rng(seed | 1);
    let mut out = Vec::new();
    out.extend_from_slice(b"RT/5.0.3 200 Ok\n\n");
    let mut w = FormWriter::new(&mut out);
    for i in 0..entries {
        history_entry(&mut w, &mut rng, i, entries);
    }
    w.finish();
    out.push(b'\n');
    out
}

fn history(w: &mut FormWriter<&mut Vec<u8>>, rng: &mut Rng, bytes: usize) {
    let mut i = 0;
    loop {
        history_entry(w, rng, i, 0);
        i += 1;
        // The writer appends to the output buffer; stop near the size.
        if written(w) >= bytes {
            break;
        }
    }
}

fn written(w: &FormWriter<&mut Vec<u8>>) -> usize {
    w.buffer_len()
}

fn history_entry(w: &mut FormWriter<&mut Vec<u8>>, rng: &mut Rng, i: usize, total: usize) {
    let id = 100 + i;
    w.comment(format!("# 1/{} (id/{id}/total)", total.max(i + 1)).as_bytes());
    w.field(b"id", format!("{id}").as_bytes());
    w.field(b"Ticket", b"42");
    w.field(b"TimeTaken", b"0");
    let ty = rng.pick(TYPES);
    w.field(b"Type", ty.as_bytes());
    w.field(b"Field", if ty == "Status" { b"Status" } else { b"" });
    w.field(b"OldValue", if ty == "Status" { b"new" } else { b"" });
    w.field(b"NewValue", if ty == "Status" { b"open" } else { b"" });
    w.field(b"Data", b"");
    w.field(
        b"Description",
        format!("{ty} by {}", rng.pick(&["root", "alice", "bob"])).as_bytes(),
    );
    let content = if matches!(ty, "Create" | "Correspond" | "Comment") {
        body(rng)
    } else {
        String::from("This transaction appears to have no content")
    };
    w.field(b"Content", content.as_bytes());
    w.field(b"Creator", rng.pick(&["root", "alice", "bob"]).as_bytes());
    w.field(b"Created", date(rng).as_bytes());
    let n = rng.below(4);
    if n == 0 {
        w.field(b"Attachments", b"");
    } else {
        let mut a = String::new();
        for k in 0..n {
            a.push_str(&format!(
                "\n{}: {} ({}b)",
                1000 + i * 4 + k,
                rng.pick(&["untitled", "report.pdf", "screenshot.png", "log.txt"]),
                rng.below(5000)
            ));
        }
        w.field(b"Attachments", a.as_bytes());
    }
    w.end_form(true);
}

fn search(w: &mut FormWriter<&mut Vec<u8>>, rng: &mut Rng, bytes: usize) {
    let mut i = 0;
    loop {
        let id = 1 + i;
        w.field(b"id", format!("ticket/{id}").as_bytes());
        w.field(
            b"Queue",
            rng.pick(&["General", "Support", "Ops"]).as_bytes(),
        );
        w.field(b"Owner", rng.pick(&["Nobody", "root", "alice"]).as_bytes());
        w.field(b"Creator", b"root");
        let n = 3 + rng.below(6);
        w.field(b"Subject", sentence(rng, n).as_bytes());
        w.field(
            b"Status",
            rng.pick(&["new", "open", "stalled", "resolved"]).as_bytes(),
        );
        w.field(b"Priority", format!("{}", rng.below(100)).as_bytes());
        w.field(b"InitialPriority", b"0");
        w.field(b"FinalPriority", b"0");
        let n = rng.below(7);
        let people: Vec<String> = (0..n)
            .map(|k| format!("user{}@example.com", rng.below(1000) + k))
            .collect();
        let refs: Vec<&[u8]> = people.iter().map(String::as_bytes).collect();
        w.list(b"Requestors", refs);
        w.list(b"Cc", std::iter::empty());
        w.list(b"AdminCc", std::iter::empty());
        for k in rt_wire::views::Ticket::DATES {
            let v = if rng.below(3) == 0 {
                String::from("Not set")
            } else {
                String::from("Sat Nov 28 23:32:46 2026")
            };
            w.field(k.as_bytes(), v.as_bytes());
        }
        w.field(b"TimeEstimated", b"0");
        w.field(b"TimeWorked", b"90 minutes");
        w.field(b"TimeLeft", b"0");
        w.field(b"CF.{Single Line}", sentence(rng, 2).as_bytes());
        let notes = if rng.below(3) == 0 {
            body(rng)
        } else {
            String::new()
        };
        w.field(b"CF.{Notes Text}", notes.as_bytes());
        w.end_form(true);
        i += 1;
        if written(w) >= bytes {
            break;
        }
    }
}

fn attachments(w: &mut FormWriter<&mut Vec<u8>>, rng: &mut Rng, bytes: usize) {
    w.field(b"id", b"ticket/42/attachments");
    let mut items: Vec<String> = Vec::new();
    let mut size = 0;
    let mut i = 0;
    while size < bytes {
        let item = format!(
            "{}: {} ({} / {}b)",
            10 + i,
            rng.pick(&["(Unnamed)", "report.pdf", "a, b.txt", "日本語.txt"]),
            rng.pick(&["text/plain", "multipart/mixed", "application/pdf"]),
            rng.below(1024)
        );
        size += item.len() + 2;
        items.push(item);
        i += 1;
    }
    let refs: Vec<&[u8]> = items.iter().map(String::as_bytes).collect();
    w.list(b"Attachments", refs);
    w.end_form(true);
}
