//! Supervision cadence: the kinds of supervision a model requires, how often
//! (a policy parameter), and whether a session log keeps that cadence.
//!
//! Kinds are data: the catalogue declares the built-in ones
//! (`supervision_kinds`), and a unit's policy may declare its own (group
//! supervision, support for the supporter's own health) and set their
//! cadences.
//!
//! Kinds are tracked separately: a session of one kind never satisfies
//! another kind's cadence. The seeds name the kinds (NSPH:
//! `000_12fcf2f212737a73.txt`:25-35, 48; RKC: `002_bf65aa040b74c517.txt`:1421)
//! but give **no interval**: every cadence is a policy parameter, with the
//! project's defaults in the model documents, and explanations say so.
//!
//! ## How a log is evaluated, per kind, as of a date
//!
//! A cadence is a list of phases, each starting some time after the start
//! date — or after a dated event, the first report of an evidence kind that
//! counts (a certification granted; a phase that begins from an event comes
//! after those counted from the start, has not begun until the event is
//! reported, and never begins before the phase before it) — and setting an
//! interval. The latest report wins here too: an event later reported
//! absent no longer begins its phase, and the log is judged again under
//! the cadence without it. From a day `d` (the start date, or a
//! session), the next session is **due** on the earliest day `D` after `d`
//! such that `D` lies in some phase and `D` is at least that phase's interval
//! after `d`. This makes the due date grow with `d`, so a later session never
//! brings the due date forward.
//!
//! - *next due*: due from the last session (or from the start date);
//! - *days overdue*: days from the next due date to the "as of" date, 0 if not
//!   yet due — a session on its due date is on time;
//! - *longest gap*: the most days between consecutive days of start date,
//!   sessions and "as of" date;
//! - *interval*: the interval in force on the "as of" date (that of the phase
//!   the date lies in);
//! - *overdue days*: the days of the window — from the day after the start
//!   date up to the "as of" date — on which the kind was overdue. From each
//!   anchor `a` (the start date, then each session), the days after
//!   `due(a)` up to the next anchor (the next session, or the "as of" date)
//!   are overdue: a session on day `d` after its due date leaves `d - due`
//!   days overdue, and a session on or before its due date none;
//! - *compliance*: the share of the window's days that were not overdue;
//!   `None` on the start date itself (an empty window). A policy may narrow
//!   the window to the last months before the "as of" date (the parameter
//!   [`SUPERVISION_WINDOW_MONTHS`](crate::parameter::SUPERVISION_WINDOW_MONTHS));
//!   the days before it are then not counted, though the sessions before it
//!   still set the due dates.
//!
//! So any gap longer than the interval in force lowers compliance, and an
//! extra session can only raise it: a session on day `s` between anchors `a`
//! and `b` turns `b - due(a)` overdue days into `s - due(a)` and
//! `b - due(s)`, and `due(s) > s` and `due(s) >= due(a)`.
//!
//! The day a late session is held counts as overdue (it ends the overdue
//! days), while a report made on that day sees the session and is on time.
//!
//! **A worked example.** A monthly cadence from 1 January 2026; sessions on
//! 20 January and 10 March; "as of" 31 March. The window is 1 January
//! (exclusive) to 31 March: 89 days. From the start the session is due on
//! 1 February; the session of 20 January is on time (0 days overdue). From
//! 20 January it is due on 20 February; the session of 10 March comes 18
//! days late (21 February to 10 March). From 10 March it is due on
//! 10 April, after the "as of" date (0 days). Compliance is
//! (89 − 18) / 89 ≈ 80 %, the next session is due on 10 April, and nothing
//! is overdue on 31 March.
//!
//! Input order does not matter. Two sessions of one kind on one date count
//! once. A session before the start date or after the "as of" date is an
//! error naming its position.

use crate::certification::Evidence;
use crate::citation::Citation;
use crate::dates::Span;
use crate::error::{InputError, InputProblem, PolicyError, ShapeProblem};
use crate::language::{Lang, Text};
use crate::limits::{self, Limit};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A kind of supervision, by its stable id: one of the catalogue's
/// (`supervision_kinds` in `core/policies/catalogue.json`: `experience_based`,
/// `regional_peer_group`, `line_or_clinical`, `peer_to_peer`) or one a unit's
/// policy declares (group supervision, support for the supporter's own
/// health…).
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(transparent)]
pub struct SupervisionKind(String);

