//! Property tests of the boundary rules, the participation ladder and policy
//! loading. Each test's doc comment states its invariant in one sentence.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use peer_support::policy_report::{Change, PolicyReport};
use peer_support::{
    check_promise, Action, BoundaryRule, Citation, Condition, Deviation, Engine, Lang, ModelId,
    Outcome, Party, Policy, PolicyError, PromiseOutcome, Rung, ShapeProblem, Text, UnitPolicy,
    Verdict,
};
use proptest::prelude::*;
use proptest::sample::select;

fn model() -> impl Strategy<Value = ModelId> {
    select(ModelId::ALL.to_vec())
}

fn rung() -> impl Strategy<Value = Rung> {
    select(Rung::ALL.to_vec())
}

fn verdict() -> impl Strategy<Value = Verdict> {
    select(vec![
        Verdict::NotAddressed,
        Verdict::Allowed,
        Verdict::AllowedWithConditions,
        Verdict::ShouldNot,
        Verdict::Forbidden,
    ])
}

/// The verdicts a unit's rule may give (a note is a model's).
fn unit_verdict() -> impl Strategy<Value = Verdict> {
    select(vec![
        Verdict::Allowed,
        Verdict::AllowedWithConditions,
        Verdict::ShouldNot,
        Verdict::Forbidden,
    ])
}

fn catalogue_ids() -> Vec<String> {
    Engine::builtin(ModelId::Rkc)
        .unwrap()
        .actions()
        .iter()
        .map(|a| a.id.clone())
        .collect()
}

fn rule(id: String, action: String, verdict: Verdict) -> BoundaryRule {
    let conditions = if verdict == Verdict::AllowedWithConditions {
        vec![Condition {
            id: format!("{id}.condition"),
            on: Party::Supporter,
            text: Text::new("villkor", "condition"),
        }]
    } else {
        Vec::new()
    };
    BoundaryRule {
        id,
        action,
        verdict,
        conditions,
        citation: Citation::new("unit-rules.pdf", 1, "enhetens regel"),
        message: Text::new("enhetens regel", "the unit's rule"),
    }
}

