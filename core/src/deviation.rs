//! Deviations: how a unit departs from a model's *should not*.
//!
//! A unit policy may always tighten its model. Where a model's source speaks
//! with the strength of *should not* ("bör inte", a "varningsklocka"), a
//! unit may also depart from it — but only through an explicit deviation in
//! its policy's `deviations`: the model rule it departs from, the unit's own
//! reason, and a citation of the unit's own document (a routine, a
//! decision). Nothing departs from a *must not*: loading a policy that
//! tries fails, naming the model's rule.
//!
//! The mechanism is policy-wide: a rule family gives each of the model's
//! rules a [`Strength`] and says which of them the unit's own rules depart
//! from; this module checks the deviations against both. So far the rules
//! that can be departed from are the boundary rules that say *should not*;
//! every other rule of a model is [`Strength::Neither`]. The decisions and
//! reports carry a deviation as data (the model rule, the unit's reason and
//! citation), so that a journal system sees it without parsing text.

use crate::citation::Citation;
use crate::error::{PolicyError, ShapeProblem};
use crate::language::{esc, Lang, Text};
use crate::validate::{check_citation, check_text};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// A unit's departure from one of its model's *should not* rules.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deviation {
    /// The id of the model rule the unit departs from.
    pub model_rule: String,
    /// The unit's reason, in Swedish and English.
    pub reason: Text,
    /// Where the unit decided it: its own routine or decision.
    pub citation: Citation,
}

/// How strongly a model rule speaks (the Modality of `DOMAIN.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Strength {
    /// *Must* or *must not* ("ska", "ska inte", "krav"): no unit departs.
    Must,
    /// *Should not* ("bör inte", a warning sign): a unit may depart through
    /// a deviation.
    Should,
    /// Anything else (*may*, allowed, a note): there is nothing to depart
    /// from.
    Neither,
}

/// The deviations of a unit policy, checked against the model's rules;
/// records which of them the unit's rules use.
#[derive(Debug)]
pub(crate) struct Deviations<'a> {
    /// Deviation index by the model rule it departs from.
    by_rule: HashMap<&'a str, usize>,
    used: HashSet<usize>,
    count: usize,
}

impl<'a> Deviations<'a> {
    /// Checks `deviations`: each names a model rule (`strength` knows the
    /// model's rules), one that says *should not*, at most once, with a
    /// reason and a complete citation.
    pub(crate) fn check(
        document: &str,
        deviations: &'a [Deviation],
        strength: impl Fn(&str) -> Option<Strength>,
    ) -> Result<Deviations<'a>, PolicyError> {
        let mut by_rule = HashMap::new();
        for (i, deviation) in deviations.iter().enumerate() {
            let path = format!("deviations[{i}]");
            let rule_path = format!("{path}.model_rule");
            let shape = |problem| PolicyError::Shape {
                document: document.to_owned(),
                path: rule_path.clone(),
                problem,
            };
            match strength(&deviation.model_rule) {
                None => {
                    return Err(PolicyError::UnknownRule {
                        document: document.to_owned(),
                        path: rule_path,
                    })
                }
                Some(Strength::Must) => {
                    return Err(PolicyError::CannotDepart {
                        document: document.to_owned(),
                        path: rule_path,
                        // A model rule's id: the library's own, not input.
                        model_rule: deviation.model_rule.clone(),
                    });
                }
                Some(Strength::Neither) => return Err(shape(ShapeProblem::NotDepartable)),
                Some(Strength::Should) => {}
            }
            if by_rule.insert(deviation.model_rule.as_str(), i).is_some() {
                return Err(shape(ShapeProblem::DuplicateDeviation));
            }
            check_text(document, &format!("{path}.reason"), &deviation.reason)?;
            check_citation(document, &format!("{path}.citation"), &deviation.citation)?;
        }
        Ok(Deviations {
            by_rule,
            used: HashSet::new(),
            count: deviations.len(),
        })
    }

    /// Whether the unit has a deviation from `model_rule`.
    pub(crate) fn has(&self, model_rule: &str) -> bool {
        self.by_rule.contains_key(model_rule)
    }

    /// Records that the unit's rules depart from `model_rule`, through its
    /// deviation.
    pub(crate) fn mark_used(&mut self, model_rule: &str) {
        if let Some(&i) = self.by_rule.get(model_rule) {
            self.used.insert(i);
        }
    }

    /// Fails on the first deviation that the unit's rules do not use: no
    /// rule of the unit's departs from the model rule it names.
    pub(crate) fn check_all_used(&self, document: &str) -> Result<(), PolicyError> {
        match (0..self.count).find(|i| !self.used.contains(i)) {
            None => Ok(()),
            Some(i) => Err(PolicyError::Shape {
                document: document.to_owned(),
                path: format!("deviations[{i}]"),
                problem: ShapeProblem::UnusedDeviation,
            }),
        }
    }
}

/// Writes a deviation for a reader in `lang`, each line after `indent`: the
/// model rule departed from, the unit's reason, the unit's source. The
/// unit's texts are escaped ([`esc`]).
pub(crate) fn write_text(
    out: &mut String,
    model_rule: &str,
    reason: &str,
    citation: &Citation,
    lang: Lang,
    indent: &str,
) {
    let (rule, why, source) = match lang {
        Lang::Sv => (
            "Avvikelse från modellens regel",
            "Enhetens skäl",
            "Enhetens källa",
        ),
        Lang::En => (
            "Deviation from the model's rule",
            "The unit's reason",
            "The unit's source",
        ),
    };
    let _ = writeln!(out, "{indent}- {rule} {}", esc(model_rule));
    let _ = writeln!(out, "{indent}  {why}: {}", esc(reason));
    let _ = writeln!(out, "{indent}  {source}: {}", esc(&citation.display(lang)));
}
