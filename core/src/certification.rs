//! Certification criteria: what a person still lacks to be a certified peer
//! supporter under a model, and, where a policy has renewal rules, whether the
//! certification is kept up.
//!
//! Requirements are policy data (`certification` in `core/policies/*.json`),
//! each cited. A requirement is met by dated evidence of one kind (an NSPH
//! training part completed on…, a mentor meeting attended on…):
//!
//! - an *eligibility* requirement that is not met makes the person *not
//!   eligible*; a *training* requirement not met leaves them *in training*;
//!   when every required item is met they are *certified*, from the date the
//!   last one was met;
//! - a *recommended* item that is not met is reported, never refused;
//! - a *merit* counts for the person but is never required;
//! - `never_required` names evidence that no policy may require (NSPH's
//!   handbook: formal education and work experience must not be requirements):
//!   a unit policy that tries is refused when it loads.
//!
//! The seeds give no expiry or renewal. A policy may add `renewal`: an
//! optional initial phase with hours to accumulate, then periods of a fixed
//! length, each needing continuing-education hours in total and by category.
//! The first full period starts when the initial phase ends; a period that
//! ends short of its hours leaves the certification *lapsed*.
//!
//! Evidence dated after the "as of" date is an error, never counted.

use crate::citation::{Citation, Finding};
use crate::dates::Span;
use crate::error::{InputError, InputProblem, PolicyError, ShapeProblem};
use crate::json::IdMap;
use crate::language::{Lang, Text};
use crate::limits;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A kind of evidence, declared in the catalogue (or by a unit's policy).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceKind {
    /// Stable id, e.g. `nsph_module_working_tools`.
    pub id: String,
    /// What it is, in Swedish and English.
    pub label: Text,
}

/// Which part of the path to certification a requirement belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Before training: who may become a peer supporter.
    Eligibility,
    /// The training itself.
    Training,
}

/// How strongly a requirement binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// Needed for certification.
    Required,
    /// Recommended: reported when unmet, never refused.
    Recommended,
    /// A merit: noted when present, never required.
    Merit,
}

/// One certification requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// How many of `count` may be missing. The seeds give no such number: it
    /// is a policy parameter, 0 unless the policy sets it.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub may_miss: u32,
    /// Topics that the evidence, taken together, must cover.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// The passage the requirement is based on.
    pub citation: Citation,
    /// The requirement explained, in Swedish and English.
    pub message: Text,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Evidence that no policy may require.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeverRequired {
    /// Stable id.
    pub id: String,
    /// The evidence kind that must never be required.
    pub evidence: String,
    /// The passage the rule is based on.
    pub citation: Citation,
    /// The rule explained.
    pub message: Text,
}

/// Hours of one evidence kind needed within a time window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryHours {
    /// The category.
    pub category: String,
    /// Hours needed in it.
    pub hours: f64,
}

/// An initial phase after certification, with hours to accumulate in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificationRules {
    /// Requirements (a unit's are added to the model's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<Requirement>,
    /// Evidence no policy may require.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub never_required: Vec<NeverRequired>,
    /// Renewal rules, if the regime has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal: Option<Renewal>,
    /// Unit policies only: `may_miss` for the model's counted requirements,
    /// by requirement id.
    #[serde(default, skip_serializing_if = "IdMap::is_empty")]
    pub may_miss: IdMap<u32>,
}

impl CertificationRules {
    /// Whether the section adds nothing.
    pub fn is_empty(&self) -> bool {
        self.requirements.is_empty()
            && self.never_required.is_empty()
            && self.renewal.is_none()
            && self.may_miss.is_empty()
    }
}

/// One piece of dated evidence about a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// The evidence kind.
    pub kind: String,
    /// When it was obtained (completed, attended, employed from…).
    #[serde(deserialize_with = "crate::dates::strict")]
    pub date: NaiveDate,
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

/// Where a person stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificationStatus {
    /// An eligibility requirement is not met.
    NotEligible,
    /// Eligible, but a training requirement is not met.
    InTraining,
    /// Every required item is met (and any renewal rule kept).
    Certified,
    /// Certified once, but a renewal rule was not kept.
    Lapsed,
}

