//! Qualification: where a person stands under a model — in the model's own
//! words — what evidence they still lack, and, where a policy has renewal
//! rules, whether the qualification is kept up.
//!
//! Requirements are policy data (`certification` in `core/policies/*.json`),
//! each cited. A requirement is met by dated reports of one evidence kind
//! (an NSPH training part completed on…, a former patient, reported on…):
//!
//! - a *required* item of the *eligibility* stage that is not met leaves the
//!   person [`Standing::NotEligible`]; a required *training* item not met
//!   leaves them [`Standing::NotStarted`] (no training evidence reported yet)
//!   or [`Standing::InTraining`]; when every required item is met the
//!   standing is [`Standing::Met`], from the date the last one was met;
//! - a *recommended* item that is not met is reported, never refused;
//! - a requirement may also be met by evidence that implies its own
//!   (`also_met_by`): the approved NSPH training meets each of its parts,
//!   full Swedish meets RKC's basic reading and writing;
//! - a *merit* counts for the person but is never required;
//! - `should_not_require` names evidence the model's source says should not
//!   be a requirement ("bör inte utgöra ett krav"): a unit policy may still
//!   require it, but only through a deviation (`deviations` in its policy)
//!   that gives its reason.
//!
//! Each model names its standings in its own words (`statuses`), each with
//! one shared [`Category`] so that callers can compare across models: NSPH
//! certifies ("certifierad av brukarrörelsen"); RKC and Region Skåne certify
//! no one, so their statuses say "meets the recruitment requirements" and
//! "has completed the mentor training".
//!
//! ## Facts that can be "no"
//!
//! A report of evidence is `present` (the default) or `absent`: "does not
//! read Swedish", reported on a date, is not the same as nobody having
//! reported it. For each kind the latest report wins: a present report
//! counts only if no absent report of the same kind comes after it (an
//! absent report withdraws what was reported before it). A present and an
//! absent report of one kind on one day contradict each other: an input
//! error. A finding names the evidence kinds that would meet it, and for
//! each whether it is unreported, reported absent (and when), or short of a
//! count.
//!
//! ## Numbers the sources do not give
//!
//! Region Skåne's mentor course has twelve meetings over two terms, and no
//! attendance rule. A requirement may name an `attendance` evidence kind and
//! a count parameter ([`crate::parameter`]): its default 0 means that only a
//! reported completion meets the requirement; a unit that sets it counts
//! that many attended meetings as completion, and every finding the number
//! decides says that it is the unit's, also when it is met.
//!
//! ## Renewal
//!
//! The seeds give no expiry or renewal. A policy may add `renewal`: an
//! optional initial phase with hours to accumulate, then periods of a fixed
//! length, each needing continuing-education hours in total and by category.
//! The first full period starts when the initial phase ends; a period that
//! ends short of its hours leaves the standing [`Standing::Lapsed`].
//!
//! Evidence dated after the "as of" date is an error, never counted.

use crate::citation::{Citation, Finding};
use crate::dates::Span;
use crate::deviation::{Deviations, Strength as DeviationStrength};
use crate::error::{InputError, InputProblem, PolicyError, ShapeProblem};
use crate::language::{Lang, Text};
use crate::limits;
use crate::parameter::{self, ParameterChange, ParameterSetting, ParameterValue};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A kind of evidence, declared in the catalogue (or by a unit's policy).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceKind {
    /// Stable id, e.g. `nsph_module_working_tools`.
    pub id: String,
    /// What it is, in Swedish and English.
    pub label: Text,
}

/// Which part of the path a requirement belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Before training: who may become a peer supporter.
    Eligibility,
    /// The training itself.
    Training,
}

/// How strongly a requirement binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// Needed: the standing depends on it.
    Required,
    /// Recommended: reported when unmet, never decides the standing.
    Recommended,
    /// A merit: noted when present, never required.
    Merit,
}

/// Where a person stands, in the library's terms. Each model names the
/// standings it can reach in its own words ([`StatusDef`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// A required eligibility item is not met.
    NotEligible,
    /// Eligible; a required training item is not met, and no evidence of
    /// the training is reported yet.
    NotStarted,
    /// Eligible; the training has begun but a required item is not met.
    InTraining,
    /// Every required item is met (and any renewal rule kept).
    Met,
    /// Met once, but a renewal rule was not kept.
    Lapsed,
}

impl Standing {
    /// The one category a status of this standing has, whatever the model
    /// calls it: met is qualified, not eligible and not started are not
    /// qualified, in training is in progress, lapsed is lapsed.
    pub fn category(self) -> Category {
        match self {
            Standing::NotEligible | Standing::NotStarted => Category::NotQualified,
            Standing::InTraining => Category::InProgress,
            Standing::Met => Category::Qualified,
            Standing::Lapsed => Category::Lapsed,
        }
    }

    /// Stable snake_case id, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::NotEligible => "not_eligible",
            Standing::NotStarted => "not_started",
            Standing::InTraining => "in_training",
            Standing::Met => "met",
            Standing::Lapsed => "lapsed",
        }
    }
}

/// The shared category of a model's status, the same for every model, so
/// that a caller can compare across models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Meets what the model asks of a peer supporter.
    Qualified,
    /// On the way: the model's training has begun.
    InProgress,
    /// Does not meet what the model asks.
    NotQualified,
    /// Qualified once, but a renewal rule was not kept.
    Lapsed,
}

impl Category {
    /// Stable snake_case id, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Qualified => "qualified",
            Category::InProgress => "in_progress",
            Category::NotQualified => "not_qualified",
            Category::Lapsed => "lapsed",
        }
    }

    /// The category in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        use Lang::{En, Sv};
        match (self, lang) {
            (Category::Qualified, Sv) => "kvalificerad",
            (Category::Qualified, En) => "qualified",
            (Category::InProgress, Sv) => "på väg",
            (Category::InProgress, En) => "in progress",
            (Category::NotQualified, Sv) => "inte kvalificerad",
            (Category::NotQualified, En) => "not qualified",
            (Category::Lapsed, Sv) => "upphört",
            (Category::Lapsed, En) => "lapsed",
        }
    }
}

/// A model's (or a unit's) name for one or more standings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusDef {
    /// Stable id, e.g. `nsph.status.certified`.
    pub id: String,
    /// The standings it names.
    pub standings: Vec<Standing>,
    /// Its shared category.
    pub category: Category,
    /// The status in the model's words, in Swedish and English.
    pub label: Text,
    /// The passage the words come from.
    pub citation: Citation,
}

/// Evidence that also meets a requirement when a unit sets a count: the
/// attended meetings of a course whose source gives no attendance rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    /// The evidence kind of one attended meeting; it also shows that the
    /// training has begun.
    pub evidence: String,
    /// The count parameter ([`crate::parameter`]): how many attended
    /// meetings count as completion; 0 (its default) counts none.
    pub parameter: String,
}

