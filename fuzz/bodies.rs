//! The fuzz bodies, shared by the cargo-fuzz targets (`fuzz_targets/*.rs`)
//! and the stable smoke test (`tests/fuzz_smoke.rs`).
//!
//! Each body takes arbitrary bytes and must return without panicking for
//! every input; a panic here is a finding. Only these library APIs are
//! used: `Policy::from_json`, `Policy::to_json`, `PartialEq for Policy`,
//! `audit::run`, `AuditReport::to_text`, `AuditReport::to_json`, and the
//! `Display` and `Debug` of the error types.

use peer_support::{audit, Lang, Policy};
use std::hint::black_box;

/// Loads `data` as a unit policy. A policy that loads must load again from
/// its own JSON and compare equal; an error must format without panicking.
#[allow(clippy::panic)]
pub fn policy_load(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Policy::from_json(text) {
        Ok(policy) => {
            let json = policy.to_json();
            match Policy::from_json(&json) {
                Ok(again) => {
                    if again != policy {
                        panic!(
                            "policy changed in a to_json/from_json round trip:\n\
                             first:  {json}\nsecond: {}",
                            again.to_json()
                        );
                    }
                }
                Err(e) => panic!("a loaded policy's own JSON does not load: {e}\n{json}"),
            }
        }
        Err(e) => {
            black_box(e.to_string());
            black_box(format!("{e:?}"));
        }
    }
}

/// Audits `data` as a unit record in both languages. A report must render
/// as text and as JSON that parses; an error must format without panicking.
#[allow(clippy::panic)]
pub fn audit(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for lang in [Lang::Sv, Lang::En] {
        match audit::run(text, lang) {
            Ok(report) => {
                black_box(report.to_text());
                let json = report.to_json();
                if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
                    panic!("the {lang:?} report's JSON does not parse: {e}\n{json}");
                }
            }
            Err(e) => {
                black_box(e.to_string());
                black_box(format!("{e:?}"));
            }
        }
    }
}
