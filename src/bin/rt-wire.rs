//! The `rt-wire` command-line tool.
fn main() {}
