//! # The C ABI of peer-support
//!
//! `libpeer_support` answers the same questions as the Rust crate through
//! the header `ffi/include/peer_support.h`, which cbindgen generates from
//! this crate. This crate translates; the engine decides. The conventions
//! (results, strings, ownership, threads), the JSON requests and responses
//! and the ABI rules are in `ffi/README.md`.

mod convert;
mod engine;
mod error;
mod json;

pub use convert::{peer_support_csv_table, peer_support_format, peer_support_lang};
pub use engine::{
    peer_support_action, peer_support_condition, peer_support_decision, peer_support_engine,
    peer_support_model, peer_support_outcome, peer_support_party,
};
pub use error::peer_support_result;

use std::ffi::{c_char, CStr};

/// The library's major version.
pub const PEER_SUPPORT_VERSION_MAJOR: u32 = 0;
/// The library's minor version.
pub const PEER_SUPPORT_VERSION_MINOR: u32 = 1;
/// The library's patch version.
pub const PEER_SUPPORT_VERSION_PATCH: u32 = 0;
/// The largest string argument the library reads, in bytes (128 MiB).
pub const PEER_SUPPORT_MAX_DOCUMENT_BYTES: usize = 134_217_728;
/// The version of the JSON requests the library reads (`schema_version`).
pub const PEER_SUPPORT_REQUEST_VERSION: u32 = 1;
/// The version of the JSON responses the library writes
/// (`response_version`).
pub const PEER_SUPPORT_RESPONSE_VERSION: u32 = 1;

/// The library's version, `major.minor.patch`, static and NUL-terminated.
#[no_mangle]
pub extern "C" fn peer_support_version() -> *const c_char {
    VERSION.as_ptr()
}

/// The crate's version, NUL-terminated.
const VERSION: &CStr =
    match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(version) => version,
        Err(_) => c"",
    };

/// The static message of `result`, NUL-terminated; for a value the library
/// does not have, a message saying so.
#[no_mangle]
pub extern "C" fn peer_support_result_message(result: u32) -> *const c_char {
    let unknown = c"unknown result code".as_ptr();
    error::boundary(unknown, || {
        peer_support_result::ALL
            .iter()
            .find(|r| **r as u32 == result)
            .map_or(unknown, |r| r.message().as_ptr())
    })
}

/// The detailed message of the last failed call on the calling thread
/// (NUL-terminated; "" if none has failed), valid until the next failed
/// call on the thread; a successful call leaves it as it is. It names the argument, or the path and field of
/// the documented schema, and never repeats a value of the input.
#[no_mangle]
pub extern "C" fn peer_support_last_error() -> *const c_char {
    error::boundary(c"".as_ptr(), error::last_error)
}

#[cfg(test)]
mod tests;
