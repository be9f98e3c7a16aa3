//! Calendar spans used by the time-dependent rules, and the strict reading of
//! dates.

use crate::json::custom;
use crate::limits;
use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize};

/// A span of calendar time: whole months, then days. Adding a span to a date
/// adds the months first (the day of the month is clamped to the month's
/// length, as chrono does) and then the days.
///
/// A span that repeats (a cadence interval, a renewal period) is whole months
/// or whole days, not both ([`Span::is_pure`]): that keeps the n-th repetition
/// computable without stepping through the ones before it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// Whole months.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub months: u32,
    /// Days.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub days: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Span {
    /// A span of `days` days.
    pub const fn days(days: u32) -> Span {
        Span { months: 0, days }
    }

    /// A span of `months` months.
    pub const fn months(months: u32) -> Span {
        Span { months, days: 0 }
    }

    /// The span for a reader in `lang`: "1 månad", "2 months", "28 dagar",
    /// "1 month and 3 days".
    pub fn describe(self, lang: crate::language::Lang) -> String {
        use crate::language::Lang;
        let part = |n: u32, sv, en| crate::language::count(lang, n as usize, sv, en);
        let months = part(self.months, ("månad", "månader"), ("month", "months"));
        let days = part(self.days, ("dag", "dagar"), ("day", "days"));
        let and = match lang {
            Lang::Sv => "och",
            Lang::En => "and",
        };
        match (self.months, self.days) {
            (0, _) => days,
            (_, 0) => months,
            _ => format!("{months} {and} {days}"),
        }
    }

    /// Whether the span is empty.
    pub fn is_zero(self) -> bool {
        self.months == 0 && self.days == 0
    }

    /// Whether the span is whole months or whole days, and not empty.
    pub fn is_pure(self) -> bool {
        (self.months == 0) != (self.days == 0)
    }

    /// Whether the span is within [`limits::MAX_SPAN_MONTHS`] and
    /// [`limits::MAX_SPAN_DAYS`].
    pub fn within_limits(self) -> bool {
        self.months <= limits::MAX_SPAN_MONTHS && self.days <= limits::MAX_SPAN_DAYS
    }

    /// `date` plus this span, or `None` past chrono's last date.
    pub fn after(self, date: NaiveDate) -> Option<NaiveDate> {
        date.checked_add_months(Months::new(self.months))?
            .checked_add_days(Days::new(u64::from(self.days)))
    }

    /// `date` plus this span `n` times over, one addition after another, as
    /// `n` calls of [`Span::after`] would give, in time that does not grow
    /// with `n`. Only for a pure span ([`Span::is_pure`]); `None` for a mixed one,
    /// or past chrono's last date.
    pub(crate) fn after_times(self, date: NaiveDate, n: u32) -> Option<NaiveDate> {
        if n == 0 {
            return Some(date);
        }
        match (self.months, self.days) {
            (0, days) => date.checked_add_days(Days::new(u64::from(days) * u64::from(n))),
            (months, 0) => months_times(date, months, n),
            _ => None,
        }
    }

    /// The largest `n` such that [`Span::after_times`]`(date, n)` is before
    /// `bound`; 0 when `bound` is not after `date`. Only for a pure span.
    pub(crate) fn times_before(self, date: NaiveDate, bound: NaiveDate) -> Option<u32> {
        if bound <= date {
            return Some(0);
        }
        match (self.months, self.days) {
            // An empty span never reaches the bound: no count answers.
            (0, days) => {
                let gap = (bound - date).num_days() - 1;
                u32::try_from(gap.checked_div(i64::from(days))?).ok()
            }
            (months, 0) => {
                let gap = month_index(bound) - month_index(date);
                let n = u32::try_from(gap / i64::from(months)).ok()?;
                // after_times(date, n) lies in the month `n * months` after
                // date's, so only the last candidate can reach the bound (and
                // n = 0 cannot: date is before the bound).
                if self.after_times(date, n)? >= bound {
                    n.checked_sub(1)
                } else {
                    Some(n)
                }
            }
            _ => None,
        }
    }
}