/// One requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Stable id.
    pub id: String,
    /// Eligibility or training.
    pub stage: Stage,
    /// Required, recommended or merit.
    pub strength: Strength,
    /// The evidence kind that meets it.
    pub evidence: String,
    /// How many pieces of that evidence are needed (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// Topics that the evidence, taken together, must cover.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// Evidence kinds that imply this one and so also meet it: the approved
    /// training meets each of its parts; full spoken and written Swedish
    /// meets basic reading and writing. Each is one report, like
    /// `evidence` without `count` or `topics`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_met_by: Vec<String>,
    /// Attended meetings that also meet it, when a unit sets their count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendance: Option<Attendance>,
    /// The passage the requirement is based on.
    pub citation: Citation,
    /// The requirement explained, in Swedish and English.
    pub message: Text,
}

/// Evidence that the model's source says should not be required. A unit
/// may require it only through a deviation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShouldNotRequire {
    /// Stable id.
    pub id: String,
    /// The evidence kind that should not be required.
    pub evidence: String,
    /// The passage the rule is based on.
    pub citation: Citation,
    /// The rule explained.
    pub message: Text,
}
/// Hours of one evidence kind needed within a time window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HoursRule {
    /// The evidence kind that carries the hours.
    pub evidence: String,
    /// Hours needed in all.
    pub total: f64,
    /// Hours needed in named categories (part of the total).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_category: Vec<CategoryHours>,
    /// Categories whose hours do not count at all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_categories: Vec<String>,
}

/// Hours needed in one category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryHours {
    /// The category.
    pub category: String,
    /// Hours needed in it.
    pub hours: f64,
}

/// An initial phase after certification, with hours to accumulate in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InitialPhase {
    /// Stable id.
    pub id: String,
    /// How long it lasts.
    pub length: Span,
    /// What must be accumulated in it.
    pub hours: HoursRule,
    /// Its source.
    pub citation: Citation,
    /// It explained.
    pub message: Text,
}

/// Renewal rules: periods of fixed length, each with continuing education.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Renewal {
    /// Stable id.
    pub id: String,
    /// An initial phase before the first full period, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial: Option<InitialPhase>,
    /// The length of a certification period.
    pub period: Span,
    /// Continuing education needed in each period.
    pub continuing_education: HoursRule,
    /// Its source.
    pub citation: Citation,
    /// It explained.
    pub message: Text,
}

/// The certification section of a model or unit policy.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CertificationRules {
    /// The model's statuses; a unit adds names only for standings its model
    /// does not name (e.g. `lapsed`, with its own renewal rules).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statuses: Vec<StatusDef>,
    /// Requirements (a unit's are added to the model's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<Requirement>,
    /// Evidence that should not be required.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub should_not_require: Vec<ShouldNotRequire>,
    /// Renewal rules, if the regime has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal: Option<Renewal>,
}

impl CertificationRules {
    /// Every rule and status of the section: its id, how strongly it
    /// speaks (for deviations: only a should-not-require can be departed
    /// from), and its citation.
    pub(crate) fn rules(&self) -> impl Iterator<Item = (&str, DeviationStrength, &Citation)> {
        let neither = DeviationStrength::Neither;
        self.statuses
            .iter()
            .map(move |s| (s.id.as_str(), neither, &s.citation))
            .chain(
                self.requirements
                    .iter()
                    .map(move |r| (r.id.as_str(), neither, &r.citation)),
            )
            .chain(
                self.should_not_require
                    .iter()
                    .map(|r| (r.id.as_str(), DeviationStrength::Should, &r.citation)),
            )
            .chain(self.renewal.iter().flat_map(move |r| {
                r.initial
                    .iter()
                    .map(move |i| (i.id.as_str(), neither, &i.citation))
                    .chain(std::iter::once((r.id.as_str(), neither, &r.citation)))
            }))
    }

    /// Whether the section adds nothing.
    pub fn is_empty(&self) -> bool {
        self.statuses.is_empty()
            && self.requirements.is_empty()
            && self.should_not_require.is_empty()
            && self.renewal.is_none()
    }
}

/// Whether a report says a fact holds or does not.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Reported {
    /// The fact holds (the default): a training part completed, a meeting
    /// attended.
    #[default]
    Present,
    /// The fact is reported not to hold on that date.
    Absent,
}

impl Reported {
    fn is_present(&self) -> bool {
        *self == Reported::Present
    }
}

/// One dated report of evidence about a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// The evidence kind.
    pub kind: String,
    /// When it was obtained or reported (completed, attended, employed
    /// from…).
    #[serde(deserialize_with = "crate::dates::strict")]
    pub date: NaiveDate,
    /// Whether the fact holds (the default) or is reported absent.
    #[serde(default, skip_serializing_if = "Reported::is_present")]
    pub reported: Reported,
    /// Hours, for evidence counted in hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    /// Category, for evidence counted in hours by category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Topics covered, for evidence such as a training meeting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
}

impl Evidence {
    /// A present report of `kind` on `date`, with no hours, category or
    /// topics.
    pub fn present(kind: impl Into<String>, date: NaiveDate) -> Evidence {
        Evidence {
            kind: kind.into(),
            date,
            reported: Reported::Present,
            hours: None,
            category: None,
            topics: Vec::new(),
        }
    }

    /// An absent report of `kind` on `date`.
    pub fn absent(kind: impl Into<String>, date: NaiveDate) -> Evidence {
        Evidence {
            reported: Reported::Absent,
            ..Evidence::present(kind, date)
        }
    }
}

/// A person's status in the model's words.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Status<T = Text> {
    /// The model's (or unit's) status id, e.g. `rkc.status.meets_requirements`.
    pub id: String,
    /// The shared category.
    pub category: Category,
    /// The status in the model's words.
    pub label: T,
}

/// What a piece of needed evidence looks like in the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceState {
    /// Nobody has reported it.
    Unreported,
    /// The latest report says it is absent.
    ReportedAbsent,
    /// Reported, but fewer than needed or not covering every topic.
    TooFew,
}

impl EvidenceState {
    fn name(self, lang: Lang) -> &'static str {
        use Lang::{En, Sv};
        match (self, lang) {
            (EvidenceState::Unreported, Sv) => "inte rapporterat",
            (EvidenceState::Unreported, En) => "not reported",
            (EvidenceState::ReportedAbsent, Sv) => "rapporterat saknas",
            (EvidenceState::ReportedAbsent, En) => "reported absent",
            (EvidenceState::TooFew, Sv) => "rapporterat, men inte tillräckligt",
            (EvidenceState::TooFew, En) => "reported, but not enough",
        }
    }
}