impl SupervisionKind {
    /// The kind with id `id`.
    pub fn new(id: impl Into<String>) -> Self {
        SupervisionKind(id.into())
    }

    /// Its stable id, as in JSON.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for SupervisionKind {
    fn from(id: &str) -> Self {
        SupervisionKind::new(id)
    }
}

/// A kind of supervision declared in the catalogue or a unit's policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupervisionKindDef {
    /// Stable id, e.g. `peer_to_peer`.
    pub id: String,
    /// Its name in running text, in Swedish and English ("handledning av
    /// andra peer supportrar").
    pub label: Text,
}

/// One phase of a cadence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// How long after the start date the phase begins (the first phase must
    /// begin at the start date), or, with `from_evidence`, after that event.
    #[serde(default)]
    pub from: Span,
    /// An evidence kind whose date the phase begins from instead of the start
    /// date (a certification granted…): the first report of it that counts
    /// (see [`crate::certification`]); until one is reported the phase has
    /// not begun. Only a later phase, after every phase counted from the
    /// start date, may begin from an event, and it never begins before the
    /// phase before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_evidence: Option<String>,
    /// The longest time allowed between sessions in this phase.
    pub every: Span,
}

/// A supervision requirement: one kind, its source, and its cadence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupervisionRule {
    /// Stable id.
    pub id: String,
    /// The kind of supervision.
    pub kind: SupervisionKind,
    /// The cadence, by phase; a policy parameter.
    pub cadence: Vec<Phase>,
    /// Where the cadence comes from, in Swedish and English: for the built-in
    /// models, the project's default, since the seeds give no interval.
    pub cadence_source: Text,
    /// The passage that requires this kind of supervision.
    pub citation: Citation,
    /// The requirement explained.
    pub message: Text,
}

/// A unit's cadence for a kind of supervision in the light form: the
/// phases, and the unit's document they come from. For a kind the model
/// requires, it replaces the model's cadence (the model's rule and source
/// stay); for another kind, it adds a requirement of the unit's. The
/// explanation names the unit's policy as the cadence's source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CadenceSetting {
    /// The kind of supervision.
    pub kind: SupervisionKind,
    /// The cadence, by phase.
    pub cadence: Vec<Phase>,
    /// The unit's document that sets it.
    pub citation: Citation,
}

/// One supervision session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The day it took place.
    #[serde(deserialize_with = "crate::dates::strict")]
    pub date: NaiveDate,
    /// Its kind.
    pub kind: SupervisionKind,
}

/// A peer supporter's supervision log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupervisionLog {
    /// The day the peer supporter started; cadences run from it.
    #[serde(deserialize_with = "crate::dates::strict")]
    pub start: NaiveDate,
    /// The sessions, in any order.
    pub sessions: Vec<Session>,
}

/// How one kind of supervision stands as of a date. Its texts are in both
/// languages; [`KindStatus::in_lang`] gives them in one.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct KindStatus<T = Text> {
    /// The kind.
    pub kind: SupervisionKind,
    /// The kind's name in running text.
    pub label: T,
    /// The rule that requires it.
    pub rule_id: String,
    /// The rule's source.
    pub citation: Citation,
    /// The last session of this kind, if any.
    pub last_session: Option<NaiveDate>,
    /// When the next session is due.
    pub next_due: NaiveDate,
    /// Days past the due date, 0 if not yet due.
    pub days_overdue: i64,
    /// The most days between consecutive days of start, sessions and "as of".
    pub longest_gap_days: i64,
    /// The interval in force on the "as of" date.
    pub interval: Span,
    /// The window's first day: the day after the start date, or the first
    /// day of the policy's rolling window if that is later.
    pub window_from: NaiveDate,
    /// Days in the window, up to the "as of" date.
    pub window_days: i64,
    /// Of those, the days on which the kind was overdue.
    pub overdue_days: i64,
    /// The share of the window's days not overdue, from 0 to 1; `None`
    /// for an empty window (the "as of" date is the start date).
    pub compliance: Option<f64>,
    /// Where the cadence comes from.
    pub cadence_source: T,
    /// The requirement explained.
    pub message: T,
}

impl<T> KindStatus<T> {
    /// Whether a session is overdue.
    pub fn is_overdue(&self) -> bool {
        self.days_overdue > 0
    }
}

