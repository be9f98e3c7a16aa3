//! Property tests of the boundary rules, the participation ladder and policy
//! loading. Each test's doc comment states its invariant in one sentence.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use peer_support::{
    check_promise, Action, BoundaryRule, Citation, Engine, ModelId, Outcome, Policy,
    PromiseOutcome, Rung, Text, UnitPolicy, Verdict, SCHEMA_VERSION,
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
        Verdict::Allowed,
        Verdict::AllowedWithConditions,
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
        vec![Text::new("villkor", "condition")]
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

fn unit(model: ModelId, actions: Vec<Action>, boundaries: Vec<BoundaryRule>) -> UnitPolicy {
    UnitPolicy {
        schema_version: SCHEMA_VERSION,
        id: "unit-under-test".to_owned(),
        extends: model,
        actions,
        boundaries,
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

    /// Any unit rule either loads and never loosens its action's decision, or
    /// is refused because it would loosen a model rule.
    #[test]
    fn unit_rules_never_loosen(model in model(), action in select(catalogue_ids()), verdict in verdict()) {
        let bare = Engine::builtin(model).unwrap();
        let result = Policy::from_unit(unit(model, vec![], vec![rule("unit.r".into(), action.clone(), verdict)]));
        let model_strictest = bare.decide(&action).reasons().iter().map(|r| r.rule.verdict).max();
        match result {
            Ok(policy) => {
                prop_assert!(model_strictest.is_none_or(|v| v <= verdict));
                prop_assert_eq!(Engine::new(policy).decide(&action).outcome(), Outcome::from(verdict.max(model_strictest.unwrap_or(verdict))));
            }
            Err(peer_support::PolicyError::Loosens { .. }) => prop_assert!(model_strictest.is_some_and(|v| v > verdict)),
            Err(other) => prop_assert!(false, "unexpected error {other}"),
        }
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