/// An evidence kind that would meet an unmet requirement, and where it
/// stands.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct EvidenceNeed {
    /// The evidence kind.
    pub kind: String,
    /// Unreported, reported absent, or too few.
    pub state: EvidenceState,
    /// The date of the absent report, when it is reported absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub absent_since: Option<NaiveDate>,
    /// Present reports that count (those after any absent report).
    pub have: u32,
    /// How many are needed.
    pub need: u32,
    /// Topics not covered, for a requirement with topics.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub topics_missing: Vec<String>,
}

/// A requirement that is not met: the finding, and the evidence that would
/// meet it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Unmet<T = Text> {
    /// The requirement's id.
    pub rule_id: String,
    /// Its source.
    pub citation: Citation,
    /// What is missing, with the evidence that would meet it.
    pub text: T,
    /// The evidence kinds that would meet it, each with its state.
    pub evidence: Vec<EvidenceNeed>,
}

impl<T: Clone> Unmet<T> {
    /// The finding without the evidence it needs.
    pub fn finding(&self) -> Finding<T> {
        Finding {
            rule_id: self.rule_id.clone(),
            citation: self.citation.clone(),
            text: self.text.clone(),
        }
    }
}

impl Unmet {
    fn in_lang(&self, lang: Lang) -> Unmet<String> {
        Unmet {
            rule_id: self.rule_id.clone(),
            citation: self.citation.clone(),
            text: self.text.get(lang).to_owned(),
            evidence: self.evidence.clone(),
        }
    }
}
/// Progress towards hours needed.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct HoursProgress {
    /// The category, or `None` for the total.
    pub category: Option<String>,
    /// Hours needed.
    pub needed: f64,
    /// Hours done.
    pub done: f64,
}

impl HoursProgress {
    /// Whether enough hours are done.
    pub fn is_met(&self) -> bool {
        self.done >= self.needed
    }
}

/// Which renewal phase a certified person is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RenewalPhase {
    /// The initial phase.
    Initial,
    /// The n-th full period (from 1).
    Period(u32),
}

/// Where a certified person stands against the renewal rules.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RenewalStatus {
    /// The current phase, or the one that lapsed.
    pub phase: RenewalPhase,
    /// Its first day.
    pub starts: NaiveDate,
    /// Its end: the first day after it, when its hours are due.
    pub ends: NaiveDate,
    /// Hours done and needed in it, total first.
    pub hours: Vec<HoursProgress>,
    /// The day the certification lapsed, if it did.
    pub lapsed_on: Option<NaiveDate>,
    /// The rule that governs the phase.
    pub rule_id: String,
}

/// The outcome of evaluating a person's evidence. Its texts are in both
/// languages ([`Text`]); [`CertificationReport::in_lang`] gives the same
/// report with the texts of one language.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CertificationReport<T = Text, P = ParameterValue> {
    /// Where the person stands, in the library's terms.
    pub standing: Standing,
    /// The standing in the model's words, with its shared category.
    pub status: Status<T>,
    /// When every required item was met, if it was (also for a lapsed
    /// standing: the day it was first met); `None` where the policy
    /// requires nothing, for no day was the last item met.
    pub met_on: Option<NaiveDate>,
    /// Required items not met.
    pub missing: Vec<Unmet<T>>,
    /// Recommended items not met.
    pub unmet_recommendations: Vec<Unmet<T>>,
    /// Other findings: merits present, requirements met by a unit's count,
    /// renewal progress and lapses.
    pub findings: Vec<Finding<T>>,
    /// Renewal standing, where the policy has renewal rules and every
    /// required item is met.
    pub renewal: Option<RenewalStatus>,
    /// The parameters that decided a requirement, with their values and
    /// where they come from.
    pub parameters: Vec<P>,
}

impl CertificationReport {
    /// The report with its texts in `lang`.
    pub fn in_lang(&self, lang: Lang) -> CertificationReport<String, ParameterChange> {
        let unmet = |list: &[Unmet]| list.iter().map(|f| f.in_lang(lang)).collect();
        CertificationReport {
            standing: self.standing,
            status: Status {
                id: self.status.id.clone(),
                category: self.status.category,
                label: self.status.label.get(lang).to_owned(),
            },
            met_on: self.met_on,
            missing: unmet(&self.missing),
            unmet_recommendations: unmet(&self.unmet_recommendations),
            findings: self.findings.iter().map(|f| f.in_lang(lang)).collect(),
            renewal: self.renewal.clone(),
            parameters: self.parameters.iter().map(|p| p.in_lang(lang)).collect(),
        }
    }
}

/// The certification rules of a policy, merged (model then unit) and ready to
/// evaluate.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Certification {
    statuses: Vec<StatusDef>,
    requirements: Vec<Requirement>,
    renewal: Option<Renewal>,
    evidence_kinds: HashMap<String, Text>,
    /// The value of each count parameter a requirement's attendance names.
    counts: HashMap<String, ParameterValue>,
    /// For each requirement's own evidence kind, the kinds that imply it.
    implied_by: HashMap<String, Vec<String>>,
    /// The kinds counted as events (a count, topics, attended meetings,
    /// hours): never reported absent.
    counted_kinds: HashSet<String>,
    /// The kinds that carry hours.
    hours_kinds: HashSet<String>,
}

impl Certification {
    /// Merges the model's and the unit's rules; `parameters` are the unit's
    /// settings.
    pub(crate) fn new(
        model: &CertificationRules,
        unit: &CertificationRules,
        evidence_kinds: &[EvidenceKind],
        parameters: &[ParameterSetting],
    ) -> Self {
        let requirements: Vec<Requirement> = model
            .requirements
            .iter()
            .chain(&unit.requirements)
            .cloned()
            .collect();
        let counts = requirements
            .iter()
            .filter_map(|r| r.attendance.as_ref())
            .filter_map(|a| parameter::PARAMETERS.iter().find(|d| d.id == a.parameter))
            .map(|def| (def.id.to_owned(), parameter::value_of(def, parameters)))
            .collect();
        let renewal = unit.renewal.clone().or_else(|| model.renewal.clone());
        let hours_kinds: HashSet<String> = renewal
            .iter()
            .flat_map(|r| {
                r.initial
                    .iter()
                    .map(|i| i.hours.evidence.clone())
                    .chain(std::iter::once(r.continuing_education.evidence.clone()))
            })
            .collect();
        let mut implied_by: HashMap<String, Vec<String>> = HashMap::new();
        for r in &requirements {
            implied_by
                .entry(r.evidence.clone())
                .or_default()
                .extend(r.also_met_by.iter().cloned());
        }
        let counted_kinds = requirements
            .iter()
            .filter(|r| r.count.is_some_and(|c| c > 1) || !r.topics.is_empty())
            .map(|r| r.evidence.clone())
            .chain(
                requirements
                    .iter()
                    .filter_map(|r| r.attendance.as_ref().map(|a| a.evidence.clone())),
            )
            .chain(hours_kinds.iter().cloned())
            .collect();
        Certification {
            statuses: model
                .statuses
                .iter()
                .chain(&unit.statuses)
                .cloned()
                .collect(),
            requirements,
            renewal,
            implied_by,
            counted_kinds,
            hours_kinds,
            evidence_kinds: evidence_kinds
                .iter()
                .map(|k| (k.id.clone(), k.label.clone()))
                .collect(),
            counts,
        }
    }

