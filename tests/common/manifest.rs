//! The captured corpus (`corpus/rt5`, `corpus/rt4`) exactly as its manifests
//! list it, for every test that runs over it.
//!
//! A test over the corpus checks every file a manifest lists, and counts
//! against that number: a missing manifest, a listed file that is missing, or
//! a `.rt` file that no manifest lists is a failure here, never a smaller run.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The corpora captured from RT 5.0.3 and RT 4.4.6 as installed (UTC,
/// English, stock lifecycle, no web path); each must have its manifest.
pub const VERSIONS: [&str; 2] = ["rt5", "rt4"];

/// The corpora captured from site-configured RT 5.0.3 and RT 4.4.6
/// (`corpus/capture_site.py`: time zone, languages, every date format, a
/// custom lifecycle, a web path).
pub const SITE_VERSIONS: [&str; 2] = ["rt5-site", "rt4-site"];

/// Every corpus.
pub const ALL: [&str; 4] = ["rt5", "rt4", "rt5-site", "rt4-site"];

/// One capture as its manifest lists it.
pub struct Capture {
    /// `rt5`, `rt4`, `rt5-site` or `rt4-site`.
    pub version: &'static str,
    /// The file name, `019-ticket-show-complex.rt`.
    pub file: String,
    pub path: PathBuf,
    /// The manifest's entry: `request`, `response`, `expect`.
    pub entry: Value,
    /// The captured bytes.
    pub body: Vec<u8>,
}

impl Capture {
    /// The request path, `/REST/1.0/ticket/1`.
    pub fn request_path(&self) -> &str {
        self.entry["request"]["path"]
            .as_str()
            .expect("request.path")
    }
}

pub fn dir(version: &str) -> PathBuf {
    // The repository's root: this crate's directory, or the one above it
    // for a workspace member (`cli/`).
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|d| d.join("corpus").is_dir())
        .expect("the corpus directory")
        .join("corpus")
        .join(version)
}

/// `corpus/<version>/manifest.json`; a missing or unreadable manifest fails.
pub fn manifest(version: &str) -> Value {
    let path = dir(version).join("manifest.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (the corpus tests need it)", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every capture of one corpus, in manifest order, with its bytes. Fails when
/// a listed file is missing, listed twice, or a `.rt` file is not listed.
pub fn captures(version: &'static str) -> Vec<Capture> {
    let dir = dir(version);
    let manifest = manifest(version);
    let entries = manifest["captures"]
        .as_array()
        .unwrap_or_else(|| panic!("corpus/{version}/manifest.json: no captures"));
    assert!(!entries.is_empty(), "corpus/{version}: empty manifest");
    let mut listed = BTreeSet::new();
    let mut out = Vec::new();
    for entry in entries {
        let file = entry["file"].as_str().expect("file").to_owned();
        assert!(
            listed.insert(file.clone()),
            "corpus/{version}/{file} listed twice"
        );
        let path = dir.join(&file);
        let body = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (listed in the manifest)", path.display()));
        out.push(Capture {
            version,
            file,
            path,
            entry: entry.clone(),
            body,
        });
    }
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".rt"))
        .collect();
    let unlisted: Vec<_> = on_disk.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "corpus/{version}: files no manifest lists: {unlisted:?}"
    );
    out
}

/// Every capture of every corpus ([`ALL`]).
pub fn all() -> Vec<Capture> {
    ALL.iter().flat_map(|v| captures(v)).collect()
}

/// How many captures the manifests list (of one corpus, or of all).
pub fn listed(version: Option<&str>) -> usize {
    ALL.iter()
        .filter(|v| version.is_none_or(|x| x == **v))
        .map(|v| manifest(v)["captures"].as_array().map_or(0, Vec::len))
        .sum()
}
