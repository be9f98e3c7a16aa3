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
use crate::error::{InputError, InputProblem, PolicyError};
use crate::language::{Lang, Text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
            (SupervisionKind::RegionalPeerGroup, Sv) => "regional peer supportergrupp",
            (SupervisionKind::RegionalPeerGroup, En) => "regional peer-supporter group",
            (SupervisionKind::LineOrClinical, Sv) => {
                "handledning av chef eller verksamhetsutvecklare"
            }
            (SupervisionKind::LineOrClinical, En) => "line or clinical supervision",
            (SupervisionKind::PeerToPeer, Sv) => "handledning av andra peer supporters",
            (SupervisionKind::PeerToPeer, En) => "supervision by other peer supporters",
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
    pub date: NaiveDate,
    /// Its kind.
    pub kind: SupervisionKind,
}

/// A peer supporter's supervision log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupervisionLog {
    /// The day the peer supporter started; cadences run from it.
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
}

impl Supervision {
    pub(crate) fn new(model: &[SupervisionRule], unit: &[SupervisionRule]) -> Self {
        let mut rules: Vec<SupervisionRule> = model
            .iter()
            .filter(|m| !unit.iter().any(|u| u.kind == m.kind))
            .chain(unit)
            .cloned()
            .collect();
        rules.sort_by_key(|r| r.kind);
        Supervision { rules }
    }

    pub(crate) fn rules(&self) -> &[SupervisionRule] {
        &self.rules
    }

    /// Evaluates `log` as of `as_of`, one status per required kind.
    pub(crate) fn evaluate(
        &self,
        log: &SupervisionLog,
        as_of: NaiveDate,
    ) -> Result<Vec<KindStatus>, InputError> {
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
        self.rules
            .iter()
            .map(|rule| {
                let mut dates: Vec<NaiveDate> = log
                    .sessions
                    .iter()
                    .filter(|s| s.kind == rule.kind)
                    .map(|s| s.date)
                    .collect();
                dates.sort_unstable();
                dates.dedup();
                evaluate_kind(rule, log.start, &dates, as_of)
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

fn evaluate_kind(
    rule: &SupervisionRule,
    start: NaiveDate,
    dates: &[NaiveDate],
    as_of: NaiveDate,
) -> Result<KindStatus, InputError> {
    let out_of_range = || InputError::new("as_of", InputProblem::DateOutOfRange);
    let last_session = dates.last().copied();
    let next_due =
        due_after(&rule.cadence, start, last_session.unwrap_or(start)).ok_or_else(out_of_range)?;
    let days_overdue = (as_of - next_due).num_days().max(0);

    let mut longest_gap_days = 0;
    let mut previous = start;
    for &day in dates.iter().chain(std::iter::once(&as_of)) {
        longest_gap_days = longest_gap_days.max((day - previous).num_days());
        previous = day;
    }

    // Due intervals: (t_k, t_{k+1}], the first one [start, t_1].
    let mut intervals_due = 0u32;
    let mut intervals_met = 0u32;
    let mut from = start;
    let mut next = dates.iter().peekable();
    loop {
        let to = due_after(&rule.cadence, start, from).ok_or_else(out_of_range)?;
        if to > as_of {
            break;
        }
        let includes_from = intervals_due == 0;
        let mut met = false;
        while let Some(&&day) = next.peek() {
            if day > to {
                break;
            }
            if day > from || (includes_from && day == from) {
                met = true;
            }
            next.next();
        }
        intervals_due += 1;
        intervals_met += u32::from(met);
        from = to;
    }
    Ok(KindStatus {
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
/// whose first phase begins at the start date, whose phases begin in order,
/// and whose intervals are not empty. At most one rule per kind.
pub(crate) fn validate(
    document: &str,
    rules: &[SupervisionRule],
    taken_ids: &mut Vec<String>,
) -> Result<(), PolicyError> {
    use crate::validate::{check_rule, check_text};
    let reference = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    for (i, rule) in rules.iter().enumerate() {
        let path = format!("supervision[{i}]");
        let id = Some(rule.id.as_str());
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
            id,
        )?;
        if rules[..i].iter().any(|r| r.kind == rule.kind) {
            return Err(PolicyError::Shape {
                document: document.to_owned(),
                path: format!("{path}.kind"),
                problem: format!(
                    "rule {}: another rule already sets this kind's cadence",
                    rule.id
                ),
            });
        }
        let bad = |p: String, what: &str| PolicyError::Shape {
            document: document.to_owned(),
            path: p,
            problem: format!("rule {}: {what}", rule.id),
        };
        let Some(first) = rule.cadence.first() else {
            return Err(bad(format!("{path}.cadence"), "needs at least one phase"));
        };
        if !first.from.is_zero() {
            return Err(bad(
                format!("{path}.cadence[0].from"),
                "the first phase must begin at the start date",
            ));
        }
        let mut previous = None;
        for (j, phase) in rule.cadence.iter().enumerate() {
            if phase.every.is_zero() {
                return Err(bad(
                    format!("{path}.cadence[{j}].every"),
                    "an interval must not be empty",
                ));
            }
            let begins = phase.from.after(reference);
            if j > 0 && begins <= previous {
                return Err(bad(
                    format!("{path}.cadence[{j}].from"),
                    "phases must begin in order",
                ));
            }
            previous = begins;
        }
    }
    Ok(())
}
