//! Supervision cadence: the kinds of supervision a model requires, how often
//! (a policy parameter), and whether a session log keeps that cadence.
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
//! date and setting an interval. From a day `d` (the start date, or a
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
//! - *compliance*: the due intervals that ended by the "as of" date, each from
//!   one due date to the next starting at the start date, and the share of
//!   them that had a session (the first includes the start date, the others
//!   their end but not their start); `None` while no interval has ended.
//!
//! Input order does not matter. Two sessions of one kind on one date count
//! once. A session before the start date or after the "as of" date is an
//! error naming its position.

use crate::citation::Citation;
use crate::dates::Span;
use crate::error::{InputError, InputProblem, PolicyError, ShapeProblem};
use crate::language::{Lang, Text};
use crate::limits::{self, Limit};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The kinds of supervision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupervisionKind {
    /// Experience-based supervision by a supervisor with lived experience,
    /// from the user movement.
    ExperienceBased,
    /// The regional peer-supporter group.
    RegionalPeerGroup,
    /// Line or clinical supervision: manager, developer, clinician.
    LineOrClinical,
    /// Supervision by other peer supporters.
    PeerToPeer,
}

impl SupervisionKind {
    /// Every kind.
    pub const ALL: [SupervisionKind; 4] = [
        SupervisionKind::ExperienceBased,
        SupervisionKind::RegionalPeerGroup,
        SupervisionKind::LineOrClinical,
        SupervisionKind::PeerToPeer,
    ];

    /// Stable snake_case id, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            SupervisionKind::ExperienceBased => "experience_based",
            SupervisionKind::RegionalPeerGroup => "regional_peer_group",
            SupervisionKind::LineOrClinical => "line_or_clinical",
            SupervisionKind::PeerToPeer => "peer_to_peer",
        }
    }

    /// The kind's name in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        use Lang::{En, Sv};
        match (self, lang) {
            (SupervisionKind::ExperienceBased, Sv) => "erfarenhetsbaserad handledning",
            (SupervisionKind::ExperienceBased, En) => "experience-based supervision",
            (SupervisionKind::RegionalPeerGroup, Sv) => "regional peer supporter-grupp",
            (SupervisionKind::RegionalPeerGroup, En) => "regional peer-supporter group",
            (SupervisionKind::LineOrClinical, Sv) => {
                "handledning av chef eller klinisk handledning"
            }
            (SupervisionKind::LineOrClinical, En) => "line or clinical supervision",
            (SupervisionKind::PeerToPeer, Sv) => "handledning av andra peer supportrar",
            (SupervisionKind::PeerToPeer, En) => "supervision by other peer supporters",
        }
    }

    /// The kind's name in `lang`, capitalised to begin a line.
    pub fn heading(self, lang: Lang) -> String {
        let name = self.name(lang);
        let mut chars = name.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }
}

/// One phase of a cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// How long after the start date the phase begins (the first phase must
    /// begin at the start date).
    #[serde(default)]
    pub from: Span,
    /// The longest time allowed between sessions in this phase.
    pub every: Span,
}

/// A supervision requirement: one kind, its source, and its cadence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// One supervision session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The day it took place.
    #[serde(deserialize_with = "crate::dates::strict")]
    pub date: NaiveDate,
    /// Its kind.
    pub kind: SupervisionKind,
}

/// A peer supporter's supervision log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindStatus<T = Text> {
    /// The kind.
    pub kind: SupervisionKind,
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
    /// Due intervals that ended by the "as of" date.
    pub intervals_due: u32,
    /// Of those, the ones that had a session.
    pub intervals_met: u32,
    /// `intervals_met / intervals_due`, or `None` when none has ended.
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
            kind: self.kind,
            rule_id: self.rule_id.clone(),
            citation: self.citation.clone(),
            last_session: self.last_session,
            next_due: self.next_due,
            days_overdue: self.days_overdue,
            longest_gap_days: self.longest_gap_days,
            intervals_due: self.intervals_due,
            intervals_met: self.intervals_met,
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
}

