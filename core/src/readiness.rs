//! Implementation readiness: what must be in place before and after a peer
//! supporter starts, and how faithfully a unit follows its model.
//!
//! Items are cited policy data (`readiness` in `core/policies/*.json`),
//! grouped in components (planning, information, resources…; for NSPH the
//! model's own components: recruitment, training, implementation,
//! coordination, supervision — `000_12fcf2f212737a73.txt`:18-19). Each item
//! is needed before the start, on arrival, or ongoing; ongoing items are only
//! due once a peer supporter has started.
//!
//! An item says how strongly its source speaks: a *requirement* (must or
//! should: "ska", "krav", "bör", "rekommenderas"), a *suggestion*
//! ("förslagsvis", "kan") or an *example* of another item ("till exempel").
//! Only requirements are due; suggestions and examples are shown as such and
//! are never a gap; an example of an item that is in place is not shown (the
//! item it illustrates needs no illustration). Each item says what is in place (`message`) and, for the
//! report when it is missing, what to do (`need`).
//!
//! The facts are reported by the unit, by item id: `true`/`false`, or a count
//! for counted items (a unit's own). An item not reported is not in place.
//!
//! **Fidelity score — the project's own scale.** The seeds give no scoring
//! scale. Each due requirement scores 1 when in place and 0 when not (a
//! counted item scores its count divided by the count needed, at most 1); a
//! component's score is the mean of its due requirements' scores, from 0 to
//! 1. The report says that the scale is the project's, not the model's.

use crate::citation::{Citation, Finding};
use crate::error::{InputError, InputProblem, PolicyError, ShapeProblem};
use crate::json::{IdMap, FACT_EXPECTING};
use crate::language::{Lang, Text};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// When an item must be in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// Before the peer supporter starts.
    BeforeStart,
    /// When the peer supporter arrives.
    OnArrival,
    /// Continuously, once the peer supporter has started.
    Ongoing,
}

/// How strongly an item's source speaks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A requirement or recommendation: due, and a gap when missing.
    #[default]
    Requirement,
    /// A suggestion ("förslagsvis", "kan"): shown, never a gap.
    Suggestion,
    /// An example of another item ("till exempel"): shown, never a gap.
    Example,
}

/// How strongly a requirement speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemStrength {
    /// "Ska", "krav", or a part that defines the model.
    Must,
    /// "Bör", "rekommenderas", or a lesson the source states as a problem.
    Should,
}

/// One thing that should be in place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadinessItem {
    /// Stable id.
    pub id: String,
    /// When it must be in place.
    pub when: When,
    /// How strongly the source speaks (a requirement if not given).
    #[serde(default, skip_serializing_if = "is_requirement")]
    pub kind: ItemKind,
    /// For a requirement, must or should.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strength: Option<ItemStrength>,
    /// For an example, the item it is an example of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example_of: Option<String>,
    /// For a counted item, how many are needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// Its source.
    pub citation: Citation,
    /// What is in place, in Swedish and English.
    pub message: Text,
    /// What to do when it is missing, in Swedish and English; the report
    /// shows `message` when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need: Option<Text>,
    /// Illustrations the source gives, in Swedish and English, as data for
    /// a journal system (the `need` names them for a reader).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Text>,
}

fn is_requirement(kind: &ItemKind) -> bool {
    *kind == ItemKind::Requirement
}

/// A group of readiness items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Component {
    /// Stable id, e.g. `resources`.
    pub component: String,
    /// Its name in Swedish and English.
    pub label: Text,
    /// Its items.
    pub items: Vec<ReadinessItem>,
}

/// A fact the unit reports about an item: `true`/`false`, or a whole number
/// for a counted item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Fact {
    /// In place or not.
    Done(bool),
    /// How many (for a counted item).
    Count(u32),
}

impl<'de> Deserialize<'de> for Fact {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FactVisitor;

        impl Visitor<'_> for FactVisitor {
            type Value = Fact;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(FACT_EXPECTING)
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Fact, E> {
                Ok(Fact::Done(v))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Fact, E> {
                u32::try_from(v)
                    .map(Fact::Count)
                    .map_err(|_| E::invalid_type(de::Unexpected::Unsigned(v), &self))
            }
        }

        deserializer.deserialize_any(FactVisitor)
    }
}

/// A component's fidelity score.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ComponentScore<T = Text> {
    /// The component.
    pub component: String,
    /// Its name.
    pub label: T,
    /// The mean score of its due items, 0 to 1; `None` if none is due yet.
    pub score: Option<f64>,
    /// Due items fully in place.
    pub in_place: u32,
    /// Due items.
    pub due: u32,
}

