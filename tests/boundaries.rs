//! Role boundaries through the public API: built-in decisions, unit policies
//! and every way a policy document can be refused.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use peer_support::{Engine, Lang, ModelId, Origin, Outcome, Policy, PolicyError};

fn rkc() -> Engine {
    Engine::builtin(ModelId::Rkc).unwrap()
}

#[test]
fn the_pmo_operations_follow_the_red_cross_report() {
    let engine = rkc();
    // "En Peer Supporter kommer sannolikt inte behöva föra
    // journalanteckningar. Däremot kommer hen behöva notera …"
    // (002…:1183-1186): notes are not expected to be needed — the model
    // does not decide them — and the other three are part of the role.
    let expected = [
        (
            "journal.write_note",
            Outcome::NotAddressed,
            "rkc.pmo.no_journal_notes",
        ),
        (
            "journal.record_participation",
            Outcome::Allowed,
            "rkc.pmo.record_participation",
        ),
        (
            "journal.read_contact_details",
            Outcome::Allowed,
            "rkc.pmo.contact_details",
        ),
        (
            "journal.book_colleague_time",
            Outcome::Allowed,
            "rkc.pmo.book_colleague",
        ),
    ];
    for (action, outcome, rule) in expected {
        let decision = engine.decide(action);
        assert_eq!(decision.outcome(), outcome, "{action}");
        assert_eq!(decision.rule_ids().collect::<Vec<_>>(), [rule]);
        let reason = &decision.reasons()[0];
        assert_eq!(reason.rule.citation.source, peer_support::SEED_RKC);
        assert!((1180..=1190).contains(&reason.rule.citation.line));
    }
    assert!(!engine.decide("journal.write_note").outcome().is_allowed());
}

#[test]
fn each_of_the_rkc_table_pairs_has_its_may_and_its_must_not() {
    let engine = rkc();
    // The fourth pair's "must not" (act in isolation) is a state of the
    // role, now a readiness item; its "may" stays.
    let pairs = [
        (
            "patient.everyday_and_future",
            Some("patient.treatment_advice"),
        ),
        (
            "staff.complement_resource",
            Some("staff.perform_other_staff_tasks"),
        ),
        (
            "patient.recovery_and_coherence",
            Some("patient.past_focused_therapy"),
        ),
        ("staff.joint_development", None),
        ("relatives.supportive_work", Some("relatives.go_between")),
    ];
    for (may, must_not) in pairs {
        assert_eq!(engine.decide(may).outcome(), Outcome::Allowed, "{may}");
        let line = engine.decide(may).reasons()[0].rule.citation.line;
        assert!((962..=1005).contains(&line), "{may} cites line {line}");
        let Some(must_not) = must_not else { continue };
        assert_eq!(
            engine.decide(must_not).outcome(),
            Outcome::Forbidden,
            "{must_not}"
        );
        let line = engine.decide(must_not).reasons()[0].rule.citation.line;
        assert!((962..=1005).contains(&line), "{must_not} cites line {line}");
    }
    assert_eq!(
        engine.decide("staff.act_in_isolation").outcome(),
        Outcome::Retired
    );
    assert!(engine
        .readiness_components()
        .iter()
        .flat_map(|c| &c.items)
        .any(|i| i.id == "rkc.ready.not_in_isolation"));
}

#[test]
fn sharing_experience_is_allowed_only_in_broad_strokes() {
    let decision = rkc().decide("disclosure.own_experience").clone();
    assert_eq!(decision.outcome(), Outcome::AllowedWithConditions);
    let conditions: Vec<_> = decision
        .conditions()
        .map(|c| c.text.get(Lang::En))
        .collect();
    assert!(conditions.contains(&"In broad strokes, without details."));
    assert!(decision.explain(Lang::Sv).contains("i stora drag"));
}