/// Every forbidding rule of every model, with its model.
fn forbidding_rules() -> Vec<(ModelId, BoundaryRule)> {
    let rules: Vec<(ModelId, BoundaryRule)> = ModelId::ALL
        .into_iter()
        .flat_map(|model| {
            Engine::builtin(model)
                .unwrap()
                .policy()
                .model_document()
                .boundaries
                .iter()
                .filter(|r| r.verdict == Verdict::Forbidden)
                .map(|r| (model, r.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(!rules.is_empty());
    rules
}

fn deviation(model_rule: &str) -> Deviation {
    Deviation {
        model_rule: model_rule.to_owned(),
        reason: Text::new("enhetens skäl", "the unit's reason"),
        citation: Citation::new("unit-routine.pdf", 2, "enhetens rutin"),
    }
}

fn unit(model: ModelId, actions: Vec<Action>, boundaries: Vec<BoundaryRule>) -> UnitPolicy {
    UnitPolicy {
        id: "unit-under-test".to_owned(),
        actions,
        boundaries,
        ..UnitPolicy::bare(model)
    }
}

/// The outcome a tiny reference model gives: the most restrictive verdict of
/// the rules naming the action, or "not addressed" when none does.
fn reference_outcome(policy: &Policy, action: &str) -> Outcome {
    policy
        .boundary_rules()
        .filter(|(_, r)| r.action == action)
        .map(|(_, r)| r.verdict)
        .max()
        .map_or(Outcome::NotAddressed, Outcome::from)
}

proptest! {
    /// Every catalogue action gets exactly one decision, the same each time it
    /// is asked in any order, and it equals the reference model's outcome.
    #[test]
    fn every_action_has_one_stable_decision(model in model(), order in Just(catalogue_ids()).prop_shuffle()) {
        let engine = Engine::builtin(model).unwrap();
        let first: Vec<_> = engine.actions().iter().map(|a| engine.decide(&a.id).clone()).collect();
        for id in &order {
            let decision = engine.decide(id);
            let index = engine.actions().iter().position(|a| &a.id == id).unwrap();
            prop_assert_eq!(decision, &first[index]);
            prop_assert_eq!(decision.outcome(), reference_outcome(engine.policy(), id));
            prop_assert!(decision.reasons().iter().all(|r| Outcome::from(r.rule.verdict) == decision.outcome()));
        }
    }

    /// Adding forbidding unit rules never turns a forbidden action into an
    /// allowed one, and every action they name ends up forbidden.
    #[test]
    fn forbidding_rules_only_tighten(model in model(), targets in proptest::collection::vec(select(catalogue_ids()), 0..8)) {
        let bare = Engine::builtin(model).unwrap();
        let rules = targets.iter().enumerate()
            .map(|(i, action)| rule(format!("unit.forbid.{i}"), action.clone(), Verdict::Forbidden))
            .collect();
        let engine = Engine::new(Policy::from_unit(unit(model, vec![], rules)).unwrap());
        for action in bare.actions() {
            let before = bare.decide(&action.id).outcome();
            let after = engine.decide(&action.id).outcome();
            if before == Outcome::Forbidden {
                prop_assert_eq!(after, Outcome::Forbidden);
            }
            if targets.contains(&action.id) {
                prop_assert_eq!(after, Outcome::Forbidden);
            }
        }
    }

    /// A unit rule, with or without deviations from the model's should-not
    /// rules for its action, either loads and decides the action by the
    /// strictest verdict still in force — so a forbidden action stays
    /// forbidden, and a should-not becomes allowed only where a deviation
    /// departs from it — or is refused for exactly the reason that applies.
    #[test]
    fn unit_rules_loosen_only_through_deviations(
        model in model(),
        action in select(catalogue_ids()),
        verdict in verdict(),
        deviate in any::<bool>(),
    ) {
        let bare = Engine::builtin(model).unwrap();
        let model_rules: Vec<BoundaryRule> = bare
            .policy()
            .model_document()
            .boundaries
            .iter()
            .filter(|r| r.action == action)
            .cloned()
            .collect();
        let should_not: Vec<&BoundaryRule> = model_rules
            .iter()
            .filter(|r| r.verdict == Verdict::ShouldNot)
            .collect();
        let deviations: Vec<Deviation> = if deviate {
            should_not.iter().map(|r| deviation(&r.id)).collect()
        } else {
            Vec::new()
        };
        let mut policy = unit(model, vec![], vec![rule("unit.r".into(), action.clone(), verdict)]);
        policy.deviations = deviations.clone();
        let stricter = |v: Verdict| model_rules.iter().any(|r| r.verdict == v && v > verdict);
        match Policy::from_unit(policy) {
            Ok(policy) => {
                let engine = Engine::new(policy);
                let decision = engine.decide(&action);
                let in_force = model_rules
                    .iter()
                    .filter(|r| !deviations.iter().any(|d| d.model_rule == r.id))
                    .map(|r| r.verdict)
                    .chain([verdict])
                    .max()
                    .unwrap();
                prop_assert_eq!(decision.outcome(), Outcome::from(in_force));
                if bare.decide(&action).outcome() == Outcome::Forbidden {
                    prop_assert_eq!(decision.outcome(), Outcome::Forbidden);
                }
                let departed = !decision.deviations().is_empty();
                if bare.decide(&action).outcome() == Outcome::ShouldNot && decision.outcome().is_allowed() {
                    prop_assert!(departed);
                }
                prop_assert_eq!(departed, !deviations.is_empty());
            }
            Err(PolicyError::Loosens { .. }) => {
                // A model rule stricter than the unit's that no deviation
                // can depart from.
                prop_assert!(stricter(Verdict::Forbidden) || stricter(Verdict::AllowedWithConditions));
            }
            Err(PolicyError::Shape { problem: ShapeProblem::NoteInUnit, .. }) => {
                // A unit's rule decides; a note is a model's.
                prop_assert_eq!(verdict, Verdict::NotAddressed);
            }
            Err(PolicyError::DepartsWithoutDeviation { .. }) => {
                prop_assert!(!deviate && stricter(Verdict::ShouldNot));
            }
            Err(PolicyError::Shape { problem: ShapeProblem::UnusedDeviation, .. }) => {
                prop_assert!(deviate && !stricter(Verdict::ShouldNot));
            }
            Err(other) => prop_assert!(false, "unexpected error {other}"),
        }
    }

    /// A unit rule on a task a model forbids, whatever its verdict and with
    /// or without a deviation from the forbidding rule, either forbids it
    /// too — and the task stays forbidden — or is refused, naming the
    /// model's rule.
    #[test]
    fn nothing_unforbids_a_forbidden_action(
        (model, forbidding) in select(forbidding_rules()),
        verdict in verdict(),
        deviate in any::<bool>(),
    ) {
        let mut policy = unit(model, vec![], vec![rule("unit.r".into(), forbidding.action.clone(), verdict)]);
        if deviate {
            policy.deviations = vec![deviation(&forbidding.id)];
        }
        match Policy::from_unit(policy) {
            Ok(policy) => {
                prop_assert!(!deviate && verdict == Verdict::Forbidden);
                let engine = Engine::new(policy);
                prop_assert_eq!(engine.decide(&forbidding.action).outcome(), Outcome::Forbidden);
            }
            Err(PolicyError::CannotDepart { model_rule, path, .. }) => {
                prop_assert!(deviate);
                prop_assert_eq!(model_rule, forbidding.id.clone());
                prop_assert_eq!(path, "deviations[0].model_rule");
            }
            Err(PolicyError::Shape { problem: ShapeProblem::NoteInUnit, .. }) => {
                prop_assert!(!deviate && verdict == Verdict::NotAddressed);
            }
            Err(PolicyError::Loosens { model_rule, path, .. }) => {
                prop_assert!(!deviate && verdict < Verdict::Forbidden);
                prop_assert_eq!(model_rule, forbidding.id.clone());
                prop_assert_eq!(path, "boundaries[0].verdict");
            }
            Err(other) => prop_assert!(false, "unexpected error {other}"),
        }
    }

    /// Every deviation of a policy that loads appears in its policy report,
    /// on the action it departs for, and in the audit of a unit under it.
    #[test]
    fn every_deviation_is_reported(model in model(), verdicts in proptest::collection::vec(unit_verdict(), 1..4)) {
        let bare = Engine::builtin(model).unwrap();
        let should_not: Vec<BoundaryRule> = bare
            .policy()
            .model_document()
            .boundaries
            .iter()
            .filter(|r| r.verdict == Verdict::ShouldNot)
            .cloned()
            .collect();
        let rules: Vec<BoundaryRule> = should_not
            .iter()
            .zip(verdicts.iter().cycle())
            .enumerate()
            .map(|(i, (r, v))| rule(format!("unit.r{i}"), r.action.clone(), *v))
            .collect();
        let deviations: Vec<Deviation> = should_not
            .iter()
            .zip(&rules)
            .filter(|(_, unit_rule)| unit_rule.verdict < Verdict::ShouldNot)
            .map(|(r, _)| deviation(&r.id))
            .collect();
        let rules = rules.into_iter().filter(|r| r.verdict < Verdict::ShouldNot).collect();
        let mut policy = unit(model, vec![], rules);
        policy.deviations = deviations.clone();
        let loaded = Policy::from_unit(policy.clone());
        prop_assert!(loaded.is_ok(), "{:?}", loaded.err());
        let engine = Engine::new(loaded.unwrap());
        let report = PolicyReport::new(&engine, Lang::En).unwrap();
        let reported: Vec<&str> = report.deviations.iter().map(|d| d.model_rule.as_str()).collect();
        let expected: Vec<&str> = deviations.iter().map(|d| d.model_rule.as_str()).collect();
        prop_assert_eq!(&reported, &expected);
        for d in &deviations {
            let action = &should_not.iter().find(|r| r.id == d.model_rule).unwrap().action;
            let change = report.actions.iter().find(|a| &a.id == action).unwrap();
            prop_assert_eq!(change.change, Change::Deviation);
        }
        let record = format!(
            r#"{{"schema_version":3,"unit_id":"u","model":"{model}","policy":{},"as_of":"2026-01-01"}}"#,
            serde_json::to_string(&policy).unwrap()
        );
        let audit = peer_support::audit::run(&record, Lang::Sv).unwrap();
        let audited: Vec<&str> = audit
            .boundaries
            .deviations
            .iter()
            .map(|d| d.deviation.model_rule.as_str())
            .collect();
        prop_assert_eq!(audited, expected);
    }

    /// The policy report of a bare model lists no change: every action and
    /// parameter unchanged, no deviation.
    #[test]
    fn a_bare_model_changes_nothing(model in model(), lang in select(Lang::ALL.to_vec())) {
        let report = PolicyReport::new(&Engine::builtin(model).unwrap(), lang).unwrap();
        prop_assert!(report.actions.iter().all(|a| a.change == Change::Unchanged && a.model == Some(a.unit)));
        prop_assert!(report.parameters.iter().all(|p| !p.set_by_unit && p.value == p.default));
        prop_assert!(report.deviations.is_empty());
    }

    /// The ladder's order is total and agrees with each rung's rank.
    #[test]
    fn ladder_order_agrees_with_rank(a in rung(), b in rung()) {
        prop_assert_eq!(a.cmp(&b), a.rank().cmp(&b.rank()));
        prop_assert!((a < b) as u8 + (a == b) as u8 + (a > b) as u8 == 1);
        prop_assert_eq!(Rung::from_rank(a.rank()), Some(a));
    }

    /// Promised-versus-delivered is kept on equal rungs, exceeded above and
    /// not kept below, exactly as the ladder's order says.
    #[test]
    fn promise_check_agrees_with_ladder(promised in rung(), delivered in rung()) {
        let expected = match delivered.cmp(&promised) {
            std::cmp::Ordering::Equal => PromiseOutcome::Kept,
            std::cmp::Ordering::Greater => PromiseOutcome::Exceeded,
            std::cmp::Ordering::Less => PromiseOutcome::NotKept,
        };
        prop_assert_eq!(check_promise(Some(promised), delivered).outcome, expected);
        prop_assert_eq!(check_promise(None, delivered).outcome, PromiseOutcome::Unstated);
    }

    /// Any policy that loads serializes to JSON that reloads to an equal policy.
    #[test]
    fn loaded_policies_round_trip(
        model in model(),
        n_actions in 0usize..4,
        picks in proptest::collection::vec((select(catalogue_ids()), verdict(), any::<bool>()), 0..6),
    ) {
        let actions: Vec<Action> = (0..n_actions).map(|i| Action {
            id: format!("unit.action.{i}"),
            code: 10_000 + i as u32,
            group: peer_support::ActionGroup::PracticalTask,
            label: Text::new(format!("åtgärd {i}"), format!("action {i}")),
            boundary_note: None,
        }).collect();
        let rules = picks.into_iter().enumerate().map(|(i, (action, verdict, own))| {
            let action = if own && n_actions > 0 { format!("unit.action.{}", i % n_actions) } else { action };
            rule(format!("unit.rule.{i}"), action, verdict)
        }).collect();
        if let Ok(policy) = Policy::from_unit(unit(model, actions, rules)) {
            let reloaded = Policy::from_json(&policy.to_json()).unwrap();
            prop_assert_eq!(&reloaded, &policy);
            prop_assert_eq!(reloaded.unit(), policy.unit());
        }
    }
}

// ---- Supervision cadence ----------------------------------------------------

use peer_support::supervision::{Phase, SupervisionRule};
use peer_support::{NaiveDate, Session, Span, SupervisionKind, SupervisionLog};

const KIND: &str = "line_or_clinical";

fn span(days_only: bool) -> impl Strategy<Value = Span> {
    if days_only {
        (1u32..60).prop_map(Span::days).boxed()
    } else {
        prop_oneof![
            (1u32..60).prop_map(Span::days),
            (1u32..15).prop_map(Span::months)
        ]
        .boxed()
    }
}

/// A cadence of one to three phases, the first at the start date.
fn cadence(days_only: bool) -> impl Strategy<Value = Vec<Phase>> {
    (
        span(days_only),
        proptest::collection::vec((1u32..200, span(days_only)), 0..3),
    )
        .prop_map(|(first, later)| {
            let mut from = 0;
            std::iter::once(Phase {
                from: Span::default(),
                from_evidence: None,
                every: first,
            })
            .chain(later.into_iter().map(|(gap, every)| {
                from += gap;
                Phase {
                    from: Span::days(from),
                    from_evidence: None,
                    every,
                }
            }))
            .collect()
        })
}

fn engine_with(cadence: Vec<Phase>) -> Engine {
    let rule = SupervisionRule {
        id: "unit.cadence".to_owned(),
        kind: SupervisionKind::from(KIND),
        cadence,
        cadence_source: Text::new("enhetens", "the unit's"),
        citation: Citation::new("unit.pdf", 1, "q"),
        message: Text::new("m", "m"),
    };
    let unit = UnitPolicy {
        supervision: vec![rule],
        ..UnitPolicy::bare(ModelId::Rkc)
    };
    Engine::new(Policy::from_unit(unit).unwrap())
}

/// A start date, session offsets from it, and an "as of" offset not before any.
fn log_parts() -> impl Strategy<Value = (NaiveDate, Vec<u32>, u32)> {
    (
        0u32..3000,
        proptest::collection::vec(0u32..900, 0..40),
        0u32..400,
    )
        .prop_map(|(s, offsets, extra)| {
            let start = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap() + chrono_days(s);
            let as_of = offsets.iter().copied().max().unwrap_or(0) + extra;
            (start, offsets, as_of)
        })
}

fn chrono_days(n: u32) -> chrono::Days {
    chrono::Days::new(u64::from(n))
}

fn make_log(start: NaiveDate, offsets: &[u32], kind: &str) -> SupervisionLog {
    SupervisionLog {
        start,
        sessions: offsets
            .iter()
            .map(|&o| Session {
                date: start + chrono_days(o),
                kind: SupervisionKind::from(kind),
            })
            .collect(),
    }
}

fn line_status(
    engine: &Engine,
    log: &SupervisionLog,
    as_of: NaiveDate,
) -> peer_support::KindStatus {
    engine
        .supervision(log, as_of)
        .unwrap()
        .into_iter()
        .find(|s| s.kind.as_str() == KIND)
        .unwrap()
}

proptest! {
    /// Adding a session never increases the days overdue.
    #[test]
    fn adding_a_session_never_increases_overdue(cadence in cadence(false), (start, offsets, as_of) in log_parts(), extra in any::<proptest::sample::Index>()) {
        let engine = engine_with(cadence);
        let as_of_date = start + chrono_days(as_of);
        let before = line_status(&engine, &make_log(start, &offsets, KIND), as_of_date);
        let mut more = offsets.clone();
        more.push(extra.index(as_of as usize + 1) as u32);
        let after = line_status(&engine, &make_log(start, &more, KIND), as_of_date);
        prop_assert!(after.days_overdue <= before.days_overdue);
    }

    /// Permuting the log never changes the result.
    #[test]
    fn permuting_the_log_changes_nothing(cadence in cadence(false), (start, offsets, as_of) in log_parts(), seed in any::<u64>()) {
        let engine = engine_with(cadence);
        let as_of = start + chrono_days(as_of);
        let mut shuffled = offsets.clone();
        // A deterministic permutation from the seed.
        shuffled.sort_by_key(|o| (u64::from(*o) ^ seed).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        prop_assert_eq!(
            engine.supervision(&make_log(start, &offsets, KIND), as_of).unwrap(),
            engine.supervision(&make_log(start, &shuffled, KIND), as_of).unwrap()
        );
    }

    /// Compliance, where defined, stays within 0 and 1, and overdue days never exceed the window's days.
    #[test]
    fn compliance_is_a_share(cadence in cadence(false), (start, offsets, as_of) in log_parts()) {
        let s = line_status(&engine_with(cadence), &make_log(start, &offsets, KIND), start + chrono_days(as_of));
        prop_assert!((0..=s.window_days).contains(&s.overdue_days));
        prop_assert!(s.compliance.is_none_or(|c| (0.0..=1.0).contains(&c)));
        prop_assert_eq!(s.compliance.is_none(), s.window_days == 0);
    }

    /// Adding a session never lowers compliance.
    #[test]
    fn a_session_more_never_lowers_compliance(cadence in cadence(false), (start, offsets, as_of) in log_parts(), extra in 0u32..1300) {
        let engine = engine_with(cadence);
        let as_of_date = start + chrono_days(as_of);
        let before = line_status(&engine, &make_log(start, &offsets, KIND), as_of_date);
        let mut more = offsets.clone();
        more.push(extra.min(as_of));
        let after = line_status(&engine, &make_log(start, &more, KIND), as_of_date);
        prop_assert!(after.overdue_days <= before.overdue_days);
        prop_assert!(after.compliance >= before.compliance);
    }

    /// With a one-phase cadence of K days, compliance is below 1 exactly when some gap between consecutive days of the start, the sessions and the "as of" date is longer than K days.
    #[test]
    fn a_gap_longer_than_the_interval_always_lowers_compliance(k in 1u32..60, (start, offsets, as_of) in log_parts()) {
        let engine = engine_with(vec![Phase { from: Span::default(), from_evidence: None, every: Span::days(k) }]);
        let s = line_status(&engine, &make_log(start, &offsets, KIND), start + chrono_days(as_of));
        let mut anchors: Vec<u32> = offsets.clone();
        anchors.extend([0, as_of]);
        anchors.sort_unstable();
        anchors.dedup();
        let longest = anchors.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0);
        prop_assert_eq!(longest > k, s.compliance.is_some_and(|c| c < 1.0), "longest gap {} interval {} {:?}", longest, k, s.compliance);
    }

    /// With a one-phase cadence of K days, making a gap that is already longer than K days longer still (moving every later session and the "as of" date later) never raises compliance.
    #[test]
    fn a_longer_gap_never_raises_compliance(k in 1u32..60, (start, offsets, as_of) in log_parts(), pick in any::<proptest::sample::Index>(), more in 1u32..400) {
        let engine = engine_with(vec![Phase { from: Span::default(), from_evidence: None, every: Span::days(k) }]);
        let mut anchors: Vec<u32> = offsets.clone();
        anchors.extend([0, as_of]);
        anchors.sort_unstable();
        anchors.dedup();
        let long: Vec<usize> = (1..anchors.len()).filter(|&i| anchors[i] - anchors[i - 1] > k).collect();
        prop_assume!(!long.is_empty());
        // The gap ending at anchor `end`: everything from it on moves later.
        let end = anchors[long[pick.index(long.len())]];
        let moved: Vec<u32> = offsets.iter().map(|&o| if o >= end { o + more } else { o }).collect();
        let before = line_status(&engine, &make_log(start, &offsets, KIND), start + chrono_days(as_of));
        let after = line_status(&engine, &make_log(start, &moved, KIND), start + chrono_days(as_of + more));
        prop_assert!(after.compliance <= before.compliance, "{:?} -> {:?}", before.compliance, after.compliance);
        prop_assert!(after.compliance.is_some_and(|c| c < 1.0));
    }

    /// For cadences counted in days, shifting every date by N days shifts every due date by N days and changes nothing else.
    #[test]
    fn shifting_dates_shifts_due_dates(cadence in cadence(true), (start, offsets, as_of) in log_parts(), shift in 0u32..5000) {
        let engine = engine_with(cadence);
        let a = line_status(&engine, &make_log(start, &offsets, KIND), start + chrono_days(as_of));
        let moved = start + chrono_days(shift);
        let b = line_status(&engine, &make_log(moved, &offsets, KIND), moved + chrono_days(as_of));
        prop_assert_eq!(b.next_due, a.next_due + chrono_days(shift));
        prop_assert_eq!(b.last_session, a.last_session.map(|d| d + chrono_days(shift)));
        prop_assert_eq!((b.days_overdue, b.longest_gap_days, b.window_days, b.overdue_days), (a.days_overdue, a.longest_gap_days, a.window_days, a.overdue_days));
    }

    /// The next due date is always after the last session (and after the start date).
    #[test]
    fn next_due_is_after_the_last_session(cadence in cadence(false), (start, offsets, as_of) in log_parts()) {
        let s = line_status(&engine_with(cadence), &make_log(start, &offsets, KIND), start + chrono_days(as_of));
        prop_assert!(s.next_due > s.last_session.unwrap_or(start));
    }

    /// Sessions of another kind never change a kind's status.
    #[test]
    fn other_kinds_never_count(cadence in cadence(false), (start, offsets, as_of) in log_parts(), others in proptest::collection::vec(0u32..900, 0..20)) {
        let engine = engine_with(cadence);
        let as_of_date = start + chrono_days(as_of);
        let mut log = make_log(start, &offsets, KIND);
        let before = line_status(&engine, &log, as_of_date);
        log.sessions.extend(others.iter().filter(|&&o| o <= as_of).map(|&o| Session { date: start + chrono_days(o), kind: SupervisionKind::from("peer_to_peer") }));
        prop_assert_eq!(line_status(&engine, &log, as_of_date), before);
    }
}

/// The reference: the due date after `after`, as the cadence module defines
/// it, computed the plain way.
fn reference_due_after(cadence: &[Phase], start: NaiveDate, after: NaiveDate) -> NaiveDate {
    cadence
        .iter()
        .enumerate()
        .filter_map(|(i, phase)| {
            let begins = phase.from.after(start).unwrap();
            let ends = cadence.get(i + 1).map(|p| p.from.after(start).unwrap());
            let candidate = phase.every.after(after).unwrap().max(begins);
            ends.is_none_or(|end| candidate < end).then_some(candidate)
        })
        .min()
        .unwrap()
}

/// The reference: the overdue days, day by day. A day `d` of the window is
/// overdue when it is after the due date from the latest anchor before it
/// (the start date, or a session before `d`).
fn reference_overdue_days(
    cadence: &[Phase],
    start: NaiveDate,
    sessions: &[NaiveDate],
    as_of: NaiveDate,
    window_from: NaiveDate,
) -> i64 {
    let mut overdue = 0;
    let mut d = start;
    while d < as_of {
        d = d.succ_opt().unwrap();
        let anchor = sessions
            .iter()
            .copied()
            .filter(|&s| s < d)
            .max()
            .unwrap_or(start)
            .max(start);
        if d >= window_from && d > reference_due_after(cadence, start, anchor) {
            overdue += 1;
        }
    }
    overdue
}

proptest! {
    /// Counting overdue days segment by segment gives what checking every day gives.
    #[test]
    fn overdue_days_count_as_checking_every_day_does(cadence in cadence(false), (start, offsets, as_of) in log_parts()) {
        let as_of = start + chrono_days(as_of);
        let log = make_log(start, &offsets, KIND);
        let s = line_status(&engine_with(cadence.clone()), &log, as_of);
        let sessions: Vec<NaiveDate> = log.sessions.iter().map(|s| s.date).collect();
        prop_assert_eq!(s.overdue_days, reference_overdue_days(&cadence, start, &sessions, as_of, start));
        prop_assert_eq!(s.window_days, (as_of - start).num_days());
    }

    /// Within a rolling window of N months, the overdue days are those of the window's days that checking every day finds overdue.
    #[test]
    fn a_window_counts_its_own_days_as_checking_every_day_does(cadence in cadence(false), (start, offsets, as_of) in log_parts(), months in 1u32..30) {
        let as_of = start + chrono_days(as_of);
        let log = make_log(start, &offsets, KIND);
        let mut unit = UnitPolicy {
            supervision: vec![SupervisionRule {
                id: "unit.cadence".to_owned(),
                kind: SupervisionKind::from(KIND),
                cadence: cadence.clone(),
                cadence_source: Text::new("enhetens", "the unit's"),
                citation: Citation::new("unit.pdf", 1, "q"),
                message: Text::new("m", "m"),
            }],
            ..UnitPolicy::bare(ModelId::Rkc)
        };
        unit.parameters = vec![peer_support::ParameterSetting {
            id: "supervision.window_months".to_owned(),
            value: f64::from(months),
            citation: Citation::new("unit.pdf", 2, "q"),
        }];
        let s = line_status(&Engine::new(Policy::from_unit(unit).unwrap()), &log, as_of);
        let from = start.max(as_of.checked_sub_months(chrono::Months::new(months)).unwrap()).succ_opt().unwrap();
        let sessions: Vec<NaiveDate> = log.sessions.iter().map(|s| s.date).collect();
        prop_assert_eq!(s.window_from, from);
        prop_assert_eq!(s.window_days, (as_of - from).num_days() + 1);
        prop_assert_eq!(s.overdue_days, reference_overdue_days(&cadence, start, &sessions, as_of, from));
        let last = sessions.iter().max().copied().unwrap_or(start);
        prop_assert_eq!(s.next_due, reference_due_after(&cadence, start, last));
    }

    /// A policy's hours within the limits read back exactly after writing.
    #[test]
    fn hours_round_trip_exactly(total in 0.0f64..=peer_support::limits::MAX_HOURS, part in 0.0f64..=1.0) {
        let by_category = total * part;
        let text = format!(
            r#"{{"schema_version":3,"id":"rt","extends":"nsph","certification":{{"renewal":{{"id":"rt.renewal","period":{{"months":24}},
            "continuing_education":{{"evidence":"continuing_education","total":{total:?},"by_category":[{{"category":"c","hours":{by_category:?}}}]}},
            "citation":{{"source":"s","line":1,"quote":"q"}},"message":{{"sv":"s","en":"e"}}}}}}}}"#
        );
        let policy = Policy::from_json(&text).unwrap();
        let again = Policy::from_json(&policy.to_json()).unwrap();
        prop_assert_eq!(&again, &policy);
        let renewal = again.unit().certification.renewal.as_ref().unwrap();
        prop_assert_eq!(renewal.continuing_education.total.to_bits(), total.to_bits());
    }
}