impl Supervision {
    pub(crate) fn new(model: &[SupervisionRule], unit: &[SupervisionRule]) -> Self {
        let mut rules: Vec<(String, SupervisionRule)> = model
            .iter()
            .filter(|m| !unit.iter().any(|u| u.kind == m.kind))
            .map(|r| (format!("model rule {}", r.id), r.clone()))
            .chain(
                unit.iter()
                    .enumerate()
                    .map(|(i, r)| (format!("policy.supervision[{i}].cadence"), r.clone())),
            )
            .collect();
        rules.sort_by_key(|(_, r)| r.kind);
        let (parameters, rules) = rules.into_iter().unzip();
        Supervision { rules, parameters }
    }

    pub(crate) fn rules(&self) -> &[SupervisionRule] {
        &self.rules
    }

    /// Evaluates `log` as of `as_of`, one status per required kind, in time
    /// linear in the number of sessions whatever the dates and cadences.
    pub(crate) fn evaluate(
        &self,
        log: &SupervisionLog,
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
        let mut by_kind: HashMap<SupervisionKind, Vec<NaiveDate>> = HashMap::new();
        for session in &log.sessions {
            by_kind.entry(session.kind).or_default().push(session.date);
        }
        self.rules
            .iter()
            .zip(&self.parameters)
            .map(|(rule, parameter)| {
                let mut dates = by_kind.remove(&rule.kind).unwrap_or_default();
                dates.sort_unstable();
                dates.dedup();
                evaluate_kind(rule, log.start, &dates, as_of).ok_or_else(|| {
                    InputError::new(parameter.clone(), InputProblem::ComputedDateOutOfRange)
                })
            })
            .collect()
    }
}

/// The day a session is due after a session (or the start) on `after`.
fn due_after(cadence: &[Phase], start: NaiveDate, after: NaiveDate) -> Option<NaiveDate> {
    let mut best: Option<NaiveDate> = None;
    for (i, phase) in cadence.iter().enumerate() {
        let phase_start = phase.from.after(start)?;
        let phase_end = match cadence.get(i + 1) {
            Some(next) => Some(next.from.after(start)?),
            None => None,
        };
        let candidate = phase.every.after(after)?.max(phase_start);
        if phase_end.is_none_or(|end| candidate < end) {
            best = Some(best.map_or(candidate, |b| b.min(candidate)));
        }
    }
    best
}

/// The due dates of a cadence from a start date: `t0` = start, then each
/// `t(k+1)` = [`due_after`]`(t(k))`. A cursor walks them forward, jumping over
/// the due dates inside a phase in one step ([`Span::times_before`]), so that
/// walking to any date costs time in the number of phases, not of due dates.
struct DueDates<'a> {
    cadence: &'a [Phase],
    start: NaiveDate,
    /// Each phase's first day and the next phase's first day.
    phases: Vec<(NaiveDate, Option<NaiveDate>)>,
    /// The last due date reached (the start date at first).
    at: NaiveDate,
    /// How many due dates after the start date have been passed.
    passed: u32,
}

impl<'a> DueDates<'a> {
    fn new(cadence: &'a [Phase], start: NaiveDate) -> Option<Self> {
        let begins: Vec<NaiveDate> = cadence
            .iter()
            .map(|p| p.from.after(start))
            .collect::<Option<_>>()?;
        let phases = begins
            .iter()
            .enumerate()
            .map(|(i, &b)| (b, begins.get(i + 1).copied()))
            .collect();
        Some(DueDates {
            cadence,
            start,
            phases,
            at: start,
            passed: 0,
        })
    }

    /// Walks forward over every due date before `limit`.
    fn pass_before(&mut self, limit: NaiveDate) -> Option<()> {
        loop {
            // The phase the current due date lies in; its interval governs
            // until a due date would reach the next phase.
            let phase = self
                .phases
                .iter()
                .rposition(|(begins, _)| *begins <= self.at)
                .unwrap_or(0);
            let (_, ends) = self.phases.get(phase).copied()?;
            let every = self.cadence.get(phase)?.every;
            let cap = ends.map_or(limit, |end| end.min(limit));
            let steps = every.times_before(self.at, cap)?;
            self.at = every.after_times(self.at, steps)?;
            self.passed += steps;
            // The next due date: within the phase it is at or past `limit`;
            // otherwise it opens a later phase.
            let next = due_after(self.cadence, self.start, self.at)?;
            if next >= limit {
                return Some(());
            }
            self.at = next;
            self.passed += 1;
        }
    }
}

