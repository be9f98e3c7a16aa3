//! The unit audit: every rule family over one unit's records, as one report
//! in Swedish or English, as text or JSON.
//!
//! The input and output formats are documented in `examples/data/README.md`;
//! both are versioned ([`INPUT_VERSION`], [`REPORT_VERSION`]). Peer supporters
//! and patients appear only by the opaque ids the input gives. Bad input gives
//! one [`AuditError`] naming the JSON path, and no report.

use crate::boundaries::{Condition, Outcome};
use crate::certification::{CertificationReport, Evidence, Standing};
use crate::citation::{Citation, Finding};
use crate::engine::Engine;
use crate::error::{InputError, InputProblem, PolicyError};
use crate::json::{custom, IdMap};
use crate::language::{count, esc, Lang, Text};
use crate::limits;
use crate::parameter::ParameterChange;
use crate::parameter::{PRACTICAL_TASK_SHARE, SHARE_MIN_ACTIVITIES};
use crate::participation::{check_promise, PromiseOutcome, Rung, PROMISE_RULE_ID};
use crate::policy::{self, ModelId, Policy, UnitPolicy};
use crate::policy_report::DeviationInLang;
use crate::readiness::{Fact, ReadinessReport};
use crate::supervision::{KindStatus, Session, SupervisionLog};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// The version of the unit record format this library reads.
pub const INPUT_VERSION: u32 = 3;
/// The version of the report's JSON shape this library writes.
pub const REPORT_VERSION: u32 = 3;

/// How errors name the unit record.
const RECORD: &str = "unit record";

/// One unit's records: the audit's input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitRecord {
    /// Always [`INPUT_VERSION`].
    pub schema_version: u32,
    /// The unit's opaque id.
    pub unit_id: String,
    /// The model the unit works by.
    pub model: ModelId,
    /// The unit's own policy, extending `model`, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<UnitPolicy>,
    /// The day the audit is made for.
    #[serde(deserialize_with = "crate::dates::strict")]
    pub as_of: NaiveDate,
    /// The unit's peer supporters.
    #[serde(default)]
    pub supporters: Vec<SupporterRecord>,
    /// What the peer supporters did.
    #[serde(default)]
    pub activities: Vec<Activity>,
    /// Readiness facts, by item id, in the record's order.
    #[serde(default)]
    pub readiness: IdMap<Fact>,
}

/// One peer supporter's records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupporterRecord {
    /// Opaque id.
    pub id: String,
    /// Form of employment.
    pub employment: Employment,
    /// The day the peer supporter started in the role, if they have one: a
    /// day after the "as of" date means not yet started. Supervision
    /// cadences run from it.
    #[serde(
        default,
        deserialize_with = "crate::dates::strict_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub start: Option<NaiveDate>,
    /// Dated evidence towards certification.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// The supervision sessions, if a log is kept (it needs `start`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervision: Option<SupervisionRecord>,
}

/// A peer supporter's supervision log in the unit record: the sessions; the
/// cadences run from the supporter's `start`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupervisionRecord {
    /// The sessions, in any order.
    pub sessions: Vec<Session>,
}

/// A form of employment: `{"form": "employed", "since": date}` or
/// `{"form": "volunteer"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "form", rename_all = "snake_case")]
pub enum Employment {
    /// Employed from a date (which may be after the audit date: recruited,
    /// not yet started). Counts as `employment` evidence from that date, or
    /// from the audit date when the employment starts later: the form of
    /// employment is what the recommendation is about.
    Employed {
        /// First day of employment.
        since: NaiveDate,
    },
    /// A volunteer.
    Volunteer,
}

impl<'de> Deserialize<'de> for Employment {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "snake_case")]
        enum Form {
            Employed,
            Volunteer,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Fields {
            form: Form,
            #[serde(default, deserialize_with = "crate::dates::strict_opt")]
            since: Option<NaiveDate>,
        }
        let fields = Fields::deserialize(deserializer)?;
        match (fields.form, fields.since) {
            (Form::Employed, Some(since)) => Ok(Employment::Employed { since }),
            (Form::Employed, None) => Err(serde::de::Error::custom(custom::SINCE_REQUIRED)),
            (Form::Volunteer, None) => Ok(Employment::Volunteer),
            (Form::Volunteer, Some(_)) => Err(serde::de::Error::custom(custom::SINCE_NOT_TAKEN)),
        }
    }
}

