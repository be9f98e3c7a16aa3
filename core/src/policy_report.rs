//! The policy report: what a unit's policy changes in its model.
//!
//! The catalogue is finite, so the report is exact: for every action, the
//! model's outcome beside the unit's and what changed (tightened, a
//! deviation with the unit's reason, decided by the unit where the model
//! does not decide, added by the unit, unchanged); for every parameter of
//! the library, the value in force and where it comes from; and every
//! deviation. In Swedish or English, as text or JSON; the JSON shape is
//! stable within [`POLICY_REPORT_VERSION`].

use crate::boundaries::{Decision, Origin, Outcome};
use crate::deviation::Deviation;
use crate::engine::Engine;
use crate::error::PolicyError;
use crate::language::{Lang, Text};
pub use crate::parameter::ParameterChange;
use crate::policy::ModelId;
use crate::supervision::SupervisionKind;
use serde::Serialize;
use std::collections::HashSet;
use std::fmt::Write as _;

/// The version of the policy report's JSON shape.
pub const POLICY_REPORT_VERSION: u32 = 2;

/// What a unit's policy did to one action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// The unit's outcome is the model's (a unit rule may restate it).
    Unchanged,
    /// The unit's rules made the outcome stricter, or added conditions.
    Tightened,
    /// The unit departs from a model *should not*, through a deviation.
    Deviation,
    /// The model does not decide the action; the unit's policy does.
    DecidedByUnit,
    /// The action is the unit's own, added to the catalogue.
    AddedByUnit,
    /// A cadence or count the unit's policy sets in place of the model's or
    /// the project's.
    SetByUnit,
}

impl Change {
    /// A short name in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Change::Unchanged, Lang::Sv) => "oförändrat",
            (Change::Unchanged, Lang::En) => "unchanged",
            (Change::Tightened, Lang::Sv) => "skärpt",
            (Change::Tightened, Lang::En) => "tightened",
            (Change::Deviation, Lang::Sv) => "avvikelse",
            (Change::Deviation, Lang::En) => "deviation",
            (Change::DecidedByUnit, Lang::Sv) => "avgjort av enheten",
            (Change::DecidedByUnit, Lang::En) => "decided by the unit",
            (Change::AddedByUnit, Lang::Sv) => "tillagt av enheten",
            (Change::AddedByUnit, Lang::En) => "added by the unit",
            (Change::SetByUnit, Lang::Sv) => "satt av enheten",
            (Change::SetByUnit, Lang::En) => "set by the unit",
        }
    }
}

/// One action's outcome under the model and under the unit's policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ActionChange {
    /// The action's id.
    pub id: String,
    /// The action's code.
    pub code: u32,
    /// The action's label.
    pub label: String,
    /// The outcome under the bare model; `None` for an action the unit
    /// added.
    pub model: Option<Outcome>,
    /// The outcome under the unit's policy.
    pub unit: Outcome,
    /// What changed.
    pub change: Change,
    /// The deciding rules under the unit's policy, each with where it
    /// comes from.
    pub rules: Vec<RuleRef>,
    /// The deviations, for [`Change::Deviation`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deviations: Vec<DeviationInLang>,
}

/// A rule by id, and whether it is the model's or the unit's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RuleRef {
    /// The rule's id.
    pub id: String,
    /// Where it comes from.
    pub origin: Origin,
}

/// A supervision cadence in force under the unit's policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct CadenceChange {
    /// The rule that sets it.
    pub rule: RuleRef,
    /// The kind of supervision.
    pub kind: SupervisionKind,
    /// The kind's name in running text.
    pub kind_name: String,
    /// The cadence, by phase.
    pub cadence: Vec<crate::supervision::Phase>,
    /// The cadence for a reader.
    pub cadence_text: String,
    /// Where the cadence comes from.
    pub cadence_source: String,
    /// [`Change::Unchanged`] for the model's cadence, [`Change::SetByUnit`]
    /// where the unit sets one.
    pub change: Change,
}