impl CertificationStatus {
    /// Stable snake_case id, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            CertificationStatus::NotEligible => "not_eligible",
            CertificationStatus::InTraining => "in_training",
            CertificationStatus::Certified => "certified",
            CertificationStatus::Lapsed => "lapsed",
        }
    }

    /// The status in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        use Lang::{En, Sv};
        match (self, lang) {
            (CertificationStatus::NotEligible, Sv) => "uppfyller inte förutsättningarna",
            (CertificationStatus::NotEligible, En) => "not eligible",
            (CertificationStatus::InTraining, Sv) => "under utbildning",
            (CertificationStatus::InTraining, En) => "in training",
            (CertificationStatus::Certified, Sv) => "certifierad",
            (CertificationStatus::Certified, En) => "certified",
            (CertificationStatus::Lapsed, Sv) => "certifieringen har upphört",
            (CertificationStatus::Lapsed, En) => "certification lapsed",
        }
    }
}

/// Progress towards hours needed.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RenewalPhase {
    /// The initial phase.
    Initial,
    /// The n-th full period (from 1).
    Period(u32),
}

/// Where a certified person stands against the renewal rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CertificationReport<T = Text> {
    /// Where the person stands.
    pub status: CertificationStatus,
    /// When every required item was met, if it was.
    pub certified_on: Option<NaiveDate>,
    /// Required items not met.
    pub missing: Vec<Finding<T>>,
    /// Recommended items not met.
    pub unmet_recommendations: Vec<Finding<T>>,
    /// Other findings: merits present, renewal progress and lapses.
    pub findings: Vec<Finding<T>>,
    /// Renewal standing, where the policy has renewal rules and the person is
    /// certified.
    pub renewal: Option<RenewalStatus>,
}

impl CertificationReport {
    /// The report with its texts in `lang`.
    pub fn in_lang(&self, lang: Lang) -> CertificationReport<String> {
        let each = |list: &[Finding]| list.iter().map(|f| f.in_lang(lang)).collect();
        CertificationReport {
            status: self.status,
            certified_on: self.certified_on,
            missing: each(&self.missing),
            unmet_recommendations: each(&self.unmet_recommendations),
            findings: each(&self.findings),
            renewal: self.renewal.clone(),
        }
    }
}

/// The certification rules of a policy, merged (model then unit) and ready to
/// evaluate.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Certification {
    requirements: Vec<Requirement>,
    renewal: Option<Renewal>,
    evidence_kinds: HashSet<String>,
}

