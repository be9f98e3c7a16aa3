//! The limits every input is held to, one documented set for the Rust, C and
//! Python surfaces.
//!
//! They keep the cost of every evaluation linear in the size of its input,
//! whatever its dates and intervals: an input beyond a limit is refused with
//! a typed error ([`PolicyError::Limit`](crate::PolicyError::Limit) for a
//! document, [`InputProblem::DateOutOfRange`](crate::InputProblem::DateOutOfRange)
//! or [`InputProblem::InvalidHours`](crate::InputProblem::InvalidHours) for a
//! value given to an evaluation), never cut down or changed.
//!
//! | limit | value |
//! |---|---|
//! | a JSON document (unit record or unit policy) | at most [`MAX_DOCUMENT_BYTES`] (128 MiB) |
//! | nesting of a JSON document | at most [`MAX_DEPTH`] (128) levels |
//! | every date given | from [`FIRST_DATE`] (1900-01-01) to [`LAST_DATE`] (2199-12-31) |
//! | a span (cadence interval, phase start, renewal period, initial phase) | at most [`MAX_SPAN_MONTHS`] months (100 years) and [`MAX_SPAN_DAYS`] days |
//! | a repeating span (a cadence interval, a renewal period) | whole months or whole days, not both |
//! | phases of one cadence | at most [`MAX_PHASES`] |
//! | hours (one piece of evidence, a total or a category of a rule) | a finite number from 0 to [`MAX_HOURS`] |
//!
//! With these bounds no computed date can leave the calendar that `chrono`
//! handles, and no sum of hours can overflow.

use chrono::NaiveDate;
use std::fmt;

/// The largest JSON document read: 128 MiB.
pub const MAX_DOCUMENT_BYTES: usize = 128 << 20;

/// The deepest nesting of arrays and objects a JSON document may have (the
/// limit of the JSON reader, `serde_json`).
pub const MAX_DEPTH: usize = 128;

/// The first date any input may carry.
pub const FIRST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// The last date any input may carry.
pub const LAST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2199, 12, 31) {
    Some(date) => date,
    None => NaiveDate::MAX,
};

/// The most months a span may hold.
pub const MAX_SPAN_MONTHS: u32 = 1200;

/// The most days a span may hold.
pub const MAX_SPAN_DAYS: u32 = 36_525;

/// The most phases a cadence may have.
pub const MAX_PHASES: usize = 16;

/// The most hours one piece of evidence, a rule's total or a category may
/// hold.
pub const MAX_HOURS: f64 = 100_000.0;

/// Whether `date` lies within [`FIRST_DATE`]..=[`LAST_DATE`].
pub fn in_calendar(date: NaiveDate) -> bool {
    (FIRST_DATE..=LAST_DATE).contains(&date)
}

/// Whether `hours` is finite and from 0 to [`MAX_HOURS`].
pub fn hours_ok(hours: f64) -> bool {
    hours.is_finite() && (0.0..=MAX_HOURS).contains(&hours)
}

/// Which limit an input went beyond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Limit {
    /// [`MAX_DOCUMENT_BYTES`].
    DocumentSize,
    /// [`MAX_DEPTH`].
    Depth,
    /// [`FIRST_DATE`] to [`LAST_DATE`].
    Calendar,
    /// [`MAX_SPAN_MONTHS`] and [`MAX_SPAN_DAYS`].
    SpanLength,
    /// A repeating span of whole months or whole days.
    MixedSpan,
    /// [`MAX_PHASES`].
    Phases,
    /// [`MAX_HOURS`].
    Hours,
}

impl Limit {
    /// Stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Limit::DocumentSize => "document_size",
            Limit::Depth => "depth",
            Limit::Calendar => "calendar",
            Limit::SpanLength => "span_length",
            Limit::MixedSpan => "mixed_span",
            Limit::Phases => "phases",
            Limit::Hours => "hours",
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::DocumentSize => {
                write!(f, "the document is larger than {MAX_DOCUMENT_BYTES} bytes")
            }
            Limit::Depth => write!(f, "the document nests deeper than {MAX_DEPTH} levels"),
            Limit::Calendar => write!(f, "the date is outside {FIRST_DATE} to {LAST_DATE}"),
            Limit::SpanLength => write!(
                f,
                "a span may hold at most {MAX_SPAN_MONTHS} months and {MAX_SPAN_DAYS} days"
            ),
            Limit::MixedSpan => write!(
                f,
                "a repeating span is whole months or whole days, not both"
            ),
            Limit::Phases => write!(f, "a cadence may have at most {MAX_PHASES} phases"),
            Limit::Hours => write!(f, "hours must be a finite number from 0 to {MAX_HOURS}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calendar_and_hours_bounds_are_inclusive() {
        assert!(in_calendar(FIRST_DATE) && in_calendar(LAST_DATE));
        assert!(!in_calendar(FIRST_DATE.pred_opt().unwrap_or(FIRST_DATE)));
        assert!(!in_calendar(LAST_DATE.succ_opt().unwrap_or(LAST_DATE)));
        assert_eq!(FIRST_DATE.to_string(), "1900-01-01");
        assert_eq!(LAST_DATE.to_string(), "2199-12-31");
        assert!(hours_ok(0.0) && hours_ok(MAX_HOURS));
        assert!(!hours_ok(-0.5) && !hours_ok(MAX_HOURS + 1.0) && !hours_ok(f64::NAN));
        assert!(!hours_ok(f64::INFINITY));
    }

    #[test]
    fn every_limit_names_its_bound() {
        let all = [
            (Limit::DocumentSize, "134217728"),
            (Limit::Depth, "128"),
            (Limit::Calendar, "1900-01-01 to 2199-12-31"),
            (Limit::SpanLength, "1200 months and 36525 days"),
            (Limit::MixedSpan, "not both"),
            (Limit::Phases, "16"),
            (Limit::Hours, "100000"),
        ];
        let mut names = std::collections::HashSet::new();
        for (limit, bound) in all {
            assert!(limit.to_string().contains(bound), "{limit}");
            assert!(names.insert(limit.as_str()), "{}", limit.as_str());
            assert!(!limit.as_str().is_empty());
        }
    }
}