/// The outcome of a readiness check, its texts in both languages;
/// [`ReadinessReport::in_lang`] gives them in one.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ReadinessReport<T = Text> {
    /// Whether every due item is in place.
    pub ready: bool,
    /// Whether a peer supporter has started (ongoing items are then due).
    pub started: bool,
    /// Due requirements not (fully) in place.
    pub missing: Vec<Finding<T>>,
    /// Suggestions and examples not reported in place, but for examples of
    /// an item in place: shown as such, never a gap.
    pub suggestions: Vec<Finding<T>>,
    /// Ongoing items, not yet due.
    pub not_yet_due: Vec<String>,
    /// Per-component fidelity scores.
    pub components: Vec<ComponentScore<T>>,
    /// How the scores are computed: the project's own scale.
    pub scale: T,
}

impl ReadinessReport {
    /// The report with its texts in `lang`.
    pub fn in_lang(&self, lang: Lang) -> ReadinessReport<String> {
        ReadinessReport {
            ready: self.ready,
            started: self.started,
            missing: self.missing.iter().map(|f| f.in_lang(lang)).collect(),
            suggestions: self.suggestions.iter().map(|f| f.in_lang(lang)).collect(),
            not_yet_due: self.not_yet_due.clone(),
            components: self
                .components
                .iter()
                .map(|c| ComponentScore {
                    component: c.component.clone(),
                    label: c.label.get(lang).to_owned(),
                    score: c.score,
                    in_place: c.in_place,
                    due: c.due,
                })
                .collect(),
            scale: self.scale.get(lang).to_owned(),
        }
    }
}

/// What the score means; shown with every report.
pub fn scale_note() -> Text {
    Text::new(
        "Poängen följer projektets egen skala, inte modellens (källorna anger ingen): en punkt som är på plats ger 1, en punkt som saknas eller inte har rapporterats ger 0, och en punkt som räknas i antal ger andelen av det antal som behövs. En komponents poäng är medelvärdet av dess krav (0–1, visat i procent); förslag och exempel räknas inte.",
        "The scores follow the project's own scale, not the model's (the sources give none): an item in place scores 1, an item missing or not reported scores 0, and a counted item scores the share of the number needed. A component's score is the mean of its requirements (0 to 1, shown as a percentage); suggestions and examples do not count.",
    )
}

/// The readiness rules of a policy, merged (model then unit).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Readiness {
    components: Vec<Component>,
}

impl Readiness {
    pub(crate) fn new(model: &[Component], unit: &[Component]) -> Self {
        Readiness {
            components: model.iter().chain(unit).cloned().collect(),
        }
    }

    pub(crate) fn components(&self) -> &[Component] {
        &self.components
    }

    /// Evaluates the unit's `facts`; `started` says whether a peer supporter
    /// has started. Facts are keyed by item id; an unknown id, or a count for
    /// a yes/no item (or the reverse), is an error whose path is the fact's
    /// position, `[2]`.
    pub(crate) fn evaluate(
        &self,
        facts: &IdMap<Fact>,
        started: bool,
    ) -> Result<ReadinessReport, InputError> {
        let items: HashMap<&str, &ReadinessItem> = self
            .components
            .iter()
            .flat_map(|c| c.items.iter())
            .map(|i| (i.id.as_str(), i))
            .collect();
        let mut reported: HashMap<&str, Fact> = HashMap::new();
        for (i, (id, fact)) in facts.iter().enumerate() {
            let item = items.get(id).ok_or_else(|| {
                InputError::new(format!("[{i}]"), InputProblem::UnknownReadinessItem)
            })?;
            let counted = item.count.is_some();
            if counted != matches!(fact, Fact::Count(_)) {
                return Err(InputError::new(
                    format!("[{i}]"),
                    InputProblem::WrongFactType,
                ));
            }
            if reported.insert(id, *fact).is_some() {
                return Err(InputError::new(format!("[{i}]"), InputProblem::DuplicateId));
            }
        }
        let mut missing = Vec::new();
        let mut suggestions = Vec::new();
        let mut not_yet_due = Vec::new();
        let mut components = Vec::new();
        for component in &self.components {
            let mut sum = 0.0;
            let mut due = 0u32;
            let mut in_place = 0u32;
            for item in &component.items {
                if item.kind != ItemKind::Requirement {
                    // An example of an item in place needs no mention.
                    let parent_in_place = item
                        .example_of
                        .as_ref()
                        .is_some_and(|p| is_in_place(reported.get(p.as_str()), None));
                    let fact = reported.get(item.id.as_str());
                    if !parent_in_place && !is_in_place(fact, item.count) {
                        suggestions.push(missing_finding(item, fact));
                    }
                    continue;
                }

                if item.when == When::Ongoing && !started {
                    not_yet_due.push(item.id.clone());
                    continue;
                }
                due += 1;
                let fact = reported.get(item.id.as_str());
                let score = match (fact, item.count) {
                    (Some(Fact::Done(true)), _) => 1.0,
                    (Some(Fact::Count(n)), Some(need)) => {
                        (f64::from(*n) / f64::from(need)).min(1.0)
                    }
                    _ => 0.0,
                };
                sum += score;
                if score >= 1.0 {
                    in_place += 1;
                } else {
                    missing.push(missing_finding(item, fact));
                }
            }
            components.push(ComponentScore {
                component: component.component.clone(),
                label: component.label.clone(),
                score: (due > 0).then(|| sum / f64::from(due)),
                in_place,
                due,
            });
        }
        Ok(ReadinessReport {
            ready: missing.is_empty(),
            started,
            missing,
            suggestions,
            not_yet_due,
            components,
            scale: scale_note(),
        })
    }
}

