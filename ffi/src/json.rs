//! JSON in, JSON out: certification, supervision, readiness, participation,
//! the policy report and the audit. The request and response shapes are
//! the core's (`peer_support::requests`), documented and versioned there
//! and in `core/schemas/`.

use crate::convert::{c_string, csv_table, format, lang, optional_out, out, text, Out, Written};
use crate::engine::{engine, peer_support_engine};
use crate::error::{guard, peer_support_result, peer_support_result as R, Failure};
use peer_support::requests::{self, RequestError};
use peer_support::Engine;
use std::ffi::{c_char, CString};

/// Hands `text` to the caller: the string to `out_text`, for the caller to
/// free, and its length without the NUL to `out_len`, if given.
fn give_string(
    text: &str,
    out_text: Out<*mut c_char>,
    out_len: Option<Out<usize>>,
) -> Result<(), Failure> {
    let text = c_string(text)?;
    if let Some(out_len) = out_len {
        out_len.set(text.as_bytes().len());
    }
    out_text.set(text.into_raw());
    Ok(())
}

/// One JSON request answered under an engine.
///
/// # Safety
///
/// As for the exported functions that call it.
unsafe fn call(
    engine_ptr: *const peer_support_engine,
    request: *const c_char,
    request_len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
    ask: fn(&Engine, &str) -> Result<String, RequestError>,
) -> peer_support_result {
    guard(|| {
        // SAFETY: the caller guarantees `engine_ptr`.
        let e = unsafe { engine(engine_ptr) }?;
        // SAFETY: the caller guarantees `request` and `request_len`.
        let request = unsafe { text(request, request_len, "request") }?;
        // SAFETY: the caller guarantees `out_json`.
        let out_json = unsafe { out(out_json, "out_json") }?;
        give_string(
            &ask(&e.engine, request)?,
            out_json,
            // SAFETY: the caller guarantees that a non-NULL `out_len` points
            // to a writable `size_t`.
            unsafe { optional_out(out_len) },
        )
    })
}

/// Where a person stands under the engine's policy: a certification
/// request (`schema_version`, `lang`, `as_of`, `evidence`) in, the
/// `certification` response out.
///
/// On success writes a new NUL-terminated JSON response to `*out_json`
/// (free it with `peer_support_string_free`) and, unless `out_len` is NULL,
/// its length without the NUL to `*out_len`. A request not of its shape
/// gives a 2xx or 4xx code, a value the evaluation refuses a 3xx code;
/// `peer_support_last_error` names the path.
///
/// # Safety
///
/// `engine` is a live engine of this library; `request` points to
/// `request_len` readable bytes; `out_json` points to a writable `char *`;
/// unless NULL, `out_len` points to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn peer_support_certification_json(
    engine: *const peer_support_engine,
    request: *const c_char,
    request_len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> peer_support_result {
    // SAFETY: the caller guarantees every argument, as documented.
    unsafe {
        call(
            engine,
            request,
            request_len,
            out_json,
            out_len,
            requests::certification,
        )
    }
}