/// A deviation with its reason in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct DeviationInLang {
    /// The model rule the unit departs from.
    pub model_rule: String,
    /// The unit's reason.
    pub reason: String,
    /// The unit's source.
    pub citation: crate::citation::Citation,
}

impl DeviationInLang {
    pub(crate) fn new(deviation: &Deviation, lang: Lang) -> DeviationInLang {
        DeviationInLang {
            model_rule: deviation.model_rule.clone(),
            reason: deviation.reason.get(lang).to_owned(),
            citation: deviation.citation.clone(),
        }
    }
}

/// What a unit's policy changes in its model.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PolicyReport {
    /// Always [`POLICY_REPORT_VERSION`].
    pub report_version: u32,
    /// The language of the texts.
    pub language: Lang,
    /// The policy's id.
    pub policy_id: String,
    /// The model it extends.
    pub model: ModelId,
    /// The model's name.
    pub model_name: String,
    /// Every action of the catalogue (the unit's last).
    pub actions: Vec<ActionChange>,
    /// Every parameter of the library.
    pub parameters: Vec<ParameterChange>,
    /// Every supervision cadence in force.
    pub cadences: Vec<CadenceChange>,
    /// Every deviation of the unit's.
    pub deviations: Vec<DeviationInLang>,
}

/// What changed from `model` (the bare model's decision, if the action is
/// the model's) to `unit`.
fn change(model: Option<&Decision>, unit: &Decision) -> Change {
    let Some(model) = model else {
        return Change::AddedByUnit;
    };
    if !unit.deviations().is_empty() {
        return Change::Deviation;
    }
    let unit_rules = unit.reasons().iter().any(|r| r.origin == Origin::Unit);
    if !unit_rules {
        Change::Unchanged
    } else if model.outcome() == Outcome::NotAddressed {
        Change::DecidedByUnit
    } else if unit.outcome() != model.outcome()
        || unit.conditions().count() > model.conditions().count()
    {
        Change::Tightened
    } else {
        Change::Unchanged
    }
}

impl PolicyReport {
    /// The report on `engine`'s policy, with texts in `lang`.
    pub fn new(engine: &Engine, lang: Lang) -> Result<PolicyReport, PolicyError> {
        let policy = engine.policy();
        let model = Engine::builtin(policy.model())?;
        let actions = engine
            .decisions()
            .iter()
            .filter_map(|unit| {
                let action = unit.action()?;
                let model_decision = Some(model.decide(&action.id))
                    .filter(|d| d.outcome() != Outcome::NotInCatalogue);
                Some(ActionChange {
                    id: action.id.clone(),
                    code: action.code,
                    label: action.label.get(lang).to_owned(),
                    model: model_decision.map(Decision::outcome),
                    unit: unit.outcome(),
                    change: change(model_decision, unit),
                    rules: unit
                        .reasons()
                        .iter()
                        .map(|r| RuleRef {
                            id: r.rule.id.clone(),
                            origin: r.origin,
                        })
                        .collect(),
                    deviations: unit
                        .deviations()
                        .iter()
                        .map(|d| DeviationInLang::new(d, lang))
                        .collect(),
                })
            })
            .collect();
        let parameters = policy
            .parameters()
            .iter()
            .map(|p| p.in_lang(lang))
            .collect();
        // The kinds whose cadence the unit sets, by a rule or a light-form
        // cadence.
        let unit_cadences: HashSet<SupervisionKind> = policy
            .unit()
            .supervision
            .iter()
            .map(|r| r.kind.clone())
            .chain(policy.unit().cadences.iter().map(|c| c.kind.clone()))
            .collect();
        let evidence_label = |kind: &str| {
            policy
                .evidence_kinds()
                .iter()
                .find(|k| k.id == kind)
                .map_or(kind, |k| k.label.get(lang))
                .to_owned()
        };
        let cadences = engine
            .supervision_rules()
            .iter()
            .map(|r| {
                let by_unit = unit_cadences.contains(&r.kind);
                CadenceChange {
                    rule: RuleRef {
                        id: r.id.clone(),
                        origin: if by_unit { Origin::Unit } else { Origin::Model },
                    },
                    kind: r.kind.clone(),
                    kind_name: engine.supervision_kind_label(&r.kind).get(lang).to_owned(),
                    cadence: r.cadence.clone(),
                    cadence_text: crate::supervision::describe_cadence(
                        &r.cadence,
                        lang,
                        evidence_label,
                    ),
                    cadence_source: r.cadence_source.get(lang).to_owned(),
                    change: if by_unit {
                        Change::SetByUnit
                    } else {
                        Change::Unchanged
                    },
                }
            })
            .collect();
        Ok(PolicyReport {
            report_version: POLICY_REPORT_VERSION,
            language: lang,
            policy_id: policy.unit().id.clone(),
            model: policy.model(),
            model_name: policy.model_name().get(lang).to_owned(),
            actions,
            parameters,
            cadences,
            deviations: policy
                .deviations()
                .iter()
                .map(|d| DeviationInLang::new(d, lang))
                .collect(),
        })
    }