/// An item not in place, in the words of its need (or of what it is),
/// with its illustrations and whether it was reported.
fn missing_finding(item: &ReadinessItem, fact: Option<&Fact>) -> Finding {
    let mut text = item.need.clone().unwrap_or_else(|| item.message.clone());
    let label = match item.kind {
        ItemKind::Requirement => None,
        ItemKind::Suggestion => Some(("Förslag", "Suggestion")),
        ItemKind::Example => Some(("Exempel", "Example")),
    };
    if let Some((sv, en)) = label {
        text.sv = format!("{sv}: {}", lower_first(&text.sv));
        text.en = format!("{en}: {}", lower_first(&text.en));
    }
    match (fact, item.count) {
        (None, _) => {
            text.sv.push_str(" (Inte rapporterat.)");
            text.en.push_str(" (Not reported.)");
        }
        (Some(Fact::Count(n)), Some(need)) => {
            text.sv.push_str(&format!(" (Rapporterat: {n} av {need}.)"));
            text.en.push_str(&format!(" (Reported: {n} of {need}.)"));
        }
        _ => {}
    }
    Finding {
        rule_id: item.id.clone(),
        citation: item.citation.clone(),
        text,
    }
}

/// Whether `fact` puts an item of `count` (for a counted one) in place.
fn is_in_place(fact: Option<&Fact>, count: Option<u32>) -> bool {
    match (fact, count) {
        (Some(Fact::Done(done)), _) => *done,
        (Some(Fact::Count(n)), Some(need)) => *n >= need,
        _ => false,
    }
}

/// `text` with its first letter in lower case, unless the word is an
/// abbreviation ("APT") or the text quotes ("”…").
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_owned(),
    }
}

/// Checks a document's readiness components: ids unique, texts, citations,
/// counts of at least 1.
pub(crate) fn validate(
    document: &str,
    components: &[Component],
    taken_ids: &mut HashSet<String>,
    taken_components: &mut HashSet<String>,
) -> Result<(), PolicyError> {
    use crate::validate::{check_id_unique, check_rule, check_text};
    for (i, component) in components.iter().enumerate() {
        let path = format!("readiness[{i}]");
        check_id_unique(
            document,
            &format!("{path}.component"),
            &component.component,
            taken_components,
        )?;
        check_text(document, &format!("{path}.label"), &component.label)?;
        for (j, item) in component.items.iter().enumerate() {
            let path = format!("{path}.items[{j}]");
            check_rule(
                document,
                &path,
                &item.id,
                &item.citation,
                &item.message,
                taken_ids,
            )?;
            if let Some(need) = &item.need {
                check_text(document, &format!("{path}.need"), need)?;
            }
            for (k, example) in item.examples.iter().enumerate() {
                check_text(document, &format!("{path}.examples[{k}]"), example)?;
            }
            let is_example = item.kind == ItemKind::Example;
            if is_example != item.example_of.is_some() {
                return Err(PolicyError::Shape {
                    document: document.to_owned(),
                    path: format!("{path}.example_of"),
                    problem: if is_example {
                        ShapeProblem::MissingField
                    } else {
                        ShapeProblem::NotTakenHere
                    },
                });
            }
            if let Some(parent) = &item.example_of {
                if !component
                    .items
                    .iter()
                    .any(|other| &other.id == parent && other.id != item.id)
                {
                    return Err(PolicyError::Shape {
                        document: document.to_owned(),
                        path: format!("{path}.example_of"),
                        problem: ShapeProblem::InvalidValue,
                    });
                }
            }
            if item.strength.is_some() && item.kind != ItemKind::Requirement {
                return Err(PolicyError::Shape {
                    document: document.to_owned(),
                    path: format!("{path}.strength"),
                    problem: ShapeProblem::NotTakenHere,
                });
            }
            if item.count == Some(0) {
                return Err(PolicyError::Shape {
                    document: document.to_owned(),
                    path: format!("{path}.count"),
                    problem: ShapeProblem::ZeroCount,
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::lower_first;

    #[test]
    fn a_need_in_running_text_begins_in_lower_case_unless_an_abbreviation() {
        assert_eq!(lower_first("Planera mötet"), "planera mötet");
        assert_eq!(lower_first("APT hålls"), "APT hålls");
        assert_eq!(lower_first("”Citat”"), "”Citat”");
        assert_eq!(lower_first("A"), "A");
        assert_eq!(lower_first("aB"), "aB");
    }
}
