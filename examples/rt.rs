//! A small RT command-line tool on rt-wire: sends typed requests
//! (`rt_wire::request`) with `rt_wire::client` (feature `client`) and prints
//! the views (`rt_wire::views`) it gets back.
//!
//! ```text
//! export RT_URL=$(scripts/rt-live.sh start 5)
//! cargo run --features client --example rt -- show ticket/1
//! cargo run --features client --example rt -- --url http://127.0.0.1:8085 history ticket/1
//! cargo run --features client --example rt -- history ticket/1 --long
//! cargo run --features client --example rt -- search "Queue = 'General'"
//! cargo run --features client --example rt -- comment ticket/1 "Looked at it."
//! ```
//!
//! Commands (`--help` lists them): `show ticket/<n>[,<m>…]`, `show user/<u>`,
//! `show queue/<q>`, `history ticket/<n> [--long]`, `links ticket/<n>`,
//! `attachments ticket/<n>`, `search <TicketSQL> [--format i|s|l]`, `comment
//! ticket/<n> <text>`, `correspond ticket/<n> <text>`. Options: `--url`
//! (default `$RT_URL`), `--user` / `--pass` (default `$RT_USER` / `$RT_PASS`,
//! else `root` / `password`).

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use rt_wire::client::Client;
use rt_wire::request::{
    Endpoint, ObjectType, Search, SearchFormat as Format, TicketComment, WriteRequest, read,
};
use rt_wire::views::{LinkTarget, Owned, Relation};

/// A small RT command-line tool on rt-wire.
#[derive(Parser)]
#[command(name = "rt")]
struct Args {
    /// RT's base URL.
    #[arg(long, env = "RT_URL")]
    url: String,
    /// RT user name.
    #[arg(long, env = "RT_USER", default_value = "root")]
    user: String,
    /// RT password.
    #[arg(
        long,
        env = "RT_PASS",
        default_value = "password",
        hide_env_values = true
    )]
    pass: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// `ticket/<n>[,<m>…]`, `user/<u>` or `queue/<q>`.
    Show { what: String },
    /// A ticket's history.
    History {
        ticket: String,
        /// Every transaction in full (`format=l`).
        #[arg(long)]
        long: bool,
    },
    /// A ticket's links.
    Links { ticket: String },
    /// A ticket's attachments.
    Attachments { ticket: String },
    /// Tickets found by a TicketSQL query.
    Search {
        query: String,
        /// `i` (ids), `s` (id and subject) or `l` (every field).
        #[arg(long, value_parser = ["i", "s", "l"])]
        format: Option<String>,
    },
    /// A comment on a ticket.
    Comment { ticket: String, text: String },
    /// A reply on a ticket.
    Correspond { ticket: String, text: String },
}

type Result<T> = std::result::Result<T, String>;

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rt: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<()> {
    let rt = Client::new(args.url, args.user, args.pass).map_err(|e| e.to_string())?;
    match args.command {
        Command::Show { what } => show(&rt, &what),
        Command::History { ticket, long } => history(&rt, ticket_id(&ticket)?, long),
        Command::Links { ticket } => links(&rt, ticket_id(&ticket)?),
        Command::Attachments { ticket } => attachments(&rt, ticket_id(&ticket)?),
        Command::Search { query, format } => {
            let format = format.map(|f| match f.as_str() {
                "i" => Format::Ids,
                "s" => Format::Short,
                _ => Format::Long,
            });
            search(&rt, &query, format)
        }
        Command::Comment { ticket, text } => write(
            &rt,
            &TicketComment::comment(ticket_id(&ticket)?, text).build(),
        ),
        Command::Correspond { ticket, text } => write(
            &rt,
            &TicketComment::correspond(ticket_id(&ticket)?, text).build(),
        ),
    }
}

fn ticket_id(what: &str) -> Result<u64> {
    what.strip_prefix("ticket/")
        .unwrap_or(what)
        .parse()
        .map_err(|_| format!("not a ticket: {what:?} (ticket/<n>)"))
}