/// Months since year 0.
fn month_index(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

fn month_length(first: NaiveDate) -> Option<u32> {
    let next = first.checked_add_months(Months::new(1))?;
    u32::try_from((next - first).num_days()).ok()
}

/// `date` plus `months` months, `n` times over, each addition clamping the
/// day to its month. The day only ever falls to the shortest month visited;
/// once it is 28 or less no later month clamps it; and the months of the
/// year a chain visits repeat within twelve steps, so twelve steps without
/// a February have met every month that could clamp it.
fn months_times(date: NaiveDate, months: u32, n: u32) -> Option<NaiveDate> {
    let total = Months::new(months.checked_mul(n)?);
    if date.day() <= 28 {
        return date.checked_add_months(total);
    }
    let first = date.with_day(1)?;
    let mut day = date.day();
    let mut saw_february = false;
    for j in 1..=n {
        let month = first.checked_add_months(Months::new(months.checked_mul(j)?))?;
        day = day.min(month_length(month)?);
        saw_february |= month.month() == 2;
        if day <= 28 || (j >= 12 && !saw_february) {
            break;
        }
    }
    first.checked_add_months(total)?.with_day(day)
}

/// Reads a date written exactly `YYYY-MM-DD`, within the calendar of
/// [`limits`]; for `#[serde(deserialize_with)]`.
pub(crate) fn strict<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    let text = String::deserialize(deserializer)?;
    let date = parse_strict(&text).ok_or_else(|| serde::de::Error::custom(custom::BAD_DATE))?;
    if limits::in_calendar(date) {
        Ok(date)
    } else {
        Err(serde::de::Error::custom(custom::DATE_OUT_OF_CALENDAR))
    }
}

/// [`strict`], for an optional date.
pub(crate) fn strict_opt<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    #[derive(Deserialize)]
    struct Strict(#[serde(deserialize_with = "strict")] NaiveDate);
    Ok(Option::<Strict>::deserialize(deserializer)?.map(|s| s.0))
}

/// A date written exactly `YYYY-MM-DD`: four digits, two, two, with hyphens,
/// naming a day that exists.
fn parse_strict(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(range)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn strict_dates_are_exactly_yyyy_mm_dd() {
        assert_eq!(parse_strict("2026-01-31"), Some(day("2026-01-31")));
        for bad in [
            " 2026-01-01",
            "2026-1-1",
            "2026-01-01 ",
            "+2026-01-01",
            "2026-02-30",
            "2026/01/01",
            "2026/01-01",
            "2026-01/01",
            "26-01-01",
            "２026-01-01",
        ] {
            assert_eq!(parse_strict(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_span_writes_only_its_non_zero_parts() {
        let json = |span: Span| serde_json::to_string(&span).unwrap();
        assert_eq!(json(Span::days(7)), r#"{"days":7}"#);
        assert_eq!(json(Span::months(2)), r#"{"months":2}"#);
        assert_eq!(json(Span::default()), "{}");
    }

    #[test]
    fn month_chains_clamp_as_single_steps_do() {
        // 31 January, monthly: February clamps to 28, and it stays there.
        let span = Span::months(1);
        assert_eq!(
            span.after_times(day("2026-01-31"), 1),
            Some(day("2026-02-28"))
        );
        assert_eq!(
            span.after_times(day("2026-01-31"), 2),
            Some(day("2026-03-28"))
        );
        // Yearly from 31 March never meets a short month.
        assert_eq!(
            Span::months(12).after_times(day("2026-03-31"), 50),
            Some(day("2076-03-31"))
        );
        // Every four years from a leap day: leap days until 2100.
        assert_eq!(
            Span::months(48).after_times(day("2000-02-29"), 24),
            Some(day("2096-02-29"))
        );
        assert_eq!(
            Span::months(48).after_times(day("2000-02-29"), 26),
            Some(day("2104-02-28"))
        );
        assert_eq!(
            Span::days(7).times_before(day("2026-01-01"), day("2026-01-15")),
            Some(1)
        );
        assert_eq!(
            Span::days(7).times_before(day("2026-01-01"), day("2026-01-16")),
            Some(2)
        );
        assert_eq!(
            Span::months(1).times_before(day("2026-01-31"), day("2026-03-28")),
            Some(1)
        );
        assert_eq!(
            Span::months(1).times_before(day("2026-01-31"), day("2026-03-29")),
            Some(2)
        );
    }

    fn pure_span() -> impl Strategy<Value = Span> {
        prop_oneof![
            (1u32..=400).prop_map(Span::days),
            (1u32..=30).prop_map(Span::months)
        ]
    }

    fn any_day() -> impl Strategy<Value = NaiveDate> {
        (0i64..(300 * 366)).prop_map(|d| day("1900-01-01") + chrono::Duration::days(d))
    }

    proptest! {
        // Invariant: adding a pure span n times at once gives what n single additions give.
        #[test]
        fn after_times_equals_repeated_after(span in pure_span(), start in any_day(), n in 0u32..200) {
            let mut step = start;
            for _ in 0..n {
                step = span.after(step).unwrap();
            }
            prop_assert_eq!(span.after_times(start, n), Some(step));
        }

        // Invariant: times_before is the largest n whose n-fold addition is still before the bound.
        #[test]
        fn times_before_is_the_largest_count_before_the_bound(span in pure_span(), start in any_day(), ahead in 0i64..4000) {
            let bound = start + chrono::Duration::days(ahead);
            let n = span.times_before(start, bound).unwrap();
            if n > 0 {
                prop_assert!(span.after_times(start, n).unwrap() < bound);
            }
            prop_assert!(span.after_times(start, n + 1).unwrap() >= bound || n == 0 && start >= bound);
        }
    }
}