    /// The report as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Plain structs of strings, finite numbers and enums.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The report as text for a reader, in the report's language; control
    /// and bidi characters of the policy's texts are escaped.
    pub fn to_text(&self) -> String {
        use crate::language::esc;
        let lang = self.language;
        let t = |sv: &'static str, en: &'static str| Text::new(sv, en).get(lang).to_owned();
        let mut out = String::new();
        let w = &mut out;
        let _ = writeln!(
            w,
            "{} {} – {} {}",
            t("Policyrapport för", "Policy report for"),
            esc(&self.policy_id),
            t("bygger på", "builds on"),
            esc(&self.model_name)
        );
        let _ = writeln!(w);
        let changed = self
            .actions
            .iter()
            .filter(|a| a.change != Change::Unchanged)
            .count();
        let _ = writeln!(
            w,
            "1. {} ({} {}, {} {})",
            t("Arbetsuppgifter", "Tasks"),
            self.actions.len(),
            t("i katalogen", "in the catalogue"),
            changed,
            t("ändrade av enheten", "changed by the unit")
        );
        for a in &self.actions {
            let outcomes = match a.model {
                Some(model) if model == a.unit => a.unit.name(lang).to_owned(),
                Some(model) => format!("{} → {}", model.name(lang), a.unit.name(lang)),
                None => format!("– → {}", a.unit.name(lang)),
            };
            let _ = writeln!(
                w,
                "   {:>5} {}: {outcomes} ({}) [{}]",
                a.code,
                esc(&a.label),
                a.change.name(lang),
                esc(&a.id)
            );
            let unit_rules: Vec<&str> = a
                .rules
                .iter()
                .filter(|r| r.origin == Origin::Unit)
                .map(|r| r.id.as_str())
                .collect();
            if !unit_rules.is_empty() {
                let _ = writeln!(
                    w,
                    "         {}: {}",
                    t("enhetens regler", "the unit's rules"),
                    esc(&unit_rules.join(", "))
                );
            }
        }
        let _ = writeln!(w);
        let _ = writeln!(
            w,
            "2. {}",
            t("Avvikelser från modellen", "Deviations from the model")
        );
        if self.deviations.is_empty() {
            let _ = writeln!(w, "   {}", t("Inga.", "None."));
        }
        for d in &self.deviations {
            crate::deviation::write_text(w, &d.model_rule, &d.reason, &d.citation, lang, "   ");
        }
        let _ = writeln!(w);
        let _ = writeln!(w, "3. {}", t("Parametrar", "Parameters"));
        for p in &self.parameters {
            let _ = writeln!(w, "   - {} [{}]", esc(&p.text), esc(&p.id));
        }
        for c in &self.cadences {
            let _ = writeln!(
                w,
                "   - {} {}: {} ({}; {}) [{}]",
                t("Intervall för", "Interval for"),
                esc(&c.kind_name),
                esc(&c.cadence_text),
                esc(c.cadence_source.trim_end_matches('.')),
                c.change.name(lang),
                esc(&c.rule.id)
            );
        }
        out
    }
}
