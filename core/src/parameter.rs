//! Policy parameters: numbers the sources do not give.
//!
//! Where a rule needs a threshold the sources leave open, the library does
//! not invent one and present it as the model's: it is a parameter with a
//! documented default, which a unit's policy may set (`parameters`) with a
//! citation of the unit's own document. Every output that uses a parameter
//! shows its label, its value, and where the value comes from — the
//! library's default or the unit's document — never the model.
//!
//! The mechanism is policy-wide; each parameter belongs to the rule family
//! that uses it.

use crate::citation::Citation;
use crate::error::{PolicyError, ShapeProblem};
use crate::language::{Lang, Text};
use crate::validate::check_citation;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// What kind of number a parameter is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ParameterKind {
    /// A share from 0 to 1, shown as a percentage.
    Share,
    /// A whole number.
    Count,
}

/// A parameter the library has: its id, kind, default and range, and its
/// label.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParameterDef {
    /// Stable id, e.g. `boundaries.practical_task_share`.
    pub id: &'static str,
    /// What kind of number it is.
    pub kind: ParameterKind,
    /// The value when the unit's policy sets none.
    pub default: f64,
    /// The lowest value a unit may set (a count at least 0).
    pub min: f64,
    /// The highest value a unit may set.
    pub max: f64,
    /// What the parameter is, in Swedish.
    pub label_sv: &'static str,
    /// What the parameter is, in English.
    pub label_en: &'static str,
}

impl ParameterDef {
    /// The label in `lang`.
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Sv => self.label_sv,
            Lang::En => self.label_en,
        }
    }
}

/// The share of a peer supporter's logged activities that may be the tasks
/// a model's share limit names before the audit says that other duties may
/// be crowding out the role. NSPH's role description guards against the
/// role being "hollowed out by various other tasks"
/// (`000_12fcf2f212737a73.txt`:1534) and gives no number; 0.25 is the
/// library's default, not the model's.
pub const PRACTICAL_TASK_SHARE: ParameterDef = ParameterDef {
    id: "boundaries.practical_task_share",
    kind: ParameterKind::Share,
    default: 0.25,
    min: 0.0,
    max: 1.0,
    label_sv:
        "Gräns för den andel av en peer supporters loggade aktiviteter som andra göromål får ta upp",
    label_en:
        "Limit on the share of a peer supporter's logged activities that other duties may take up",
};

/// The fewest logged activities over which a share limit is judged: below
/// it, a share says little (one practical task of three is a third). The
/// sources give no number; 10 is the library's default.
pub const SHARE_MIN_ACTIVITIES: ParameterDef = ParameterDef {
    id: "boundaries.share_min_activities",
    kind: ParameterKind::Count,
    default: 10.0,
    min: 1.0,
    max: 1_000_000.0,
    label_sv: "Minsta antal loggade aktiviteter för att andelen ska bedömas",
    label_en: "Minimum number of logged activities before the share is judged",
};

/// The rolling window of supervision compliance, in months before the "as
/// of" date: 0 counts the whole log. The sources give no window; the whole
/// log is the library's default.
pub const SUPERVISION_WINDOW_MONTHS: ParameterDef = ParameterDef {
    id: "supervision.window_months",
    kind: ParameterKind::Count,
    default: 0.0,
    min: 0.0,
    max: 1_200.0,
    label_sv: "Fönster för följsamhet i handledningen, i månader (0: hela loggen)",
    label_en: "Window for supervision compliance, in months (0: the whole log)",
};

/// How many attended meetings of a course count as completing it, for a
/// requirement that names the course's meetings (`attendance`). Region
/// Skåne's mentor course has twelve meetings over two terms
/// (`000_12fcf2f212737a73.txt`:2799) and no attendance rule; the default 0
/// counts no meetings, so that only a reported completion meets the
/// requirement. A unit that sets a number decides what completion is, and
/// every output says that the number is the unit's.
pub const COURSE_MIN_MEETINGS: ParameterDef = ParameterDef {
    id: "certification.course_min_meetings",
    kind: ParameterKind::Count,
    default: 0.0,
    min: 0.0,
    max: 1_000.0,
    label_sv: "Antal närvarade kursträffar som räknas som genomförd kurs (0: bara en rapporterad genomförd kurs räknas)",
    label_en: "Number of course meetings attended that counts as completing the course (0: only a reported completion counts)",
};

/// The count parameters a requirement's `attendance` may name.
pub const ATTENDANCE_COUNTS: &[ParameterDef] = &[COURSE_MIN_MEETINGS];

/// Every parameter the library has.
pub const PARAMETERS: &[ParameterDef] = &[
    PRACTICAL_TASK_SHARE,
    SHARE_MIN_ACTIVITIES,
    SUPERVISION_WINDOW_MONTHS,
    COURSE_MIN_MEETINGS,
];