/// Reads `endpoint` with the client: its view, owned.
fn get<E: Endpoint>(rt: &Client, endpoint: &E) -> Result<Owned<E::Output>> {
    rt.get(endpoint).map_err(|e| e.to_string())
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Prints every field of a record; multi-line values indented.
fn print_record(record: &rt_wire::views::Record<'_>) {
    for f in record.fields() {
        let value = f.to_bytes();
        let value = text(&value).replace('\n', "\n    ");
        println!("{}: {value}", text(f.key()));
    }
}

fn show(rt: &Client, what: &str) -> Result<()> {
    let (kind, label) = what.split_once('/').ok_or(format!(
        "show what? {what:?} (ticket/<n>, user/<u>, queue/<q>)"
    ))?;
    match kind {
        "ticket" => {
            let ids = label
                .split(',')
                .map(|n| n.parse().map_err(|_| format!("not a ticket number: {n:?}")))
                .collect::<Result<Vec<u64>>>()?;
            let owned = get(
                rt,
                &read::Tickets {
                    ids,
                    fields: vec![],
                },
            )?;
            let list = owned.view();
            for (i, t) in list.tickets.iter().enumerate() {
                if i > 0 {
                    println!("--");
                }
                let subject = t.subject().map(|s| text(&s.to_bytes())).unwrap_or_default();
                let status = t.status().map_err(|e| e.to_string())?;
                println!(
                    "# ticket {}: {subject} [{}]",
                    t.id().map_err(|e| e.to_string())?,
                    status.map_or("?", |s| s.as_str())
                );
                print_record(t.record());
                for cf in t.custom_fields() {
                    let values = cf.values().map_err(|e| e.to_string())?;
                    println!("# custom field {:?}: {values:?}", text(cf.name));
                }
            }
            for m in &list.messages {
                println!("# {}", text(m.text));
            }
        }
        "user" => {
            let owned = get(rt, &read::User::new(label).map_err(|e| e.to_string())?)?;
            let u = owned.view();
            print_record(u.record());
        }
        "queue" => {
            let owned = get(rt, &read::Queue::new(label).map_err(|e| e.to_string())?)?;
            let q = owned.view();
            print_record(q.record());
        }
        _ => return Err(format!("cannot show {kind:?}")),
    }
    Ok(())
}

fn history(rt: &Client, id: u64, long: bool) -> Result<()> {
    if long {
        let owned = get(rt, &read::TicketHistoryLong { id })?;
        let h = owned.view();
        for e in &h.entries {
            let kind = e.kind().map_or("?", |k| k.as_str());
            let desc = e
                .description()
                .map(|d| text(&d.to_bytes()))
                .unwrap_or_default();
            println!("{} [{kind}] {desc}", e.id().map_err(|e| e.to_string())?);
            if let Some(c) = e.content() {
                for line in text(&c.to_bytes()).lines() {
                    println!("    | {line}");
                }
            }
            for a in e.attachments().map_err(|e| e.to_string())? {
                println!("    attachment {}: {} ({})", a.id, text(a.name), a.size);
            }
        }
    } else {
        let owned = get(rt, &read::TicketHistory { id })?;
        let h = owned.view();
        println!("# {} of {} transactions", h.header.matched, h.header.total);
        for e in &h.entries {
            println!("{}: {}", e.id, text(&e.description.to_bytes()));
        }
    }
    Ok(())
}

fn links(rt: &Client, id: u64) -> Result<()> {
    let owned = get(rt, &read::TicketLinks { id, long: false })?;
    let l = owned.view();
    for rel in [
        Relation::DependsOn,
        Relation::DependedOnBy,
        Relation::RefersTo,
        Relation::ReferredToBy,
        Relation::Members,
        Relation::MemberOf,
    ] {
        for target in l.get(rel).map_err(|e| e.to_string())? {
            match target {
                LinkTarget::Uri(uri) => println!("{}: {uri}", rel.key()),
                LinkTarget::Rt { kind, id, .. } => println!("{}: {kind} {id}", rel.key()),
            }
        }
    }
    Ok(())
}

fn attachments(rt: &Client, id: u64) -> Result<()> {
    let owned = get(rt, &read::TicketAttachments { id })?;
    let l = owned.view();
    for a in &l.items {
        let name = a.name.map_or("(Unnamed)".into(), text);
        println!("{}: {name} ({}, {})", a.id, a.content_type, a.size);
    }
    Ok(())
}

fn search(rt: &Client, query: &str, format: Option<Format>) -> Result<()> {
    let mut s = Search::new(ObjectType::Ticket, query);
    if let Some(f) = format {
        s = s.format(f);
    }
    let owned = get(rt, &s)?;
    let results = owned.view();
    if results.rows.is_empty() {
        println!("# no tickets match");
    }
    for row in &results.rows {
        match (&row.summary, row.get("Subject")) {
            (Some(s), _) | (None, Some(s)) => println!("{}: {}", row.id, text(s)),
            (None, None) => println!("{}", row.id),
        }
    }
    Ok(())
}

fn write(
    rt: &Client,
    req: &std::result::Result<WriteRequest<'_>, rt_wire::request::EncodeError>,
) -> Result<()> {
    let req = req.as_ref().map_err(|e| format!("cannot encode: {e}"))?;
    // A failure RT reports, also under `200 Ok`, is an error.
    let reply = rt.send(req).map_err(|e| e.to_string())?;
    for m in &reply.view().messages {
        println!("{}", text(m.text));
    }
    Ok(())
}