    /// Evaluates `evidence` as of `as_of`.
    pub(crate) fn evaluate(
        &self,
        evidence: &[Evidence],
        as_of: NaiveDate,
    ) -> Result<CertificationReport, InputError> {
        self.check_evidence(evidence, as_of)?;
        let index = EvidenceIndex::new(evidence);
        let mut missing = Vec::new();
        let mut unmet_recommendations = Vec::new();
        let mut findings = Vec::new();
        let mut parameters: Vec<ParameterValue> = Vec::new();
        let mut eligible = true;
        let mut trained = true;
        let mut training_begun = false;
        let mut met_on: Option<NaiveDate> = None;
        for requirement in &self.requirements {
            let count = self.attendance_count(requirement);
            let check = check_requirement(requirement, &index, count.map(|(_, n)| n));
            // Training has begun once evidence of a required or recommended
            // training item is reported (a merit is no part of it).
            if requirement.stage == Stage::Training
                && requirement.strength != Strength::Merit
                && check.begun
            {
                training_begun = true;
            }
            // The count of attended meetings decides this requirement when
            // it is not met, or met by the meetings: say so.
            let decided_by_count = count.filter(|_| check.met_on.is_none() || check.by_attendance);
            if let Some((value, _)) = decided_by_count {
                if !parameters.iter().any(|p| p.id == value.id) {
                    parameters.push(value.clone());
                }
            }
            match (requirement.strength, check.met_on) {
                (Strength::Required, Some(date)) => {
                    met_on = Some(met_on.map_or(date, |d| d.max(date)));
                    if let (Some((value, _)), true) = (count, check.by_attendance) {
                        findings.push(met_by_attendance(requirement, value));
                    }
                }
                (Strength::Required, None) => {
                    match requirement.stage {
                        Stage::Eligibility => eligible = false,
                        Stage::Training => trained = false,
                    }
                    missing.push(self.unmet(requirement, check.needs, count.map(|(v, _)| v)));
                }
                (Strength::Recommended, None) => {
                    unmet_recommendations.push(self.unmet(
                        requirement,
                        check.needs,
                        count.map(|(v, _)| v),
                    ));
                }
                (Strength::Merit, Some(_)) => findings.push(Finding {
                    rule_id: requirement.id.clone(),
                    citation: requirement.citation.clone(),
                    text: requirement.message.clone(),
                }),
                (Strength::Recommended, Some(_)) | (Strength::Merit, None) => {}
            }
        }
        let mut standing = match (eligible, trained, training_begun) {
            (false, _, _) => Standing::NotEligible,
            (true, false, false) => Standing::NotStarted,
            (true, false, true) => Standing::InTraining,
            (true, true, _) => Standing::Met,
        };
        if standing != Standing::Met {
            met_on = None;
        }
        let mut renewal = None;
        if let (Some(rules), Some(since)) = (&self.renewal, met_on) {
            let state = renewal_status(rules, since, evidence, as_of).ok_or_else(|| {
                InputError::new(
                    "policy.certification.renewal",
                    InputProblem::ComputedDateOutOfRange,
                )
            })?;
            if state.lapsed_on.is_some() {
                standing = Standing::Lapsed;
            }
            findings.push(renewal_finding(rules, &state));
            renewal = Some(state);
        }
        Ok(CertificationReport {
            standing,
            status: self.status_of(standing),
            met_on,
            missing,
            unmet_recommendations,
            findings,
            renewal,
            parameters,
        })
    }

    /// The status naming `standing`. Loading the policy checked that every
    /// standing it can reach is named once, except a lapsed one, which only
    /// a unit's renewal rules reach, and a met one where nothing is
    /// required (the neutral base): unless the policy names them, the
    /// library says them in its own words.
    fn status_of(&self, standing: Standing) -> Status {
        match self
            .statuses
            .iter()
            .find(|s| s.standings.contains(&standing))
        {
            Some(s) => Status {
                id: s.id.clone(),
                category: s.category,
                label: s.label.clone(),
            },
            None if standing == Standing::Lapsed => Status {
                id: standing.as_str().to_owned(),
                category: Category::Lapsed,
                label: Text::new(
                    "Upphört: förnyelsereglerna har inte hållits",
                    "Lapsed: the renewal rules were not kept",
                ),
            },
            None => Status {
                id: standing.as_str().to_owned(),
                category: Category::Qualified,
                label: Text::new("Policyn har inga krav", "The policy has no required items"),
            },
        }
    }

    /// The requirement's attendance parameter and its count in force (0:
    /// no number of meetings meets it), where it names attendance.
    fn attendance_count(&self, requirement: &Requirement) -> Option<(&ParameterValue, u32)> {
        let attendance = requirement.attendance.as_ref()?;
        let value = self.counts.get(&attendance.parameter)?;
        // A whole number within the parameter's range, checked on load.
        Some((value, value.value as u32))
    }

    /// The finding for an unmet requirement: its message, then each evidence
    /// kind that would meet it and where it stands.
    fn unmet(
        &self,
        requirement: &Requirement,
        needs: Vec<EvidenceNeed>,
        count: Option<&ParameterValue>,
    ) -> Unmet {
        let mut text = requirement.message.clone();
        for lang in [Lang::Sv, Lang::En] {
            let out = text.get_mut(lang);
            out.push_str(match lang {
                Lang::Sv => " Underlag som skulle uppfylla den:",
                Lang::En => " Evidence that would meet it:",
            });
            let parts: Vec<String> = needs.iter().map(|n| self.describe_need(n, lang)).collect();
            out.push(' ');
            out.push_str(&parts.join(match lang {
                Lang::Sv => "; eller ",
                Lang::En => "; or ",
            }));
            out.push('.');
            if let Some(value) = count {
                out.push(' ');
                out.push_str(&value.describe(lang));
                out.push('.');
            }
        }
        Unmet {
            rule_id: requirement.id.clone(),
            citation: requirement.citation.clone(),
            text,
            evidence: needs,
        }
    }

    fn describe_need(&self, need: &EvidenceNeed, lang: Lang) -> String {
        let label = self
            .evidence_kinds
            .get(&need.kind)
            .map_or(need.kind.as_str(), |l| l.get(lang));
        let mut out = format!("{label} ({}) – {}", need.kind, need.state.name(lang));
        if let Some(day) = need.absent_since {
            out.push_str(&format!(" {day}"));
        }
        if need.need > 1 {
            out.push_str(&match lang {
                Lang::Sv => format!(", {} av {}", need.have, need.need),
                Lang::En => format!(", {} of {}", need.have, need.need),
            });
        }
        if !need.topics_missing.is_empty() {
            out.push_str(&match lang {
                Lang::Sv => format!(", ämnen som saknas: {}", need.topics_missing.join(", ")),
                Lang::En => format!(", topics not covered: {}", need.topics_missing.join(", ")),
            });
        }
        out
    }

