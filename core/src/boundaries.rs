//! Role boundaries: what a peer supporter may and must not do.
//!
//! The catalogue lists the actions a peer supporter can be asked to do, each
//! with a stable string id and a stable numeric code (for the C ABI). A
//! model's boundary rules give each action a verdict; a unit's policy may add
//! actions and rules, and may only tighten the model. Where several rules
//! speak of one action, the most restrictive verdict decides
//! (`forbidden` > `allowed_with_conditions` > `allowed`) and the conditions of
//! every deciding rule apply. An action no rule speaks of is *not addressed*
//! and an id outside the catalogue is *not in the catalogue*: neither is ever
//! allowed.
//!
//! Sources: the RKC table of possible roles and boundaries
//! (`002_bf65aa040b74c517.txt`:962-1005), RKC's use of the journal system PMO
//! (`002…`:1180-1190), sharing own experience (`002…`:1426), NSPH's role
//! description (`000_12fcf2f212737a73.txt`:1530-1536, 1649) and the Skåne
//! evaluation's warning signs (`000…`:2960-2965). Each rule in
//! `core/policies/*.json` cites its own line.

use crate::citation::Citation;
use crate::error::PolicyError;
use crate::language::{Lang, Text};
use crate::validate::{check_id, check_rule, check_text};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::RangeInclusive;

/// Numeric codes of the built-in catalogue's actions.
pub const BUILTIN_CODES: RangeInclusive<u32> = 1..=9_999;
/// Numeric codes a unit's policy may give the actions it adds.
pub const UNIT_CODES: RangeInclusive<u32> = 10_000..=u32::MAX;

/// The groups the catalogue's actions fall into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionGroup {
    /// Conversations with patients.
    PatientConversation,
    /// Work with relatives.
    Relatives,
    /// Group work.
    GroupWork,
    /// Information and outreach.
    Outreach,
    /// Work in the staff group.
    StaffGroup,
    /// Operations in the journal system (PMO at RKC).
    JournalSystem,
    /// Practical tasks.
    PracticalTask,
    /// Sharing own experience.
    SelfDisclosure,
    /// Availability to patients.
    Availability,
}

/// One action of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Stable string id, e.g. `journal.write_note`.
    pub id: String,
    /// Stable numeric code: 1–9999 for the built-in catalogue, from 10000 for
    /// actions a unit adds.
    pub code: u32,
    /// The group the action belongs to.
    pub group: ActionGroup,
    /// What the action is, in Swedish and English.
    pub label: Text,
}

/// A boundary rule's verdict, from least to most restrictive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The action is part of the role.
    Allowed,
    /// The action is part of the role under the rule's conditions.
    AllowedWithConditions,
    /// The action is outside the role.
    Forbidden,
}

/// A boundary rule: one action's verdict, with its source and explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoundaryRule {
    /// Stable rule id, e.g. `rkc.limit.no_treatment_advice`.
    pub id: String,
    /// The action the rule decides.
    pub action: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Conditions, only (and at least one) for `allowed_with_conditions`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Text>,
    /// The passage the rule is based on.
    pub citation: Citation,
    /// The explanation, in Swedish and English.
    pub message: Text,
}

/// Where a rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The built-in model.
    Model,
    /// The unit's own policy.
    Unit,
}

/// The outcome of a boundary decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Allowed.
    Allowed,
    /// Allowed under the listed conditions.
    AllowedWithConditions,
    /// Forbidden.
    Forbidden,
    /// In the catalogue, but neither the model nor the unit has a rule for it:
    /// not allowed until the unit's policy decides.
    NotAddressed,
    /// Not in the catalogue: never allowed.
    NotInCatalogue,
}

impl Outcome {
    /// Whether the action may be done (possibly under conditions).
    pub fn is_allowed(self) -> bool {
        matches!(self, Outcome::Allowed | Outcome::AllowedWithConditions)
    }