/// A unit's value for a parameter, with the unit's document it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParameterSetting {
    /// The parameter's id.
    pub id: String,
    /// The unit's value.
    pub value: f64,
    /// The unit's document that sets it.
    pub citation: Citation,
}

/// Where a parameter's value in force comes from.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ParameterSource {
    /// The library's documented default: the sources give no number.
    LibraryDefault,
    /// The unit's policy, citing the unit's document.
    Unit {
        /// The unit's document.
        citation: Citation,
    },
}

/// A parameter's value in force, as every output shows it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ParameterValue {
    /// The parameter's id.
    pub id: &'static str,
    /// The value in force.
    pub value: f64,
    /// The library's default.
    pub default: f64,
    /// What kind of number it is.
    pub kind: ParameterKind,
    /// What the parameter is.
    pub label: Text,
    /// Where the value comes from.
    pub source: ParameterSource,
}

impl ParameterValue {
    /// The parameter as one line in `lang`: its label, value and source.
    pub fn describe(&self, lang: Lang) -> String {
        let value = match self.kind {
            ParameterKind::Share => crate::language::percent(lang, self.value, 2),
            ParameterKind::Count => crate::certification::format_hours(self.value),
        };
        match (&self.source, lang) {
            (ParameterSource::LibraryDefault, Lang::Sv) => format!(
                "{}: {value} (projektets standardvärde; källorna anger inget värde)",
                self.label.sv
            ),
            (ParameterSource::LibraryDefault, Lang::En) => format!(
                "{}: {value} (the project's default; the sources give no value)",
                self.label.en
            ),
            (ParameterSource::Unit { citation }, Lang::Sv) => format!(
                "{}: {value} (enhetens policy, {})",
                self.label.sv,
                citation.display(lang)
            ),
            (ParameterSource::Unit { citation }, Lang::En) => format!(
                "{}: {value} (the unit's policy, {})",
                self.label.en,
                citation.display(lang)
            ),
        }
    }
}

/// A parameter as a report in one language shows it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ParameterChange {
    /// The parameter's id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// The library's default.
    pub default: f64,
    /// The value in force.
    pub value: f64,
    /// Whether the unit's policy sets it.
    pub set_by_unit: bool,
    /// Where the value comes from.
    pub source: ParameterSource,
    /// The parameter, value and source as one line.
    pub text: String,
}

impl ParameterValue {
    /// The parameter as a report in `lang` shows it.
    pub fn in_lang(&self, lang: Lang) -> ParameterChange {
        ParameterChange {
            id: self.id.to_owned(),
            label: self.label.get(lang).to_owned(),
            default: self.default,
            value: self.value,
            set_by_unit: matches!(self.source, ParameterSource::Unit { .. }),
            source: self.source.clone(),
            text: self.describe(lang),
        }
    }
}

/// The value in force of `def`, from the unit's `settings`.
pub(crate) fn value_of(def: &ParameterDef, settings: &[ParameterSetting]) -> ParameterValue {
    let set = settings.iter().find(|s| s.id == def.id);
    ParameterValue {
        id: def.id,
        value: set.map_or(def.default, |s| s.value),
        default: def.default,
        kind: def.kind,
        label: Text::new(def.label_sv, def.label_en),
        source: match set {
            None => ParameterSource::LibraryDefault,
            Some(s) => ParameterSource::Unit {
                citation: s.citation.clone(),
            },
        },
    }
}

/// Checks a unit's `settings`: known parameters, each at most once, values
/// in range, complete citations.
pub(crate) fn validate(document: &str, settings: &[ParameterSetting]) -> Result<(), PolicyError> {
    let mut seen = HashSet::new();
    for (i, setting) in settings.iter().enumerate() {
        let path = format!("parameters[{i}]");
        let shape = |field: &str, problem| PolicyError::Shape {
            document: document.to_owned(),
            path: format!("{path}.{field}"),
            problem,
        };
        let Some(def) = PARAMETERS.iter().find(|d| d.id == setting.id) else {
            return Err(shape("id", ShapeProblem::UnknownParameter));
        };
        if !seen.insert(def.id) {
            return Err(PolicyError::DuplicateId {
                document: document.to_owned(),
                path: format!("{path}.id"),
            });
        }
        let whole = def.kind == ParameterKind::Count && setting.value.fract() != 0.0;
        if !(def.min..=def.max).contains(&setting.value) || whole {
            return Err(shape("value", ShapeProblem::ParameterOutOfRange));
        }
        check_citation(document, &format!("{path}.citation"), &setting.citation)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_is_in_the_language_asked_for() {
        for def in PARAMETERS {
            assert_eq!(def.label(Lang::Sv), def.label_sv);
            assert_eq!(def.label(Lang::En), def.label_en);
            assert_ne!(def.label_sv, def.label_en, "{}", def.id);
        }
    }
}
