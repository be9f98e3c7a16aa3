//! Result codes, their messages, the per-thread detailed message and the
//! panic boundary every exported function runs in.

use peer_support::requests::RequestError;
use peer_support::{InputError, InputProblem, Limit, PolicyError};
use std::cell::RefCell;
use std::ffi::{c_char, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// What a call gave. `PEER_SUPPORT_RESULT_OK` (0) is success; every other
/// value names one kind of failure, with a static message
/// (`peer_support_result_message`) and a detailed one for the last failure
/// on the calling thread (`peer_support_last_error`).
///
/// The values are an ABI: a value is never renumbered or reused; a new
/// kind of failure gets a new value. Ranges: 1xx an argument of the call,
/// 2xx a policy or request document that does not load (202 is not used:
/// a document beyond a limit gets the limit's 4xx code), 3xx a value the
/// evaluation refuses, 4xx a limit of the library, 9xx an internal error.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum peer_support_result {
    /// Success.
    Ok = 0,
    /// A pointer argument that must not be NULL is NULL.
    NullArgument = 100,
    /// A string argument is not valid UTF-8.
    InvalidUtf8 = 101,
    /// A string argument holds a NUL byte before its given length: the
    /// length does not match the string.
    LengthMismatch = 102,
    /// An enum argument (a `peer_support_lang`, a `peer_support_format`)
    /// has a value the enum does not have.
    UnknownEnumValue = 103,
    /// A string argument is longer than the largest document the library
    /// reads (`PEER_SUPPORT_MAX_DOCUMENT_BYTES`).
    InputTooLarge = 104,
    /// The caller's buffer is too small; the size needed was written.
    BufferTooSmall = 105,
    /// No built-in model has that name.
    UnknownModel = 106,
    /// No action of the catalogue has that id.
    UnknownAction = 107,
    /// An index at or beyond the number of elements.
    IndexOutOfRange = 108,
    /// The report is not written in that format (the policy report is
    /// text or JSON).
    FormatNotSupported = 110,
    /// A document is not well-formed JSON.
    Syntax = 200,
    /// A document does not have its schema's shape.
    Shape = 201,
    /// A document's `schema_version` is not one the library reads.
    UnsupportedSchemaVersion = 203,
    /// A required text, citation part or id is empty.
    Missing = 204,
    /// An id holds characters other than a-z, 0-9, '_', '-' and '.'.
    InvalidId = 205,
    /// An id is taken by an earlier action, rule or item.
    DuplicateId = 206,
    /// An action's code is taken by an earlier action.
    DuplicateCode = 207,
    /// An action's code is outside the range its document may use.
    CodeOutOfRange = 208,
    /// A rule names an action that is not in the catalogue.
    PolicyUnknownAction = 209,
    /// A rule names an evidence kind that is not declared.
    PolicyUnknownEvidenceKind = 210,
    /// A rule's conditions do not fit its verdict.
    ConditionsMismatch = 211,
    /// A unit rule would loosen a model rule.
    Loosens = 212,
    /// A unit rule departs from a model's should-not without a deviation.
    DepartsWithoutDeviation = 213,
    /// A deviation from a model rule that says must not.
    CannotDepart = 214,
    /// A reference to a rule the model does not have.
    UnknownRule = 215,
    /// A policy file could not be read.
    Io = 216,
    /// A text of the policy (a label, a condition) holds a NUL byte, which
    /// a C string cannot carry.
    TextHoldsNul = 217,
    /// Another failure to load a document (of a newer core).
    PolicyOther = 299,
    /// A date is after the evaluation's as-of date.
    AfterAsOf = 300,
    /// A date is before the start date it must follow.
    BeforeStart = 301,
    /// An evidence kind the policy does not declare.
    UnknownEvidenceKind = 302,
    /// Hours that are not a finite number from 0 to 100000.
    InvalidHours = 303,
    /// Hours missing on evidence counted in hours.
    MissingHours = 304,
    /// A date outside 1900-01-01 to 2199-12-31.
    DateOutOfRange = 305,
    /// A date computed from a policy parameter falls outside the calendar.
    ComputedDateOutOfRange = 306,
    /// A readiness fact for an item the policy does not have.
    UnknownReadinessItem = 307,
    /// A count for a yes/no readiness item, or yes/no for a counted one.
    WrongFactType = 308,
    /// An action id of the input is not in the catalogue.
    InputUnknownAction = 309,
    /// A peer supporter id the input does not list.
    UnknownSupporter = 310,
    /// An id of the input given to an earlier element too.
    InputDuplicateId = 311,
    /// A unit policy that extends another model than the one named.
    ModelMismatch = 312,
    /// A supervision log for a peer supporter with no start date.
    StartRequired = 313,
    /// A supervision kind the policy does not declare.
    UnknownSupervisionKind = 314,
    /// A present and an absent report of one kind on one day.
    ConflictingReports = 315,
    /// A report of absence of a kind counted as events.
    AbsentOfCountedKind = 316,
    /// Hours, a category or topics on a report of absence.
    DetailOnAbsent = 317,
    /// A promised rung without the delivered rung.
    PromiseWithoutDelivery = 318,
    /// Another value the evaluation refuses (of a newer core).
    InputOther = 399,
    /// A document larger than `PEER_SUPPORT_MAX_DOCUMENT_BYTES`.
    LimitDocumentSize = 400,
    /// A document nested deeper than 128 levels.
    LimitDepth = 401,
    /// A date of a document outside 1900-01-01 to 2199-12-31.
    LimitCalendar = 402,
    /// A span longer than 1200 months or 36525 days.
    LimitSpanLength = 403,
    /// A repeating span of both months and days.
    LimitMixedSpan = 404,
    /// A cadence with more than 16 phases.
    LimitPhases = 405,
    /// Hours of a document beyond 0 to 100000.
    LimitHours = 406,
    /// Another limit (of a newer core).
    LimitOther = 499,
    /// A panic inside the library was caught at the boundary: a bug of the
    /// library, never of the input. Nothing was written.
    Panic = 900,
}

