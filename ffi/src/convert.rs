//! Arguments in and results out: strings given as pointer and length,
//! enum arguments given as integers, out-parameters written only on
//! success, strings the library returns.

use crate::error::{peer_support_result as R, Failure};
use peer_support::limits::MAX_DOCUMENT_BYTES;
use peer_support::requests::Format;
use peer_support::Lang;
use std::ffi::{c_char, CString};

/// A language of the texts the library writes.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum peer_support_lang {
    /// Swedish.
    Sv = 1,
    /// English.
    En = 2,
}

/// How a report is written.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum peer_support_format {
    /// Text for a reader.
    Text = 1,
    /// A versioned JSON response.
    Json = 2,
    /// One self-contained, printable HTML page (the audit only).
    Html = 3,
}

/// A table of the audit in CSV (`peer_support_audit_csv`).
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum peer_support_csv_table {
    /// The activities outside plain "allowed".
    Boundaries = 1,
    /// Each peer supporter's qualification.
    Certification = 2,
    /// Each peer supporter's supervision, per kind.
    Supervision = 3,
    /// The participation promises checked.
    Participation = 4,
    /// The readiness components' scores.
    Readiness = 5,
}

/// The format a `peer_support_format` value names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Written {
    /// Text or JSON, as the core writes every report.
    Report(Format),
    /// HTML (the audit only).
    Html,
}

/// The name of the CSV table `value` (a `peer_support_csv_table`) names.
pub(crate) fn csv_table(value: u32, argument: &'static str) -> Result<&'static str, Failure> {
    let index = match value {
        v if v == peer_support_csv_table::Boundaries as u32 => 0,
        v if v == peer_support_csv_table::Certification as u32 => 1,
        v if v == peer_support_csv_table::Supervision as u32 => 2,
        v if v == peer_support_csv_table::Participation as u32 => 3,
        v if v == peer_support_csv_table::Readiness as u32 => 4,
        _ => return Err(Failure::argument(R::UnknownEnumValue, argument)),
    };
    peer_support::render::CSV_TABLES
        .get(index)
        .copied()
        .ok_or_else(|| Failure::argument(R::UnknownEnumValue, argument))
}

/// The language `value` (a `peer_support_lang`) names.
pub(crate) fn lang(value: u32, argument: &'static str) -> Result<Lang, Failure> {
    match value {
        v if v == peer_support_lang::Sv as u32 => Ok(Lang::Sv),
        v if v == peer_support_lang::En as u32 => Ok(Lang::En),
        _ => Err(Failure::argument(R::UnknownEnumValue, argument)),
    }
}

/// The format `value` (a `peer_support_format`) names.
pub(crate) fn format(value: u32, argument: &'static str) -> Result<Written, Failure> {
    match value {
        v if v == peer_support_format::Text as u32 => Ok(Written::Report(Format::Text)),
        v if v == peer_support_format::Json as u32 => Ok(Written::Report(Format::Json)),
        v if v == peer_support_format::Html as u32 => Ok(Written::Html),
        _ => Err(Failure::argument(R::UnknownEnumValue, argument)),
    }
}

/// The string of `len` bytes at `ptr`, checked: not NULL, no longer than
/// the largest document, no NUL byte, valid UTF-8.
///
/// # Safety
///
/// Unless NULL, `ptr` points to `len` readable bytes that stay unchanged
/// for `'a`.
pub(crate) unsafe fn text<'a>(
    ptr: *const c_char,
    len: usize,
    argument: &'static str,
) -> Result<&'a str, Failure> {
    if ptr.is_null() {
        return Err(Failure::argument(R::NullArgument, argument));
    }
    if len > MAX_DOCUMENT_BYTES {
        return Err(Failure::argument(R::InputTooLarge, argument));
    }
    // SAFETY: `ptr` is not NULL, and the caller guarantees it points to
    // `len` readable bytes that stay unchanged for `'a`; `len` is at most
    // MAX_DOCUMENT_BYTES, far below isize::MAX.
    let bytes = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) };
    if bytes.contains(&0) {
        return Err(Failure::argument(R::LengthMismatch, argument));
    }
    std::str::from_utf8(bytes).map_err(|_| Failure::argument(R::InvalidUtf8, argument))
}

/// An out-parameter checked not to be NULL, written only through
/// [`Out::set`], on success. It is never read nor borrowed as a reference:
/// the caller's memory may hold anything (an uninitialised struct) until
/// it is written.
pub(crate) struct Out<T>(*mut T);

impl<T> Out<T> {
    /// Writes `value`.
    #[inline]
    pub(crate) fn set(self, value: T) {
        // SAFETY: `self.0` is not NULL (checked by `out`), and the caller
        // of `out` guaranteed that it points to a writable, aligned `T`
        // that nothing else accesses meanwhile; `write` neither reads nor
        // drops what was there.
        unsafe { self.0.write(value) }
    }
}

/// `ptr` as an out-parameter, or a failure naming `argument` if it is NULL.
///
/// # Safety
///
/// Unless NULL, `ptr` points to a writable, aligned `T` that nothing else
/// accesses until the `Out` is written or dropped.
#[inline]
pub(crate) unsafe fn out<T>(ptr: *mut T, argument: &'static str) -> Result<Out<T>, Failure> {
    if ptr.is_null() {
        Err(Failure::argument(R::NullArgument, argument))
    } else {
        Ok(Out(ptr))
    }
}

/// `ptr` as an optional out-parameter: `None` if it is NULL.
///
/// # Safety
///
/// As for [`out`].
#[inline]
pub(crate) unsafe fn optional_out<T>(ptr: *mut T) -> Option<Out<T>> {
    (!ptr.is_null()).then_some(Out(ptr))
}

/// A `CString` of a text of the library's (an id, a label, a report), or,
/// for a text holding a NUL byte (which a C string cannot carry; only a
/// unit policy's own text can), a failure: the text is never cut.
pub(crate) fn c_string(text: &str) -> Result<CString, Failure> {
    CString::new(text).map_err(|_| Failure::code(R::TextHoldsNul))
}
