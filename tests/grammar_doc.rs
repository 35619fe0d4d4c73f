//! `docs/grammar.md` names, for every production, the function that reads
//! it: each name it gives as the reader of a production (`— \`name\``, or
//! `Type::method`) must be a function of the crate, so the document cannot
//! drift from the code.

use std::path::Path;

fn sources(dir: &Path, out: &mut String) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// The function names the document gives as readers: the backticked names
/// after a production's dash, and every `Type::method` of the crate's own
/// parser types.
fn readers(doc: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in doc.lines() {
        if let Some((_, rest)) = line.split_once("` — ") {
            names.extend(backticked(rest).into_iter().take(1));
        }
        for name in backticked(line) {
            if let Some((ty, method)) = name.split_once("::") {
                if ["Machine", "Lexer", "StreamReader"].contains(&ty) {
                    names.push(method.to_owned());
                }
            }
        }
    }
    names.retain(|n| {
        n.chars()
            .all(|c| c.is_ascii_lowercase() || c == '_' || c == ':')
    });
    names.sort();
    names.dedup();
    names
}

fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(|s| s.rsplit("::").next().unwrap_or(s).to_owned())
        .collect()
}

#[test]
fn every_reader_named_in_the_grammar_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/grammar.md")).unwrap();
    let mut src = String::new();
    sources(&root.join("src"), &mut src);
    let names = readers(&doc);
    assert!(
        names.len() >= 18,
        "only {} readers found: {names:?}",
        names.len()
    );
    let missing: Vec<&String> = names
        .iter()
        .filter(|n| !src.contains(&format!("fn {n}(")) && !src.contains(&format!("fn {n}<")))
        .collect();
    assert!(
        missing.is_empty(),
        "named in docs/grammar.md, no such function: {missing:?}"
    );
}
