//! Certification through the public API: the three models' requirements,
//! the example renewal regimes (Texas MHPS, Pennsylvania CPS) and bad input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use peer_support::certification::{EvidenceState, RenewalPhase, Unmet};
use peer_support::policy_report::PolicyReport;
use peer_support::{
    Category, CertificationReport, Engine, Evidence, InputProblem, Lang, ModelId, NaiveDate,
    Policy, PolicyError, ShapeProblem, Standing,
};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn ev(kind: &str, date: &str) -> Evidence {
    Evidence::present(kind, day(date))
}

fn no(kind: &str, date: &str) -> Evidence {
    Evidence::absent(kind, day(date))
}

fn hours(kind: &str, date: &str, hours: f64, category: &str) -> Evidence {
    Evidence {
        hours: Some(hours),
        category: Some(category.to_owned()),
        ..ev(kind, date)
    }
}

const MODULES: [&str; 4] = [
    "nsph_module_working_as_peer",
    "nsph_module_society_orientation",
    "nsph_module_working_tools",
    "nsph_module_attitude_approach",
];

/// Everything NSPH requires, the last item on `last`.
fn nsph_complete(last: &str) -> Vec<Evidence> {
    let mut evidence = vec![ev("lived_experience", "2023-01-10")];
    evidence.extend(MODULES.iter().map(|m| ev(m, "2023-11-20")));
    evidence.push(ev("nsph_training_approved", last));
    evidence
}

fn ids<T>(findings: &[Unmet<T>]) -> Vec<&str> {
    findings.iter().map(|f| f.rule_id.as_str()).collect()
}

fn evaluate(engine: &Engine, evidence: &[Evidence], as_of: &str) -> CertificationReport {
    engine.certification(evidence, day(as_of)).unwrap()
}

/// No text of `report`, in either language, calls the person certified
/// ("certifierad", "certified", "certifiering", "certification").
fn assert_says_nothing_of_certification(report: &CertificationReport) {
    for lang in Lang::ALL {
        let r = report.in_lang(lang);
        let texts = std::iter::once(r.status.label.clone())
            .chain(r.missing.iter().map(|f| f.text.clone()))
            .chain(r.unmet_recommendations.iter().map(|f| f.text.clone()))
            .chain(r.findings.iter().map(|f| f.text.clone()));
        for text in texts {
            assert!(!text.to_lowercase().contains("certifi"), "{text}");
        }
    }
}

/// The status id and shared category of a report.
fn status(report: &CertificationReport) -> (&str, Category) {
    (report.status.id.as_str(), report.status.category)
}

// NSPH: the training is for people with own experience of mental ill-health
// (002:1276); whoever has completed and passed the training within Peer
// support i Sverige may call themselves certified (000:1553-1559).

#[test]
fn nsph_without_evidence_is_not_eligible_and_lists_the_requirements() {
    let engine = Engine::builtin(ModelId::Nsph).unwrap();
    let report = evaluate(&engine, &[], "2025-01-01");
    assert_eq!(report.standing, Standing::NotEligible);
    assert_eq!(
        status(&report),
        ("nsph.status.not_eligible", Category::NotQualified)
    );
    assert_eq!(
        ids(&report.missing),
        [
            "nsph.cert.lived_experience",
            "nsph.cert.module_working_as_peer",
            "nsph.cert.module_society_orientation",
            "nsph.cert.module_working_tools",
            "nsph.cert.module_attitude_approach",
            "nsph.cert.approved_training",
        ]
    );
    // The training assumes Swedish and knowledge of Swedish health care
    // ("utgår ifrån", 002:1278-1279): advice, not a requirement.
    assert_eq!(
        ids(&report.unmet_recommendations),
        ["nsph.cert.swedish", "nsph.cert.health_care_context"]
    );
    assert!(report.met_on.is_none());
}

#[test]
fn nsph_eligible_but_not_started_is_not_yet_qualified() {
    let engine = Engine::builtin(ModelId::Nsph).unwrap();
    let report = evaluate(
        &engine,
        &[ev("lived_experience", "2024-01-10")],
        "2024-02-10",
    );
    assert_eq!(report.standing, Standing::NotStarted);
    assert_eq!(
        status(&report),
        ("nsph.status.eligible", Category::NotQualified)
    );
}

#[test]
fn nsph_in_training_lists_the_parts_still_missing() {
    let engine = Engine::builtin(ModelId::Nsph).unwrap();
    let evidence = vec![
        ev("lived_experience", "2024-01-10"),
        ev("nsph_module_working_as_peer", "2024-02-01"),
        ev("nsph_module_working_tools", "2024-02-08"),
    ];
    let report = evaluate(&engine, &evidence, "2024-02-10");
    assert_eq!(report.standing, Standing::InTraining);
    assert_eq!(
        status(&report),
        ("nsph.status.in_training", Category::InProgress)
    );
    assert_eq!(
        ids(&report.missing),
        [
            "nsph.cert.module_society_orientation",
            "nsph.cert.module_attitude_approach",
            "nsph.cert.approved_training"
        ]
    );
}

#[test]
fn nsph_complete_is_certified_by_the_user_movement_from_the_last_item() {
    let engine = Engine::builtin(ModelId::Nsph).unwrap();
    let mut evidence = nsph_complete("2024-03-01");
    evidence.push(ev("user_organisation_engagement", "2020-05-01"));
    let report = evaluate(&engine, &evidence, "2024-06-01");
    assert_eq!(report.standing, Standing::Met);
    assert_eq!(
        status(&report),
        ("nsph.status.certified", Category::Qualified)
    );
    assert!(report
        .status
        .label
        .sv
        .contains("certifierad av brukarrörelsen"));
    assert_eq!(report.met_on, Some(day("2024-03-01")));
    assert!(report.missing.is_empty());
    let notes: Vec<&str> = report.findings.iter().map(|f| f.rule_id.as_str()).collect();
    assert_eq!(notes, ["nsph.cert.user_organisation"]);
    assert!(report.renewal.is_none(), "the seeds give no renewal");
}

// RKC certifies no one: it recruits former patients (a "krav", 002:1246-1247)
// with own experience of trauma (002:10-12) and basic reading and writing in
// Swedish (002:1223-1224); the NSPH modules are a training plan (002:1284-1285).

fn rkc_recruit() -> Vec<Evidence> {
    vec![
        ev("trauma_lived_experience", "2023-01-01"),
        ev("trauma_treatment", "2022-06-01"),
        ev("former_patient", "2023-01-01"),
        ev("swedish_basic_literacy", "2023-02-01"),
        ev("application_reflection", "2023-02-15"),
    ]
}

