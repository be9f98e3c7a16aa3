//! Implementation readiness through the public API.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use peer_support::readiness::Fact;
use peer_support::{Engine, IdMap, InputProblem, ModelId};

fn facts(items: &[(&str, Fact)]) -> IdMap<Fact> {
    items.iter().map(|(id, f)| ((*id).to_owned(), *f)).collect()
}

#[test]
fn skane_needs_room_phone_and_a_designated_clinician() {
    let engine = Engine::builtin(ModelId::SkaneMentor).unwrap();
    let report = engine
        .readiness(
            &facts(&[
                ("skane.ready.own_room", Fact::Done(true)),
                ("skane.ready.phone", Fact::Done(true)),
            ]),
            true,
        )
        .unwrap();
    assert!(!report.ready);
    let missing: Vec<_> = report.missing.iter().map(|f| f.rule_id.as_str()).collect();
    assert_eq!(missing, ["skane.ready.designated_clinician"]);
    let score = report.components[0].score.unwrap();
    assert!((score - 2.0 / 3.0).abs() < 1e-9);
    assert!(report.scale.en.contains("project's own scale"));
}

#[test]
fn a_counted_item_scores_its_share_and_ongoing_items_wait_for_the_start() {
    let engine = Engine::builtin(ModelId::Rkc).unwrap();
    let one_session = facts(&[("rkc.ready.information_sessions", Fact::Count(1))]);
    let report = engine.readiness(&one_session, false).unwrap();
    let information = report
        .components
        .iter()
        .find(|c| c.component == "information")
        .unwrap();
    // 0.5 for one of two sessions, 0 for each of the two unreported items.
    assert!((information.score.unwrap() - 0.5 / 3.0).abs() < 1e-9);
    assert_eq!(information.in_place, 0);

    let nsph = Engine::builtin(ModelId::Nsph).unwrap();
    let before = nsph.readiness(&IdMap::default(), false).unwrap();
    assert_eq!(
        before.not_yet_due,
        [
            "nsph.ready.full_staff_member",
            "nsph.ready.contact_with_managers"
        ]
    );
    let after = nsph.readiness(&IdMap::default(), true).unwrap();
    assert!(after.not_yet_due.is_empty());
    assert!(after
        .missing
        .iter()
        .any(|f| f.rule_id == "nsph.ready.contact_with_managers"));
}

#[test]
fn facts_must_name_known_items_with_the_right_type() {
    let engine = Engine::builtin(ModelId::Rkc).unwrap();
    // The unknown id is named by its position, never repeated.
    let err = engine
        .readiness(
            &facts(&[
                ("rkc.ready.own_room", Fact::Done(true)),
                ("rkc.ready.sauna", Fact::Done(true)),
            ]),
            false,
        )
        .unwrap_err();
    assert_eq!(
        (err.path.as_str(), err.problem),
        ("[1]", InputProblem::UnknownReadinessItem)
    );
    assert!(!err.to_string().contains("sauna"), "{err}");
    let err = engine
        .readiness(&facts(&[("rkc.ready.own_room", Fact::Count(1))]), false)
        .unwrap_err();
    assert_eq!(err.problem, InputProblem::WrongFactType);
    let err = engine
        .readiness(
            &facts(&[("rkc.ready.information_sessions", Fact::Done(true))]),
            false,
        )
        .unwrap_err();
    assert_eq!(err.problem, InputProblem::WrongFactType);
}

#[test]
fn the_components_in_force_are_the_models() {
    let engine = Engine::builtin(ModelId::Rkc).unwrap();
    let components = engine.readiness_components();
    assert!(components.iter().any(|c| c.component == "information"));
    let items: usize = components.iter().map(|c| c.items.len()).sum();
    let report = engine.readiness(&IdMap::default(), true).unwrap();
    // Every item of every component is due once a supporter has started.
    assert_eq!(report.missing.len(), items);
    assert_eq!(report.components.len(), components.len());
}

#[test]
fn a_component_with_nothing_due_has_no_score() {
    // A unit component whose only item is ongoing: before the start nothing
    // of it is due, so it has no score (not 0, not NaN).
    let unit = r#"{"schema_version": 2, "id": "u", "extends": "rkc", "readiness": [{
        "component": "u.follow_up", "label": {"sv": "Uppföljning", "en": "Follow-up"},
        "items": [{"id": "u.ready.follow_up", "when": "ongoing",
                   "citation": {"source": "s", "line": 1, "quote": "q"},
                   "message": {"sv": "m", "en": "m"}}]}]}"#;
    let engine = Engine::new(peer_support::Policy::from_json(unit).unwrap());
    let before = engine.readiness(&IdMap::default(), false).unwrap();
    let follow_up = |r: &peer_support::readiness::ReadinessReport| {
        r.components
            .iter()
            .find(|c| c.component == "u.follow_up")
            .map(|c| (c.score, c.due))
            .unwrap()
    };
    assert_eq!(follow_up(&before), (None, 0));
    let after = engine.readiness(&IdMap::default(), true).unwrap();
    assert_eq!(follow_up(&after), (Some(0.0), 1));
}

#[test]
fn a_units_readiness_components_are_checked_when_loading() {
    let unit = |component: &str, item: &str| {
        format!(
            r#"{{"schema_version": 2, "id": "u", "extends": "rkc", "readiness": [{{
            "component": "{component}", "label": {{"sv": "K", "en": "C"}},
            "items": [{{"id": "u.ready.x", "when": "before_start", {item}
                       "citation": {{"source": "s", "line": 1, "quote": "q"}},
                       "message": {{"sv": "m", "en": "m"}}}}]}}]}}"#
        )
    };
    assert!(peer_support::Policy::from_json(&unit("u.c", "")).is_ok());
    for (document, path) in [
        (unit("information", ""), "readiness[0].component"),
        (unit("u.c", r#""count": 0,"#), "readiness[0].items[0].count"),
        (
            unit("u.c", "").replace(r#""id": "u.ready.x""#, r#""id": "rkc.ready.own_room""#),
            "readiness[0].items[0].id",
        ),
    ] {
        let err = peer_support::Policy::from_json(&document).unwrap_err();
        assert_eq!(err.path(), Some(path), "{err}");
    }
}
