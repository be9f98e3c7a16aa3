//! The policy report, deviations and parameters through the public API.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use peer_support::policy_report::{Change, PolicyReport, POLICY_REPORT_VERSION};
use peer_support::{Engine, Lang, ModelId, Origin, Outcome, ParameterSource, Policy, PolicyError};
use serde_json::json;

fn malmo() -> Engine {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/policies/malmo_mentors.json"
    );
    Engine::new(Policy::from_file(path).unwrap())
}

fn change_of<'a>(
    report: &'a PolicyReport,
    id: &str,
) -> &'a peer_support::policy_report::ActionChange {
    report.actions.iter().find(|a| a.id == id).unwrap()
}

#[test]
fn the_malmo_sample_departs_from_one_should_not_and_tightens_one_task() {
    let engine = malmo();
    let decision = engine.decide("availability.around_the_clock");
    assert_eq!(decision.outcome(), Outcome::AllowedWithConditions);
    assert_eq!(
        decision
            .deviations()
            .iter()
            .map(|d| d.model_rule.as_str())
            .collect::<Vec<_>>(),
        ["skane.warning.around_the_clock"]
    );
    // The model's should-not does not decide any more; the unit's rule does.
    assert_eq!(
        decision.rule_ids().collect::<Vec<_>>(),
        ["malmo.mentor.phone_evenings"]
    );
    let sv = decision.explain(Lang::Sv);
    let en = decision.explain(Lang::En);
    assert!(
        sv.contains("- Avvikelse från modellens regel skane.warning.around_the_clock"),
        "{sv}"
    );
    assert!(
        en.contains("The unit's reason: The clinic's patients travel far"),
        "{en}"
    );
    assert!(
        sv.contains("Villkor för peer supportern:") && sv.contains("Arbetsgivarens ansvar:"),
        "{sv}"
    );
    // The peer supporter's condition comes before the employer's.
    assert!(
        sv.find("Villkor för peer supportern").unwrap() < sv.find("Arbetsgivarens ansvar").unwrap()
    );

    let report = PolicyReport::new(&engine, Lang::En).unwrap();
    assert_eq!(report.report_version, POLICY_REPORT_VERSION);
    assert_eq!(report.model, ModelId::SkaneMentor);
    let clock = change_of(&report, "availability.around_the_clock");
    assert_eq!(
        (clock.model, clock.unit, clock.change),
        (
            Some(Outcome::ShouldNot),
            Outcome::AllowedWithConditions,
            Change::Deviation
        )
    );
    assert_eq!(clock.deviations.len(), 1);
    let details = change_of(&report, "disclosure.trauma_details_patients");
    assert_eq!(
        (details.model, details.unit, details.change),
        (
            Some(Outcome::NotAddressed),
            Outcome::Forbidden,
            Change::DecidedByUnit
        )
    );
    let changed: Vec<&str> = report
        .actions
        .iter()
        .filter(|a| a.change != Change::Unchanged)
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(
        changed,
        [
            "disclosure.trauma_details_patients",
            "availability.around_the_clock"
        ]
    );
    assert_eq!(report.deviations.len(), 1);
    // The one parameter the unit sets: when its mentor course counts as
    // completed.
    let set: Vec<&str> = report
        .parameters
        .iter()
        .filter(|p| p.set_by_unit)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(set, ["certification.course_min_meetings"]);

    let text = PolicyReport::new(&engine, Lang::Sv).unwrap().to_text();
    assert!(
        text.contains("1. Arbetsuppgifter (48 i katalogen, 2 ändrade av enheten)"),
        "{text}"
    );
    assert!(
        text.contains("bör inte göras → tillåtet med villkor (avvikelse)"),
        "{text}"
    );
    assert!(
        text.contains("25 % (projektets standardvärde; källorna anger inget värde)"),
        "{text}"
    );
    // An unchanged task shows one outcome and no unit rule; a changed one
    // the model's outcome, the unit's, and the unit's rule.
    let line = |id: &str| -> Vec<&str> {
        let lines: Vec<&str> = text.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.ends_with(&format!("[{id}]")))
            .unwrap_or_else(|| panic!("{id} in {text}"));
        lines[at..(at + 2).min(lines.len())].to_vec()
    };
    let unchanged = line("patient.peer_conversation");
    assert!(
        unchanged[0].contains(": tillåtet (oförändrat)"),
        "{unchanged:?}"
    );
    assert!(!unchanged[1].contains("enhetens regler"), "{unchanged:?}");
    let changed = line("availability.around_the_clock");
    assert!(changed[0].contains(" → "), "{changed:?}");
    assert!(
        changed[1].contains("enhetens regler: malmo.mentor.phone_evenings"),
        "{changed:?}"
    );
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(json["report_version"], POLICY_REPORT_VERSION);
    assert_eq!(json["actions"].as_array().unwrap().len(), 48);
}