#[test]
fn rkc_meets_its_recruitment_requirements_without_any_training_and_certifies_no_one() {
    let engine = Engine::builtin(ModelId::Rkc).unwrap();
    let report = evaluate(&engine, &rkc_recruit(), "2024-06-01");
    assert_eq!(report.standing, Standing::Met);
    assert_eq!(
        status(&report),
        ("rkc.status.meets_requirements", Category::Qualified)
    );
    assert_eq!(report.met_on, Some(day("2023-02-15")));
    assert_says_nothing_of_certification(&report);
    // The training plan is reported, never required.
    assert_eq!(
        ids(&report.unmet_recommendations),
        [
            "rkc.cert.module_working_as_peer",
            "rkc.cert.module_society_orientation",
            "rkc.cert.module_working_tools",
            "rkc.cert.module_attitude_approach",
        ]
    );
    // The culture-interpreter complement is a "may" ("kan … kompletteras",
    // 002:1286-1288): a merit, noted when present, never a gap.
    let mut evidence = rkc_recruit();
    evidence.push(ev("culture_interpreter_training", "2024-02-01"));
    let report = evaluate(&engine, &evidence, "2024-06-01");
    let notes: Vec<&str> = report.findings.iter().map(|f| f.rule_id.as_str()).collect();
    assert_eq!(notes, ["rkc.cert.culture_interpreter"]);
}

#[test]
fn rkc_requires_a_former_patient_and_only_basic_swedish() {
    let engine = Engine::builtin(ModelId::Rkc).unwrap();
    let evidence: Vec<Evidence> = rkc_recruit()
        .into_iter()
        .filter(|e| e.kind != "former_patient")
        .collect();
    // Basic literacy is reported (rkc_recruit); full Swedish, the NSPH
    // training's assumption, is not asked for.
    let report = evaluate(&engine, &evidence, "2024-06-01");
    assert_eq!(report.standing, Standing::NotEligible);
    assert_eq!(
        status(&report),
        (
            "rkc.status.does_not_meet_requirements",
            Category::NotQualified
        )
    );
    assert_eq!(ids(&report.missing), ["rkc.cert.former_patient"]);
    assert_eq!(report.missing[0].evidence[0].kind, "former_patient");
    assert_eq!(
        report.missing[0].evidence[0].state,
        EvidenceState::Unreported
    );
}

#[test]
fn evidence_that_implies_a_requirement_meets_it() {
    // The approved NSPH training is the training (000:1553): it meets each
    // of its parts (002:1270-1274), on the day it was approved.
    let nsph = Engine::builtin(ModelId::Nsph).unwrap();
    let evidence = [
        ev("lived_experience", "2023-01-10"),
        ev("nsph_training_approved", "2024-03-01"),
    ];
    let report = evaluate(&nsph, &evidence, "2024-06-01");
    assert_eq!(report.standing, Standing::Met);
    assert_eq!(report.met_on, Some(day("2024-03-01")));
    // Full spoken and written Swedish meets RKC's lower bar of basic
    // reading and writing (002:1223-1224).
    let rkc = Engine::builtin(ModelId::Rkc).unwrap();
    let mut evidence: Vec<Evidence> = rkc_recruit()
        .into_iter()
        .filter(|e| e.kind != "swedish_basic_literacy")
        .collect();
    evidence.push(ev("swedish_language", "2023-02-01"));
    assert_eq!(
        evaluate(&rkc, &evidence, "2024-06-01").standing,
        Standing::Met
    );
    // Unmet, the requirement names both kinds that would meet it.
    evidence.pop();
    let report = evaluate(&rkc, &evidence, "2024-06-01");
    let kinds: Vec<&str> = report.missing[0]
        .evidence
        .iter()
        .map(|e| e.kind.as_str())
        .collect();
    assert_eq!(kinds, ["swedish_basic_literacy", "swedish_language"]);
}

#[test]
fn employment_is_no_longer_a_criterion_for_the_person() {
    let engine = Engine::builtin(ModelId::Rkc).unwrap();
    let report = evaluate(&engine, &rkc_recruit(), "2024-06-01");
    let every: Vec<&str> = ids(&report.missing)
        .into_iter()
        .chain(ids(&report.unmet_recommendations))
        .collect();
    assert!(
        !every.iter().any(|id| id.contains("employment")),
        "{every:?}"
    );
}

// Region Skåne certifies no one either: mentors take a course of twelve
// meetings over two terms, some while already in post (000:2798-2806); the
// source gives no attendance rule.

fn meetings(n: usize) -> Vec<Evidence> {
    (0..n)
        .map(|i| ev("mentor_meeting", &format!("2024-{:02}-15", i + 1)))
        .collect()
}

#[test]
fn skane_mentor_course_not_started_in_course_and_completed() {
    let engine = Engine::builtin(ModelId::SkaneMentor).unwrap();
    let report = evaluate(&engine, &[], "2024-12-31");
    assert_eq!(report.standing, Standing::NotStarted);
    assert_eq!(
        status(&report),
        ("skane.status.not_started", Category::NotQualified)
    );

    // Twelve meetings attended, yet no attendance rule in the source: still
    // taking the course until its completion is reported.
    let report = evaluate(&engine, &meetings(12), "2024-12-31");
    assert_eq!(report.standing, Standing::InTraining);
    assert_eq!(
        status(&report),
        ("skane.status.in_course", Category::InProgress)
    );
    // The default counts no meetings, and the report says that this number
    // is the project's, not the model's.
    assert_eq!(report.parameters[0].id, "certification.course_min_meetings");
    assert_eq!(report.parameters[0].value, 0.0);
    assert!(
        report.missing[0]
            .text
            .en
            .contains("0 (the project's default; the sources give no value)"),
        "{}",
        report.missing[0].text.en
    );

    let mut evidence = meetings(3);
    evidence.push(ev("skane_mentor_course_completed", "2024-11-30"));
    let report = evaluate(&engine, &evidence, "2024-12-31");
    assert_eq!(
        status(&report),
        ("skane.status.course_completed", Category::Qualified)
    );
    assert_eq!(report.met_on, Some(day("2024-11-30")));
    assert_says_nothing_of_certification(&report);
    // Own experience is implied, never stated as a requirement
    // (000:2846-2847, 2972-2973): a recommendation.
    assert_eq!(
        ids(&report.unmet_recommendations),
        ["skane.cert.lived_experience"]
    );
}