    /// Checks `evidence` as of `as_of`: known kinds, dates within the
    /// calendar and not after `as_of`, no contradicting reports on one day,
    /// no details on a report of absence, valid hours.
    pub(crate) fn check_evidence(
        &self,
        evidence: &[Evidence],
        as_of: NaiveDate,
    ) -> Result<(), InputError> {
        if !limits::in_calendar(as_of) {
            return Err(InputError::new("as_of", InputProblem::DateOutOfRange));
        }
        // What was reported of each kind on each day, and where: a present
        // and an absent report of one kind on one day contradict each other.
        let mut reported: HashMap<(&str, NaiveDate), (Reported, usize)> = HashMap::new();
        for (i, item) in evidence.iter().enumerate() {
            let at = |field: &str| format!("evidence[{i}].{field}");
            if !self.evidence_kinds.contains_key(&item.kind) {
                return Err(InputError::new(
                    at("kind"),
                    InputProblem::UnknownEvidenceKind,
                ));
            }
            if !limits::in_calendar(item.date) {
                return Err(InputError::new(at("date"), InputProblem::DateOutOfRange));
            }
            if item.date > as_of {
                return Err(InputError::new(at("date"), InputProblem::AfterAsOf));
            }
            let (first, _) = *reported
                .entry((item.kind.as_str(), item.date))
                .or_insert((item.reported, i));
            if first != item.reported {
                return Err(InputError::new(
                    at("reported"),
                    InputProblem::ConflictingReports,
                ));
            }
            if item.reported == Reported::Absent {
                // Absence is said of a fact; a count of events (meetings,
                // hours) is not withdrawn by one report.
                if self.counted_kinds.contains(&item.kind) {
                    return Err(InputError::new(
                        at("reported"),
                        InputProblem::AbsentOfCountedKind,
                    ));
                }
                let detail = [
                    (item.hours.is_some(), "hours"),
                    (item.category.is_some(), "category"),
                    (!item.topics.is_empty(), "topics"),
                ];
                if let Some((_, field)) = detail.iter().find(|(has, _)| *has) {
                    return Err(InputError::new(at(field), InputProblem::DetailOnAbsent));
                }
                continue;
            }
            match item.hours {
                Some(h) if !limits::hours_ok(h) => {
                    return Err(InputError::new(at("hours"), InputProblem::InvalidHours));
                }
                None if self.hours_kinds.contains(&item.kind) => {
                    return Err(InputError::new(at("hours"), InputProblem::MissingHours));
                }
                _ => {}
            }
        }
        // A kind reported absent on a day that a kind implying it is reported
        // present: as contradictory as two reports of one kind.
        let mut conflict: Option<usize> = None;
        for ((kind, date), (state, i)) in &reported {
            if *state != Reported::Absent {
                continue;
            }
            for implying in self.implied_by.get(*kind).into_iter().flatten() {
                if let Some((Reported::Present, j)) = reported.get(&(implying.as_str(), *date)) {
                    let later = (*i).max(*j);
                    conflict = Some(conflict.map_or(later, |c| c.min(later)));
                }
            }
        }
        match conflict {
            Some(i) => Err(InputError::new(
                format!("evidence[{i}].reported"),
                InputProblem::ConflictingReports,
            )),
            None => Ok(()),
        }
    }
}

/// The day a fact of `kind` holds from: the first present report after the
/// latest absent one, if any (the latest report wins).
pub(crate) fn fact_since(evidence: &[Evidence], kind: &str) -> Option<NaiveDate> {
    EvidenceIndex::new(evidence)
        .kind(kind)
        .and_then(|k| k.dates.first().copied())
}

/// A person's evidence by kind, built once per evaluation so that each
/// requirement is checked without scanning all the evidence again.
struct EvidenceIndex<'a> {
    kinds: HashMap<&'a str, KindEvidence<'a>>,
}

#[derive(Default)]
struct KindEvidence<'a> {
    /// The date of the latest absent report, if any.
    absent_since: Option<NaiveDate>,
    /// The dates of the present reports that count (after the latest absent
    /// report), earliest first.
    dates: Vec<NaiveDate>,
    /// The first date each topic was covered by a report that counts.
    topics: HashMap<&'a str, NaiveDate>,
}

impl<'a> EvidenceIndex<'a> {
    fn new(evidence: &'a [Evidence]) -> Self {
        let mut kinds: HashMap<&str, KindEvidence> = HashMap::new();
        for item in evidence.iter().filter(|e| e.reported == Reported::Absent) {
            let kind = kinds.entry(item.kind.as_str()).or_default();
            kind.absent_since = Some(kind.absent_since.map_or(item.date, |d| d.max(item.date)));
        }
        for item in evidence.iter().filter(|e| e.reported.is_present()) {
            let kind = kinds.entry(item.kind.as_str()).or_default();
            // An absent report withdraws what was reported before it (no
            // report of the same kind is both on one day: checked).
            if kind.absent_since.is_some_and(|absent| item.date < absent) {
                continue;
            }
            kind.dates.push(item.date);
            for topic in &item.topics {
                let first = kind.topics.entry(topic.as_str()).or_insert(item.date);
                *first = (*first).min(item.date);
            }
        }
        // Two reports of one kind on one day count once.
        for kind in kinds.values_mut() {
            kind.dates.sort_unstable();
            kind.dates.dedup();
        }
        EvidenceIndex { kinds }
    }

    fn kind(&self, kind: &str) -> Option<&KindEvidence<'a>> {
        self.kinds.get(kind)
    }
}

struct RequirementCheck {
    /// The date the requirement was met, if it was.
    met_on: Option<NaiveDate>,
    /// Whether it was met by attended meetings (a unit's count).
    by_attendance: bool,
    /// Whether any evidence of it that counts is reported.
    begun: bool,
    /// When it is not met: each evidence kind that would meet it.
    needs: Vec<EvidenceNeed>,
}

