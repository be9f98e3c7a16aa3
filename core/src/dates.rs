//! Calendar spans used by the time-dependent rules.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// A span of calendar time: whole months, then days. Adding a span to a date
/// adds the months first (the day of the month is clamped to the month's
/// length, as chrono does) and then the days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
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

    /// Whether the span is empty.
    pub fn is_zero(self) -> bool {
        self.months == 0 && self.days == 0
    }

    /// `date` plus this span, or `None` past chrono's last date.
    pub fn after(self, date: NaiveDate) -> Option<NaiveDate> {
        date.checked_add_months(Months::new(self.months))?
            .checked_add_days(Days::new(u64::from(self.days)))
    }
}