/// A unit on Skåne's model that counts ten attended meetings as completing
/// the mentor course.
const MALMO: &str = r#"{"schema_version": 3, "id": "malmo", "extends": "skane_mentor",
    "parameters": [{"id": "certification.course_min_meetings", "value": 10,
      "citation": {"source": "Malmö: rutin för mentorer", "line": 3, "quote": "minst tio träffar"}}]}"#;

#[test]
fn a_unit_sets_the_course_attendance_and_every_output_says_it_is_the_units() {
    let engine = Engine::new(Policy::from_json(MALMO).unwrap());
    let report = evaluate(&engine, &meetings(10), "2024-12-31");
    assert_eq!(report.standing, Standing::Met);
    assert_eq!(report.met_on, Some(day("2024-10-15")));
    // Met: a note says the number is the unit's.
    assert_eq!(report.parameters[0].id, "certification.course_min_meetings");
    let note = &report.findings[0];
    assert_eq!(note.rule_id, "skane.cert.course_completed");
    assert!(
        note.text.sv.contains("enhetens policy, Malmö"),
        "{}",
        note.text.sv
    );
    assert!(
        note.text.en.contains("the unit's policy"),
        "{}",
        note.text.en
    );

    let report = evaluate(&engine, &meetings(9), "2024-12-31");
    assert_eq!(report.standing, Standing::InTraining);
    let missing = &report.missing[0];
    assert!(missing.text.en.contains("9 of 10"), "{}", missing.text.en);
    assert!(
        missing.text.en.contains("the unit's policy"),
        "{}",
        missing.text.en
    );
    let kinds: Vec<&str> = missing.evidence.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["skane_mentor_course_completed", "mentor_meeting"]);
    assert_eq!(missing.evidence[1].state, EvidenceState::TooFew);
    assert_eq!(
        (missing.evidence[1].have, missing.evidence[1].need),
        (9, 10)
    );
}

// "Tidigare arbetslivserfarenhet och relevant utbildning kan vara
// meriterande men bör inte utgöra ett krav" (002:1258-1259): should not.

const DEGREE: &str = r#"{"id": "u.degree", "stage": "eligibility", "strength": "required", "evidence": "EVIDENCE",
    "citation": {"source": "s", "line": 1, "quote": "q"}, "message": {"sv": "m", "en": "m"}}"#;

#[test]
fn a_unit_requires_what_should_not_be_required_only_through_a_deviation() {
    for (model, evidence, model_rule) in [
        (
            "nsph",
            "formal_education",
            "nsph.cert.education_not_required",
        ),
        (
            "rkc",
            "work_experience",
            "rkc.cert.work_experience_not_required",
        ),
    ] {
        let requirement = DEGREE.replace("EVIDENCE", evidence);
        let unit = format!(
            r#"{{"schema_version": 3, "id": "u", "extends": "{model}",
              "certification": {{"requirements": [{requirement}]}}}}"#
        );
        match Policy::from_json(&unit).unwrap_err() {
            PolicyError::DepartsWithoutDeviation {
                model_rule: m,
                path,
                ..
            } => {
                assert_eq!(m, model_rule);
                assert_eq!(path, "certification.requirements[0].evidence");
            }
            other => panic!("{other:?}"),
        }
        let with_reason = format!(
            r#"{{"schema_version": 3, "id": "u", "extends": "{model}",
              "deviations": [{{"model_rule": "{model_rule}",
                "reason": {{"sv": "Tjänsten kräver legitimation.", "en": "The post requires a licence."}},
                "citation": {{"source": "Enhetens beslut", "line": 1, "quote": "kräver legitimation"}}}}],
              "certification": {{"requirements": [{requirement}]}}}}"#
        );
        let policy = Policy::from_json(&with_reason).unwrap();
        assert_eq!(policy.deviations()[0].model_rule, model_rule);
        // The policy report lists it with the other families' deviations.
        let report = PolicyReport::new(&Engine::new(policy), Lang::En).unwrap();
        assert_eq!(report.deviations[0].model_rule, model_rule);
        assert_eq!(report.deviations[0].reason, "The post requires a licence.");
        // As a merit it needs no deviation.
        let merit = unit.replace(r#""strength": "required""#, r#""strength": "merit""#);
        assert!(Policy::from_json(&merit).is_ok());
    }
}

// Facts that can be "no".

#[test]
fn a_fact_reported_absent_is_not_the_same_as_unreported() {
    let engine = Engine::builtin(ModelId::Rkc).unwrap();
    let mut evidence: Vec<Evidence> = rkc_recruit()
        .into_iter()
        .filter(|e| e.kind != "swedish_basic_literacy")
        .collect();
    let report = evaluate(&engine, &evidence, "2024-06-01");
    let need = &report.missing[0].evidence[0];
    assert_eq!(
        (need.kind.as_str(), need.state),
        ("swedish_basic_literacy", EvidenceState::Unreported)
    );
    assert!(report.missing[0].text.en.contains("not reported"));

    evidence.push(no("swedish_basic_literacy", "2023-03-01"));
    let report = evaluate(&engine, &evidence, "2024-06-01");
    let need = &report.missing[0].evidence[0];
    assert_eq!(need.state, EvidenceState::ReportedAbsent);
    assert_eq!(need.absent_since, Some(day("2023-03-01")));
    assert!(report.missing[0]
        .text
        .en
        .contains("reported absent 2023-03-01"));
    assert!(report.missing[0]
        .text
        .sv
        .contains("rapporterat saknas 2023-03-01"));
}

#[test]
fn the_latest_report_wins() {
    let engine = Engine::builtin(ModelId::Rkc).unwrap();
    let mut evidence = rkc_recruit();
    // Reported absent after it was reported present: no longer met.
    evidence.push(no("swedish_basic_literacy", "2024-01-10"));
    let report = evaluate(&engine, &evidence, "2024-06-01");
    assert_eq!(report.standing, Standing::NotEligible);
    assert_eq!(ids(&report.missing), ["rkc.cert.basic_swedish"]);
    // Reported present again later: met from that day.
    evidence.push(ev("swedish_basic_literacy", "2024-04-02"));
    let report = evaluate(&engine, &evidence, "2024-06-01");
    assert_eq!(report.standing, Standing::Met);
    assert_eq!(report.met_on, Some(day("2024-04-02")));
    // The order in the input does not matter, only the dates.
    evidence.reverse();
    assert_eq!(
        evaluate(&engine, &evidence, "2024-06-01").met_on,
        Some(day("2024-04-02"))
    );
}