/// Checks `requirement` against `index`; `attendance` is the count of
/// attended meetings that also meets it, where it names attendance (0: no
/// number of meetings does). It is met on the earliest day its own
/// evidence, a kind that implies it, or the attended meetings met it.
fn check_requirement(
    requirement: &Requirement,
    index: &EvidenceIndex,
    attendance: Option<u32>,
) -> RequirementCheck {
    let own = index.kind(&requirement.evidence);
    let main = kind_check(
        own,
        &requirement.evidence,
        requirement.count.unwrap_or(1),
        &requirement.topics,
    );
    // A kind that implies this one counts only after the latest absent
    // report of this one's own kind: the latest report wins.
    let withdrawn_on = own.and_then(|k| k.absent_since);
    let implied: Vec<(Option<NaiveDate>, Option<EvidenceNeed>)> = requirement
        .also_met_by
        .iter()
        .map(|kind| implied_check(index.kind(kind), kind, withdrawn_on))
        .collect();
    let attended = match (&requirement.attendance, attendance) {
        (Some(a), Some(n)) if n > 0 => {
            Some(kind_check(index.kind(&a.evidence), &a.evidence, n, &[]))
        }
        _ => None,
    };
    let attendance_begun = requirement
        .attendance
        .as_ref()
        .and_then(|a| index.kind(&a.evidence))
        .is_some_and(|k| !k.dates.is_empty());
    let begun = main.1.as_ref().is_none_or(|n| n.have > 0)
        || implied.iter().any(|(met, _)| met.is_some())
        || attendance_begun;
    let otherwise = std::iter::once(main.0)
        .chain(implied.iter().map(|(met, _)| *met))
        .flatten()
        .min();
    let by_meetings = attended.as_ref().and_then(|(met, _)| *met);
    let by_attendance = by_meetings.is_some_and(|m| otherwise.is_none_or(|o| m < o));
    let met_on = otherwise.into_iter().chain(by_meetings).min();
    let needs = if met_on.is_some() {
        Vec::new()
    } else {
        main.1
            .into_iter()
            .chain(implied.into_iter().filter_map(|(_, need)| need))
            .chain(attended.and_then(|(_, need)| need))
            .collect()
    };
    RequirementCheck {
        met_on,
        by_attendance,
        begun,
        needs,
    }
}

/// Whether a kind that implies a requirement holds: its first present
/// report after `withdrawn_on` (the requirement's own kind reported absent),
/// or where it stands.
fn implied_check(
    evidence: Option<&KindEvidence>,
    kind: &str,
    withdrawn_on: Option<NaiveDate>,
) -> (Option<NaiveDate>, Option<EvidenceNeed>) {
    let empty = KindEvidence::default();
    let evidence = evidence.unwrap_or(&empty);
    let counted = evidence
        .dates
        .iter()
        .copied()
        .find(|d| withdrawn_on.is_none_or(|w| *d > w));
    if counted.is_some() {
        return (counted, None);
    }
    let absent_since = evidence.absent_since.max(withdrawn_on);
    let state = if evidence.dates.is_empty() && evidence.absent_since.is_none() {
        EvidenceState::Unreported
    } else {
        EvidenceState::ReportedAbsent
    };
    let need = EvidenceNeed {
        kind: kind.to_owned(),
        state,
        absent_since: (state == EvidenceState::ReportedAbsent)
            .then_some(absent_since)
            .flatten(),
        have: 0,
        need: 1,
        topics_missing: Vec::new(),
    };
    (None, Some(need))
}

/// Whether `count` reports of `kind` that count, covering `topics`, are
/// there: the date they were, or where the kind stands.
fn kind_check(
    evidence: Option<&KindEvidence>,
    kind: &str,
    count: u32,
    topics: &[String],
) -> (Option<NaiveDate>, Option<EvidenceNeed>) {
    let empty = KindEvidence::default();
    let evidence = evidence.unwrap_or(&empty);
    let have = u32::try_from(evidence.dates.len()).unwrap_or(u32::MAX);
    let count_met_on = evidence.dates.get(count as usize - 1).copied();
    // A topic is covered on the first date a report that counts names it.
    let mut topics_missing = Vec::new();
    let mut topics_met_on: Option<NaiveDate> = None;
    for topic in topics {
        match evidence.topics.get(topic.as_str()) {
            Some(&date) => topics_met_on = Some(topics_met_on.map_or(date, |d| d.max(date))),
            None => topics_missing.push(topic.clone()),
        }
    }
    if let (Some(date), true) = (count_met_on, topics_missing.is_empty()) {
        return (Some(topics_met_on.map_or(date, |d| d.max(date))), None);
    }
    let state = match (have, evidence.absent_since) {
        (0, Some(_)) => EvidenceState::ReportedAbsent,
        (0, None) => EvidenceState::Unreported,
        _ => EvidenceState::TooFew,
    };
    let need = EvidenceNeed {
        kind: kind.to_owned(),
        state,
        absent_since: (state == EvidenceState::ReportedAbsent)
            .then_some(evidence.absent_since)
            .flatten(),
        have,
        need: count,
        topics_missing,
    };
    (None, Some(need))
}

/// The note for a required item met by the unit's count of attended
/// meetings: the count is the unit's, not the model's.
fn met_by_attendance(requirement: &Requirement, value: &ParameterValue) -> Finding {
    let text = Text::new(
        format!(
            "Kravet räknas som uppfyllt genom närvarade träffar. {}.",
            value.describe(Lang::Sv)
        ),
        format!(
            "The requirement counts as met by meetings attended. {}.",
            value.describe(Lang::En)
        ),
    );
    Finding {
        rule_id: requirement.id.clone(),
        citation: requirement.citation.clone(),
        text,
    }
}
/// The hours of one rule's evidence kind, earliest first, without the
/// excluded categories: built once, then read period by period.
struct HoursLog<'a> {
    items: Vec<&'a Evidence>,
}

impl<'a> HoursLog<'a> {
    fn new(rule: &HoursRule, evidence: &'a [Evidence]) -> Self {
        let excluded: HashSet<&str> = rule
            .excluded_categories
            .iter()
            .map(String::as_str)
            .collect();
        let mut items: Vec<&Evidence> = evidence
            .iter()
            .filter(|e| e.kind == rule.evidence && e.reported.is_present())
            .filter(|e| e.category.as_deref().is_none_or(|c| !excluded.contains(c)))
            .collect();
        items.sort_by_key(|e| e.date);
        HoursLog { items }
    }

    /// The items dated in `[from, to)`.
    fn within(&self, from: NaiveDate, to: NaiveDate) -> &[&'a Evidence] {
        let first = self.items.partition_point(|e| e.date < from);
        let end = self.items.partition_point(|e| e.date < to);
        self.items.get(first..end).unwrap_or_default()
    }
}

/// Hours done by `items`, in all and by category.
struct Tally<'a> {
    total: f64,
    by_category: HashMap<&'a str, f64>,
}