/// How a supervision log keeps cadence: a supervision request
/// (`schema_version`, `lang`, `as_of`, `start`, `sessions`, `evidence`)
/// in, the `supervision` response (one status per required kind) out.
///
/// Output, errors and safety as for `peer_support_certification_json`.
///
/// # Safety
///
/// As for `peer_support_certification_json`.
#[no_mangle]
pub unsafe extern "C" fn peer_support_supervision_json(
    engine: *const peer_support_engine,
    request: *const c_char,
    request_len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> peer_support_result {
    // SAFETY: the caller guarantees every argument, as documented.
    unsafe {
        call(
            engine,
            request,
            request_len,
            out_json,
            out_len,
            requests::supervision,
        )
    }
}

/// What is in place before and after a peer supporter starts: a
/// readiness request (`schema_version`, `lang`, `facts`, `started`) in,
/// the `readiness` response out.
///
/// Output, errors and safety as for `peer_support_certification_json`.
///
/// # Safety
///
/// As for `peer_support_certification_json`.
#[no_mangle]
pub unsafe extern "C" fn peer_support_readiness_json(
    engine: *const peer_support_engine,
    request: *const c_char,
    request_len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> peer_support_result {
    // SAFETY: the caller guarantees every argument, as documented.
    unsafe {
        call(
            engine,
            request,
            request_len,
            out_json,
            out_len,
            requests::readiness,
        )
    }
}

/// Which rungs of the participation ladder a text names: a classify
/// request (`schema_version`, `text`) in, the `classification` response
/// out.
///
/// Output, errors and safety as for `peer_support_certification_json`.
///
/// # Safety
///
/// As for `peer_support_certification_json`.
#[no_mangle]
pub unsafe extern "C" fn peer_support_classify_participation_json(
    engine: *const peer_support_engine,
    request: *const c_char,
    request_len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> peer_support_result {
    // SAFETY: the caller guarantees every argument, as documented.
    unsafe {
        call(
            engine,
            request,
            request_len,
            out_json,
            out_len,
            requests::classify_participation,
        )
    }
}

/// Whether a promise of participation was kept: a promise request
/// (`schema_version`, `lang`, `promised`, `delivered`) in, the `promise`
/// response out.
///
/// Output, errors and safety as for `peer_support_certification_json`.
///
/// # Safety
///
/// As for `peer_support_certification_json`.
#[no_mangle]
pub unsafe extern "C" fn peer_support_check_promise_json(
    engine: *const peer_support_engine,
    request: *const c_char,
    request_len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> peer_support_result {
    // SAFETY: the caller guarantees every argument, as documented.
    unsafe {
        call(
            engine,
            request,
            request_len,
            out_json,
            out_len,
            requests::check_participation_promise,
        )
    }
}

/// The policy report on the engine's policy — every action's outcome under
/// the model beside the unit's, with what the unit changed — in `lang` (a
/// `peer_support_lang`), as text or as a JSON response (`format`, a
/// `peer_support_format`). Output as for the JSON calls.
///
/// # Safety
///
/// `engine` is a live engine of this library; `out_text` points to a
/// writable `char *`; unless NULL, `out_len` points to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn peer_support_policy_report(
    engine: *const peer_support_engine,
    lang: u32,
    format: u32,
    out_text: *mut *mut c_char,
    out_len: *mut usize,
) -> peer_support_result {
    guard(|| {
        // SAFETY: the caller guarantees `engine`.
        let e = unsafe { self::engine(engine) }?;
        let lang = self::lang(lang, "lang")?;
        let format = self::format(format, "format")?;
        // SAFETY: the caller guarantees `out_text`.
        let out_text = unsafe { out(out_text, "out_text") }?;
        let Written::Report(format) = format else {
            return Err(Failure::argument(R::FormatNotSupported, "format"));
        };
        let report = requests::policy_report(&e.engine, lang, format)?;
        give_string(
            &report,
            out_text,
            // SAFETY: the caller guarantees that a non-NULL `out_len` points
            // to a writable `size_t`.
            unsafe { optional_out(out_len) },
        )
    })
}

/// The audit of the unit record `record` (`record_len` bytes of JSON; the
/// record names its model and may hold its own policy, so no engine is
/// needed) in `lang`, as text or as a JSON response (`format`). Output as
/// for the JSON calls.
///
/// # Safety
///
/// `record` points to `record_len` readable bytes; `out_text` points to a
/// writable `char *`; unless NULL, `out_len` points to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn peer_support_audit(
    record: *const c_char,
    record_len: usize,
    lang: u32,
    format: u32,
    out_text: *mut *mut c_char,
    out_len: *mut usize,
) -> peer_support_result {
    guard(|| {
        // SAFETY: the caller guarantees `record` and `record_len`.
        let record = unsafe { text(record, record_len, "record") }?;
        let lang = self::lang(lang, "lang")?;
        let format = self::format(format, "format")?;
        // SAFETY: the caller guarantees `out_text`.
        let out_text = unsafe { out(out_text, "out_text") }?;
        let report = match format {
            Written::Report(format) => requests::audit(record, lang, format),
            Written::Html => requests::audit_html(record, lang),
        }
        .map_err(Failure::from)?;
        give_string(
            &report,
            out_text,
            // SAFETY: the caller guarantees that a non-NULL `out_len` points
            // to a writable `size_t`.
            unsafe { optional_out(out_len) },
        )
    })
}

/// One table of the audit of the unit record `record` (`record_len`
/// bytes of JSON) in CSV (`table`, a `peer_support_csv_table`), in `lang`:
/// RFC 4180, CRLF line ends, a header row of stable column names. Output
/// as for the JSON calls.
///
/// # Safety
///
/// `record` points to `record_len` readable bytes; `out_text` points to a
/// writable `char *`; unless NULL, `out_len` points to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn peer_support_audit_csv(
    record: *const c_char,
    record_len: usize,
    lang: u32,
    table: u32,
    out_text: *mut *mut c_char,
    out_len: *mut usize,
) -> peer_support_result {
    guard(|| {
        // SAFETY: the caller guarantees `record` and `record_len`.
        let record = unsafe { text(record, record_len, "record") }?;
        let lang = self::lang(lang, "lang")?;
        let name = csv_table(table, "table")?;
        // SAFETY: the caller guarantees `out_text`.
        let out_text = unsafe { out(out_text, "out_text") }?;
        let tables = requests::audit_csv(record, lang).map_err(Failure::from)?;
        let Some((_, csv)) = tables.iter().find(|(t, _)| *t == name) else {
            // Every name of CSV_TABLES is a table of to_csv (a core test).
            return Err(Failure::code(R::Panic));
        };
        give_string(
            csv,
            out_text,
            // SAFETY: the caller guarantees that a non-NULL `out_len` points
            // to a writable `size_t`.
            unsafe { optional_out(out_len) },
        )
    })
}

/// Frees a string the library returned, unchanged (its size is found
/// again from its NUL). NULL is accepted and does nothing.
///
/// # Safety
///
/// Unless NULL, `text` was returned by this library, has not been
/// changed, and is not used or freed again.
#[no_mangle]
pub unsafe extern "C" fn peer_support_string_free(text: *mut c_char) {
    let _ = guard(|| {
        if !text.is_null() {
            // SAFETY: the caller guarantees that `text` came from
            // `CString::into_raw` in this library and is not used again.
            drop(unsafe { CString::from_raw(text) });
        }
        Ok(())
    });
}
