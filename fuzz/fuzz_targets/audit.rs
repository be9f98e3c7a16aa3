//! Fuzzes the unit audit: `audit::run` must not panic in either language,
//! and a report must render as text and as JSON that parses.

#![no_main]

#[path = "../bodies.rs"]
#[allow(dead_code)]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::audit(data));