impl KindStatus {
    /// The status with its texts in `lang`.
    pub fn in_lang(&self, lang: Lang) -> KindStatus<String> {
        KindStatus {
            kind: self.kind.clone(),
            label: self.label.get(lang).to_owned(),
            rule_id: self.rule_id.clone(),
            citation: self.citation.clone(),
            last_session: self.last_session,
            next_due: self.next_due,
            days_overdue: self.days_overdue,
            longest_gap_days: self.longest_gap_days,
            interval: self.interval,
            window_from: self.window_from,
            window_days: self.window_days,
            overdue_days: self.overdue_days,
            compliance: self.compliance,
            cadence_source: self.cadence_source.get(lang).to_owned(),
            message: self.message.get(lang).to_owned(),
        }
    }
}

/// The supervision rules of a policy, merged (a unit's rule for a kind
/// replaces the model's) and ready to evaluate.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Supervision {
    rules: Vec<SupervisionRule>,
    /// Where each rule's cadence is set, for an error about a date computed
    /// from it: `policy.supervision[i].cadence` for a unit's rule, the rule's
    /// id for a built-in one.
    parameters: Vec<String>,
    /// The rolling window in months, 0 for the whole log.
    window_months: u32,
    /// Every kind's name, by kind: the catalogue's, then the unit's.
    labels: HashMap<SupervisionKind, Text>,
}

impl Supervision {
    pub(crate) fn new(
        model: &[SupervisionRule],
        unit: &[SupervisionRule],
        cadences: &[CadenceSetting],
        window_months: u32,
        kinds: &[SupervisionKindDef],
    ) -> Self {
        let labels: HashMap<SupervisionKind, Text> = kinds
            .iter()
            .map(|k| (SupervisionKind::new(k.id.clone()), k.label.clone()))
            .collect();
        let order: HashMap<&str, usize> = kinds
            .iter()
            .enumerate()
            .map(|(i, k)| (k.id.as_str(), i))
            .collect();
        let set_by_unit = |kind: &SupervisionKind| {
            unit.iter().any(|u| &u.kind == kind) || cadences.iter().any(|c| &c.kind == kind)
        };
        let mut rules: Vec<(String, SupervisionRule)> = model
            .iter()
            .filter(|m| !set_by_unit(&m.kind))
            .map(|r| (format!("model rule {}", r.id), r.clone()))
            .chain(
                unit.iter()
                    .enumerate()
                    .map(|(i, r)| (format!("policy.supervision[{i}].cadence"), r.clone())),
            )
            .chain(cadences.iter().enumerate().map(|(i, c)| {
                let rule = match model.iter().find(|m| m.kind == c.kind) {
                    Some(m) => SupervisionRule {
                        cadence: c.cadence.clone(),
                        cadence_source: unit_cadence_source(&c.citation),
                        ..m.clone()
                    },
                    None => {
                        let label = label_in(&labels, &c.kind);
                        SupervisionRule {
                            id: format!("unit.cadence.{}", c.kind.as_str()),
                            kind: c.kind.clone(),
                            cadence: c.cadence.clone(),
                            cadence_source: unit_cadence_source(&c.citation),
                            citation: c.citation.clone(),
                            message: Text::new(
                                format!("Enhetens policy kräver {}.", label.sv),
                                format!("The unit's policy requires {}.", label.en),
                            ),
                        }
                    }
                };
                (format!("policy.cadences[{i}].cadence"), rule)
            }))
            .collect();
        rules.sort_by_key(|(_, r)| order.get(r.kind.as_str()).copied());
        let (parameters, rules) = rules.into_iter().unzip();
        Supervision {
            rules,
            parameters,
            window_months,
            labels,
        }
    }

    pub(crate) fn rules(&self) -> &[SupervisionRule] {
        &self.rules
    }

    /// The name of `kind` in `lang` (its id if no policy declares it).
    pub(crate) fn label(&self, kind: &SupervisionKind) -> Text {
        label_in(&self.labels, kind)
    }