#[test]
fn nsph_allows_an_occasional_practical_task_and_discourages_other_staffs_tasks() {
    let engine = Engine::builtin(ModelId::Nsph).unwrap();
    // "Nej, absolut inte. Här får vi ibland vara lite pragmatiska"
    // (000…:1530-1533): the task is occasional by its definition.
    let occasional = engine.decide("practical.occasional_task");
    assert_eq!(occasional.outcome(), Outcome::Allowed);
    assert!(occasional
        .action()
        .and_then(|a| a.boundary_note.as_ref())
        .is_some_and(|note| note.en.contains("single occasions")));
    // "gardera oss mot att rollen urholkas" (000…:1534): guarding against,
    // not a ban.
    assert_eq!(
        engine.decide("staff.perform_other_staff_tasks").outcome(),
        Outcome::ShouldNot
    );
    for retired in [
        "practical.other_duties_displacing_role",
        "staff.full_member",
    ] {
        assert_eq!(engine.decide(retired).outcome(), Outcome::Retired);
    }
}

#[test]
fn skane_warning_signs_are_should_nots_not_bans() {
    let engine = Engine::builtin(ModelId::SkaneMentor).unwrap();
    for action in [
        "availability.around_the_clock",
        "patient.case_manager_or_advocate",
    ] {
        let decision = engine.decide(action);
        assert_eq!(decision.outcome(), Outcome::ShouldNot, "{action}");
        assert!(!decision.outcome().is_allowed());
        let line = decision.reasons()[0].rule.citation.line;
        assert!((2955..=2970).contains(&line), "{action} cites {line}");
        assert!(decision.explain(Lang::Sv).starts_with("Bör inte göras"));
    }
}

#[test]
fn every_model_allows_its_core_work() {
    // A peer conversation and conveying hope: NSPH (000…:1245-1314), the
    // Skåne mentors (000…:2927-2941) and RKC (002…:1345-1349).
    for model in ModelId::SOURCES {
        let engine = Engine::builtin(model).unwrap();
        for action in ["patient.peer_conversation", "patient.convey_hope"] {
            let decision = engine.decide(action);
            assert_eq!(decision.outcome(), Outcome::Allowed, "{model} {action}");
            assert_eq!(decision.reasons()[0].origin, Origin::Model);
        }
    }
}

#[test]
fn the_neutral_base_decides_nothing_and_requires_nothing() {
    let engine = Engine::builtin(ModelId::Base).unwrap();
    for decision in engine.decisions() {
        assert_eq!(
            decision.outcome(),
            Outcome::NotAddressed,
            "{:?}",
            decision.action()
        );
    }
    assert!(engine.supervision_rules().is_empty());
    let report = engine
        .certification(&[], "2026-01-01".parse().unwrap())
        .unwrap();
    assert!(report.missing.is_empty() && report.unmet_recommendations.is_empty());
    // Nothing is required: the library's words, in the met category.
    assert_eq!(report.standing, peer_support::Standing::Met);
    assert_eq!(
        (report.status.id.as_str(), report.status.category),
        ("met", peer_support::Category::Qualified)
    );
    assert_eq!(report.status.label.en, "The policy has no required items");
}

#[test]
fn an_action_a_model_does_not_address_is_not_allowed_and_says_why() {
    let engine = Engine::builtin(ModelId::Nsph).unwrap();
    let decision = engine.decide("journal.write_note");
    assert_eq!(decision.outcome(), Outcome::NotAddressed);
    assert!(!decision.outcome().is_allowed());
    assert!(decision.explain(Lang::En).contains("not allowed until"));
}

#[test]
fn an_unknown_action_is_never_allowed_and_is_not_echoed() {
    let engine = rkc();
    let decision = engine.decide("patient.secret-name-123");
    assert_eq!(decision.outcome(), Outcome::NotInCatalogue);
    assert!(decision.action().is_none());
    for lang in Lang::ALL {
        assert!(!decision.explain(lang).contains("secret"));
    }
    assert_eq!(engine.decide_code(0).outcome(), Outcome::NotInCatalogue);
}

