#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| rt_wire_testkit::fuzzing::view_attachment_list(data));