    /// Evaluates `log` as of `as_of`, one status per required kind, in time
    /// linear in the number of sessions whatever the dates and cadences.
    /// `evidence` (checked by the caller) dates the phases that begin from
    /// an event.
    pub(crate) fn evaluate(
        &self,
        log: &SupervisionLog,
        evidence: &[Evidence],
        as_of: NaiveDate,
    ) -> Result<Vec<KindStatus>, InputError> {
        if !limits::in_calendar(as_of) {
            return Err(InputError::new("as_of", InputProblem::DateOutOfRange));
        }
        if !limits::in_calendar(log.start) {
            return Err(InputError::new("start", InputProblem::DateOutOfRange));
        }
        if log.start > as_of {
            return Err(InputError::new("start", InputProblem::AfterAsOf));
        }
        for (i, session) in log.sessions.iter().enumerate() {
            if !self.labels.contains_key(&session.kind) {
                return Err(InputError::new(
                    format!("sessions[{i}].kind"),
                    InputProblem::UnknownSupervisionKind,
                ));
            }
            if session.date < log.start {
                return Err(InputError::new(
                    format!("sessions[{i}].date"),
                    InputProblem::BeforeStart,
                ));
            }
            if session.date > as_of {
                return Err(InputError::new(
                    format!("sessions[{i}].date"),
                    InputProblem::AfterAsOf,
                ));
            }
        }
        let mut by_kind: HashMap<&SupervisionKind, Vec<NaiveDate>> = HashMap::new();
        for session in &log.sessions {
            by_kind.entry(&session.kind).or_default().push(session.date);
        }
        self.rules
            .iter()
            .zip(&self.parameters)
            .map(|(rule, parameter)| {
                let mut dates = by_kind.remove(&rule.kind).unwrap_or_default();
                dates.sort_unstable();
                dates.dedup();
                let out_of_range =
                    || InputError::new(parameter.clone(), InputProblem::ComputedDateOutOfRange);
                let phases = PhaseStarts::resolve(&rule.cadence, log.start, evidence)
                    .ok_or_else(out_of_range)?;
                evaluate_kind(
                    rule,
                    self.label(&rule.kind),
                    &phases,
                    log.start,
                    &dates,
                    as_of,
                    self.window_months,
                )
                .ok_or_else(out_of_range)
            })
            .collect()
    }
}

/// The name of `kind` in `labels`, or its id if none is declared.
fn label_in(labels: &HashMap<SupervisionKind, Text>, kind: &SupervisionKind) -> Text {
    labels
        .get(kind)
        .cloned()
        .unwrap_or_else(|| Text::new(kind.as_str(), kind.as_str()))
}

