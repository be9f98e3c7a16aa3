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
use crate::parameter::{ParameterSource, ParameterValue};
use crate::policy::ModelId;
use serde::Serialize;
use std::fmt::Write as _;

/// The version of the policy report's JSON shape.
pub const POLICY_REPORT_VERSION: u32 = 1;

/// What a unit's policy did to one action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// The unit's outcome is the model's, from the model's rules.
    Unchanged,
    /// The unit's rules made the outcome stricter, or added conditions.
    Tightened,
    /// The unit departs from a model *should not*, through a deviation.
    Deviation,
    /// The model does not decide the action; the unit's policy does.
    DecidedByUnit,
    /// The action is the unit's own, added to the catalogue.
    AddedByUnit,
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
        }
    }
}

/// One action's outcome under the model and under the unit's policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    /// The deciding rules under the unit's policy.
    pub rules: Vec<String>,
    /// The deviations, for [`Change::Deviation`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deviations: Vec<DeviationInLang>,
}

/// A deviation with its reason in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

/// One parameter of the library under the unit's policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
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

/// What a unit's policy changes in its model.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
                    rules: unit.rule_ids().map(str::to_owned).collect(),
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
            .map(|p| parameter_change(p, lang))
            .collect();
        Ok(PolicyReport {
            report_version: POLICY_REPORT_VERSION,
            language: lang,
            policy_id: policy.unit().id.clone(),
            model: policy.model(),
            model_name: policy.model_name().get(lang).to_owned(),
            actions,
            parameters,
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
        use crate::audit::esc;
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
            if a.change != Change::Unchanged && !a.rules.is_empty() {
                let _ = writeln!(
                    w,
                    "         {}: {}",
                    t("enhetens regler", "the unit's rules"),
                    esc(&a.rules.join(", "))
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
            write_deviation(w, d, lang, "   ");
        }
        let _ = writeln!(w);
        let _ = writeln!(w, "3. {}", t("Parametrar", "Parameters"));
        for p in &self.parameters {
            let _ = writeln!(w, "   - {} [{}]", esc(&p.text), esc(&p.id));
        }
        out
    }
}

/// A deviation as lines of a text report, each line after `indent`.
pub(crate) fn write_deviation(w: &mut String, d: &DeviationInLang, lang: Lang, indent: &str) {
    use crate::audit::esc;
    let (rule, reason, source) = match lang {
        Lang::Sv => ("Modellens regel", "Enhetens skäl", "Enhetens källa"),
        Lang::En => ("The model's rule", "The unit's reason", "The unit's source"),
    };
    let _ = writeln!(w, "{indent}- {rule}: {}", esc(&d.model_rule));
    let _ = writeln!(w, "{indent}  {reason}: {}", esc(&d.reason));
    let _ = writeln!(w, "{indent}  {source}: {}", esc(&d.citation.display(lang)));
}

pub(crate) fn parameter_change(p: &ParameterValue, lang: Lang) -> ParameterChange {
    ParameterChange {
        id: p.id.to_owned(),
        label: p.label.get(lang).to_owned(),
        default: p.default,
        value: p.value,
        set_by_unit: matches!(p.source, ParameterSource::Unit { .. }),
        source: p.source.clone(),
        text: p.describe(lang),
    }
}