#[test]
fn codes_and_ids_give_the_same_decision() {
    let engine = rkc();
    for action in engine.actions() {
        assert_eq!(engine.decide_code(action.code), engine.decide(&action.id));
    }
}

#[test]
fn explanations_are_in_the_requested_language() {
    let decision = rkc().decide("patient.treatment_advice").clone();
    let sv = decision.explain(Lang::Sv);
    let en = decision.explain(Lang::En);
    assert!(sv.starts_with("Inte tillåtet"));
    assert!(
        sv.contains("Ska inte ha synpunkter"),
        "the citation quotes the source"
    );
    assert!(en.starts_with("Forbidden"));
    assert!(en.contains("must not express views"));
}

const UNIT: &str = r#"{
  "schema_version": 3,
  "id": "rkc-goteborg",
  "extends": "rkc",
  "actions": [
    {"id": "unit.drive_patients", "code": 10001, "group": "practical_task",
     "label": {"sv": "Skjutsa patienter", "en": "Drive patients"}}
  ],
  "boundaries": [
    {"id": "unit.no_driving", "action": "unit.drive_patients", "verdict": "forbidden",
     "citation": {"source": "rutiner-2026.pdf", "line": 4, "quote": "Ingen personal skjutsar patienter"},
     "message": {"sv": "Enheten tillåter inte skjuts av patienter.", "en": "The unit does not allow driving patients."}},
    {"id": "unit.contact_details_logged", "action": "journal.read_contact_details", "verdict": "allowed_with_conditions",
     "conditions": [{"id": "unit.contact_details_logged.booked", "on": "supporter",
                     "text": {"sv": "Endast för bokade samtal.", "en": "Only for booked conversations."}}],
     "citation": {"source": "rutiner-2026.pdf", "line": 9, "quote": "Kontaktuppgifter används för bokning"},
     "message": {"sv": "Kontaktuppgifter används bara för bokade samtal.", "en": "Contact details are used only for booked conversations."}}
  ]
}"#;

#[test]
fn a_unit_policy_adds_actions_and_tightens_rules() {
    let engine = Engine::new(Policy::from_json(UNIT).unwrap());
    let driving = engine.decide("unit.drive_patients");
    assert_eq!(driving.outcome(), Outcome::Forbidden);
    assert_eq!(driving.reasons()[0].origin, Origin::Unit);
    assert_eq!(engine.decide_code(10001), driving);

    let contact = engine.decide("journal.read_contact_details");
    assert_eq!(contact.outcome(), Outcome::AllowedWithConditions);
    assert_eq!(
        contact.rule_ids().collect::<Vec<_>>(),
        ["unit.contact_details_logged"]
    );
    // The model's own rules are untouched.
    assert_eq!(
        engine.decide("patient.treatment_advice").outcome(),
        Outcome::Forbidden
    );
}

fn load_err(text: &str) -> PolicyError {
    Policy::from_json(text).unwrap_err()
}

fn unit_with_rule(verdict: &str, action: &str, extra: &str) -> String {
    format!(
        r#"{{"schema_version": 3, "id": "u", "extends": "rkc", "boundaries": [
        {{"id": "u.r", "action": "{action}", "verdict": "{verdict}", {extra}
          "citation": {{"source": "s", "line": 1, "quote": "q"}},
          "message": {{"sv": "m", "en": "m"}}}}]}}"#
    )
}

#[test]
fn a_unit_can_never_allow_what_the_model_forbids() {
    for verdict in ["allowed", "allowed_with_conditions", "should_not"] {
        let extra = if verdict == "allowed_with_conditions" {
            r#""conditions": [{"id": "u.r.c", "on": "supporter", "text": {"sv": "c", "en": "c"}}],"#
        } else {
            ""
        };
        let err = load_err(&unit_with_rule(verdict, "patient.treatment_advice", extra));
        match &err {
            PolicyError::Loosens {
                model_rule, path, ..
            } => {
                assert_eq!(model_rule, "rkc.limit.no_treatment_advice");
                assert_eq!(path, "boundaries[0].verdict");
            }
            other => panic!("expected Loosens, got {other:?}"),
        }
        let message = err.to_string();
        // The built-in rule is named; the unit's rule only by its position.
        assert!(message.contains("rkc.limit.no_treatment_advice") && !message.contains("u.r"));
    }
}