#[test]
fn a_count_of_meetings_or_hours_cannot_be_reported_absent() {
    // Absence is said of a fact ("does not read Swedish"); attended meetings
    // and hours are events, and one report does not withdraw them.
    let engine = Engine::builtin(ModelId::SkaneMentor).unwrap();
    let mut evidence = meetings(12);
    evidence.push(no("mentor_meeting", "2024-03-01"));
    let err = engine
        .certification(&evidence, day("2024-12-31"))
        .unwrap_err();
    assert_eq!(
        (err.path.as_str(), err.problem),
        ("evidence[12].reported", InputProblem::AbsentOfCountedKind)
    );
    let texas = example("texas_mhps.json");
    let err = texas
        .certification(&[no("supervised_work", "2024-03-01")], day("2024-12-31"))
        .unwrap_err();
    assert_eq!(err.problem, InputProblem::AbsentOfCountedKind);
}

#[test]
fn two_opposite_reports_on_one_day_are_an_input_error() {
    let engine = Engine::builtin(ModelId::Rkc).unwrap();
    let mut evidence = rkc_recruit();
    evidence.push(no("former_patient", "2023-01-01"));
    let err = engine
        .certification(&evidence, day("2024-06-01"))
        .unwrap_err();
    assert_eq!(err.path, "evidence[5].reported");
    assert_eq!(err.problem, InputProblem::ConflictingReports);
    // Two reports that agree on one day are no conflict.
    evidence.pop();
    evidence.push(ev("former_patient", "2023-01-01"));
    assert!(engine.certification(&evidence, day("2024-06-01")).is_ok());
}

#[test]
fn a_report_of_absence_carries_no_details() {
    let engine = Engine::builtin(ModelId::SkaneMentor).unwrap();
    let mut absent = no("lived_experience", "2024-01-01");
    absent.topics = vec!["ethics".to_owned()];
    let err = engine
        .certification(&[absent], day("2024-06-01"))
        .unwrap_err();
    assert_eq!(err.path, "evidence[0].topics");
    assert_eq!(err.problem, InputProblem::DetailOnAbsent);
}

#[test]
fn every_standing_a_policy_can_reach_has_a_status() {
    // A unit that adds a required training stage to RKC must name where a
    // person stands before and during it.
    let unit = r#"{"schema_version": 3, "id": "u", "extends": "rkc", "certification": {"requirements": [
        {"id": "u.course", "stage": "training", "strength": "required", "evidence": "nsph_training_approved",
         "citation": {"source": "s", "line": 1, "quote": "q"}, "message": {"sv": "m", "en": "m"}}]}}"#;
    let err = Policy::from_json(unit).unwrap_err();
    assert_eq!(err.path(), Some("certification.statuses"));
    let named = unit.replace(
        r#""certification": {"#,
        r#""certification": {"statuses": [{"id": "u.status.training", "standings": ["in_training"],
            "category": "in_progress", "label": {"sv": "Under utbildning", "en": "In training"},
            "citation": {"source": "s", "line": 1, "quote": "q"}},
            {"id": "u.status.untrained", "standings": ["not_started"],
            "category": "not_qualified", "label": {"sv": "Inte utbildad", "en": "Not trained"},
            "citation": {"source": "s", "line": 1, "quote": "q"}}], "#,
    );
    let engine = Engine::new(Policy::from_json(&named).unwrap());
    let report = evaluate(&engine, &rkc_recruit(), "2024-06-01");
    assert_eq!(
        status(&report),
        ("u.status.untrained", Category::NotQualified)
    );
    // A part of RKC's training plan reported: the training has begun.
    let mut begun = rkc_recruit();
    begun.push(ev("nsph_module_working_tools", "2024-02-01"));
    let report = evaluate(&engine, &begun, "2024-06-01");
    assert_eq!(status(&report), ("u.status.training", Category::InProgress));
    // A standing the model already names may not be named again.
    let twice = named.replace(
        r#""certification": {"statuses": ["#,
        r#""certification": {"statuses": [{"id": "u.status.met", "standings": ["met"],
            "category": "qualified", "label": {"sv": "Klar", "en": "Done"},
            "citation": {"source": "s", "line": 1, "quote": "q"}}, "#,
    );
    let err = Policy::from_json(&twice).unwrap_err();
    assert_eq!(err.path(), Some("certification.statuses[0].standings[0]"));
    // Each standing has one category, the same in every model.
    let wrong = named.replace(
        r#""category": "not_qualified""#,
        r#""category": "in_progress""#,
    );
    let err = Policy::from_json(&wrong).unwrap_err();
    assert!(
        matches!(err, PolicyError::Shape { ref path, problem: ShapeProblem::CategoryOfStanding, .. }
            if path == "certification.statuses[1].category"),
        "{err:?}"
    );
}

#[test]
fn a_policy_that_requires_only_eligibility_still_names_its_met_standing() {
    let unit = r#"{"schema_version": 3, "id": "u", "extends": "base", "certification": {
        "statuses": [{"id": "u.s.no", "standings": ["not_eligible"], "category": "not_qualified",
                      "label": {"sv": "Nej", "en": "No"}, "citation": {"source": "s", "line": 1, "quote": "q"}}],
        "requirements": [{"id": "u.lived", "stage": "eligibility", "strength": "required",
          "evidence": "lived_experience",
          "citation": {"source": "s", "line": 1, "quote": "q"}, "message": {"sv": "m", "en": "m"}}]}}"#;
    let err = Policy::from_json(unit).unwrap_err();
    assert!(
        matches!(err, PolicyError::Shape { ref path, problem: ShapeProblem::StandingWithoutStatus, .. }
            if path == "certification.statuses"),
        "{err:?}"
    );
}

#[test]
fn renewal_needs_a_required_item_to_run_from() {
    let policy = format!(
        r#"{{"schema_version": 3, "id": "u", "extends": "base", "certification": {{{LAPSED}, "renewal": {{
        "id": "u.renewal", "period": {{"months": 12}},
        "continuing_education": {{"evidence": "continuing_education", "total": 10.0}},
        "citation": {{"source": "s", "line": 1, "quote": "q"}}, "message": {{"sv": "m", "en": "m"}}}}}}}}"#
    );
    let err = Policy::from_json(&policy).unwrap_err();
    assert!(
        matches!(err, PolicyError::Shape { ref path, problem: ShapeProblem::RenewalWithoutRequirement, .. }
            if path == "certification.renewal"),
        "{err:?}"
    );
}