fn evaluate_kind(
    rule: &SupervisionRule,
    start: NaiveDate,
    dates: &[NaiveDate],
    as_of: NaiveDate,
) -> Option<KindStatus> {
    let last_session = dates.last().copied();
    let next_due = due_after(&rule.cadence, start, last_session.unwrap_or(start))?;
    let days_overdue = (as_of - next_due).num_days().max(0);

    let mut longest_gap_days = 0;
    let mut previous = start;
    for &day in dates.iter().chain(std::iter::once(&as_of)) {
        longest_gap_days = longest_gap_days.max((day - previous).num_days());
        previous = day;
    }

    // Due intervals: [t0, t1], then (t(k-1), t(k)]. A session on `day` falls
    // in interval 1 + (the number of due dates after t0 and before `day`).
    let mut due = DueDates::new(&rule.cadence, start)?;
    let mut intervals_met = 0u32;
    let mut last_met = 0u32;
    for &day in dates {
        due.pass_before(day)?;
        let interval = due.passed + 1;
        if interval != last_met {
            intervals_met += 1;
            last_met = interval;
        }
    }
    due.pass_before(as_of.succ_opt()?)?;
    let intervals_due = due.passed;
    // A session after the last ended interval falls in one still running.
    if last_met > intervals_due {
        intervals_met -= 1;
    }
    Some(KindStatus {
        kind: rule.kind,
        rule_id: rule.id.clone(),
        citation: rule.citation.clone(),
        last_session,
        next_due,
        days_overdue,
        longest_gap_days,
        intervals_due,
        intervals_met,
        compliance: (intervals_due > 0)
            .then(|| f64::from(intervals_met) / f64::from(intervals_due)),
        cadence_source: rule.cadence_source.clone(),
        message: rule.message.clone(),
    })
}

/// Checks a document's supervision rules: ids, texts, citation, and a cadence
/// of at most [`MAX_PHASES`](limits::MAX_PHASES) phases whose first begins at
/// the start date, whose phases begin in order, and whose intervals are pure,
/// not empty and within the limits. At most one rule per kind.
pub(crate) fn validate(
    document: &str,
    rules: &[SupervisionRule],
    taken_ids: &mut HashSet<String>,
) -> Result<(), PolicyError> {
    use crate::validate::{check_rule, check_span, check_text};
    let reference = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    let mut kinds = HashSet::new();
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
        let bad = |p: String, problem| PolicyError::Shape {
            document: document.to_owned(),
            path: p,
            problem,
        };
        if !kinds.insert(rule.kind) {
            return Err(bad(format!("{path}.kind"), ShapeProblem::DuplicateKind));
        }
        let Some(first) = rule.cadence.first() else {
            return Err(bad(format!("{path}.cadence"), ShapeProblem::NoPhases));
        };
        if rule.cadence.len() > limits::MAX_PHASES {
            return Err(PolicyError::Limit {
                document: document.to_owned(),
                path: format!("{path}.cadence"),
                limit: Limit::Phases,
            });
        }
        if !first.from.is_zero() {
            return Err(bad(
                format!("{path}.cadence[0].from"),
                ShapeProblem::FirstPhaseLate,
            ));
        }
        let mut previous = None;
        for (j, phase) in rule.cadence.iter().enumerate() {
            let at = format!("{path}.cadence[{j}]");
            check_span(document, &format!("{at}.from"), phase.from, false)?;
            check_span(document, &format!("{at}.every"), phase.every, true)?;
            if phase.every.is_zero() {
                return Err(bad(format!("{at}.every"), ShapeProblem::EmptySpan));
            }
            // `None` orders first: the first phase has nothing before it.
            let begins = phase.from.after(reference);
            if begins <= previous {
                return Err(bad(format!("{at}.from"), ShapeProblem::PhasesOutOfOrder));
            }
            previous = begins;
        }
    }
    Ok(())
}