impl Certification {
    /// Merges the model's and the unit's rules, the unit's `may_miss` applied.
    pub(crate) fn new(
        model: &CertificationRules,
        unit: &CertificationRules,
        evidence_kinds: &[EvidenceKind],
    ) -> Self {
        let may_miss: HashMap<&str, u32> = unit.may_miss.iter().map(|(k, v)| (k, *v)).collect();
        let requirements = model
            .requirements
            .iter()
            .chain(&unit.requirements)
            .map(|r| {
                let mut r = r.clone();
                if let Some(&n) = may_miss.get(r.id.as_str()) {
                    r.may_miss = n;
                }
                r
            })
            .collect();
        Certification {
            requirements,
            renewal: unit.renewal.clone().or_else(|| model.renewal.clone()),
            evidence_kinds: evidence_kinds.iter().map(|k| k.id.clone()).collect(),
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
        let mut eligible = true;
        let mut trained = true;
        let mut certified_on: Option<NaiveDate> = None;
        for requirement in &self.requirements {
            let check = check_requirement(requirement, &index);
            match (requirement.strength, check.met_on) {
                (Strength::Required, Some(date)) => {
                    certified_on = Some(certified_on.map_or(date, |d| d.max(date)));
                }
                (Strength::Required, None) => {
                    match requirement.stage {
                        Stage::Eligibility => eligible = false,
                        Stage::Training => trained = false,
                    }
                    missing.push(finding(requirement, check.shortfall));
                }
                (Strength::Recommended, None) => {
                    unmet_recommendations.push(finding(requirement, check.shortfall));
                }
                (Strength::Merit, Some(_)) => findings.push(finding(requirement, None)),
                (Strength::Recommended, Some(_)) | (Strength::Merit, None) => {}
            }
        }
        let mut status = if !eligible {
            CertificationStatus::NotEligible
        } else if !trained {
            CertificationStatus::InTraining
        } else {
            CertificationStatus::Certified
        };
        if status != CertificationStatus::Certified {
            certified_on = None;
        }
        let mut renewal = None;
        if let (Some(rules), Some(since)) = (&self.renewal, certified_on) {
            let standing = renewal_status(rules, since, evidence, as_of).ok_or_else(|| {
                InputError::new(
                    "policy.certification.renewal",
                    InputProblem::ComputedDateOutOfRange,
                )
            })?;
            if standing.lapsed_on.is_some() {
                status = CertificationStatus::Lapsed;
            }
            findings.push(renewal_finding(rules, &standing));
            renewal = Some(standing);
        }
        Ok(CertificationReport {
            status,
            certified_on,
            missing,
            unmet_recommendations,
            findings,
            renewal,
        })
    }

    fn hours_kinds(&self) -> impl Iterator<Item = &str> {
        self.renewal.iter().flat_map(|r| {
            r.initial
                .iter()
                .map(|i| i.hours.evidence.as_str())
                .chain(std::iter::once(r.continuing_education.evidence.as_str()))
        })
    }

    fn check_evidence(&self, evidence: &[Evidence], as_of: NaiveDate) -> Result<(), InputError> {
        if !limits::in_calendar(as_of) {
            return Err(InputError::new("as_of", InputProblem::DateOutOfRange));
        }
        let hours_kinds: Vec<&str> = self.hours_kinds().collect();
        for (i, item) in evidence.iter().enumerate() {
            let at = |field: &str| format!("evidence[{i}].{field}");
            if !self.evidence_kinds.contains(&item.kind) {
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
            match item.hours {
                Some(h) if !limits::hours_ok(h) => {
                    return Err(InputError::new(at("hours"), InputProblem::InvalidHours));
                }
                None if hours_kinds.contains(&item.kind.as_str()) => {
                    return Err(InputError::new(at("hours"), InputProblem::MissingHours));
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// A person's evidence by kind, built once per evaluation so that each
/// requirement is checked without scanning all the evidence again.
struct EvidenceIndex<'a> {
    kinds: HashMap<&'a str, KindEvidence<'a>>,
}

#[derive(Default)]
struct KindEvidence<'a> {
    /// The dates of the evidence of this kind, earliest first.
    dates: Vec<NaiveDate>,
    /// The first date each topic was covered.
    topics: HashMap<&'a str, NaiveDate>,
}

impl<'a> EvidenceIndex<'a> {
    fn new(evidence: &'a [Evidence]) -> Self {
        let mut kinds: HashMap<&str, KindEvidence> = HashMap::new();
        for item in evidence {
            let kind = kinds.entry(item.kind.as_str()).or_default();
            kind.dates.push(item.date);
            for topic in &item.topics {
                let first = kind.topics.entry(topic.as_str()).or_insert(item.date);
                *first = (*first).min(item.date);
            }
        }
        for kind in kinds.values_mut() {
            kind.dates.sort_unstable();
        }
        EvidenceIndex { kinds }
    }
}

struct RequirementCheck {
    /// The date the requirement was met, if it was.
    met_on: Option<NaiveDate>,
    /// What is short, when it was not: (have, need, topics not covered).
    shortfall: Option<(u32, u32, Vec<String>)>,
}

fn check_requirement(requirement: &Requirement, index: &EvidenceIndex) -> RequirementCheck {
    let empty = KindEvidence::default();
    let kind = index
        .kinds
        .get(requirement.evidence.as_str())
        .unwrap_or(&empty);
    let count = requirement.count.unwrap_or(1);
    let need = count.saturating_sub(requirement.may_miss).max(1);
    let have = u32::try_from(kind.dates.len()).unwrap_or(u32::MAX);
    let count_met_on = kind.dates.get(need as usize - 1).copied();
    // A topic is covered on the first date evidence names it.
    let mut uncovered = Vec::new();
    let mut topics_met_on: Option<NaiveDate> = None;
    for topic in &requirement.topics {
        match kind.topics.get(topic.as_str()) {
            Some(&date) => topics_met_on = Some(topics_met_on.map_or(date, |d| d.max(date))),
            None => uncovered.push(topic.clone()),
        }
    }
    match count_met_on {
        Some(date) if uncovered.is_empty() => RequirementCheck {
            met_on: Some(topics_met_on.map_or(date, |d| d.max(date))),
            shortfall: None,
        },
        _ => RequirementCheck {
            met_on: None,
            shortfall: (requirement.count.is_some() || !requirement.topics.is_empty())
                .then_some((have, need, uncovered)),
        },
    }
}

fn finding(requirement: &Requirement, shortfall: Option<(u32, u32, Vec<String>)>) -> Finding {
    let mut text = requirement.message.clone();
    if let Some((have, need, uncovered)) = shortfall {
        let count = requirement.count.unwrap_or(1);
        text.sv
            .push_str(&format!(" Underlag: {have} av de {need} som behövs"));
        text.en
            .push_str(&format!(" Evidence: {have} of the {need} needed"));
        if requirement.may_miss > 0 {
            text.sv.push_str(&format!(
                " ({count} enligt modellen; policyn tillåter att {} saknas – ett värde från policyn, inte från modellen)",
                requirement.may_miss
            ));
            text.en.push_str(&format!(
                " ({count} in the model; the policy allows {} to be missed – a value from the policy, not from the model)",
                requirement.may_miss
            ));
        }
        text.sv.push('.');
        text.en.push('.');
        if !uncovered.is_empty() {
            text.sv
                .push_str(&format!(" Ämnen som saknas: {}.", uncovered.join(", ")));
            text.en
                .push_str(&format!(" Topics not covered: {}.", uncovered.join(", ")));
        }
    }
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
            .filter(|e| e.kind == rule.evidence)
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
                " Timmarna nåddes inte före {day}: certifieringen upphörde då ({}).",
                progress(true)
            ));
            text.en.push_str(&format!(
                " The hours were not reached before {day}: the certification lapsed then ({}).",
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
/// citations, counts, spans and hours within the limits; for a unit, that it
/// requires nothing the model (or the unit itself) says must never be
/// required and that `may_miss` names counted model requirements.
pub(crate) fn validate(
    document: &str,
    evidence_kinds: &[EvidenceKind],
    model: Option<&CertificationRules>,
    rules: &CertificationRules,
    taken_ids: &mut HashSet<String>,
) -> Result<(), PolicyError> {
    use crate::validate::{check_kind, check_rule};
    let kinds: HashSet<&str> = evidence_kinds.iter().map(|k| k.id.as_str()).collect();
    let shape = |path: String, problem| PolicyError::Shape {
        document: document.to_owned(),
        path,
        problem,
    };
    let base = "certification";
    for (i, n) in rules.never_required.iter().enumerate() {
        let path = format!("{base}.never_required[{i}]");
        check_rule(document, &path, &n.id, &n.citation, &n.message, taken_ids)?;
        check_kind(document, &format!("{path}.evidence"), &n.evidence, &kinds)?;
    }
    let model_never: HashMap<&str, &str> = model
        .iter()
        .flat_map(|m| m.never_required.iter())
        .map(|n| (n.evidence.as_str(), n.id.as_str()))
        .collect();
    let own_never: HashSet<&str> = rules
        .never_required
        .iter()
        .map(|n| n.evidence.as_str())
        .collect();
    for (i, r) in rules.requirements.iter().enumerate() {
        let path = format!("{base}.requirements[{i}]");
        check_rule(document, &path, &r.id, &r.citation, &r.message, taken_ids)?;
        check_kind(document, &format!("{path}.evidence"), &r.evidence, &kinds)?;
        if r.count == Some(0) || r.may_miss >= r.count.unwrap_or(1) {
            return Err(shape(
                format!("{path}.may_miss"),
                ShapeProblem::CountOrMayMiss,
            ));
        }
        if r.strength != Strength::Required {
            continue;
        }
        if let Some(model_rule) = model_never.get(r.evidence.as_str()) {
            return Err(PolicyError::Loosens {
                document: document.to_owned(),
                path: format!("{path}.evidence"),
                model_rule: (*model_rule).to_owned(),
            });
        }
        if own_never.contains(r.evidence.as_str()) {
            return Err(shape(
                format!("{path}.evidence"),
                ShapeProblem::RequiresNeverRequired,
            ));
        }
    }
    if let Some(renewal) = &rules.renewal {
        let path = format!("{base}.renewal");
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
    let counted: HashMap<&str, u32> = model
        .iter()
        .flat_map(|m| m.requirements.iter())
        .filter_map(|r| r.count.map(|c| (r.id.as_str(), c)))
        .collect();
    for (i, (id, may_miss)) in rules.may_miss.iter().enumerate() {
        if counted.get(id).is_none_or(|&count| *may_miss >= count) {
            return Err(shape(
                format!("{base}.may_miss[{i}]"),
                ShapeProblem::MayMissTarget,
            ));
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