fn unit(extra: serde_json::Value) -> Result<Policy, PolicyError> {
    let mut policy = json!({"schema_version": 3, "id": "u", "extends": "rkc"});
    for (k, v) in extra.as_object().unwrap() {
        policy[k] = v.clone();
    }
    Policy::from_json(&policy.to_string())
}

fn rule(id: &str, action: &str, verdict: &str) -> serde_json::Value {
    let mut rule = json!({
        "id": id, "action": action, "verdict": verdict,
        "citation": {"source": "rutin.pdf", "line": 1, "quote": "q"},
        "message": {"sv": "m", "en": "m"}
    });
    if verdict == "allowed_with_conditions" {
        rule["conditions"] =
            json!([{"id": format!("{id}.c"), "on": "supporter", "text": {"sv": "c", "en": "c"}}]);
    }
    rule
}

#[test]
fn each_kind_of_change_is_named() {
    let policy = unit(json!({
        "actions": [{"id": "unit.walk", "code": 10001, "group": "practical_task",
                     "label": {"sv": "Promenera", "en": "Walk"}}],
        "boundaries": [
            rule("u.walk", "unit.walk", "allowed"),
            rule("u.notes", "journal.write_note", "forbidden"),
            rule("u.outreach", "outreach.information", "should_not"),
            rule("u.visits", "group.visit_other_organisations", "allowed_with_conditions"),
            rule("u.same", "patient.peer_conversation", "allowed"),
            rule("u.details", "disclosure.trauma_details_patients", "forbidden"),
        ]
    }))
    .unwrap();
    let report = PolicyReport::new(&Engine::new(policy), Lang::En).unwrap();
    let expect = [
        ("unit.walk", None, Outcome::Allowed, Change::AddedByUnit),
        (
            "journal.write_note",
            Some(Outcome::NotAddressed),
            Outcome::Forbidden,
            Change::DecidedByUnit,
        ),
        (
            "outreach.information",
            Some(Outcome::Allowed),
            Outcome::ShouldNot,
            Change::Tightened,
        ),
        // The same outcome with a condition more.
        (
            "group.visit_other_organisations",
            Some(Outcome::Allowed),
            Outcome::AllowedWithConditions,
            Change::Tightened,
        ),
        // A unit rule that says what the model says changes nothing.
        (
            "patient.peer_conversation",
            Some(Outcome::Allowed),
            Outcome::Allowed,
            Change::Unchanged,
        ),
        (
            "disclosure.trauma_details_patients",
            Some(Outcome::ShouldNot),
            Outcome::Forbidden,
            Change::Tightened,
        ),
        (
            "patient.treatment_advice",
            Some(Outcome::Forbidden),
            Outcome::Forbidden,
            Change::Unchanged,
        ),
    ];
    for (id, model, unit, change) in expect {
        let a = change_of(&report, id);
        assert_eq!((a.model, a.unit, a.change), (model, unit, change), "{id}");
    }
    assert_eq!(report.actions.last().unwrap().id, "unit.walk");
    assert!(report.parameters.iter().all(|p| !p.set_by_unit));
}

