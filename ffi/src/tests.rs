//! The boundary's own tests: codes, messages, the panic guard, versions.
//! The C tests (`tests/c/`) call every function from C.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::error::{guard, peer_support_result as R, Failure};
use crate::*;
use std::collections::HashSet;
use std::ffi::CStr;

#[test]
fn every_result_code_is_listed_once_with_its_own_message() {
    let mut values = HashSet::new();
    let mut messages = HashSet::new();
    for r in R::ALL {
        assert!(values.insert(*r as u32), "{r:?} listed twice");
        let message = r.message().to_str().unwrap();
        assert!(!message.is_empty());
        // Two limits share their bound's wording with an input problem.
        if !matches!(r, R::LimitCalendar | R::LimitHours) {
            assert!(messages.insert(message), "{r:?} shares its message");
        }
        // SAFETY: the library returns a static NUL-terminated string.
        let via_c = unsafe { CStr::from_ptr(peer_support_result_message(*r as u32)) };
        assert_eq!(via_c.to_str().unwrap(), message);
    }
    // SAFETY: as above.
    let unknown = unsafe { CStr::from_ptr(peer_support_result_message(7)) };
    assert_eq!(unknown.to_str().unwrap(), "unknown result code");
}

#[test]
fn a_panic_is_caught_and_reported_as_a_panic() {
    let result = guard(|| -> Result<(), Failure> { panic!("a bug") });
    assert_eq!(result, R::Panic);
    // SAFETY: a NUL-terminated thread-local string.
    let last = unsafe { CStr::from_ptr(peer_support_last_error()) };
    assert_eq!(last.to_str().unwrap(), R::Panic.message().to_str().unwrap());
}

#[test]
fn the_versions_are_the_crates() {
    // SAFETY: a static NUL-terminated string.
    let version = unsafe { CStr::from_ptr(peer_support_version()) };
    assert_eq!(version.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    assert_eq!(
        version.to_str().unwrap(),
        peer_support::requests::LIBRARY_VERSION
    );
    let parts = format!(
        "{PEER_SUPPORT_VERSION_MAJOR}.{PEER_SUPPORT_VERSION_MINOR}.{PEER_SUPPORT_VERSION_PATCH}"
    );
    assert_eq!(parts, env!("CARGO_PKG_VERSION"));
    assert_eq!(
        PEER_SUPPORT_MAX_DOCUMENT_BYTES,
        peer_support::limits::MAX_DOCUMENT_BYTES
    );
    assert_eq!(
        PEER_SUPPORT_REQUEST_VERSION,
        peer_support::requests::REQUEST_VERSION
    );
    assert_eq!(
        PEER_SUPPORT_RESPONSE_VERSION,
        peer_support::requests::RESPONSE_VERSION
    );
}

/// `NullArgument` → `NULL_ARGUMENT`, as cbindgen names the variants.
fn screaming(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// The codes no call through the C ABI can give: `tests/c/test_api.c`
/// says why in a comment; every other code is asked for by a check there.
const NO_CALL_GIVES: [R; 8] = [
    R::Io,
    R::LimitDocumentSize,
    R::DateOutOfRange,
    R::ComputedDateOutOfRange,
    R::PolicyOther,
    R::InputOther,
    R::LimitOther,
    R::Panic,
];

/// Whether `text` names `name` as a whole word.
fn names(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        let next = text[at + name.len()..].chars().next();
        !next.is_some_and(|c| c == '_' || c.is_ascii_alphanumeric())
    })
}

#[test]
fn the_c_tests_give_or_explain_every_result_code() {
    let tests = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/c/test_api.c"
    ))
    .unwrap();
    let header = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/include/peer_support.h"
    ))
    .unwrap();
    // The checks, without the comments.
    let code: String = tests
        .lines()
        .filter(|l| {
            let l = l.trim_start();
            !(l.starts_with("/*") || l.starts_with('*'))
        })
        .collect::<Vec<_>>()
        .join("\n");
    for r in R::ALL {
        let name = format!("PEER_SUPPORT_RESULT_{}", screaming(&format!("{r:?}")));
        assert!(
            header.contains(&format!("{name} = {}", *r as u32)),
            "{name}"
        );
        if NO_CALL_GIVES.contains(r) {
            assert!(
                names(&tests, &name),
                "tests/c/test_api.c does not say why no call gives {name}"
            );
            assert!(
                !names(&code, &name),
                "{name} is listed as given by no call, but a check asks for it"
            );
        } else {
            assert!(
                names(&code, &name),
                "no check of tests/c/test_api.c asks for {name}"
            );
        }
    }
}
