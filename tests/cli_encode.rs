//! Runs the unit tests of the `rt-wire encode` command module, which the
//! binary includes as `mod encode;`.

#[path = "../src/bin/rt-wire/encode.rs"]
mod encode;