#[test]
fn conditions_added_to_a_conditional_task_tighten_it() {
    let policy = unit(json!({"boundaries": [rule("u.more", "disclosure.own_experience", "allowed_with_conditions")]})).unwrap();
    let report = PolicyReport::new(&Engine::new(policy), Lang::En).unwrap();
    let a = change_of(&report, "disclosure.own_experience");
    assert_eq!(
        (a.unit, a.change),
        (Outcome::AllowedWithConditions, Change::Tightened)
    );
    let rules: Vec<(&str, Origin)> = a.rules.iter().map(|r| (r.id.as_str(), r.origin)).collect();
    assert_eq!(
        rules,
        [
            ("rkc.disclosure.broad_strokes", Origin::Model),
            ("u.more", Origin::Unit)
        ]
    );
}

#[test]
fn parameters_are_checked_on_load() {
    let citation = json!({"source": "rutin.pdf", "line": 2, "quote": "q"});
    let setting = |id: &str, value: f64| json!({"id": id, "value": value, "citation": citation});
    let ok = unit(json!({"parameters": [
        setting("boundaries.practical_task_share", 0.2),
        setting("boundaries.share_min_activities", 5.0),
    ]}))
    .unwrap();
    let report = PolicyReport::new(&Engine::new(ok), Lang::En).unwrap();
    let texts: Vec<(&str, bool, &str)> = report
        .parameters
        .iter()
        .map(|p| (p.id.as_str(), p.set_by_unit, p.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            (
                "boundaries.practical_task_share",
                true,
                "Limit on the share of a peer supporter's logged activities that other duties may take up: 20% (the unit's policy, rutin.pdf, line 2: «q»)"
            ),
            (
                "boundaries.share_min_activities",
                true,
                "Minimum number of logged activities before the share is judged: 5 (the unit's policy, rutin.pdf, line 2: «q»)"
            ),
            (
                "supervision.window_months",
                false,
                "Window for supervision compliance, in months (0: the whole log): 0 (the project's default; the sources give no value)"
            ),
            (
                "certification.course_min_meetings",
                false,
                "Number of course meetings attended that counts as completing the course (0: only a reported completion counts): 0 (the project's default; the sources give no value)"
            ),
        ]
    );
    assert!(matches!(
        report.parameters[0].source,
        ParameterSource::Unit { .. }
    ));
    assert!(unit(json!({"parameters": [setting("boundaries.practical_task_share", 1.0)]})).is_ok());
    assert!(unit(json!({"parameters": [setting("boundaries.practical_task_share", 0.0)]})).is_ok());
    for (parameters, path) in [
        (
            json!([setting("boundaries.practical_task_share", 1.01)]),
            "parameters[0].value",
        ),
        (
            json!([setting("boundaries.practical_task_share", -0.01)]),
            "parameters[0].value",
        ),
        (
            json!([setting("no.such.parameter", 0.5)]),
            "parameters[0].id",
        ),
        (
            json!([setting("boundaries.share_min_activities", 2.5)]),
            "parameters[0].value",
        ),
        (
            json!([setting("boundaries.share_min_activities", 0.0)]),
            "parameters[0].value",
        ),
        (
            json!([
                setting("boundaries.practical_task_share", 0.5),
                setting("boundaries.practical_task_share", 0.4)
            ]),
            "parameters[1].id",
        ),
        (
            json!([{"id": "boundaries.practical_task_share", "value": 0.5, "citation": {"source": "rutin.pdf", "line": 0, "quote": "q"}}]),
            "parameters[0].citation.line",
        ),
    ] {
        let err = unit(json!({"parameters": parameters})).unwrap_err();
        assert_eq!(err.path(), Some(path), "{err}");
    }
}