impl SupporterRecord {
    /// Whether the peer supporter has started by `day`.
    fn started_by(&self, day: NaiveDate) -> bool {
        self.start.is_some_and(|start| start <= day)
    }
}

/// One activity of a peer supporter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// The day.
    #[serde(deserialize_with = "crate::dates::strict")]
    pub date: NaiveDate,
    /// The peer supporter's id.
    pub supporter: String,
    /// The action's id in the catalogue.
    pub action: String,
    /// The patient's opaque id, if one was involved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient: Option<String>,
    /// The rung of participation promised, if stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promised: Option<Rung>,
    /// The rung of participation delivered, where participation applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered: Option<Rung>,
}

/// The audit could not be made. Nothing was reported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuditError {
    /// The unit record is not well-formed JSON of the record's shape.
    #[error("{0}")]
    Document(PolicyError),
    /// The unit's own policy (the record's `policy`) does not load; the
    /// error's paths start at `policy`.
    #[error("{0}")]
    Policy(PolicyError),
    /// A value of the record is not acceptable.
    #[error("unit record: {0}")]
    Input(InputError),
}

impl AuditError {
    /// The JSON path of the offending element within the unit record.
    pub fn path(&self) -> Option<String> {
        match self {
            AuditError::Document(e) | AuditError::Policy(e) => e.path().map(str::to_owned),
            AuditError::Input(e) => Some(e.path.clone()),
        }
    }
}

/// An activity outside plain "allowed".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ActivityFinding {
    /// Its position in the input's `activities`, from 0 (the text report
    /// numbers activities from 1).
    pub activity: usize,
    /// Its day.
    pub date: NaiveDate,
    /// The peer supporter's id.
    pub supporter: String,
    /// The patient's id, if given.
    pub patient: Option<String>,
    /// The action's id.
    pub action: String,
    /// The action's label.
    pub label: String,
    /// The decision.
    pub outcome: Outcome,
    /// The conditions that apply.
    pub conditions: Vec<Condition<String>>,
    /// The deciding rules.
    pub rules: Vec<Finding<String>>,
    /// For an action retired from the catalogue, where its concern lives
    /// now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retired_note: Option<String>,
}

/// Role boundaries over the activity log.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct BoundarySection {
    /// Activities checked.
    pub checked: usize,
    /// Of those, plainly allowed.
    pub allowed: usize,
    /// The others: forbidden, should not, conditional, not addressed,
    /// retired.
    pub findings: Vec<ActivityFinding>,
    /// Every deviation of the unit's policy from the model, with the number
    /// of logged activities decided under it.
    pub deviations: Vec<DeviationUse>,
    /// The parameters of the model's share limits, as in force: the share,
    /// and the fewest activities it is judged over.
    pub share_parameters: Vec<ParameterChange>,
    /// Peer supporters whose logged activities are a share limit's tasks in
    /// a larger share than the policy allows: other duties may be crowding
    /// out the role. Empty when the model has no share limit.
    pub share_findings: Vec<ShareFinding>,
}

/// A deviation of the unit's policy, and how many logged activities were
/// decided under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct DeviationUse {
    /// The deviation.
    #[serde(flatten)]
    pub deviation: DeviationInLang,
    /// Logged activities decided under it.
    pub activities: usize,
}

/// A peer supporter whose logged activities are a share limit's tasks in a
/// larger share than the policy allows.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ShareFinding {
    /// The peer supporter's id.
    pub supporter: String,
    /// Their logged activities on the limit's tasks.
    pub counted: usize,
    /// Their logged activities on the catalogue's tasks (not retired ones).
    pub activities: usize,
    /// The rule it comes from.
    pub rule_id: String,
    /// Its source.
    pub citation: Citation,
    /// The explanation.
    pub text: String,
}

/// One peer supporter's certification.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SupporterCertification {
    /// The peer supporter's id.
    pub supporter: String,
    /// The form of employment, as given.
    pub employment: Employment,
    /// The evaluation, its texts in the report's language.
    #[serde(flatten)]
    pub report: CertificationReport<String, ParameterChange>,
}