impl<'a> Tally<'a> {
    fn of(items: &[&'a Evidence]) -> Self {
        // Sums start from +0.0, so that no hours read 0, never -0.
        let mut tally = Tally {
            total: 0.0,
            by_category: HashMap::new(),
        };
        for item in items {
            let hours = item.hours.unwrap_or(0.0);
            tally.total += hours;
            if let Some(category) = &item.category {
                *tally.by_category.entry(category.as_str()).or_insert(0.0) += hours;
            }
        }
        tally
    }

    fn category(&self, category: &str) -> f64 {
        self.by_category.get(category).copied().unwrap_or(0.0)
    }

    /// Whether the tally meets `rule`. A category that needs hours needs
    /// items of its own, so when more categories need hours than the tally
    /// has, it falls short without looking at each: the cost follows the
    /// number of items, not of categories.
    fn meets(&self, needs: &Needs) -> bool {
        self.total >= needs.total
            && needs.categories.len() <= self.by_category.len()
            && needs
                .categories
                .iter()
                .all(|(category, hours)| self.category(category) >= *hours)
    }

    /// Hours done and needed, total first, then by category.
    fn progress(&self, rule: &HoursRule) -> Vec<HoursProgress> {
        std::iter::once(HoursProgress {
            category: None,
            needed: rule.total,
            done: self.total,
        })
        .chain(rule.by_category.iter().map(|c| HoursProgress {
            category: Some(c.category.clone()),
            needed: c.hours,
            done: self.category(&c.category),
        }))
        .collect()
    }
}

/// The standing against the renewal rules, walking the periods from
/// `certified_on`. A period whose hours are met needs at least one item in
/// it (unless the rule needs no hours at all, when every period is met and
/// the walk jumps to the period holding `as_of`), so the walk visits at most
/// one period more than there are items.
fn renewal_status(
    rules: &Renewal,
    certified_on: NaiveDate,
    evidence: &[Evidence],
    as_of: NaiveDate,
) -> Option<RenewalStatus> {
    let mut start = certified_on;
    if let Some(initial) = &rules.initial {
        let end = initial.length.after(start)?;
        let log = HoursLog::new(&initial.hours, evidence);
        let tally = Tally::of(log.within(start, end));
        let met = tally.meets(&Needs::of(&initial.hours));
        if as_of < end || !met {
            return Some(RenewalStatus {
                phase: RenewalPhase::Initial,
                starts: start,
                ends: end,
                lapsed_on: (as_of >= end && !met).then_some(end),
                hours: tally.progress(&initial.hours),
                rule_id: initial.id.clone(),
            });
        }
        start = end;
    }
    let rule = &rules.continuing_education;
    let log = HoursLog::new(rule, evidence);
    let needs = Needs::of(rule);
    let mut number = 1u32;
    if needs.total <= 0.0 && needs.categories.is_empty() {
        let passed = rules.period.times_before(start, as_of.succ_opt()?)?;
        start = rules.period.after_times(start, passed)?;
        number = number.checked_add(passed)?;
    }
    loop {
        let end = rules.period.after(start)?;
        let tally = Tally::of(log.within(start, end));
        let met = tally.meets(&needs);
        if as_of < end || !met {
            return Some(RenewalStatus {
                phase: RenewalPhase::Period(number),
                starts: start,
                ends: end,
                lapsed_on: (as_of >= end && !met).then_some(end),
                hours: tally.progress(rule),
                rule_id: rules.id.clone(),
            });
        }
        start = end;
        number = number.checked_add(1)?;
    }
}

/// What a period must hold: the total, and each category that needs hours
/// (once, with the most hours any entry of the rule asks of it).
struct Needs<'a> {
    total: f64,
    categories: Vec<(&'a str, f64)>,
}

impl<'a> Needs<'a> {
    fn of(rule: &'a HoursRule) -> Self {
        let mut most: HashMap<&str, f64> = HashMap::new();
        for c in rule.by_category.iter().filter(|c| c.hours > 0.0) {
            let entry = most.entry(c.category.as_str()).or_insert(0.0);
            *entry = entry.max(c.hours);
        }
        Needs {
            total: rule.total,
            categories: most.into_iter().collect(),
        }
    }
}

/// Hours as text: at most two decimals, no trailing zeros, never `-0`.
pub(crate) fn format_hours(hours: f64) -> String {
    let rounded = (hours * 100.0).round() / 100.0 + 0.0;
    let text = format!("{rounded:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn renewal_finding(rules: &Renewal, standing: &RenewalStatus) -> Finding {
    let (citation, message) = match (&rules.initial, standing.phase) {
        (Some(initial), RenewalPhase::Initial) => (&initial.citation, &initial.message),
        _ => (&rules.citation, &rules.message),
    };
    let progress = |lang_sv: bool| -> String {
        standing
            .hours
            .iter()
            .map(|h| {
                let what = match (&h.category, lang_sv) {
                    (None, true) => "totalt".to_owned(),
                    (None, false) => "total".to_owned(),
                    (Some(c), _) => c.clone(),
                };
                format!(
                    "{what} {}/{} h",
                    format_hours(h.done),
                    format_hours(h.needed)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut text = message.clone();
    match standing.lapsed_on {
        Some(day) => {
            text.sv.push_str(&format!(
                " Timmarna nåddes inte före {day}: ställningen upphörde då ({}).",
                progress(true)
            ));
            text.en.push_str(&format!(
                " The hours were not reached before {day}: the standing lapsed then ({}).",
                progress(false)
            ));
        }
        None => {
            text.sv.push_str(&format!(
                " Nuvarande period {}–{}: {}.",
                standing.starts,
                standing.ends,
                progress(true)
            ));
            text.en.push_str(&format!(
                " Current period {} to {}: {}.",
                standing.starts,
                standing.ends,
                progress(false)
            ));
        }
    }
    Finding {
        rule_id: standing.rule_id.clone(),
        citation: citation.clone(),
        text,
    }
}

/// Checks a document's certification section: ids, evidence kinds, texts,
/// citations, counts, spans and hours within the limits; statuses that name
/// every standing the policy can reach (but `lapsed`), once; attendance
/// parameters that are counts. For a unit, that it requires evidence its model says should
/// not be required only through one of `deviations`, and nothing it says so
/// itself.
pub(crate) fn validate(
    document: &str,
    evidence_kinds: &[EvidenceKind],
    model: Option<&CertificationRules>,
    rules: &CertificationRules,
    deviations: &mut Deviations<'_>,
    taken_ids: &mut HashSet<String>,
) -> Result<(), PolicyError> {
    use crate::validate::{check_citation, check_id_unique, check_kind, check_rule, check_text};
    let kinds: HashSet<&str> = evidence_kinds.iter().map(|k| k.id.as_str()).collect();
    let shape = |path: String, problem| PolicyError::Shape {
        document: document.to_owned(),
        path,
        problem,
    };
    let base = "certification";
    for (i, n) in rules.should_not_require.iter().enumerate() {
        let path = format!("{base}.should_not_require[{i}]");
        check_rule(document, &path, &n.id, &n.citation, &n.message, taken_ids)?;
        check_kind(document, &format!("{path}.evidence"), &n.evidence, &kinds)?;
    }
    let model_should_not: HashMap<&str, &str> = model
        .iter()
        .flat_map(|m| m.should_not_require.iter())
        .map(|n| (n.evidence.as_str(), n.id.as_str()))
        .collect();
    let own_should_not: HashSet<&str> = rules
        .should_not_require
        .iter()
        .map(|n| n.evidence.as_str())
        .collect();
    for (i, r) in rules.requirements.iter().enumerate() {
        let path = format!("{base}.requirements[{i}]");
        check_rule(document, &path, &r.id, &r.citation, &r.message, taken_ids)?;
        check_kind(document, &format!("{path}.evidence"), &r.evidence, &kinds)?;
        if r.count == Some(0) {
            return Err(shape(format!("{path}.count"), ShapeProblem::ZeroCount));
        }
        for (j, kind) in r.also_met_by.iter().enumerate() {
            check_kind(document, &format!("{path}.also_met_by[{j}]"), kind, &kinds)?;
        }
        if let Some(attendance) = &r.attendance {
            let at = format!("{path}.attendance");
            check_kind(
                document,
                &format!("{at}.evidence"),
                &attendance.evidence,
                &kinds,
            )?;
            if !parameter::ATTENDANCE_COUNTS
                .iter()
                .any(|d| d.id == attendance.parameter)
            {
                return Err(shape(
                    format!("{at}.parameter"),
                    ShapeProblem::NotAnAttendanceCount,
                ));
            }
        }
        if r.strength != Strength::Required {
            continue;
        }
        if let Some(model_rule) = model_should_not.get(r.evidence.as_str()) {
            if !deviations.has(model_rule) {
                return Err(PolicyError::DepartsWithoutDeviation {
                    document: document.to_owned(),
                    path: format!("{path}.evidence"),
                    model_rule: (*model_rule).to_owned(),
                });
            }
            deviations.mark_used(model_rule);
        }
        if own_should_not.contains(r.evidence.as_str()) {
            return Err(shape(
                format!("{path}.evidence"),
                ShapeProblem::RequiresOwnShouldNot,
            ));
        }
    }
    // Statuses: each names standings, once across the model's and the
    // unit's; together they name every standing the policy can reach but
    // `lapsed`, and `met` where nothing is required (which the library
    // names if the policy does not).
    let mut named: HashSet<Standing> = model
        .iter()
        .flat_map(|m| m.statuses.iter())
        .flat_map(|s| s.standings.iter().copied())
        .collect();
    for (i, status) in rules.statuses.iter().enumerate() {
        let path = format!("{base}.statuses[{i}]");
        check_id_unique(document, &format!("{path}.id"), &status.id, taken_ids)?;
        check_text(document, &format!("{path}.label"), &status.label)?;
        check_citation(document, &format!("{path}.citation"), &status.citation)?;
        if status.standings.is_empty() {
            return Err(PolicyError::Missing {
                document: document.to_owned(),
                path: format!("{path}.standings"),
            });
        }
        for (j, standing) in status.standings.iter().enumerate() {
            if status.category != standing.category() {
                return Err(shape(
                    format!("{path}.category"),
                    ShapeProblem::CategoryOfStanding,
                ));
            }
            if !named.insert(*standing) {
                return Err(shape(
                    format!("{path}.standings[{j}]"),
                    ShapeProblem::DuplicateStatus,
                ));
            }
        }
    }
    let all = || model.into_iter().chain(std::iter::once(rules));
    let required = |stage| {
        all().any(|r| {
            r.requirements
                .iter()
                .any(|q| q.strength == Strength::Required && q.stage == stage)
        })
    };
    let mut reachable = Vec::new();
    if required(Stage::Eligibility) || required(Stage::Training) {
        reachable.push(Standing::Met);
    }
    if required(Stage::Eligibility) {
        reachable.push(Standing::NotEligible);
    }
    if required(Stage::Training) {
        reachable.extend([Standing::NotStarted, Standing::InTraining]);
    }
    if reachable.iter().any(|s| !named.contains(s)) {
        return Err(shape(
            format!("{base}.statuses"),
            ShapeProblem::StandingWithoutStatus,
        ));
    }
    if let Some(renewal) = &rules.renewal {
        let path = format!("{base}.renewal");
        // Renewal runs from the day every required item is met: without
        // one, it would never begin.
        if !required(Stage::Eligibility) && !required(Stage::Training) {
            return Err(shape(path, ShapeProblem::RenewalWithoutRequirement));
        }
        check_rule(
            document,
            &path,
            &renewal.id,
            &renewal.citation,
            &renewal.message,
            taken_ids,
        )?;
        check_period(document, &format!("{path}.period"), renewal.period, true)?;
        check_hours_rule(
            document,
            &format!("{path}.continuing_education"),
            &renewal.continuing_education,
            &kinds,
        )?;
        if let Some(initial) = &renewal.initial {
            let path = format!("{path}.initial");
            check_rule(
                document,
                &path,
                &initial.id,
                &initial.citation,
                &initial.message,
                taken_ids,
            )?;
            check_period(document, &format!("{path}.length"), initial.length, false)?;
            check_hours_rule(document, &format!("{path}.hours"), &initial.hours, &kinds)?;
        }
        if model.is_some_and(|m| m.renewal.is_some()) {
            return Err(shape(path, ShapeProblem::RenewalInModel));
        }
    }
    Ok(())
}

/// A renewal period or initial phase: present, within the limits, and, for a
/// period (which repeats), whole months or whole days.
fn check_period(document: &str, path: &str, span: Span, repeats: bool) -> Result<(), PolicyError> {
    if span.is_zero() {
        return Err(PolicyError::Missing {
            document: document.to_owned(),
            path: path.to_owned(),
        });
    }
    crate::validate::check_span(document, path, span, repeats)
}

fn check_hours_rule(
    document: &str,
    path: &str,
    rule: &HoursRule,
    kinds: &HashSet<&str>,
) -> Result<(), PolicyError> {
    use crate::validate::check_hours;
    crate::validate::check_kind(document, &format!("{path}.evidence"), &rule.evidence, kinds)?;
    check_hours(document, &format!("{path}.total"), rule.total)?;
    let mut sum = 0.0;
    for (i, c) in rule.by_category.iter().enumerate() {
        check_hours(document, &format!("{path}.by_category[{i}].hours"), c.hours)?;
        sum += c.hours;
    }
    if sum > rule.total {
        return Err(PolicyError::Shape {
            document: document.to_owned(),
            path: format!("{path}.by_category"),
            problem: ShapeProblem::CategoriesOverTotal,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::format_hours;

    #[test]
    fn hours_print_with_at_most_two_decimals_and_never_minus_zero() {
        assert_eq!(format_hours(-0.0), "0");
        assert_eq!(format_hours(-0.001), "0");
        assert_eq!(format_hours(0.0), "0");
        assert_eq!(format_hours(2.5), "2.5");
        assert_eq!(format_hours(12.345), "12.35");
        assert_eq!(format_hours(250.0), "250");
    }
}