use peer_support_result as R;

impl peer_support_result {
    /// Every value, in order (for the message table and its tests).
    pub(crate) const ALL: &'static [peer_support_result] = &[
        R::Ok,
        R::NullArgument,
        R::InvalidUtf8,
        R::LengthMismatch,
        R::UnknownEnumValue,
        R::InputTooLarge,
        R::BufferTooSmall,
        R::UnknownModel,
        R::UnknownAction,
        R::IndexOutOfRange,
        R::FormatNotSupported,
        R::Syntax,
        R::Shape,
        R::UnsupportedSchemaVersion,
        R::Missing,
        R::InvalidId,
        R::DuplicateId,
        R::DuplicateCode,
        R::CodeOutOfRange,
        R::PolicyUnknownAction,
        R::PolicyUnknownEvidenceKind,
        R::ConditionsMismatch,
        R::Loosens,
        R::DepartsWithoutDeviation,
        R::CannotDepart,
        R::UnknownRule,
        R::Io,
        R::TextHoldsNul,
        R::PolicyOther,
        R::AfterAsOf,
        R::BeforeStart,
        R::UnknownEvidenceKind,
        R::InvalidHours,
        R::MissingHours,
        R::DateOutOfRange,
        R::ComputedDateOutOfRange,
        R::UnknownReadinessItem,
        R::WrongFactType,
        R::InputUnknownAction,
        R::UnknownSupporter,
        R::InputDuplicateId,
        R::ModelMismatch,
        R::StartRequired,
        R::UnknownSupervisionKind,
        R::ConflictingReports,
        R::AbsentOfCountedKind,
        R::DetailOnAbsent,
        R::PromiseWithoutDelivery,
        R::InputOther,
        R::LimitDocumentSize,
        R::LimitDepth,
        R::LimitCalendar,
        R::LimitSpanLength,
        R::LimitMixedSpan,
        R::LimitPhases,
        R::LimitHours,
        R::LimitOther,
        R::Panic,
    ];

    /// The static message, NUL-terminated.
    pub(crate) fn message(self) -> &'static std::ffi::CStr {
        match self {
            R::Ok => c"success",
            R::NullArgument => c"a pointer argument is NULL",
            R::InvalidUtf8 => c"a string argument is not valid UTF-8",
            R::LengthMismatch => c"a string argument holds a NUL byte before its given length",
            R::UnknownEnumValue => c"an enum argument has a value the enum does not have",
            R::InputTooLarge => c"a string argument is larger than the library reads",
            R::BufferTooSmall => c"the buffer is too small; the size needed was written",
            R::UnknownModel => c"no built-in model has that name",
            R::UnknownAction => c"no action of the catalogue has that id",
            R::IndexOutOfRange => c"the index is at or beyond the number of elements",
            R::FormatNotSupported => c"the report is not written in that format",
            R::TextHoldsNul => {
                c"a text of the policy holds a NUL byte, which a C string cannot carry"
            }
            R::Syntax => c"a document is not well-formed JSON",
            R::Shape => c"a document does not have its schema's shape",
            R::UnsupportedSchemaVersion => {
                c"a document's schema_version is not one this library reads"
            }
            R::Missing => c"a required text, citation part or id is empty",
            R::InvalidId => c"an id may only hold a-z, 0-9, '_', '-' and '.'",
            R::DuplicateId => c"an id is taken by an earlier action, rule or item",
            R::DuplicateCode => c"an action's code is taken by an earlier action",
            R::CodeOutOfRange => c"an action's code is outside the range its document may use",
            R::PolicyUnknownAction => c"a rule names an action that is not in the catalogue",
            R::PolicyUnknownEvidenceKind => c"a rule names an evidence kind that is not declared",
            R::ConditionsMismatch => c"a rule's conditions do not fit its verdict",
            R::Loosens => c"a unit rule would loosen a model rule",
            R::DepartsWithoutDeviation => {
                c"a unit rule departs from a model's should-not without a deviation"
            }
            R::CannotDepart => c"a model rule says must not; no unit can depart from it",
            R::UnknownRule => c"a reference to a rule the model does not have",
            R::Io => c"a policy file cannot be read",
            R::PolicyOther => c"a document does not load",
            R::AfterAsOf => c"a date is after the as-of date",
            R::BeforeStart => c"a date is before the start date",
            R::UnknownEvidenceKind => c"an evidence kind the policy does not declare",
            R::InvalidHours => c"hours must be a finite number from 0 to 100000",
            R::MissingHours => c"hours are required for this kind of evidence",
            R::DateOutOfRange => c"a date is outside 1900-01-01 to 2199-12-31",
            R::ComputedDateOutOfRange => {
                c"a date computed from a policy parameter falls outside the calendar"
            }
            R::UnknownReadinessItem => c"no readiness item of that id",
            R::WrongFactType => c"a counted item takes a number, any other item true or false",
            R::InputUnknownAction => c"an action of the input is not in the catalogue",
            R::UnknownSupporter => c"no peer supporter of that id in the input",
            R::InputDuplicateId => c"an id of the input is given to an earlier element too",
            R::ModelMismatch => c"the policy extends another model than the one named",
            R::StartRequired => c"a supervision log needs the peer supporter's start date",
            R::UnknownSupervisionKind => c"a supervision kind the policy does not declare",
            R::ConflictingReports => {
                c"a present and an absent report of one evidence kind on one day"
            }
            R::AbsentOfCountedKind => c"a kind counted as events cannot be reported absent",
            R::DetailOnAbsent => c"a report of absence carries no hours, category or topics",
            R::PromiseWithoutDelivery => c"a promised rung needs the delivered rung",
            R::InputOther => c"a value of the input is not acceptable",
            R::LimitDocumentSize => c"a document is larger than 134217728 bytes",
            R::LimitDepth => c"a document nests deeper than 128 levels",
            R::LimitCalendar => c"a date is outside 1900-01-01 to 2199-12-31",
            R::LimitSpanLength => c"a span may hold at most 1200 months and 36525 days",
            R::LimitMixedSpan => c"a repeating span is whole months or whole days, not both",
            R::LimitPhases => c"a cadence may have at most 16 phases",
            R::LimitHours => c"hours must be a finite number from 0 to 100000",
            R::LimitOther => c"a value is beyond a limit of the library",
            R::Panic => c"internal error: a panic was caught at the library's boundary",
        }
    }
}