#[test]
fn a_deviation_needs_a_reason_and_a_citation_of_its_own() {
    let policy = |deviation: serde_json::Value| {
        let mut p = json!({"schema_version": 3, "id": "u", "extends": "skane_mentor",
            "boundaries": [rule("u.r", "availability.around_the_clock", "allowed")]});
        p["deviations"] = json!([deviation]);
        Policy::from_json(&p.to_string())
    };
    let citation = json!({"source": "rutin.pdf", "line": 3, "quote": "q"});
    let reason = json!({"sv": "skäl", "en": "reason"});
    assert!(policy(json!({"model_rule": "skane.warning.around_the_clock", "reason": reason, "citation": citation})).is_ok());
    let err = policy(json!({"model_rule": "skane.warning.around_the_clock", "reason": {"sv": " ", "en": "r"}, "citation": citation})).unwrap_err();
    assert_eq!(err.path(), Some("deviations[0].reason.sv"));
    let err = policy(
        json!({"model_rule": "skane.warning.around_the_clock", "reason": reason,
                            "citation": {"source": "", "line": 3, "quote": "q"}}),
    )
    .unwrap_err();
    assert_eq!(err.path(), Some("deviations[0].citation.source"));
    // A second deviation from the same rule.
    let mut p = json!({"schema_version": 3, "id": "u", "extends": "skane_mentor",
        "boundaries": [rule("u.r", "availability.around_the_clock", "allowed")]});
    let d = json!({"model_rule": "skane.warning.around_the_clock", "reason": reason, "citation": citation});
    p["deviations"] = json!([d, d]);
    let err = Policy::from_json(&p.to_string()).unwrap_err();
    assert_eq!(err.path(), Some("deviations[1].model_rule"));
    assert_eq!(err.kind(), "shape");
}

#[test]
fn a_policy_that_departs_reads_back_equal() {
    let engine = malmo();
    let again = Policy::from_json(&engine.policy().to_json()).unwrap();
    assert_eq!(&again, engine.policy());
    assert_eq!(again.deviations(), engine.policy().deviations());
}

#[test]
fn a_cadence_reads_with_its_phases_and_the_event_a_phase_begins_from() {
    let path = format!(
        "{}/../examples/policies/texas_mhps.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let engine = Engine::new(Policy::from_file(path).unwrap());
    let texts = |report: &PolicyReport| -> Vec<String> {
        report
            .cadences
            .iter()
            .map(|c| c.cadence_text.clone())
            .collect()
    };
    let report = PolicyReport::new(&engine, Lang::En).unwrap();
    assert_eq!(
        texts(&report),
        ["7 days; from «Two-year peer specialist certification granted (Texas)» 1 month"]
    );
    let nsph = Engine::builtin(peer_support::ModelId::Nsph).unwrap();
    let report = PolicyReport::new(&nsph, Lang::Sv).unwrap();
    assert_eq!(report.cadences[0].cadence_text, "1 månad");
    // Phases from the start, and from a span after an event.
    let unit = Policy::from_json(
        r#"{"schema_version": 3, "id": "u", "extends": "rkc", "cadences": [
          {"kind": "line_or_clinical", "cadence": [{"every": {"days": 7}}, {"from": {"months": 6}, "every": {"months": 1}}],
           "citation": {"source": "rutin.pdf", "line": 1, "quote": "q"}},
          {"kind": "peer_to_peer", "cadence": [{"every": {"days": 14}},
             {"from": {"months": 1}, "from_evidence": "nsph_training_approved", "every": {"months": 2}}],
           "citation": {"source": "rutin.pdf", "line": 2, "quote": "q"}}]}"#,
    )
    .unwrap();
    let report = PolicyReport::new(&Engine::new(unit), Lang::En).unwrap();
    assert_eq!(
        texts(&report),
        [
            "7 days; from 6 months after the start 1 month",
            "14 days; from 1 month after «Completed and approved training within Peer support i Sverige» 2 months"
        ]
    );
}