/// One peer supporter's supervision.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SupporterSupervision {
    /// The peer supporter's id.
    pub supporter: String,
    /// The peer supporter's start date, if the record gives one.
    pub start: Option<NaiveDate>,
    /// Whether a supervision log is kept.
    pub log_kept: bool,
    /// Each required kind, its texts in the report's language; empty when no
    /// log is kept.
    pub kinds: Vec<KindStatus<String>>,
    /// For a peer supporter who has started by the "as of" date and has no
    /// log: one finding per kind of supervision the policy requires.
    pub no_log: Vec<Finding<String>>,
}

/// A promise of participation not kept, or never stated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PromiseFinding {
    /// Its position in the input's `activities`.
    pub activity: usize,
    /// Its day.
    pub date: NaiveDate,
    /// The peer supporter's id.
    pub supporter: String,
    /// The rung promised, if stated.
    pub promised: Option<Rung>,
    /// The rung delivered.
    pub delivered: Rung,
    /// The comparison.
    pub outcome: PromiseOutcome,
    /// The rule.
    pub rule_id: String,
    /// Its source.
    pub citation: Citation,
    /// The explanation.
    pub text: String,
}

/// Promises of participation over the activity log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ParticipationSection {
    /// Activities with a delivered rung.
    pub checked: usize,
    /// Promises kept.
    pub kept: usize,
    /// Promises exceeded.
    pub exceeded: usize,
    /// Promises not kept.
    pub not_kept: usize,
    /// Activities with no promise stated.
    pub unstated: usize,
    /// The not kept and unstated ones.
    pub findings: Vec<PromiseFinding>,
}

/// The audit report. Its JSON shape is stable within [`REPORT_VERSION`].
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AuditReport {
    /// Always [`REPORT_VERSION`].
    pub report_version: u32,
    /// The language of the texts.
    pub language: Lang,
    /// The unit's id.
    pub unit_id: String,
    /// The model.
    pub model: ModelId,
    /// The model's name.
    pub model_name: String,
    /// The unit policy's id (the model's id when the unit has none).
    pub policy_id: String,
    /// The audit date.
    pub as_of: NaiveDate,
    /// Role boundaries.
    pub boundaries: BoundarySection,
    /// Certification, per peer supporter.
    pub certification: Vec<SupporterCertification>,
    /// Supervision, per peer supporter.
    pub supervision: Vec<SupporterSupervision>,
    /// Participation promises.
    pub participation: ParticipationSection,
    /// Implementation readiness, its texts in the report's language.
    pub readiness: ReadinessReport<String>,
}

/// Audits the unit record in `json`, with texts in `lang`.
pub fn run(json: &str, lang: Lang) -> Result<AuditReport, AuditError> {
    audit(&parse_record(json)?, lang)
}

/// Reads the unit record in `json`.
pub(crate) fn parse_record(json: &str) -> Result<UnitRecord, AuditError> {
    policy::parse_versioned(RECORD, json, INPUT_VERSION).map_err(AuditError::Document)
}

/// Audits a parsed unit record, with texts in `lang`.
pub fn audit(record: &UnitRecord, lang: Lang) -> Result<AuditReport, AuditError> {
    audit_under(&Engine::new(policy_of(record)?), record, lang)
}

/// The policy a unit record is audited under: its own, or its bare model.
pub(crate) fn policy_of(record: &UnitRecord) -> Result<Policy, AuditError> {
    match &record.policy {
        Some(unit) if unit.extends != record.model => Err(AuditError::Input(InputError::new(
            "policy.extends",
            InputProblem::ModelMismatch,
        ))),
        Some(unit) => Policy::from_unit(unit.clone())
            .map_err(|e| AuditError::Policy(e.nested_in(RECORD, "policy"))),
        None => Policy::builtin(record.model).map_err(AuditError::Policy),
    }
}