#[test]
fn evidence_that_implies_a_requirement_yields_to_a_later_absent_report() {
    let engine = Engine::builtin(ModelId::Rkc).unwrap();
    let mut evidence: Vec<Evidence> = rkc_recruit()
        .into_iter()
        .filter(|e| e.kind != "swedish_basic_literacy")
        .collect();
    // Full Swedish reported in 2020, basic reading and writing reported
    // absent since: the latest report wins.
    evidence.push(ev("swedish_language", "2020-01-01"));
    evidence.push(no("swedish_basic_literacy", "2024-01-10"));
    let report = evaluate(&engine, &evidence, "2024-06-01");
    assert_eq!(report.standing, Standing::NotEligible);
    let needs: Vec<(&str, EvidenceState, Option<NaiveDate>)> = report.missing[0]
        .evidence
        .iter()
        .map(|n| (n.kind.as_str(), n.state, n.absent_since))
        .collect();
    assert_eq!(
        needs,
        [
            (
                "swedish_basic_literacy",
                EvidenceState::ReportedAbsent,
                Some(day("2024-01-10"))
            ),
            (
                "swedish_language",
                EvidenceState::ReportedAbsent,
                Some(day("2024-01-10"))
            ),
        ]
    );
    // Full Swedish reported again after that: met from that day.
    evidence.push(ev("swedish_language", "2024-03-01"));
    assert_eq!(
        evaluate(&engine, &evidence, "2024-06-01").met_on,
        Some(day("2024-03-01"))
    );
    // Basic literacy absent and full Swedish present on one day: a conflict.
    evidence.push(no("swedish_basic_literacy", "2024-04-01"));
    evidence.push(ev("swedish_language", "2024-04-01"));
    let err = engine
        .certification(&evidence, day("2024-06-01"))
        .unwrap_err();
    assert_eq!(
        (err.path.as_str(), err.problem),
        ("evidence[8].reported", InputProblem::ConflictingReports)
    );
}

#[test]
fn meetings_that_complete_the_course_first_decide_the_day() {
    // The unit counts ten meetings; the tenth was on 15 October, the
    // completion was reported on 30 November: met on 15 October, by the
    // unit's count, and the report says so.
    let engine = Engine::new(Policy::from_json(MALMO).unwrap());
    let mut evidence = meetings(10);
    evidence.push(ev("skane_mentor_course_completed", "2024-11-30"));
    let report = evaluate(&engine, &evidence, "2024-12-31");
    assert_eq!(report.met_on, Some(day("2024-10-15")));
    assert_eq!(report.findings[0].rule_id, "skane.cert.course_completed");
    assert_eq!(report.parameters.len(), 1);
    // The completion reported first: met then, the count decides nothing.
    let early = [ev("skane_mentor_course_completed", "2024-03-01")];
    let report = evaluate(
        &engine,
        &[early.as_slice(), &meetings(10)].concat(),
        "2024-12-31",
    );
    assert_eq!(report.met_on, Some(day("2024-03-01")));
    assert!(report.findings.is_empty() && report.parameters.is_empty());
}

/// A unit policy on the neutral base with one required training item,
/// `requirement`, and statuses for the standings it can reach.
fn training_on_base(requirement: &str) -> String {
    format!(
        r#"{{"schema_version": 3, "id": "u", "extends": "base", "certification": {{
        "statuses": [{{"id": "u.s.no", "standings": ["not_started"], "category": "not_qualified",
                      "label": {{"sv": "Nej", "en": "No"}}, "citation": {{"source": "s", "line": 1, "quote": "q"}}}},
                     {{"id": "u.s.on", "standings": ["in_training"], "category": "in_progress",
                      "label": {{"sv": "På väg", "en": "On the way"}}, "citation": {{"source": "s", "line": 1, "quote": "q"}}}},
                     {{"id": "u.s.yes", "standings": ["met"], "category": "qualified",
                      "label": {{"sv": "Ja", "en": "Yes"}}, "citation": {{"source": "s", "line": 1, "quote": "q"}}}}],
        "requirements": [{requirement}]}}}}"#
    )
}

#[test]
fn only_a_count_of_attended_meetings_may_decide_a_course() {
    let unit = training_on_base(
        r#"{"id": "u.course", "stage": "training", "strength": "required",
          "evidence": "skane_mentor_course_completed",
          "attendance": {"evidence": "mentor_meeting", "parameter": "PARAMETER"},
          "citation": {"source": "s", "line": 1, "quote": "q"}, "message": {"sv": "m", "en": "m"}}"#,
    );
    assert!(
        Policy::from_json(&unit.replace("PARAMETER", "certification.course_min_meetings")).is_ok()
    );
    let err =
        Policy::from_json(&unit.replace("PARAMETER", "supervision.window_months")).unwrap_err();
    assert!(
        matches!(err, PolicyError::Shape { ref path, problem: ShapeProblem::NotAnAttendanceCount, .. }
            if path == "certification.requirements[0].attendance.parameter"),
        "{err:?}"
    );
}

#[test]
fn bad_evidence_is_refused_by_position() {
    let engine = Engine::builtin(ModelId::Nsph).unwrap();
    let mut evidence = nsph_complete("2024-03-01");
    evidence.push(ev("lived_experience", "2030-01-01"));
    let err = engine
        .certification(&evidence, day("2025-01-01"))
        .unwrap_err();
    assert_eq!(err.path, "evidence[6].date");
    assert_eq!(err.problem, InputProblem::AfterAsOf);

    let err = engine
        .certification(&[ev("diploma_of_anna", "2020-01-01")], day("2025-01-01"))
        .unwrap_err();
    assert_eq!(err.path, "evidence[0].kind");
    assert!(!err.to_string().contains("anna"));

    let mut bad_hours = hours("continuing_education", "2024-01-01", f64::NAN, "ethics");
    let err = engine
        .certification(&[bad_hours.clone()], day("2025-01-01"))
        .unwrap_err();
    assert_eq!(err.problem, InputProblem::InvalidHours);
    bad_hours.hours = Some(-1.0);
    assert_eq!(
        engine
            .certification(&[bad_hours], day("2025-01-01"))
            .unwrap_err()
            .problem,
        InputProblem::InvalidHours
    );
}

/// Everything Texas requires, certified on `on`: lived experience, the core
/// and supplemental training, the initial certification. No Swedish evidence.
fn texas_certified(on: &str) -> Vec<Evidence> {
    vec![
        ev("lived_experience", "2020-01-01"),
        ev("texas_core_training", "2020-02-01"),
        ev("texas_supplemental_training", "2020-03-01"),
        ev("texas_initial_certification", on),
    ]
}

