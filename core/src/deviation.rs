//! Deviations: how a unit departs from a model's *should* or *should not*.
//!
//! A unit policy may always tighten its model. Where a model's source speaks
//! with the strength of *should* or *should not* ("bör inte", a
//! "varningsklocka"), a unit may also depart from it — but only through an
//! explicit deviation in its policy's `deviations`: the model rule it
//! departs from, the unit's own reason, and a citation of the unit's own
//! document (a routine, a decision). Nothing departs from a *must* or *must
//! not*: loading a policy that tries fails, naming the model's rule.
//!
//! The mechanism is policy-wide: a rule family says which of the model's
//! rules speak with which strength, and which model rules the unit's own
//! rules depart from; this module checks the deviations against both. The
//! decisions and reports carry a deviation as data (the model rule, the
//! unit's reason and citation), so that a journal system sees it without
//! parsing text.

use crate::citation::Citation;
use crate::error::{PolicyError, ShapeProblem};
use crate::language::Text;
use crate::validate::{check_citation, check_text};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A unit's departure from one of its model's *should* or *should not*
/// rules.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// *Should* or *should not* ("bör", "bör inte", a warning sign): a unit
    /// may depart through a deviation.
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
}

impl<'a> Deviations<'a> {
    /// Checks `deviations`: each names a model rule (`strength` knows the
    /// model's rules), one of *should* strength, at most once, with a reason
    /// and a complete citation.
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
        })
    }

    /// Whether the unit deviates from `model_rule`; if so, the deviation
    /// counts as used.
    pub(crate) fn permits(&mut self, model_rule: &str) -> bool {
        match self.by_rule.get(model_rule) {
            Some(&i) => {
                self.used.insert(i);
                true
            }
            None => false,
        }
    }

    /// Fails on the first deviation that no unit rule used.
    pub(crate) fn check_all_used(&self, document: &str, count: usize) -> Result<(), PolicyError> {
        match (0..count).find(|i| !self.used.contains(i)) {
            None => Ok(()),
            Some(i) => Err(PolicyError::Shape {
                document: document.to_owned(),
                path: format!("deviations[{i}]"),
                problem: ShapeProblem::UnusedDeviation,
            }),
        }
    }
}