#[test]
fn a_unit_rule_decides_and_is_never_a_note() {
    let err = load_err(&unit_with_rule("not_addressed", "journal.write_note", ""));
    assert!(
        matches!(
            err,
            PolicyError::Shape { ref path, problem: peer_support::ShapeProblem::NoteInUnit, .. }
                if path == "boundaries[0].verdict"
        ),
        "{err:?}"
    );
}

#[test]
fn any_verdict_of_a_unit_decides_what_the_model_leaves_open() {
    for (verdict, outcome) in [
        ("allowed", Outcome::Allowed),
        ("should_not", Outcome::ShouldNot),
        ("forbidden", Outcome::Forbidden),
    ] {
        let policy = Policy::from_json(&unit_with_rule(verdict, "journal.write_note", "")).unwrap();
        let decision = Engine::new(policy).decide("journal.write_note").clone();
        assert_eq!(decision.outcome(), outcome);
        assert_eq!(decision.rule_ids().collect::<Vec<_>>(), ["u.r"]);
        assert!(decision.deviations().is_empty());
    }
}

#[test]
fn a_unit_cannot_drop_the_models_conditions() {
    let err = load_err(&unit_with_rule("allowed", "disclosure.own_experience", ""));
    assert!(
        matches!(err, PolicyError::Loosens { ref model_rule, .. } if model_rule == "rkc.disclosure.broad_strokes")
    );
}