/// Pennsylvania's credential, received on `on`.
fn pennsylvania_certified(on: &str) -> Vec<Evidence> {
    vec![ev("pennsylvania_pcb_certification", on)]
}

#[test]
fn the_texas_and_pennsylvania_examples_need_no_swedish_evidence() {
    for name in ["texas_mhps.json", "pennsylvania_cps.json"] {
        let engine = example(name);
        assert_eq!(engine.policy().model(), ModelId::Base, "{name}");
        let report = evaluate(&engine, &[], "2026-01-01");
        let needed: Vec<&str> = report
            .missing
            .iter()
            .chain(&report.unmet_recommendations)
            .flat_map(|u| &u.evidence)
            .map(|e| e.kind.as_str())
            .collect();
        assert!(!needed.is_empty(), "{name}");
        for kind in needed {
            assert!(
                !kind.contains("swedish") && !kind.starts_with("nsph"),
                "{name} needs {kind}"
            );
        }
        assert_eq!(report.status.category, Category::NotQualified, "{name}");
    }
}

fn example(name: &str) -> Engine {
    let path = format!("{}/../examples/policies/{name}", env!("CARGO_MANIFEST_DIR"));
    Engine::new(Policy::from_file(path).unwrap())
}

#[test]
fn texas_initial_phase_counts_supervised_work_and_observation_but_not_receiving_supervision() {
    // 1 TAC §354.3205(b)(2): "Time spent receiving supervision, other than
    // observation of the peer specialist providing services, does not count
    // toward the required hours."
    let engine = example("texas_mhps.json");
    let mut evidence = texas_certified("2024-01-01");
    evidence.push(hours(
        "supervised_work",
        "2024-02-01",
        100.0,
        "direct_service",
    ));
    evidence.push(hours(
        "supervised_work",
        "2024-03-01",
        100.0,
        "receiving_supervision",
    ));

    let report = evaluate(&engine, &evidence, "2024-04-01");
    assert_eq!(report.standing, Standing::Met);
    let renewal = report.renewal.as_ref().unwrap();
    assert_eq!(renewal.phase, RenewalPhase::Initial);
    assert_eq!(renewal.ends, day("2024-07-01"));
    assert_eq!(renewal.hours[0].done, 100.0);
    assert_eq!(renewal.hours[0].needed, 250.0);

    // Six months on, still short: the certificate lapses at the phase's end.
    let report = evaluate(&engine, &evidence, "2024-07-01");
    assert_eq!(report.standing, Standing::Lapsed);
    assert_eq!(
        report.renewal.as_ref().unwrap().lapsed_on,
        Some(day("2024-07-01"))
    );
    // The finding is the initial phase's: its source and its words.
    let finding = report
        .findings
        .iter()
        .find(|f| f.rule_id == "texas.initial_certification")
        .unwrap();
    assert_eq!(
        finding.citation.source,
        "Texas Administrative Code, 1 TAC §354.3205"
    );
    assert!(
        finding
            .text
            .en
            .starts_with("During the six months of the initial certification"),
        "{}",
        finding.text.en
    );

    // Supervision in which the peer specialist is observed providing
    // services counts.
    evidence.push(hours(
        "supervised_work",
        "2024-06-29",
        20.0,
        "observed_providing_services",
    ));
    evidence.push(hours(
        "supervised_work",
        "2024-06-30",
        130.0,
        "direct_service",
    ));
    let report = evaluate(&engine, &evidence, "2024-08-01");
    assert_eq!(report.standing, Standing::Met);
    let renewal = report.renewal.as_ref().unwrap();
    assert_eq!(renewal.phase, RenewalPhase::Period(1));
    assert_eq!(
        (renewal.starts, renewal.ends),
        (day("2024-07-01"), day("2026-07-01"))
    );
}

#[test]
fn texas_two_year_periods_need_twenty_hours_three_in_ethics() {
    let engine = example("texas_mhps.json");
    let mut evidence = texas_certified("2024-01-01");
    evidence.push(hours(
        "supervised_work",
        "2024-05-01",
        250.0,
        "direct_service",
    ));
    evidence.push(hours(
        "continuing_education",
        "2025-01-01",
        18.0,
        "trauma_informed_care",
    ));
    evidence.push(hours("continuing_education", "2025-06-01", 2.0, "ethics"));
    let report = evaluate(&engine, &evidence, "2026-07-01");
    assert_eq!(
        report.standing,
        Standing::Lapsed,
        "20 hours but only 2 in ethics"
    );
    let renewal = report.renewal.unwrap();
    assert_eq!(renewal.phase, RenewalPhase::Period(1));
    assert_eq!(renewal.hours[1].category.as_deref(), Some("ethics"));
    assert!(!renewal.hours[1].is_met());

    evidence.push(hours("continuing_education", "2026-06-30", 1.0, "ethics"));
    let report = evaluate(&engine, &evidence, "2026-07-01");
    assert_eq!(report.standing, Standing::Met);
    assert_eq!(report.renewal.unwrap().phase, RenewalPhase::Period(2));
}

#[test]
fn pennsylvania_periods_need_36_hours_24_on_peer_support_3_in_ethics() {
    let engine = example("pennsylvania_cps.json");
    let mut evidence = pennsylvania_certified("2024-01-01");
    evidence.push(hours(
        "continuing_education",
        "2024-06-01",
        20.0,
        "peer_support_or_recovery",
    ));
    evidence.push(hours("continuing_education", "2024-09-01", 3.0, "ethics"));
    evidence.push(hours(
        "continuing_education",
        "2025-03-01",
        13.0,
        "wellness_recovery_action_plan",
    ));
    let report = evaluate(&engine, &evidence, "2026-01-01");
    assert_eq!(
        report.standing,
        Standing::Lapsed,
        "36 hours but 20 on peer support"
    );
    let text = &report.findings.last().unwrap().text;
    assert!(
        text.en.contains("peer_support_or_recovery 20/24 h"),
        "{}",
        text.en
    );

    evidence.push(hours(
        "continuing_education",
        "2025-12-31",
        4.0,
        "peer_support_or_recovery",
    ));
    let report = evaluate(&engine, &evidence, "2026-01-01");
    assert_eq!(report.standing, Standing::Met);
    let renewal = report.renewal.unwrap();
    assert_eq!(renewal.phase, RenewalPhase::Period(2));
    assert_eq!(renewal.starts, day("2026-01-01"));
}