    /// Stable snake_case name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Allowed => "allowed",
            Outcome::AllowedWithConditions => "allowed_with_conditions",
            Outcome::Forbidden => "forbidden",
            Outcome::NotAddressed => "not_addressed",
            Outcome::NotInCatalogue => "not_in_catalogue",
        }
    }

    /// A short heading in `lang`.
    pub fn heading(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Outcome::Allowed, Lang::Sv) => "Tillåtet",
            (Outcome::Allowed, Lang::En) => "Allowed",
            (Outcome::AllowedWithConditions, Lang::Sv) => "Tillåtet med villkor",
            (Outcome::AllowedWithConditions, Lang::En) => "Allowed with conditions",
            (Outcome::Forbidden, Lang::Sv) => "Inte tillåtet",
            (Outcome::Forbidden, Lang::En) => "Forbidden",
            (Outcome::NotAddressed, Lang::Sv) => "Inte reglerat",
            (Outcome::NotAddressed, Lang::En) => "Not addressed",
            (Outcome::NotInCatalogue, Lang::Sv) => "Finns inte i katalogen",
            (Outcome::NotInCatalogue, Lang::En) => "Not in the catalogue",
        }
    }

    /// Why there is no rule to cite, for the two outcomes that have none.
    pub fn no_rule_note(self, lang: Lang) -> Option<&'static str> {
        match (self, lang) {
            (Outcome::NotAddressed, Lang::Sv) => Some(
                "Ingen regel i modellen eller enhetens policy avgör handlingen; \
                 den är inte tillåten förrän policyn gör det.",
            ),
            (Outcome::NotAddressed, Lang::En) => Some(
                "No rule of the model or the unit's policy decides this action; \
                 it is not allowed until the policy does.",
            ),
            (Outcome::NotInCatalogue, Lang::Sv) => {
                Some("Handlingen finns inte i katalogen. En okänd handling är aldrig tillåten.")
            }
            (Outcome::NotInCatalogue, Lang::En) => {
                Some("The action is not in the catalogue. An unknown action is never allowed.")
            }
            _ => None,
        }
    }
}

impl From<Verdict> for Outcome {
    fn from(verdict: Verdict) -> Self {
        match verdict {
            Verdict::Allowed => Outcome::Allowed,
            Verdict::AllowedWithConditions => Outcome::AllowedWithConditions,
            Verdict::Forbidden => Outcome::Forbidden,
        }
    }
}

/// A rule that took part in a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// Whether the rule is the model's or the unit's.
    pub origin: Origin,
    /// The rule.
    pub rule: BoundaryRule,
}

/// The answer to "may a peer supporter do this?", with its reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    action: Option<Action>,
    outcome: Outcome,
    reasons: Vec<Reason>,
}

impl Decision {
    /// The action decided, or `None` when it is not in the catalogue.
    pub fn action(&self) -> Option<&Action> {
        self.action.as_ref()
    }

    /// The outcome.
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// The deciding rules: those whose verdict is the outcome. Empty for
    /// [`Outcome::NotAddressed`] and [`Outcome::NotInCatalogue`].
    pub fn reasons(&self) -> &[Reason] {
        &self.reasons
    }

    /// The deciding rules' ids.
    pub fn rule_ids(&self) -> impl Iterator<Item = &str> {
        self.reasons.iter().map(|r| r.rule.id.as_str())
    }

    /// The conditions that apply, from every deciding rule.
    pub fn conditions(&self) -> impl Iterator<Item = &Text> {
        self.reasons.iter().flat_map(|r| r.rule.conditions.iter())
    }

    /// The decision explained in `lang`: heading, conditions, and each
    /// deciding rule with its message and citation.
    pub fn explain(&self, lang: Lang) -> String {
        let mut out = String::from(self.outcome.heading(lang));
        if let Some(action) = &self.action {
            out.push_str(": ");
            out.push_str(action.label.get(lang));
        }
        out.push('\n');
        let conditions_heading = match lang {
            Lang::Sv => "Villkor",
            Lang::En => "Conditions",
        };
        let mut conditions = self.conditions().peekable();
        if conditions.peek().is_some() {
            out.push_str(&format!("  {conditions_heading}:\n"));
            for condition in conditions {
                out.push_str(&format!("    - {}\n", condition.get(lang)));
            }
        }
        for reason in &self.reasons {
            let origin = match (reason.origin, lang) {
                (Origin::Model, Lang::Sv) => "modellen",
                (Origin::Model, Lang::En) => "model",
                (Origin::Unit, Lang::Sv) => "enhetens policy",
                (Origin::Unit, Lang::En) => "unit policy",
            };
            let source = match lang {
                Lang::Sv => "Källa",
                Lang::En => "Source",
            };
            out.push_str(&format!(
                "  [{}, {origin}] {}\n    {source}: {}\n",
                reason.rule.id,
                reason.rule.message.get(lang),
                reason.rule.citation
            ));
        }
        if let Some(note) = self.outcome.no_rule_note(lang) {
            out.push_str(&format!("  {note}\n"));
        }
        out
    }
}

/// Every catalogue action's decision, computed once so that a lookup costs a
/// hash lookup and no allocation.
#[derive(Debug, Clone)]
pub(crate) struct DecisionTable {
    decisions: Vec<Decision>,
    by_id: HashMap<String, usize>,
    by_code: HashMap<u32, usize>,
    not_in_catalogue: Decision,
}

impl DecisionTable {
    /// Decides every action of `actions` from `rules`.
    pub(crate) fn new<'a>(
        actions: &[Action],
        rules: impl Iterator<Item = (Origin, &'a BoundaryRule)> + Clone,
    ) -> Self {
        let decisions: Vec<Decision> = actions
            .iter()
            .map(|action| decide(action, rules.clone()))
            .collect();
        let by_id = actions
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        let by_code = actions
            .iter()
            .enumerate()
            .map(|(i, a)| (a.code, i))
            .collect();
        DecisionTable {
            decisions,
            by_id,
            by_code,
            not_in_catalogue: Decision {
                action: None,
                outcome: Outcome::NotInCatalogue,
                reasons: Vec::new(),
            },
        }
    }

