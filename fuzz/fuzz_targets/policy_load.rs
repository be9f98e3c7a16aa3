//! Fuzzes unit-policy loading: `Policy::from_json` must not panic, and a
//! loaded policy must survive `to_json` → `from_json` unchanged.

#![no_main]

#[path = "../bodies.rs"]
#[allow(dead_code)]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::policy_load(data));