#[test]
fn hours_evidence_without_hours_is_refused_where_the_policy_counts_hours() {
    let engine = example("pennsylvania_cps.json");
    let err = engine
        .certification(
            &[ev("continuing_education", "2024-01-01")],
            day("2025-01-01"),
        )
        .unwrap_err();
    assert_eq!(
        (err.path.as_str(), err.problem),
        ("evidence[0].hours", InputProblem::MissingHours)
    );
}

#[test]
fn findings_read_in_both_languages() {
    let engine = Engine::builtin(ModelId::Rkc).unwrap();
    let report = evaluate(&engine, &[], "2025-01-01");
    for finding in &report.missing {
        for lang in Lang::ALL {
            assert!(!finding.text.get(lang).is_empty());
        }
    }
    assert_eq!(
        report.status.label.sv,
        "Uppfyller inte kraven vid rekrytering"
    );
    assert_eq!(
        report.status.label.en,
        "Does not meet the recruitment requirements"
    );
}

#[test]
fn a_policy_writes_only_what_it_sets_and_reads_back_equal() {
    // A bare policy writes no empty sections.
    let bare = peer_support::Policy::builtin(ModelId::Rkc)
        .unwrap()
        .to_json();
    for section in [
        "certification",
        "boundaries",
        "deviations",
        "parameters",
        "cadences",
    ] {
        assert!(!bare.contains(section), "{section} in {bare}");
    }
    // A requirement's count is written when set, and not when absent.
    let unit = r#"{"schema_version": 3, "id": "u", "extends": "nsph", "certification": {"requirements": [
        {"id": "u.a", "stage": "training", "strength": "required", "evidence": "supervised_work",
         "count": 3,
         "citation": {"source": "s", "line": 1, "quote": "q"}, "message": {"sv": "m", "en": "m"}},
        {"id": "u.b", "stage": "training", "strength": "required", "evidence": "continuing_education",
         "citation": {"source": "s", "line": 1, "quote": "q"}, "message": {"sv": "m", "en": "m"}}]}}"#;
    let policy = peer_support::Policy::from_json(unit).unwrap();
    let json = policy.to_json();
    assert_eq!(json.matches("\"count\"").count(), 1, "{json}");
    assert_eq!(peer_support::Policy::from_json(&json).unwrap(), policy);
}

#[test]
fn a_period_counts_hours_from_its_first_day_up_to_but_not_on_its_last() {
    // Texas: the initial phase runs from the day of certification for six
    // months, then two-year periods. Hours dated a phase's first day count
    // for it; hours dated the day the next begins count for the next.
    let engine = example("texas_mhps.json");
    let mut evidence = texas_certified("2024-01-01");
    evidence.push(hours(
        "supervised_work",
        "2024-01-01",
        250.0,
        "direct_service",
    ));
    evidence.push(hours(
        "continuing_education",
        "2024-07-01",
        17.0,
        "trauma_informed_care",
    ));
    let mut on_time = evidence.clone();
    on_time.push(hours("continuing_education", "2024-07-01", 3.0, "ethics"));
    let report = evaluate(&engine, &on_time, "2026-06-30");
    let renewal = report.renewal.unwrap();
    assert_eq!(renewal.phase, RenewalPhase::Period(1));
    assert!(
        renewal.hours.iter().all(|h| h.is_met()),
        "{:?}",
        renewal.hours
    );
    let report = evaluate(&engine, &on_time, "2026-07-01");
    assert_eq!(report.standing, Standing::Met);
    assert_eq!(report.renewal.unwrap().phase, RenewalPhase::Period(2));
    // The same ethics hours on the next period's first day come too late.
    let mut late = evidence;
    late.push(hours("continuing_education", "2026-07-01", 3.0, "ethics"));
    let report = evaluate(&engine, &late, "2026-07-01");
    assert_eq!(report.standing, Standing::Lapsed);
    let renewal = report.renewal.unwrap();
    assert_eq!(renewal.phase, RenewalPhase::Period(1));
    // 17 of 20 hours in all, none of the 3 in ethics.
    assert_eq!(
        (renewal.hours[0].done, renewal.hours[0].needed),
        (17.0, 20.0)
    );
    assert_eq!((renewal.hours[1].done, renewal.hours[1].needed), (0.0, 3.0));
    assert!(!renewal.hours[0].is_met() && !renewal.hours[1].is_met());
}

#[test]
fn a_count_is_told_with_its_shortfall() {
    let policy = r#"{"schema_version": 3, "id": "u", "extends": "nsph", "certification": {"requirements": [
        {"id": "u.sessions", "stage": "training", "strength": "required", "evidence": "supervised_work",
         "count": 3,
         "citation": {"source": "s", "line": 1, "quote": "q"}, "message": {"sv": "m", "en": "m"}}]}}"#;
    let engine = Engine::new(Policy::from_json(policy).unwrap());
    let mut evidence = nsph_complete("2024-01-01");
    evidence.push(ev("supervised_work", "2024-02-01"));
    let report = evaluate(&engine, &evidence, "2024-03-01");
    let unmet = report
        .missing
        .iter()
        .find(|f| f.rule_id == "u.sessions")
        .unwrap();
    assert!(
        unmet
            .text
            .en
            .contains("(supervised_work) – reported, but not enough, 1 of 3"),
        "{}",
        unmet.text.en
    );
    assert!(unmet.text.sv.contains("1 av 3"), "{}", unmet.text.sv);
    assert!(!unmet.text.en.contains("policy"), "{}", unmet.text.en);
    assert_eq!((unmet.evidence[0].have, unmet.evidence[0].need), (1, 3));
    // None reported: the count is told too.
    let report = evaluate(&engine, &nsph_complete("2024-01-01"), "2024-03-01");
    let unmet = report
        .missing
        .iter()
        .find(|f| f.rule_id == "u.sessions")
        .unwrap();
    assert!(
        unmet
            .text
            .en
            .contains("(supervised_work) – not reported, 0 of 3."),
        "{}",
        unmet.text.en
    );
}

#[test]
fn the_first_period_begins_on_the_day_the_initial_phase_ends() {
    let engine = example("texas_mhps.json");
    let mut evidence = texas_certified("2024-01-01");
    evidence.push(hours(
        "supervised_work",
        "2024-02-01",
        250.0,
        "direct_service",
    ));
    let on_the_day = evaluate(&engine, &evidence, "2024-07-01");
    let renewal = on_the_day.renewal.unwrap();
    assert_eq!(renewal.phase, RenewalPhase::Period(1));
    assert_eq!(renewal.starts, day("2024-07-01"));
    let day_before = evaluate(&engine, &evidence, "2024-06-30");
    assert_eq!(day_before.renewal.unwrap().phase, RenewalPhase::Initial);
}