/// Audits `record` under `engine`, prepared from [`policy_of`] the record.
pub(crate) fn audit_under(
    engine: &Engine,
    record: &UnitRecord,
    lang: Lang,
) -> Result<AuditReport, AuditError> {
    let input = |path: String, problem| AuditError::Input(InputError::new(path, problem));
    if !limits::in_calendar(record.as_of) {
        return Err(input("as_of".to_owned(), InputProblem::DateOutOfRange));
    }

    let mut supporters = HashSet::new();
    for (i, supporter) in record.supporters.iter().enumerate() {
        if !supporters.insert(supporter.id.as_str()) {
            return Err(input(
                format!("supporters[{i}].id"),
                InputProblem::DuplicateId,
            ));
        }
    }
    let boundaries = boundary_section(engine, record, &supporters, lang)?;
    let participation = participation_section(record, lang)?;

    let mut certification = Vec::new();
    let mut supervision = Vec::new();
    for (i, supporter) in record.supporters.iter().enumerate() {
        let at = format!("supporters[{i}]");
        let mut evidence = supporter.evidence.clone();
        if let Employment::Employed { since } = supporter.employment {
            evidence.push(Evidence::present("employment", since.min(record.as_of)));
        }
        let report = engine
            .certification(&evidence, record.as_of)
            .map_err(|e| AuditError::Input(e.within(&at)))?;
        certification.push(SupporterCertification {
            supporter: supporter.id.clone(),
            employment: supporter.employment,
            report: report.in_lang(lang),
        });
        if let Some(start) = supporter.start {
            if !limits::in_calendar(start) {
                return Err(input(format!("{at}.start"), InputProblem::DateOutOfRange));
            }
        }
        let kinds = match (&supporter.supervision, supporter.start) {
            (None, _) => Vec::new(),
            (Some(_), None) => {
                return Err(input(format!("{at}.start"), InputProblem::StartRequired));
            }
            (Some(log), Some(start)) => {
                let log = SupervisionLog {
                    start,
                    sessions: log.sessions.clone(),
                };
                engine
                    // The evidence was checked with the certification above.
                    .supervision_of_checked_evidence(&log, &evidence, record.as_of)
                    .map_err(|e| {
                        // The log's start is the supporter's.
                        let e = if e.path == "start" {
                            e.within(&at)
                        } else {
                            e.within(&format!("{at}.supervision"))
                        };
                        AuditError::Input(e)
                    })?
                    .iter()
                    .map(|k| k.in_lang(lang))
                    .collect()
            }
        };
        let no_log = if supporter.started_by(record.as_of) && supporter.supervision.is_none() {
            engine
                .supervision_rules()
                .iter()
                .map(|rule| Finding {
                    rule_id: rule.id.clone(),
                    citation: rule.citation.clone(),
                    text: no_log_text(rule, &engine.supervision_kind_label(&rule.kind), lang),
                })
                .collect()
        } else {
            Vec::new()
        };
        supervision.push(SupporterSupervision {
            supporter: supporter.id.clone(),
            start: supporter.start,
            log_kept: supporter.supervision.is_some(),
            kinds,
            no_log,
        });
    }

    let started = record.supporters.iter().any(|s| s.started_by(record.as_of));
    let readiness = engine
        .readiness(&record.readiness, started)
        .map_err(|e| AuditError::Input(e.within("readiness")))?
        .in_lang(lang);

    Ok(AuditReport {
        report_version: REPORT_VERSION,
        language: lang,
        unit_id: record.unit_id.clone(),
        model: record.model,
        model_name: engine.policy().model_name().get(lang).to_owned(),
        policy_id: engine.policy().unit().id.clone(),
        as_of: record.as_of,
        boundaries,
        certification,
        supervision,
        participation,
        readiness,
    })
}