#[test]
fn bad_documents_are_refused_with_the_path() {
    // (document, expected path)
    let cases: Vec<(String, &str)> = vec![
        (unit_with_rule("forbidden", "no.such.action", ""), "boundaries[0].action"),
        (unit_with_rule("allowed_with_conditions", "unit.x", ""), "boundaries[0].action"),
        (unit_with_rule("allowed_with_conditions", "outreach.information", ""), "boundaries[0].conditions"),
        (unit_with_rule("forbidden", "outreach.information", r#""conditions": [{"id": "u.c", "on": "supporter", "text": {"sv": "c", "en": "c"}}],"#), "boundaries[0].conditions"),
        (unit_with_rule("allowed_with_conditions", "outreach.information", r#""conditions": [{"id": "u.c", "on": "colleague", "text": {"sv": "c", "en": "c"}}],"#), "boundaries[0].conditions[0].on"),
        (unit_with_rule("allowed_with_conditions", "outreach.information", r#""conditions": [{"id": "rkc.disclosure.broad_strokes.broad_strokes", "on": "supporter", "text": {"sv": "c", "en": "c"}}],"#), "boundaries[0].conditions[0].id"),
        (unit_with_rule("allowed_with_conditions", "outreach.information", r#""conditions": [{"id": "u.c", "on": "supporter", "text": {"sv": "c", "en": " "}}],"#), "boundaries[0].conditions[0].text.en"),
        (unit_with_rule("forbidden", "staff.full_member", ""), "boundaries[0].action"),
        (unit_with_rule("forbidden", "outreach.information", "").replace(r#""quote": "q""#, r#""quote": " ""#), "boundaries[0].citation.quote"),
        (unit_with_rule("forbidden", "outreach.information", "").replace(r#""en": "m""#, r#""en": """#), "boundaries[0].message.en"),
        (unit_with_rule("forbidden", "outreach.information", "").replace(r#""id": "u.r""#, r#""id": "rkc.pmo.book_colleague""#), "boundaries[0].id"),
        (unit_with_rule("forbidden", "outreach.information", "").replace(r#""id": "u.r""#, r#""id": "U R""#), "boundaries[0].id"),
        (unit_with_rule("forbidden", "outreach.information", "").replace(r#""citation": {"source": "s", "line": 1, "quote": "q"},"#, ""), "boundaries[0].citation"),
        (unit_with_rule("forbiden", "outreach.information", ""), "boundaries[0].verdict"),
        (unit_with_rule("forbidden", "outreach.information", r#""colour": "red","#), "boundaries[0]"),
        (r#"{"schema_version": 3, "id": "u", "extends": "rkc2"}"#.to_owned(), "extends"),
        (r#"{"schema_version": 3, "id": "u"}"#.to_owned(), "extends"),
        (r#"{"schema_version": 3, "id": "u", "extends": "rkc", "actions": [
            {"id": "journal.write_note", "code": 10000, "group": "outreach", "label": {"sv": "a", "en": "b"}}]}"#.to_owned(), "actions[0].id"),
        (r#"{"schema_version": 3, "id": "u", "extends": "rkc", "actions": [
            {"id": "u.a", "code": 601, "group": "outreach", "label": {"sv": "a", "en": "b"}}]}"#.to_owned(), "actions[0].code"),
        (r#"{"schema_version": 3, "id": "u", "extends": "rkc", "actions": [
            {"id": "u.a", "code": 10000, "group": "outreach", "label": {"sv": "a", "en": "b"}},
            {"id": "u.b", "code": 10000, "group": "outreach", "label": {"sv": "a", "en": "b"}}]}"#.to_owned(), "actions[1].code"),
    ];
    for (document, path) in cases {
        let err = load_err(&document);
        assert_eq!(err.path(), Some(path), "{err}");
        assert!(err.to_string().contains(path), "{err}");
        assert!(!err.to_string().contains("u.r"), "{err}");
    }
}

#[test]
fn a_duplicate_action_code_error_names_the_code_by_position() {
    let err = load_err(
        r#"{"schema_version": 3, "id": "u", "extends": "rkc", "actions": [
            {"id": "u.a", "code": 10000, "group": "outreach", "label": {"sv": "a", "en": "b"}},
            {"id": "u.b", "code": 10000, "group": "outreach", "label": {"sv": "a", "en": "b"}}]}"#,
    );
    assert!(
        matches!(err, PolicyError::DuplicateCode { ref path, .. } if path == "actions[1].code")
    );
    assert!(!err.to_string().contains("u.b"), "{err}");
}

#[test]
fn unsupported_versions_and_malformed_json_are_refused() {
    // Version 1 was the format before modality and deviations, 2 before
    // facts that can be "no" and statuses in the model's words; 4 is a
    // future one.
    for version in [1, 2, 4] {
        let err = load_err(&format!(
            r#"{{"schema_version": {version}, "id": "u", "extends": "rkc", "future": true}}"#
        ));
        assert!(
            matches!(
                err,
                PolicyError::UnsupportedSchemaVersion { supported: 3, .. }
            ),
            "{err:?}"
        );
    }
    let err = load_err(r#"{"schema_version": 3, "id": "u", "extends": "rkc", "future": true}"#);
    assert!(matches!(err, PolicyError::Shape { .. }), "{err:?}");
    let err = load_err("{\"schema_version\": 3,\n \"id\": ");
    assert!(
        matches!(err, PolicyError::Syntax { line: 2, .. }),
        "{err:?}"
    );
    let err = load_err(r#"{"schema_version": 3, "id": "u", "extends": "rkc"} trailing"#);
    assert!(matches!(err, PolicyError::Syntax { .. }), "{err:?}");
}

#[test]
fn errors_do_not_echo_input_values() {
    let err = load_err(r#"{"schema_version": 3, "id": "u", "extends": "Anna Andersson 19800101"}"#);
    assert!(!err.to_string().contains("Anna"), "{err}");
    let err = load_err(r#"{"schema_version": 3, "id": 19800101, "extends": "rkc"}"#);
    assert!(!err.to_string().contains("19800101"), "{err}");
    assert_eq!(err.path(), Some("id"));
}

#[test]
fn a_missing_file_is_an_io_error() {
    let err = Policy::from_file("/nonexistent/unit.json").unwrap_err();
    assert!(matches!(
        err,
        PolicyError::Io {
            kind: std::io::ErrorKind::NotFound,
            ..
        }
    ));
}

#[test]
fn a_file_of_the_largest_size_is_read_and_one_byte_more_is_not() {
    // Sparse files of zeros: at the limit the file is read (and is not
    // JSON); one byte over, it is refused by its size.
    let dir = std::env::temp_dir().join(format!("peer-support-size-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("unit.json");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(peer_support::limits::MAX_DOCUMENT_BYTES as u64)
        .unwrap();
    let err = Policy::from_file(&path).unwrap_err();
    assert!(matches!(err, PolicyError::Syntax { .. }), "{err:?}");
    file.set_len(peer_support::limits::MAX_DOCUMENT_BYTES as u64 + 1)
        .unwrap();
    let err = Policy::from_file(&path).unwrap_err();
    assert!(
        matches!(
            err,
            PolicyError::Limit {
                limit: peer_support::limits::Limit::DocumentSize,
                ..
            }
        ),
        "{err:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn policies_are_equal_when_their_unit_documents_are() {
    let a = Policy::from_json(r#"{"schema_version": 3, "id": "a", "extends": "rkc"}"#).unwrap();
    let b = Policy::from_json(r#"{"schema_version": 3, "id": "b", "extends": "rkc"}"#).unwrap();
    assert_ne!(a, b);
    assert_eq!(a, Policy::from_json(&a.to_json()).unwrap());
    assert_ne!(
        Policy::builtin(ModelId::Rkc).unwrap(),
        Policy::builtin(ModelId::Nsph).unwrap()
    );
}

#[test]
fn a_unit_policy_finds_its_actions_by_id_and_code_up_to_the_largest_code() {
    // Ids short, long and longer than any the catalogue has; codes at both
    // ends of the unit range and between.
    let ids = [
        "u.a",
        "unit.goteborg.ward_7.drive_patients_home",
        "unit.goteborg.ward_7.accompany_patients_to_appointments_outside_the_ward",
    ];
    let codes = [10_000, 3_000_000_000, u32::MAX];
    let actions: Vec<String> = ids
        .iter()
        .zip(codes)
        .map(|(id, code)| {
            format!(
                r#"{{"id": "{id}", "code": {code}, "group": "practical_task", "label": {{"sv": "a", "en": "a"}}}}"#
            )
        })
        .collect();
    let text = format!(
        r#"{{"schema_version": 3, "id": "u", "extends": "rkc", "actions": [{}],
          "boundaries": [{{"id": "u.no_driving", "action": "{}", "verdict": "forbidden",
            "citation": {{"source": "s", "line": 1, "quote": "q"}},
            "message": {{"sv": "m", "en": "m"}}}}]}}"#,
        actions.join(", "),
        ids[1]
    );
    let engine = Engine::new(Policy::from_json(&text).unwrap());
    for (id, code) in ids.into_iter().zip(codes) {
        let decision = engine.decide(id);
        assert_eq!(decision.action().map(|a| a.id.as_str()), Some(id));
        assert_eq!(engine.decide_code(code), decision);
        // One byte changed, dropped or added: not in the catalogue.
        let mut changed = id.as_bytes().to_vec();
        let last = changed.len() - 1;
        changed[last] = if changed[last] == b'x' { b'y' } else { b'x' };
        for miss in [
            String::from_utf8(changed).unwrap(),
            id[..last].to_owned(),
            format!("{id}s"),
        ] {
            assert_eq!(
                engine.decide(&miss).outcome(),
                Outcome::NotInCatalogue,
                "{miss}"
            );
        }
        assert_eq!(
            engine.decide_code(code - 1).outcome(),
            Outcome::NotInCatalogue
        );
    }
    assert_eq!(engine.decide(ids[1]).outcome(), Outcome::Forbidden);
    assert_eq!(engine.decide(ids[0]).outcome(), Outcome::NotAddressed);
    // The catalogue's own actions are still found both ways.
    for action in Engine::builtin(ModelId::Rkc).unwrap().actions() {
        assert_eq!(engine.decide(&action.id), engine.decide_code(action.code));
        assert_eq!(engine.decide(&action.id).action(), Some(action));
    }
    for code in [0, 9_999, 10_001] {
        assert_eq!(engine.decide_code(code).outcome(), Outcome::NotInCatalogue);
    }
    assert_eq!(engine.decide("").outcome(), Outcome::NotInCatalogue);
}

#[test]
fn a_value_not_one_of_the_names_lists_the_names_the_schema_allows() {
    let err = load_err(r#"{"schema_version": 3, "id": "u", "extends": "kbt"}"#);
    let message = err.to_string();
    assert!(
        message.ends_with("extends: not one of `nsph`, `rkc`, `skane_mentor`, `base`"),
        "{message}"
    );
    assert!(!message.contains("kbt"), "{message}");
}

#[test]
fn a_units_own_kinds_need_new_ids_and_labels_in_both_languages() {
    for field in ["evidence_kinds", "supervision_kinds"] {
        let unit = |id: &str, en: &str| {
            format!(
                r#"{{"schema_version": 3, "id": "u", "extends": "rkc",
                  "{field}": [{{"id": "{id}", "label": {{"sv": "Egen", "en": "{en}"}}}}]}}"#
            )
        };
        assert!(Policy::from_json(&unit("u.own", "Own")).is_ok(), "{field}");
        // An id the catalogue already has.
        let taken = if field == "evidence_kinds" {
            "lived_experience"
        } else {
            "peer_to_peer"
        };
        let err = load_err(&unit(taken, "Own"));
        assert!(
            matches!(err, PolicyError::DuplicateId { ref path, .. } if *path == format!("{field}[0].id")),
            "{field}: {err:?}"
        );
        // A label with no English.
        let err = load_err(&unit("u.own", " "));
        assert!(
            matches!(err, PolicyError::Missing { ref path, .. } if *path == format!("{field}[0].label.en")),
            "{field}: {err:?}"
        );
    }
}

#[test]
fn every_action_has_one_slot_and_its_code_finds_it() {
    let unit = Policy::from_json(
        r#"{"schema_version": 3, "id": "u", "extends": "rkc", "actions": [
            {"id": "unit.walk", "code": 10007, "group": "outreach", "label": {"sv": "Promenad", "en": "Walk"}}]}"#,
    )
    .unwrap();
    for engine in [rkc(), Engine::new(unit)] {
        let slots = engine.decision_slots();
        // The catalogue's actions, then the retired ones, each once.
        assert_eq!(&slots[..engine.decisions().len()], engine.decisions());
        assert!(slots.len() > engine.decisions().len(), "no retired action");
        assert!(slots[engine.decisions().len()..]
            .iter()
            .all(|d| d.outcome() == Outcome::Retired));
        for (slot, decision) in slots.iter().enumerate() {
            let code = decision.action().unwrap().code;
            assert_eq!(engine.slot_of_code(code), Some(slot), "code {code}");
            assert_eq!(engine.decide_code(code), decision);
        }
        for code in [0, 99, 9_999, 10_000, 10_006, 10_008, u32::MAX] {
            assert_eq!(engine.slot_of_code(code), None, "code {code}");
            assert_eq!(engine.decide_code(code), engine.not_in_catalogue());
        }
        assert_eq!(engine.not_in_catalogue().outcome(), Outcome::NotInCatalogue);
        assert_eq!(engine.decide("no.such_action"), engine.not_in_catalogue());
    }
}