/// A unit's own name for a lapsed standing (without it the library names
/// it).
const LAPSED: &str = r#""statuses": [{"id": "u.status.lapsed", "standings": ["lapsed"], "category": "lapsed",
    "label": {"sv": "Upphört", "en": "Lapsed"}, "citation": {"source": "s", "line": 1, "quote": "q"}}]"#;

/// A unit's renewal rule over NSPH: yearly periods from certification,
/// needing `total` hours, `ethics` of them in ethics.
fn yearly(total: f64, ethics: f64) -> Engine {
    let by_category = if ethics > 0.0 {
        format!(r#", "by_category": [{{"category": "ethics", "hours": {ethics:?}}}]"#)
    } else {
        String::new()
    };
    let policy = format!(
        r#"{{"schema_version": 3, "id": "u", "extends": "nsph", "certification": {{{LAPSED}, "renewal": {{
        "id": "u.renewal", "period": {{"months": 12}},
        "continuing_education": {{"evidence": "continuing_education", "total": {total:?}{by_category}}},
        "citation": {{"source": "s", "line": 1, "quote": "q"}}, "message": {{"sv": "m", "en": "m"}}}}}}}}"#
    );
    Engine::new(Policy::from_json(&policy).unwrap())
}

#[test]
fn a_lapse_the_unit_does_not_name_is_said_in_the_librarys_words() {
    let policy = r#"{"schema_version": 3, "id": "u", "extends": "nsph", "certification": {"renewal": {
        "id": "u.renewal", "period": {"months": 12},
        "continuing_education": {"evidence": "continuing_education", "total": 10.0},
        "citation": {"source": "s", "line": 1, "quote": "q"}, "message": {"sv": "m", "en": "m"}}}}"#;
    let engine = Engine::new(Policy::from_json(policy).unwrap());
    let report = evaluate(&engine, &nsph_complete("2024-01-01"), "2025-06-01");
    assert_eq!(report.standing, Standing::Lapsed);
    assert_eq!(status(&report), ("lapsed", Category::Lapsed));
    assert_eq!(
        report.status.label.en,
        "Lapsed: the renewal rules were not kept"
    );
    // Before the lapse, the model's own words.
    let report = evaluate(&engine, &nsph_complete("2024-01-01"), "2024-06-01");
    assert_eq!(
        status(&report),
        ("nsph.status.certified", Category::Qualified)
    );
}

#[test]
fn a_count_partly_reported_has_begun_the_training() {
    let policy = training_on_base(
        r#"{"id": "u.sessions", "stage": "training", "strength": "required",
          "evidence": "supervised_work", "count": 3,
          "citation": {"source": "s", "line": 1, "quote": "q"}, "message": {"sv": "m", "en": "m"}}"#,
    );
    let engine = Engine::new(Policy::from_json(&policy).unwrap());
    assert_eq!(
        evaluate(&engine, &[], "2024-06-01").standing,
        Standing::NotStarted
    );
    let one = [ev("supervised_work", "2024-02-01")];
    assert_eq!(
        evaluate(&engine, &one, "2024-06-01").standing,
        Standing::InTraining
    );
}

#[test]
fn a_completion_reported_on_the_day_of_the_last_meeting_decides_by_itself() {
    let engine = Engine::new(Policy::from_json(MALMO).unwrap());
    let mut evidence = meetings(10);
    evidence.push(ev("skane_mentor_course_completed", "2024-10-15"));
    let report = evaluate(&engine, &evidence, "2024-12-31");
    assert_eq!(report.met_on, Some(day("2024-10-15")));
    assert!(report.findings.is_empty() && report.parameters.is_empty());
}

#[test]
fn a_count_a_requirement_shares_is_listed_once() {
    // Two requirements count attended meetings with the same parameter.
    let unit = MALMO.replace(
        r#""parameters""#,
        r#""certification": {"requirements": [{"id": "malmo.cert.course_again", "stage": "training",
            "strength": "required", "evidence": "skane_mentor_course_completed",
            "attendance": {"evidence": "mentor_meeting", "parameter": "certification.course_min_meetings"},
            "citation": {"source": "s", "line": 1, "quote": "q"}, "message": {"sv": "m", "en": "m"}}]},
          "parameters""#,
    );
    let engine = Engine::new(Policy::from_json(&unit).unwrap());
    let report = evaluate(&engine, &meetings(3), "2024-12-31");
    assert_eq!(report.missing.len(), 2);
    assert_eq!(report.parameters.len(), 1);
}

#[test]
fn a_period_short_of_hours_lapses_even_if_later_ones_would_not() {
    let certified = nsph_complete("2024-01-01");
    // Hours needed in all, none given: the first period lapses.
    let report = evaluate(&yearly(10.0, 0.0), &certified, "2027-06-01");
    assert_eq!(report.standing, Standing::Lapsed);
    let renewal = report.renewal.unwrap();
    assert_eq!(renewal.phase, RenewalPhase::Period(1));
    assert_eq!(renewal.lapsed_on, Some(day("2025-01-01")));
    // (Hours needed only in a category cannot be: categories may not add up
    // to more than the total.)
    // No hours needed at all: every period is met, up to the one holding the
    // as-of date.
    let report = evaluate(&yearly(0.0, 0.0), &certified, "2027-06-01");
    assert_eq!(report.standing, Standing::Met);
    let renewal = report.renewal.unwrap();
    assert_eq!(renewal.phase, RenewalPhase::Period(4));
    assert_eq!(renewal.starts, day("2027-01-01"));
}

#[test]
fn a_count_must_be_at_least_one() {
    let policy = |count: u32| {
        Policy::from_json(&format!(
            r#"{{"schema_version": 3, "id": "u", "extends": "nsph", "certification": {{"requirements": [
            {{"id": "u.sessions", "stage": "training", "strength": "required", "evidence": "supervised_work",
             "count": {count},
             "citation": {{"source": "s", "line": 1, "quote": "q"}}, "message": {{"sv": "m", "en": "m"}}}}]}}}}"#
        ))
    };
    assert!(policy(1).is_ok());
    let err = policy(0).unwrap_err();
    assert!(
        matches!(err, PolicyError::Shape { ref path, problem: peer_support::ShapeProblem::ZeroCount, .. }
            if path == "certification.requirements[0].count"),
        "{err:?}"
    );
}