fn boundary_section(
    engine: &Engine,
    record: &UnitRecord,
    supporters: &HashSet<&str>,
    lang: Lang,
) -> Result<BoundarySection, AuditError> {
    let mut allowed = 0;
    let mut findings = Vec::new();
    let deviations = engine.policy().deviations();
    let mut under_deviation = vec![0usize; deviations.len()];
    let limits = &engine.policy().model_document().share_limits;
    let limit_actions: Vec<HashSet<&str>> = limits
        .iter()
        .map(|l| l.actions.iter().map(String::as_str).collect())
        .collect();
    // Per supporter: activities on catalogue tasks, and on each limit's.
    let mut tasks: HashMap<&str, (usize, Vec<usize>)> = HashMap::new();
    for (i, activity) in record.activities.iter().enumerate() {
        let at = |field: &str| format!("activities[{i}].{field}");
        let problem = |field: &str, problem| AuditError::Input(InputError::new(at(field), problem));
        if activity.date > record.as_of {
            return Err(problem("date", InputProblem::AfterAsOf));
        }
        if !supporters.contains(activity.supporter.as_str()) {
            return Err(problem("supporter", InputProblem::UnknownSupporter));
        }
        let decision = engine.decide(&activity.action);
        let Some(action) = decision.action() else {
            return Err(problem("action", InputProblem::UnknownAction));
        };
        if decision.outcome() != Outcome::Retired {
            let (all, counted) = tasks
                .entry(activity.supporter.as_str())
                .or_insert_with(|| (0, vec![0; limits.len()]));
            *all += 1;
            for (n, actions) in counted.iter_mut().zip(&limit_actions) {
                *n += usize::from(actions.contains(action.id.as_str()));
            }
        }
        for deviation in decision.deviations() {
            if let Some(n) = deviations
                .iter()
                .position(|d| d.model_rule == deviation.model_rule)
                .and_then(|k| under_deviation.get_mut(k))
            {
                *n += 1;
            }
        }
        if decision.outcome() == Outcome::Allowed {
            allowed += 1;
            continue;
        }
        findings.push(ActivityFinding {
            activity: i,
            date: activity.date,
            supporter: activity.supporter.clone(),
            patient: activity.patient.clone(),
            action: action.id.clone(),
            label: action.label.get(lang).to_owned(),
            outcome: decision.outcome(),
            conditions: decision.conditions().map(|c| c.in_lang(lang)).collect(),
            rules: decision
                .reasons()
                .iter()
                .map(|r| Finding {
                    rule_id: r.rule.id.clone(),
                    citation: r.rule.citation.clone(),
                    text: r.rule.message.get(lang).to_owned(),
                })
                .collect(),
            retired_note: decision.retired_note().map(|n| n.get(lang).to_owned()),
        });
    }
    let share = engine.policy().parameter(&PRACTICAL_TASK_SHARE);
    let min_activities = engine.policy().parameter(&SHARE_MIN_ACTIVITIES);
    // In the order the supporters are listed, then the limits.
    let mut share_findings = Vec::new();
    for supporter in &record.supporters {
        let Some((activities, counted)) = tasks.get(supporter.id.as_str()) else {
            continue;
        };
        for (limit, &n) in limits.iter().zip(counted) {
            if limit.exceeded(n, *activities, share.value, min_activities.value) {
                share_findings.push(ShareFinding {
                    supporter: supporter.id.clone(),
                    counted: n,
                    activities: *activities,
                    rule_id: limit.id.clone(),
                    citation: limit.citation.clone(),
                    text: limit.message.get(lang).to_owned(),
                });
            }
        }
    }
    let share_parameters = if limits.is_empty() {
        Vec::new()
    } else {
        vec![share.in_lang(lang), min_activities.in_lang(lang)]
    };
    Ok(BoundarySection {
        checked: record.activities.len(),
        allowed,
        findings,
        deviations: deviations
            .iter()
            .zip(under_deviation)
            .map(|(d, activities)| DeviationUse {
                deviation: DeviationInLang::new(d, lang),
                activities,
            })
            .collect(),
        share_parameters,
        share_findings,
    })
}

fn participation_section(
    record: &UnitRecord,
    lang: Lang,
) -> Result<ParticipationSection, AuditError> {
    let mut section = ParticipationSection {
        checked: 0,
        kept: 0,
        exceeded: 0,
        not_kept: 0,
        unstated: 0,
        findings: Vec::new(),
    };
    for (i, activity) in record.activities.iter().enumerate() {
        let Some(delivered) = activity.delivered else {
            if activity.promised.is_some() {
                return Err(AuditError::Input(InputError::new(
                    format!("activities[{i}].delivered"),
                    InputProblem::PromiseWithoutDelivery,
                )));
            }
            continue;
        };
        let check = check_promise(activity.promised, delivered);
        section.checked += 1;
        match check.outcome {
            PromiseOutcome::Kept => section.kept += 1,
            PromiseOutcome::Exceeded => section.exceeded += 1,
            PromiseOutcome::NotKept => section.not_kept += 1,
            PromiseOutcome::Unstated => section.unstated += 1,
        }
        if matches!(
            check.outcome,
            PromiseOutcome::NotKept | PromiseOutcome::Unstated
        ) {
            section.findings.push(PromiseFinding {
                activity: i,
                date: activity.date,
                supporter: activity.supporter.clone(),
                promised: check.promised,
                delivered,
                outcome: check.outcome,
                rule_id: PROMISE_RULE_ID.to_owned(),
                text: check.sentence(lang),
                citation: check.citation,
            });
        }
    }
    Ok(section)
}