    pub(crate) fn by_id(&self, id: &str) -> &Decision {
        self.by_id
            .get(id)
            .and_then(|&i| self.decisions.get(i))
            .unwrap_or(&self.not_in_catalogue)
    }

    pub(crate) fn by_code(&self, code: u32) -> &Decision {
        self.by_code
            .get(&code)
            .and_then(|&i| self.decisions.get(i))
            .unwrap_or(&self.not_in_catalogue)
    }

    pub(crate) fn all(&self) -> &[Decision] {
        &self.decisions
    }
}

/// The most restrictive verdict among the rules for `action` decides; the
/// rules with that verdict are the reasons.
fn decide<'a>(
    action: &Action,
    rules: impl Iterator<Item = (Origin, &'a BoundaryRule)> + Clone,
) -> Decision {
    let applicable = rules.filter(|(_, rule)| rule.action == action.id);
    let strictest = applicable.clone().map(|(_, rule)| rule.verdict).max();
    let (outcome, reasons) = match strictest {
        None => (Outcome::NotAddressed, Vec::new()),
        Some(verdict) => (
            Outcome::from(verdict),
            applicable
                .filter(|(_, rule)| rule.verdict == verdict)
                .map(|(origin, rule)| Reason {
                    origin,
                    rule: rule.clone(),
                })
                .collect(),
        ),
    };
    Decision {
        action: Some(action.clone()),
        outcome,
        reasons,
    }
}

/// Checks `added` actions against the `existing` ones: well-formed unique ids,
/// non-blank labels, unique codes within `codes`.
pub(crate) fn validate_actions(
    document: &str,
    existing: &[Action],
    added: &[Action],
    codes: &RangeInclusive<u32>,
) -> Result<(), PolicyError> {
    for (i, action) in added.iter().enumerate() {
        let path = format!("actions[{i}]");
        check_id(document, &format!("{path}.id"), &action.id)?;
        check_text(document, &format!("{path}.label"), &action.label, None)?;
        let earlier = existing.iter().chain(&added[..i]);
        if earlier.clone().any(|a| a.id == action.id) {
            return Err(PolicyError::DuplicateId {
                document: document.to_owned(),
                path: format!("{path}.id"),
                id: action.id.clone(),
            });
        }
        if !codes.contains(&action.code) {
            return Err(PolicyError::CodeOutOfRange {
                document: document.to_owned(),
                path: format!("{path}.code"),
                action_id: action.id.clone(),
                min: *codes.start(),
                max: *codes.end(),
            });
        }
        if earlier.clone().any(|a| a.code == action.code) {
            return Err(PolicyError::DuplicateCode {
                document: document.to_owned(),
                path: format!("{path}.code"),
                action_id: action.id.clone(),
            });
        }
    }
    Ok(())
}

/// Checks `added` rules: well-formed ids unique in the policy (`taken`),
/// actions in `catalogue`, complete citation and message, conditions that fit
/// the verdict, and (for a unit) no loosening of a `model` rule.
pub(crate) fn validate_rules(
    document: &str,
    catalogue: &[Action],
    model: &[BoundaryRule],
    added: &[BoundaryRule],
    taken: &mut Vec<String>,
) -> Result<(), PolicyError> {
    for (i, rule) in added.iter().enumerate() {
        let path = format!("boundaries[{i}]");
        let rule_id = Some(rule.id.as_str());
        check_rule(
            document,
            &path,
            &rule.id,
            &rule.citation,
            &rule.message,
            taken,
        )?;
        if !catalogue.iter().any(|a| a.id == rule.action) {
            return Err(PolicyError::UnknownAction {
                document: document.to_owned(),
                path: format!("{path}.action"),
                rule_id: rule.id.clone(),
            });
        }
        let needs_conditions = rule.verdict == Verdict::AllowedWithConditions;
        if needs_conditions == rule.conditions.is_empty() {
            return Err(PolicyError::ConditionsMismatch {
                document: document.to_owned(),
                path: format!("{path}.conditions"),
                rule_id: rule.id.clone(),
                needs_conditions,
            });
        }
        for (j, condition) in rule.conditions.iter().enumerate() {
            check_text(
                document,
                &format!("{path}.conditions[{j}]"),
                condition,
                rule_id,
            )?;
        }
        if let Some(model_rule) = model
            .iter()
            .find(|r| r.action == rule.action && r.verdict > rule.verdict)
        {
            return Err(PolicyError::Loosens {
                document: document.to_owned(),
                path: format!("{path}.verdict"),
                unit_rule: rule.id.clone(),
                model_rule: model_rule.id.clone(),
            });
        }
    }
    Ok(())
}