/// A cadence for a reader in `lang`: "1 månad", or with later phases
/// "7 dagar; från 6 månader efter starten 1 månad"; a phase that begins from
/// an event names the event's evidence kind by `evidence_label`.
pub(crate) fn describe_cadence(
    cadence: &[Phase],
    lang: Lang,
    evidence_label: impl Fn(&str) -> String,
) -> String {
    cadence
        .iter()
        .enumerate()
        .map(|(i, phase)| {
            let every = phase.every.describe(lang);
            let after = match (&phase.from_evidence, phase.from.is_zero()) {
                (None, _) => match lang {
                    Lang::Sv => format!("{} efter starten", phase.from.describe(lang)),
                    Lang::En => format!("{} after the start", phase.from.describe(lang)),
                },
                (Some(kind), true) => format!("«{}»", evidence_label(kind)),
                (Some(kind), false) => match lang {
                    Lang::Sv => format!(
                        "{} efter «{}»",
                        phase.from.describe(lang),
                        evidence_label(kind)
                    ),
                    Lang::En => format!(
                        "{} after «{}»",
                        phase.from.describe(lang),
                        evidence_label(kind)
                    ),
                },
            };
            match (i, lang) {
                (0, _) => every,
                (_, Lang::Sv) => format!("från {after} {every}"),
                (_, Lang::En) => format!("from {after} {every}"),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Where a light-form cadence comes from: the unit's policy and document.
fn unit_cadence_source(citation: &Citation) -> Text {
    Text::new(
        format!("enhetens policy, {}", citation.display(Lang::Sv)),
        format!("the unit's policy, {}", citation.display(Lang::En)),
    )
}

/// The first day of each phase of a cadence, for one peer supporter: `None`
/// for a phase that begins from an event not reported. A phase never begins
/// before the begun phase before it.
struct PhaseStarts(Vec<Option<NaiveDate>>);

impl PhaseStarts {
    /// The phases of `cadence` for a peer supporter who started on `start`,
    /// with the events in `evidence`; `None` if a day passes the calendar.
    fn resolve(cadence: &[Phase], start: NaiveDate, evidence: &[Evidence]) -> Option<Self> {
        let mut starts = Vec::with_capacity(cadence.len());
        let mut previous = start;
        for phase in cadence {
            let anchor = match &phase.from_evidence {
                None => Some(start),
                Some(kind) => crate::certification::fact_since(evidence, kind),
            };
            let begins = match anchor {
                None => None,
                Some(anchor) => {
                    let day = phase.from.after(anchor)?.max(previous);
                    previous = day;
                    Some(day)
                }
            };
            starts.push(begins);
        }
        Some(PhaseStarts(starts))
    }

    /// The first day of phase `i`, if it has begun.
    fn start(&self, i: usize) -> Option<NaiveDate> {
        self.0.get(i).copied().flatten()
    }

    /// The day after phase `i` ends: the first day of the next phase that
    /// begins, if any.
    fn end(&self, i: usize) -> Option<NaiveDate> {
        self.0.get(i + 1..)?.iter().flatten().next().copied()
    }
}

/// The day a session is due after a session (or the start) on `after`.
fn due_after(cadence: &[Phase], phases: &PhaseStarts, after: NaiveDate) -> Option<NaiveDate> {
    let mut best: Option<NaiveDate> = None;
    for (i, phase) in cadence.iter().enumerate() {
        let Some(phase_start) = phases.start(i) else {
            continue;
        };
        let candidate = phase.every.after(after)?.max(phase_start);
        if phases.end(i).is_none_or(|end| candidate < end) {
            best = Some(best.map_or(candidate, |b| b.min(candidate)));
        }
    }
    best
}

fn evaluate_kind(
    rule: &SupervisionRule,
    label: Text,
    phases: &PhaseStarts,
    start: NaiveDate,
    dates: &[NaiveDate],
    as_of: NaiveDate,
    window_months: u32,
) -> Option<KindStatus> {
    let last_session = dates.last().copied();
    let next_due = due_after(&rule.cadence, phases, last_session.unwrap_or(start))?;
    let days_overdue = (as_of - next_due).num_days().max(0);

    let mut longest_gap_days = 0;
    let mut previous = start;
    for &day in dates.iter().chain(std::iter::once(&as_of)) {
        longest_gap_days = longest_gap_days.max((day - previous).num_days());
        previous = day;
    }

    // The window: the days after `counted_after` up to the "as of" date.
    let counted_after = match window_months {
        0 => start,
        months => start.max(as_of.checked_sub_months(chrono::Months::new(months))?),
    };
    // Overdue days: from each anchor (the start, then each session), the
    // days after its due date up to the next anchor or the "as of" date,
    // those of the window only.
    let mut overdue_days = 0;
    let mut anchor = start;
    for &day in dates.iter().chain(std::iter::once(&as_of)) {
        let due = due_after(&rule.cadence, phases, anchor)?;
        overdue_days += (day - due.max(counted_after)).num_days().max(0);
        anchor = day;
    }
    let window_days = (as_of - counted_after).num_days();
    let window_from = counted_after.succ_opt()?;
    // The phase the "as of" date lies in: the last that has begun by then.
    let mut interval = rule.cadence.first()?.every;
    for (i, phase) in rule.cadence.iter().enumerate() {
        if phases.start(i).is_some_and(|day| day <= as_of) {
            interval = phase.every;
        }
    }
    Some(KindStatus {
        kind: rule.kind.clone(),
        label,
        rule_id: rule.id.clone(),
        citation: rule.citation.clone(),
        last_session,
        next_due,
        days_overdue,
        longest_gap_days,
        interval,
        window_from,
        window_days,
        overdue_days,
        compliance: (window_days > 0)
            .then(|| (window_days - overdue_days) as f64 / window_days as f64),
        cadence_source: rule.cadence_source.clone(),
        message: rule.message.clone(),
    })
}

/// Checks a document's supervision rules: ids, texts, citation, a known
/// kind, and a cadence of at most [`MAX_PHASES`](limits::MAX_PHASES) phases
/// whose first begins at the start date, whose phases begin in order (those
/// from an event last, each from a known evidence kind), and whose intervals
/// are pure, not empty and within the limits. At most one rule per kind.
pub(crate) fn validate(
    document: &str,
    rules: &[SupervisionRule],
    cadences: &[CadenceSetting],
    known: &Known,
    taken_ids: &mut HashSet<String>,
) -> Result<(), PolicyError> {
    use crate::validate::{check_citation, check_rule, check_text};
    let mut kinds = HashSet::new();
    let bad = |p: String, problem| PolicyError::Shape {
        document: document.to_owned(),
        path: p,
        problem,
    };
    let mut check_kind = |path: &str, kind: &SupervisionKind| {
        if !known.supervision_kinds.contains(kind.as_str()) {
            return Err(bad(
                format!("{path}.kind"),
                ShapeProblem::UnknownSupervisionKind,
            ));
        }
        if !kinds.insert(kind.clone()) {
            return Err(bad(format!("{path}.kind"), ShapeProblem::DuplicateKind));
        }
        Ok(())
    };
    for (i, rule) in rules.iter().enumerate() {
        let path = format!("supervision[{i}]");
        check_rule(
            document,
            &path,
            &rule.id,
            &rule.citation,
            &rule.message,
            taken_ids,
        )?;
        check_text(
            document,
            &format!("{path}.cadence_source"),
            &rule.cadence_source,
        )?;
        check_kind(&path, &rule.kind)?;
        validate_cadence(document, &format!("{path}.cadence"), &rule.cadence, known)?;
    }
    for (i, setting) in cadences.iter().enumerate() {
        let path = format!("cadences[{i}]");
        check_kind(&path, &setting.kind)?;
        validate_cadence(
            document,
            &format!("{path}.cadence"),
            &setting.cadence,
            known,
        )?;
        check_citation(document, &format!("{path}.citation"), &setting.citation)?;
    }
    Ok(())
}

/// The kinds a policy's supervision rules may name: of supervision, and of
/// evidence (for a phase that begins from an event).
pub(crate) struct Known<'a> {
    /// Supervision kinds: the catalogue's and the unit's.
    pub(crate) supervision_kinds: HashSet<&'a str>,
    /// Evidence kinds: the catalogue's and the unit's.
    pub(crate) evidence_kinds: HashSet<&'a str>,
}

/// Checks a cadence at `path`: at least one phase and at most
/// [`MAX_PHASES`](limits::MAX_PHASES), the first at the start date, phases
/// in order (those from an event last, each from a known evidence kind),
/// intervals pure, not empty and within the limits.
fn validate_cadence(
    document: &str,
    path: &str,
    cadence: &[Phase],
    known: &Known,
) -> Result<(), PolicyError> {
    use crate::validate::check_span;
    let reference = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    let bad = |p: String, problem| PolicyError::Shape {
        document: document.to_owned(),
        path: p,
        problem,
    };
    let Some(first) = cadence.first() else {
        return Err(bad(path.to_owned(), ShapeProblem::NoPhases));
    };
    if cadence.len() > limits::MAX_PHASES {
        return Err(PolicyError::Limit {
            document: document.to_owned(),
            path: path.to_owned(),
            limit: Limit::Phases,
        });
    }
    if first.from_evidence.is_some() {
        return Err(bad(
            format!("{path}[0].from_evidence"),
            ShapeProblem::FirstPhaseLate,
        ));
    }
    if !first.from.is_zero() {
        return Err(bad(format!("{path}[0].from"), ShapeProblem::FirstPhaseLate));
    }
    let mut previous = None;
    let mut from_event = false;
    for (j, phase) in cadence.iter().enumerate() {
        let at = format!("{path}[{j}]");
        check_span(document, &format!("{at}.from"), phase.from, false)?;
        check_span(document, &format!("{at}.every"), phase.every, true)?;
        if phase.every.is_zero() {
            return Err(bad(format!("{at}.every"), ShapeProblem::EmptySpan));
        }
        if let Some(kind) = &phase.from_evidence {
            crate::validate::check_kind(
                document,
                &format!("{at}.from_evidence"),
                kind,
                &known.evidence_kinds,
            )?;
            from_event = true;
            continue;
        }
        // `None` orders first: the first phase has nothing before it.
        let begins = phase.from.after(reference);
        if from_event || begins <= previous {
            return Err(bad(format!("{at}.from"), ShapeProblem::PhasesOutOfOrder));
        }
        previous = begins;
    }
    Ok(())
}