impl AuditReport {
    /// The report as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Plain structs of strings, numbers, dates and enums always serialize.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The report as text for a reader, in the report's language. Control
    /// and bidirectional-formatting characters in any text are shown escaped
    /// (`\u{202e}`): the renderer cannot know where a text came from, and
    /// such characters could forge or hide a line on a terminal.
    pub fn to_text(&self) -> String {
        let lang = self.language;
        let t = |sv: &'static str, en: &'static str| Text::new(sv, en).get(lang).to_owned();
        let mut out = String::new();
        let w = &mut out;
        let _ = writeln!(
            w,
            "{} {} – {}",
            t("Granskning av enheten", "Audit of unit"),
            esc(&self.unit_id),
            esc(&self.model_name)
        );
        let _ = writeln!(
            w,
            "{} {} · {} {}",
            t("Per", "As of"),
            self.as_of,
            t("policy", "policy"),
            esc(&self.policy_id)
        );
        let _ = writeln!(w);

        // 1. Boundaries
        let b = &self.boundaries;
        let _ = writeln!(
            w,
            "1. {} ({}, {})",
            t("Rollgränser", "Role boundaries"),
            count(
                lang,
                b.checked,
                ("aktivitet granskad", "aktiviteter granskade"),
                ("activity checked", "activities checked")
            ),
            count(
                lang,
                b.allowed,
                ("tillåten utan villkor", "tillåtna utan villkor"),
                ("allowed without conditions", "allowed without conditions")
            ),
        );
        if b.findings.is_empty() {
            let _ = writeln!(w, "   {}", t("Inga anmärkningar.", "Nothing to note."));
        }
        for f in &b.findings {
            let patient = f
                .patient
                .as_ref()
                .map(|p| format!(", {} {}", t("patient", "patient"), esc(p)))
                .unwrap_or_default();
            let _ = writeln!(
                w,
                "   - #{} {} {}{patient}: {} – {}",
                f.activity + 1,
                f.date,
                esc(&f.supporter),
                esc(&f.label),
                f.outcome.name(lang)
            );
            for c in &f.conditions {
                let whose = c.on.heading(lang);
                let _ = writeln!(w, "       {whose}: {} [{}]", esc(&c.text), esc(&c.id));
            }
            for r in &f.rules {
                write_finding(w, r, lang, "       ");
            }
            if let Some(note) = &f.retired_note {
                let _ = writeln!(w, "       {}", esc(note));
            }
            if let Some(note) = f.outcome.no_rule_note(lang) {
                let _ = writeln!(w, "       {note}");
            }
        }
        let _ = writeln!(
            w,
            "   {}:",
            t("Avvikelser från modellen", "Deviations from the model")
        );
        if b.deviations.is_empty() {
            let _ = writeln!(w, "     {}", t("Inga.", "None."));
        }
        for d in &b.deviations {
            let d2 = &d.deviation;
            crate::deviation::write_text(
                w,
                &d2.model_rule,
                &d2.reason,
                &d2.citation,
                lang,
                "     ",
            );
            let _ = writeln!(
                w,
                "       {}: {}",
                t(
                    "Aktiviteter avgjorda enligt avvikelsen",
                    "Activities decided under it"
                ),
                d.activities
            );
        }
        if !b.share_parameters.is_empty() {
            let _ = writeln!(
                w,
                "   {}:",
                t(
                    "Andelar av de loggade aktiviteterna",
                    "Shares of the logged activities"
                )
            );
            for p in &b.share_parameters {
                let _ = writeln!(w, "     {}", esc(&p.text));
            }
            if b.share_findings.is_empty() {
                let _ = writeln!(w, "     {}", t("Inga anmärkningar.", "Nothing to note."));
            }
        }
        for f in &b.share_findings {
            let _ = writeln!(
                w,
                "     - {}: {} {} {} {}",
                esc(&f.supporter),
                f.counted,
                t("av", "of"),
                count(
                    lang,
                    f.activities,
                    ("loggad aktivitet", "loggade aktiviteter"),
                    ("logged activity", "logged activities")
                ),
                t(
                    "gällde arbetsuppgifter som räknas mot gränsen",
                    "concerned tasks that count towards the limit"
                ),
            );
            write_finding(
                w,
                &Finding {
                    rule_id: f.rule_id.clone(),
                    citation: f.citation.clone(),
                    text: f.text.clone(),
                },
                lang,
                "       ",
            );
        }
        let _ = writeln!(w);

        let no_supporters = t(
            "Inga peer supportrar i underlaget.",
            "No peer supporters in the records.",
        );

        // 2. Certification
        let _ = writeln!(
            w,
            "2. {}",
            t("Krav och utbildning", "Requirements and training")
        );
        if self.certification.is_empty() {
            let _ = writeln!(w, "   {no_supporters}");
        }
        for c in &self.certification {
            let since = c
                .report
                .met_on
                .map(|d| match c.report.standing {
                    // A lapsed standing was met on that day; it is not held
                    // since.
                    Standing::Lapsed => format!(" ({} {d})", t("uppnådd", "reached")),
                    _ => format!(" {} {d}", t("sedan", "since")),
                })
                .unwrap_or_default();
            let employment = match c.employment {
                Employment::Employed { since } if since > self.as_of => {
                    format!("{} {since}", t("anställs från", "to be employed from"))
                }
                Employment::Employed { since } => {
                    format!("{} {since}", t("anställd sedan", "employed since"))
                }
                Employment::Volunteer => t("volontär", "volunteer"),
            };
            let status = &c.report.status;
            let _ = writeln!(
                w,
                "   - {} ({employment}): {} [{}]{since}",
                esc(&c.supporter),
                esc(&status.label),
                status.category.name(lang)
            );
            for (heading, list) in [
                (t("Saknas", "Missing"), &c.report.missing),
                (
                    t(
                        "Rekommendationer som inte är uppfyllda",
                        "Recommendations not met",
                    ),
                    &c.report.unmet_recommendations,
                ),
            ] {
                if !list.is_empty() {
                    let _ = writeln!(w, "       {heading}:");
                }
                for u in list {
                    write_finding(w, &u.finding(), lang, "         ");
                }
            }
            if !c.report.findings.is_empty() {
                let _ = writeln!(w, "       {}:", t("Noteringar", "Notes"));
            }
            for f in &c.report.findings {
                write_finding(w, f, lang, "         ");
            }
        }
        let _ = writeln!(w);

        // 3. Supervision
        let _ = writeln!(w, "3. {}", t("Handledning", "Supervision"));
        if self.supervision.is_empty() {
            let _ = writeln!(w, "   {no_supporters}");
        }
        for s in &self.supervision {
            let start = s
                .start
                .map(|d| format!(" ({} {d})", t("start", "started")))
                .unwrap_or_default();
            if s.log_kept {
                let _ = writeln!(w, "   - {}{start}", esc(&s.supporter));
            } else {
                let _ = writeln!(
                    w,
                    "   - {}{start}: {}",
                    esc(&s.supporter),
                    t("ingen handledningslogg förs", "no supervision log is kept")
                );
            }
            for f in &s.no_log {
                write_finding(w, f, lang, "       ");
            }
            for k in &s.kinds {
                let last = k
                    .last_session
                    .map_or_else(|| t("inget ännu", "none yet"), |d| d.to_string());
                let state = if k.days_overdue > 0 {
                    format!(
                        "{} {}",
                        t("FÖRSENAD med", "OVERDUE by"),
                        count(
                            lang,
                            usize::try_from(k.days_overdue).unwrap_or(usize::MAX),
                            ("dag", "dagar"),
                            ("day", "days")
                        )
                    )
                } else {
                    t("i tid", "on time")
                };
                let compliance = k.compliance.map_or_else(
                    || t("ingen dag har gått än", "no day has passed yet"),
                    |c| {
                        format!(
                            "{} ({} {} {} {})",
                            crate::language::percent(lang, c, 0),
                            k.overdue_days,
                            t("av", "of"),
                            count(
                                lang,
                                usize::try_from(k.window_days).unwrap_or(usize::MAX),
                                ("dag", "dagar"),
                                ("day", "days")
                            ),
                            t("försenade", "overdue")
                        )
                    },
                );
                let _ = writeln!(
                    w,
                    "       {}: {state}; {}: {last}, {}: {}, {}: {} {}, {} {}: {compliance}",
                    esc(&crate::language::capitalise(&k.label)),
                    t("senaste tillfälle", "last session"),
                    t("nästa senast", "next due"),
                    k.next_due,
                    t("längsta uppehåll", "longest gap"),
                    k.longest_gap_days,
                    t("dagar", "days"),
                    t("följsamhet sedan", "compliance since"),
                    k.window_from,
                );
                let _ = writeln!(
                    w,
                    "         [{}] {}: {} ({})",
                    esc(&k.rule_id),
                    t("Intervall", "Interval"),
                    k.interval.describe(lang),
                    esc(k.cadence_source.trim_end_matches('.'))
                );
            }
        }
        let _ = writeln!(w);

        // 4. Participation
        let p = &self.participation;
        let _ = writeln!(
            w,
            "4. {} ({}; {}: {}, {}, {}; {})",
            t("Delaktighet", "Participation"),
            count(
                lang,
                p.checked,
                ("aktivitet granskad", "aktiviteter granskade"),
                ("activity checked", "activities checked")
            ),
            t("löften", "promises"),
            count(lang, p.kept, ("hållet", "hållna"), ("kept", "kept")),
            count(
                lang,
                p.exceeded,
                ("överträffat", "överträffade"),
                ("exceeded", "exceeded")
            ),
            count(
                lang,
                p.not_kept,
                ("inte hållet", "inte hållna"),
                ("not kept", "not kept")
            ),
            count(
                lang,
                p.unstated,
                (
                    "aktivitet utan angivet löfte",
                    "aktiviteter utan angivet löfte"
                ),
                (
                    "activity with no promise stated",
                    "activities with no promise stated"
                )
            ),
        );
        for f in &p.findings {
            let _ = writeln!(
                w,
                "   - #{} {} {}: {}",
                f.activity + 1,
                f.date,
                esc(&f.supporter),
                esc(&f.text)
            );
            let _ = writeln!(
                w,
                "       [{}] {}: {}",
                esc(&f.rule_id),
                t("Källa", "Source"),
                esc(&f.citation.display(lang))
            );
        }
        let _ = writeln!(w);

        // 5. Readiness
        let r = &self.readiness;
        let verdict = if r.ready {
            t("redo", "ready")
        } else {
            t("inte redo", "not ready")
        };
        let phase = if r.started {
            t(
                "en peer supporter har börjat",
                "a peer supporter has started",
            )
        } else {
            t(
                "ingen peer supporter har börjat än",
                "no peer supporter has started yet",
            )
        };
        let _ = writeln!(
            w,
            "5. {}: {verdict} ({phase})",
            t("Implementeringsberedskap", "Implementation readiness")
        );
        for c in &r.components {
            let score = c.score.map_or_else(
                || t("ännu inte aktuell", "not due yet"),
                |s| crate::language::percent(lang, s, 0),
            );
            let _ = writeln!(
                w,
                "   {:<28} {score:>14}  ({} {} {})",
                esc(&c.label),
                c.in_place,
                t("av", "of"),
                c.due
            );
        }
        if !r.missing.is_empty() {
            let _ = writeln!(w, "   {}:", t("Inte på plats än", "Not yet in place"));
        }
        for f in &r.missing {
            write_finding(w, f, lang, "     ");
        }
        if !r.suggestions.is_empty() {
            let _ = writeln!(
                w,
                "   {}:",
                t(
                    "Förslag och exempel i källan (räknas inte som brister)",
                    "Suggestions and examples in the source (not counted as gaps)"
                )
            );
        }
        for f in &r.suggestions {
            write_finding(w, f, lang, "     ");
        }
        if !r.not_yet_due.is_empty() {
            let _ = writeln!(
                w,
                "   {}: {}",
                t(
                    "Löpande punkter som ännu inte är aktuella",
                    "Ongoing items, not yet due"
                ),
                esc(&r.not_yet_due.join(", "))
            );
        }
        let _ = writeln!(w, "   {}", esc(&r.scale));
        out
    }
}

/// The finding for a required kind of supervision that a started peer
/// supporter has no log of.
fn no_log_text(rule: &crate::supervision::SupervisionRule, label: &Text, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!(
            "Peer supportern har börjat, och policyn kräver {}. {}",
            label.get(lang),
            rule.message.sv
        ),
        Lang::En => format!(
            "The peer supporter has started, and the policy requires {}. {}",
            label.get(lang),
            rule.message.en
        ),
    }
}

fn write_finding(w: &mut String, f: &Finding<String>, lang: Lang, indent: &str) {
    let source = match lang {
        Lang::Sv => "Källa",
        Lang::En => "Source",
    };
    let _ = writeln!(w, "{indent}- [{}] {}", esc(&f.rule_id), esc(&f.text));
    let _ = writeln!(
        w,
        "{indent}    {source}: {}",
        esc(&f.citation.display(lang))
    );
}