/// A failed call: its code and what to say of it (paths and field names of
/// the documented schema only, never a value of the input). The message is
/// written only when the call has failed, so that a successful call costs
/// nothing for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    pub(crate) code: peer_support_result,
    detail: Detail,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Detail {
    /// The argument of that name, with the code's message.
    Argument(&'static str),
    /// The code's message alone.
    Code,
    /// A message of the core's.
    Message(String),
}

impl Failure {
    /// A failure about the argument named `argument`.
    #[inline]
    pub(crate) fn argument(code: peer_support_result, argument: &'static str) -> Failure {
        Failure {
            code,
            detail: Detail::Argument(argument),
        }
    }

    /// A failure that the code's message says all of.
    pub(crate) fn code(code: peer_support_result) -> Failure {
        Failure {
            code,
            detail: Detail::Code,
        }
    }

    /// The detailed message.
    fn detail(&self) -> String {
        let message = self.code.message().to_string_lossy();
        match &self.detail {
            Detail::Argument(argument) => format!("argument `{argument}`: {message}"),
            Detail::Code => message.into_owned(),
            Detail::Message(text) => text.clone(),
        }
    }
}

fn limit_code(limit: Limit) -> peer_support_result {
    match limit {
        Limit::DocumentSize => R::LimitDocumentSize,
        Limit::Depth => R::LimitDepth,
        Limit::Calendar => R::LimitCalendar,
        Limit::SpanLength => R::LimitSpanLength,
        Limit::MixedSpan => R::LimitMixedSpan,
        Limit::Phases => R::LimitPhases,
        Limit::Hours => R::LimitHours,
        _ => R::LimitOther,
    }
}

fn policy_code(e: &PolicyError) -> peer_support_result {
    match e {
        PolicyError::Syntax { .. } => R::Syntax,
        PolicyError::Shape { .. } => R::Shape,
        PolicyError::Limit { limit, .. } => limit_code(*limit),
        PolicyError::UnsupportedSchemaVersion { .. } => R::UnsupportedSchemaVersion,
        PolicyError::Missing { .. } => R::Missing,
        PolicyError::InvalidId { .. } => R::InvalidId,
        PolicyError::DuplicateId { .. } => R::DuplicateId,
        PolicyError::DuplicateCode { .. } => R::DuplicateCode,
        PolicyError::CodeOutOfRange { .. } => R::CodeOutOfRange,
        PolicyError::UnknownAction { .. } => R::PolicyUnknownAction,
        PolicyError::UnknownEvidenceKind { .. } => R::PolicyUnknownEvidenceKind,
        PolicyError::ConditionsMismatch { .. } => R::ConditionsMismatch,
        PolicyError::Loosens { .. } => R::Loosens,
        PolicyError::DepartsWithoutDeviation { .. } => R::DepartsWithoutDeviation,
        PolicyError::CannotDepart { .. } => R::CannotDepart,
        PolicyError::UnknownRule { .. } => R::UnknownRule,
        PolicyError::Io { .. } => R::Io,
        _ => R::PolicyOther,
    }
}

fn input_code(problem: InputProblem) -> peer_support_result {
    match problem {
        InputProblem::AfterAsOf => R::AfterAsOf,
        InputProblem::BeforeStart => R::BeforeStart,
        InputProblem::UnknownEvidenceKind => R::UnknownEvidenceKind,
        InputProblem::InvalidHours => R::InvalidHours,
        InputProblem::MissingHours => R::MissingHours,
        InputProblem::DateOutOfRange => R::DateOutOfRange,
        InputProblem::ComputedDateOutOfRange => R::ComputedDateOutOfRange,
        InputProblem::UnknownReadinessItem => R::UnknownReadinessItem,
        InputProblem::WrongFactType => R::WrongFactType,
        InputProblem::UnknownAction => R::InputUnknownAction,
        InputProblem::UnknownSupporter => R::UnknownSupporter,
        InputProblem::DuplicateId => R::InputDuplicateId,
        InputProblem::ModelMismatch => R::ModelMismatch,
        InputProblem::StartRequired => R::StartRequired,
        InputProblem::UnknownSupervisionKind => R::UnknownSupervisionKind,
        InputProblem::ConflictingReports => R::ConflictingReports,
        InputProblem::AbsentOfCountedKind => R::AbsentOfCountedKind,
        InputProblem::DetailOnAbsent => R::DetailOnAbsent,
        InputProblem::PromiseWithoutDelivery => R::PromiseWithoutDelivery,
        _ => R::InputOther,
    }
}

impl From<PolicyError> for Failure {
    fn from(e: PolicyError) -> Failure {
        Failure {
            code: policy_code(&e),
            detail: Detail::Message(e.to_string()),
        }
    }
}

impl From<InputError> for Failure {
    fn from(e: InputError) -> Failure {
        Failure {
            code: input_code(e.problem),
            detail: Detail::Message(e.to_string()),
        }
    }
}

impl From<RequestError> for Failure {
    fn from(e: RequestError) -> Failure {
        let code = match &e {
            RequestError::Document(p) | RequestError::Policy(p) => policy_code(p),
            RequestError::Input { error, .. } => input_code(error.problem),
            _ => R::PolicyOther,
        };
        Failure {
            code,
            detail: Detail::Message(e.to_string()),
        }
    }
}

thread_local! {
    /// The detailed message of the last failed call on this thread.
    static LAST_ERROR: RefCell<CString> = RefCell::new(CString::default());
}

/// The detailed message of the last failed call on this thread, or "".
pub(crate) fn last_error() -> *const c_char {
    LAST_ERROR
        .try_with(|last| last.try_borrow().map_or(c"".as_ptr(), |l| l.as_ptr()))
        .unwrap_or(c"".as_ptr())
}

/// Runs `body` inside the panic boundary: its failure is recorded as this
/// thread's last error and turned into its code, a panic into
/// `PEER_SUPPORT_RESULT_PANIC`.
#[inline]
pub(crate) fn guard(body: impl FnOnce() -> Result<(), Failure>) -> peer_support_result {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => R::Ok,
        Ok(Err(failure)) => failed(failure),
        Err(_) => failed(Failure::code(R::Panic)),
    }
}

/// Records `failure` as the thread's last error; its code.
#[cold]
#[inline(never)]
fn failed(failure: Failure) -> peer_support_result {
    // Outside the panic boundary: nothing here may panic (`try_with`, not
    // `with`, for a thread whose locals are being destroyed).
    let detail = failure.detail();
    let bytes: Vec<u8> = detail.bytes().take_while(|&b| b != 0).collect();
    let message = CString::new(bytes).unwrap_or_default();
    let _ = LAST_ERROR.try_with(|last| {
        if let Ok(mut last) = last.try_borrow_mut() {
            *last = message;
        }
    });
    failure.code
}

/// Runs `body`, which has no failure of its own, inside the panic
/// boundary: a panic gives `otherwise`.
#[inline]
pub(crate) fn boundary<T>(otherwise: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(otherwise)
}
