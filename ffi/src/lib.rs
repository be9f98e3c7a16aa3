//! # The C ABI of peer-support
//!
//! `libpeer_support` (`.so` and `.a` on Linux and macOS; `peer_support.dll`
//! with its import library on Windows, where journal systems such as PMO
//! run — the crate uses nothing platform-specific, but only Linux is built
//! and tested here) answers the same questions as the Rust crate, through
//! the header `ffi/include/peer_support.h`, which cbindgen generates from
//! this crate (`ffi/cbindgen.toml`). This crate translates; the engine
//! decides.
//!
//! ## Conventions
//!
//! - Every function whose name does not say otherwise returns a
//!   `peer_support_result`: 0 (`PEER_SUPPORT_RESULT_OK`) on success, or a
//!   code with a static message (`peer_support_result_message`) and a
//!   detailed one for the calling thread (`peer_support_last_error`), which
//!   names a path and a field of the documented schema and never a value of
//!   the input.
//! - Out-parameters are written only on success (and `out_needed` on
//!   `PEER_SUPPORT_RESULT_BUFFER_TOO_SMALL`, which is what it is for).
//! - A string argument is a pointer and a length in bytes (UTF-8, no NUL
//!   byte within the length; a NUL after it is not needed). NULL, invalid
//!   UTF-8, a NUL within the length, an unknown enum value and a string
//!   longer than `PEER_SUPPORT_MAX_DOCUMENT_BYTES` each have their own
//!   code.
//! - Enum arguments (`peer_support_lang`, `peer_support_format`) are passed
//!   as `uint32_t`, so that an unknown value is an error, not undefined
//!   behaviour.
//! - An engine is immutable and may be shared by any number of threads.
//!   Strings and arrays it returns live as long as it does; strings
//!   returned as `char *` belong to the caller, who frees them with
//!   `peer_support_string_free`.
//! - Every function runs inside a panic boundary: a panic (a bug) gives
//!   `PEER_SUPPORT_RESULT_PANIC`; none crosses into C.
//!
//! ## ABI rules
//!
//! The library follows semantic versioning (`PEER_SUPPORT_VERSION_*`,
//! `peer_support_version()`). Within a major version:
//! - functions, types, struct fields and enum values are only added, never
//!   removed, renamed, reordered or given another meaning; a struct the
//!   caller allocates never grows (a new field means a new struct and a new
//!   function);
//! - a result code, an outcome, an action's code and id are never
//!   renumbered or reused;
//! - JSON requests keep their shape within their `schema_version`;
//!   responses only gain fields within their `response_version`.
//!
//! A minor version may add functions, result codes, enum values, actions
//! and response fields; a caller treats an unknown result code as a
//! failure and an unknown outcome as not allowed. A patch version changes
//! no interface.

mod convert;
mod engine;
mod error;
mod json;

pub use convert::{peer_support_format, peer_support_lang};
pub use engine::{
    peer_support_action, peer_support_condition, peer_support_decision, peer_support_engine,
    peer_support_model, peer_support_outcome, peer_support_party,
};
pub use error::peer_support_result;

use std::ffi::c_char;

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
    c"0.1.0".as_ptr()
}

/// The static message of `result`, NUL-terminated; for a value the library
/// does not have, a message saying so.
#[no_mangle]
pub extern "C" fn peer_support_result_message(result: u32) -> *const c_char {
    peer_support_result::ALL
        .iter()
        .find(|r| **r as u32 == result)
        .map_or(c"unknown result code".as_ptr(), |r| r.message().as_ptr())
}

/// The detailed message of the last failed call on the calling thread
/// (NUL-terminated; "" if none has failed), valid until the next failed
/// call on the thread; a successful call leaves it as it is. It names the argument, or the path and field of
/// the documented schema, and never repeats a value of the input.
#[no_mangle]
pub extern "C" fn peer_support_last_error() -> *const c_char {
    error::last_error()
}

#[cfg(test)]
mod tests;
