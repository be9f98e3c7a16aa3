//! Certification through the public API: the three models' requirements,
//! the example renewal regimes (Texas MHPS, Pennsylvania CPS) and bad input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use peer_support::certification::RenewalPhase;
use peer_support::{
    CertificationReport, CertificationStatus, Engine, Evidence, InputProblem, Lang, ModelId,
    NaiveDate, Policy, PolicyError,
};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn ev(kind: &str, date: &str) -> Evidence {
    Evidence {
        kind: kind.to_owned(),
        date: day(date),
        hours: None,
        category: None,
        topics: Vec::new(),
    }
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
    let mut evidence = vec![
        ev("lived_experience", "2023-01-10"),
        ev("swedish_language", "2023-01-10"),
    ];
    evidence.extend(MODULES.iter().map(|m| ev(m, "2023-11-20")));
    evidence.push(ev("nsph_training_approved", last));
    evidence
}

fn ids(findings: &[peer_support::Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.rule_id.as_str()).collect()
}

fn evaluate(engine: &Engine, evidence: &[Evidence], as_of: &str) -> CertificationReport {
    engine.certification(evidence, day(as_of)).unwrap()
}

#[test]
fn nsph_without_evidence_is_not_eligible_and_lists_everything_missing() {
    let engine = Engine::builtin(ModelId::Nsph).unwrap();
    let report = evaluate(&engine, &[], "2025-01-01");
    assert_eq!(report.status, CertificationStatus::NotEligible);
    let missing = ids(&report.missing);
    for id in [
        "nsph.cert.lived_experience",
        "nsph.cert.swedish",
        "nsph.cert.module_working_tools",
        "nsph.cert.approved_training",
    ] {
        assert!(missing.contains(&id), "{id} in {missing:?}");
    }
    assert!(report.certified_on.is_none());
}

#[test]
fn nsph_in_training_lists_the_parts_still_missing() {
    let engine = Engine::builtin(ModelId::Nsph).unwrap();
    let evidence = vec![
        ev("lived_experience", "2024-01-10"),
        ev("swedish_language", "2024-01-10"),
        ev("nsph_module_working_as_peer", "2024-02-01"),
        ev("nsph_module_working_tools", "2024-02-08"),
    ];
    let report = evaluate(&engine, &evidence, "2024-02-10");
    assert_eq!(report.status, CertificationStatus::InTraining);
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
fn nsph_complete_is_certified_from_the_last_item_and_notes_merits() {
    let engine = Engine::builtin(ModelId::Nsph).unwrap();
    let mut evidence = nsph_complete("2024-03-01");
    evidence.push(ev("user_organisation_engagement", "2020-05-01"));
    let report = evaluate(&engine, &evidence, "2024-06-01");
    assert_eq!(report.status, CertificationStatus::Certified);
    assert_eq!(report.certified_on, Some(day("2024-03-01")));
    assert!(report.missing.is_empty());
    assert_eq!(ids(&report.findings), ["nsph.cert.user_organisation"]);
    assert!(report.renewal.is_none(), "the seeds give no renewal");
}

#[test]
fn rkc_requires_trauma_experience_and_treatment_and_recommends_the_rest() {
    let engine = Engine::builtin(ModelId::Rkc).unwrap();
    let mut evidence = vec![
        ev("trauma_lived_experience", "2023-01-01"),
        ev("swedish_language", "2023-01-01"),
    ];
    evidence.extend(MODULES.iter().map(|m| ev(m, "2024-02-20")));
    let report = evaluate(&engine, &evidence, "2024-06-01");
    assert_eq!(report.status, CertificationStatus::NotEligible);
    assert_eq!(ids(&report.missing), ["rkc.cert.trauma_treatment"]);

    evidence.push(ev("trauma_treatment", "2022-06-01"));
    let report = evaluate(&engine, &evidence, "2024-06-01");
    assert_eq!(report.status, CertificationStatus::Certified);
    // A volunteer without the culture-interpreter complement: findings, not refusals.
    assert_eq!(
        ids(&report.unmet_recommendations),
        ["rkc.cert.culture_interpreter", "rkc.cert.employment"]
    );

    evidence.push(ev("employment", "2024-03-01"));
    let report = evaluate(&engine, &evidence, "2024-06-01");
    assert_eq!(
        ids(&report.unmet_recommendations),
        ["rkc.cert.culture_interpreter"]
    );
}

fn meetings(n: usize, skip_topic: Option<&str>) -> Vec<Evidence> {
    let topics = [
        "conversation_method",
        "problem_solving",
        "crisis_conversations",
        "shared_decision_making",
        "network_meetings",
        "ethics",
        "recovery",
        "empowerment",
        "patients_rights",
    ];
    (0..n)
        .map(|i| Evidence {
            topics: topics
                .iter()
                .filter(|t| Some(**t) != skip_topic)
                .skip(i % topics.len())
                .take(1)
                .map(|t| (*t).to_owned())
                .collect(),
            ..ev("mentor_meeting", &format!("2024-{:02}-15", i + 1))
        })
        .collect()
}

#[test]
fn skane_needs_twelve_meetings_covering_the_nine_topics() {
    let engine = Engine::builtin(ModelId::SkaneMentor).unwrap();
    let report = evaluate(&engine, &meetings(11, None), "2024-12-31");
    assert_eq!(report.status, CertificationStatus::InTraining);
    assert!(
        report.missing[0].text.en.contains("11 of the 12 needed"),
        "{}",
        report.missing[0].text.en
    );

    let report = evaluate(&engine, &meetings(12, None), "2024-12-31");
    assert_eq!(report.status, CertificationStatus::Certified);
    assert_eq!(report.certified_on, Some(day("2024-12-15")));

    let report = evaluate(&engine, &meetings(12, Some("ethics")), "2024-12-31");
    assert_eq!(report.status, CertificationStatus::InTraining);
    assert!(report.missing[0]
        .text
        .en
        .contains("Topics not covered: ethics"));
}

#[test]
fn a_unit_may_set_how_many_meetings_may_be_missed_and_says_it_is_policy() {
    let unit = r#"{"schema_version": 2, "id": "malmo", "extends": "skane_mentor",
        "certification": {"may_miss": {"skane.cert.meetings": 2}}}"#;
    let engine = Engine::new(Policy::from_json(unit).unwrap());
    let report = evaluate(&engine, &meetings(10, None), "2024-12-31");
    assert_eq!(report.status, CertificationStatus::Certified);
    let report = evaluate(&engine, &meetings(9, None), "2024-12-31");
    assert_eq!(report.status, CertificationStatus::InTraining);
    let text = &report.missing[0].text;
    assert!(text.en.contains("9 of the 10 needed"), "{}", text.en);
    assert!(text
        .en
        .contains("a value from the policy, not from the model"));
    assert!(text.sv.contains("ett värde från policyn"));

    let too_many = unit.replace(": 2}", ": 12}");
    assert!(Policy::from_json(&too_many).is_err());
}

#[test]
fn no_policy_may_require_formal_education_or_work_experience() {
    for (evidence, model_rule) in [
        ("formal_education", "nsph.cert.education_not_required"),
        ("work_experience", "nsph.cert.work_experience_not_required"),
    ] {
        let unit = format!(
            r#"{{"schema_version": 2, "id": "u", "extends": "nsph", "certification": {{"requirements": [
            {{"id": "u.degree", "stage": "eligibility", "strength": "required", "evidence": "{evidence}",
              "citation": {{"source": "s", "line": 1, "quote": "q"}}, "message": {{"sv": "m", "en": "m"}}}}]}}}}"#
        );
        match Policy::from_json(&unit).unwrap_err() {
            PolicyError::Loosens {
                model_rule: m,
                path,
                ..
            } => {
                assert_eq!(m, model_rule);
                assert_eq!(path, "certification.requirements[0].evidence");
            }
            other => panic!("{other:?}"),
        }
        // As a merit it is welcome.
        let merit = unit.replace(r#""strength": "required""#, r#""strength": "merit""#);
        assert!(Policy::from_json(&merit).is_ok());
    }
}

#[test]
fn bad_evidence_is_refused_by_position() {
    let engine = Engine::builtin(ModelId::Nsph).unwrap();
    let mut evidence = nsph_complete("2024-03-01");
    evidence.push(ev("lived_experience", "2030-01-01"));
    let err = engine
        .certification(&evidence, day("2025-01-01"))
        .unwrap_err();
    assert_eq!(err.path, "evidence[7].date");
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

fn example(name: &str) -> Engine {
    let path = format!("{}/../examples/policies/{name}", env!("CARGO_MANIFEST_DIR"));
    Engine::new(Policy::from_file(path).unwrap())
}

#[test]
fn texas_initial_phase_counts_supervised_work_but_not_receiving_supervision() {
    let engine = example("texas_mhps.json");
    let mut evidence = nsph_complete("2024-01-01");
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
    assert_eq!(report.status, CertificationStatus::Certified);
    let renewal = report.renewal.as_ref().unwrap();
    assert_eq!(renewal.phase, RenewalPhase::Initial);
    assert_eq!(renewal.ends, day("2024-07-01"));
    assert_eq!(renewal.hours[0].done, 100.0);
    assert_eq!(renewal.hours[0].needed, 250.0);

    // Six months on, still short: the certificate lapses at the phase's end.
    let report = evaluate(&engine, &evidence, "2024-07-01");
    assert_eq!(report.status, CertificationStatus::Lapsed);
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
            .starts_with("The initial certificate is valid for six months"),
        "{}",
        finding.text.en
    );

    evidence.push(hours(
        "supervised_work",
        "2024-06-30",
        150.0,
        "direct_service",
    ));
    let report = evaluate(&engine, &evidence, "2024-08-01");
    assert_eq!(report.status, CertificationStatus::Certified);
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
    let mut evidence = nsph_complete("2024-01-01");
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
        report.status,
        CertificationStatus::Lapsed,
        "20 hours but only 2 in ethics"
    );
    let renewal = report.renewal.unwrap();
    assert_eq!(renewal.phase, RenewalPhase::Period(1));
    assert_eq!(renewal.hours[1].category.as_deref(), Some("ethics"));
    assert!(!renewal.hours[1].is_met());

    evidence.push(hours("continuing_education", "2026-06-30", 1.0, "ethics"));
    let report = evaluate(&engine, &evidence, "2026-07-01");
    assert_eq!(report.status, CertificationStatus::Certified);
    assert_eq!(report.renewal.unwrap().phase, RenewalPhase::Period(2));
}

#[test]
fn pennsylvania_periods_need_36_hours_24_on_peer_support_3_in_ethics() {
    let engine = example("pennsylvania_cps.json");
    let mut evidence = nsph_complete("2024-01-01");
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
        report.status,
        CertificationStatus::Lapsed,
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
    assert_eq!(report.status, CertificationStatus::Certified);
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
        report.status.name(Lang::Sv),
        "uppfyller inte förutsättningarna"
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
    // A requirement's may_miss is written when set, and not when 0.
    let unit = r#"{"schema_version": 2, "id": "u", "extends": "nsph", "certification": {"requirements": [
        {"id": "u.a", "stage": "training", "strength": "required", "evidence": "supervised_work",
         "count": 3, "may_miss": 1,
         "citation": {"source": "s", "line": 1, "quote": "q"}, "message": {"sv": "m", "en": "m"}},
        {"id": "u.b", "stage": "training", "strength": "required", "evidence": "continuing_education",
         "count": 3,
         "citation": {"source": "s", "line": 1, "quote": "q"}, "message": {"sv": "m", "en": "m"}}]}}"#;
    let policy = peer_support::Policy::from_json(unit).unwrap();
    let json = policy.to_json();
    assert_eq!(json.matches("\"may_miss\"").count(), 1, "{json}");
    assert_eq!(peer_support::Policy::from_json(&json).unwrap(), policy);
}

#[test]
fn a_period_counts_hours_from_its_first_day_up_to_but_not_on_its_last() {
    // Texas: the initial phase runs from the day of certification for six
    // months, then two-year periods. Hours dated a phase's first day count
    // for it; hours dated the day the next begins count for the next.
    let engine = example("texas_mhps.json");
    let mut evidence = nsph_complete("2024-01-01");
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
    assert_eq!(report.status, CertificationStatus::Certified);
    assert_eq!(report.renewal.unwrap().phase, RenewalPhase::Period(2));
    // The same ethics hours on the next period's first day come too late.
    let mut late = evidence;
    late.push(hours("continuing_education", "2026-07-01", 3.0, "ethics"));
    let report = evaluate(&engine, &late, "2026-07-01");
    assert_eq!(report.status, CertificationStatus::Lapsed);
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
fn a_count_is_told_with_its_shortfall_and_a_may_miss_only_when_set() {
    let unit = |may_miss: u32| {
        let policy = format!(
            r#"{{"schema_version": 2, "id": "u", "extends": "nsph", "certification": {{"requirements": [
            {{"id": "u.sessions", "stage": "training", "strength": "required", "evidence": "supervised_work",
             "count": 3, "may_miss": {may_miss},
             "citation": {{"source": "s", "line": 1, "quote": "q"}}, "message": {{"sv": "m", "en": "m"}}}}]}}}}"#
        );
        Engine::new(Policy::from_json(&policy).unwrap())
    };
    let mut evidence = nsph_complete("2024-01-01");
    evidence.push(ev("supervised_work", "2024-02-01"));
    let text = |engine: &Engine| {
        let report = evaluate(engine, &evidence, "2024-03-01");
        report
            .missing
            .iter()
            .find(|f| f.rule_id == "u.sessions")
            .map(|f| f.text.en.clone())
            .unwrap()
    };
    let plain = text(&unit(0));
    assert!(plain.contains("Evidence: 1 of the 3 needed"), "{plain}");
    assert!(!plain.contains("policy"), "{plain}");
    let lenient = text(&unit(1));
    assert!(lenient.contains("Evidence: 1 of the 2 needed"), "{lenient}");
    assert!(
        lenient.contains("a value from the policy, not from the model"),
        "{lenient}"
    );
}

#[test]
fn the_first_period_begins_on_the_day_the_initial_phase_ends() {
    let engine = example("texas_mhps.json");
    let mut evidence = nsph_complete("2024-01-01");
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

/// A unit's renewal rule over NSPH: yearly periods from certification,
/// needing `total` hours, `ethics` of them in ethics.
fn yearly(total: f64, ethics: f64) -> Engine {
    let by_category = if ethics > 0.0 {
        format!(r#", "by_category": [{{"category": "ethics", "hours": {ethics:?}}}]"#)
    } else {
        String::new()
    };
    let policy = format!(
        r#"{{"schema_version": 2, "id": "u", "extends": "nsph", "certification": {{"renewal": {{
        "id": "u.renewal", "period": {{"months": 12}},
        "continuing_education": {{"evidence": "continuing_education", "total": {total:?}{by_category}}},
        "citation": {{"source": "s", "line": 1, "quote": "q"}}, "message": {{"sv": "m", "en": "m"}}}}}}}}"#
    );
    Engine::new(Policy::from_json(&policy).unwrap())
}

#[test]
fn a_period_short_of_hours_lapses_even_if_later_ones_would_not() {
    let certified = nsph_complete("2024-01-01");
    // Hours needed in all, none given: the first period lapses.
    let report = evaluate(&yearly(10.0, 0.0), &certified, "2027-06-01");
    assert_eq!(report.status, CertificationStatus::Lapsed);
    let renewal = report.renewal.unwrap();
    assert_eq!(renewal.phase, RenewalPhase::Period(1));
    assert_eq!(renewal.lapsed_on, Some(day("2025-01-01")));
    // (Hours needed only in a category cannot be: categories may not add up
    // to more than the total.)
    // No hours needed at all: every period is met, up to the one holding the
    // as-of date.
    let report = evaluate(&yearly(0.0, 0.0), &certified, "2027-06-01");
    assert_eq!(report.status, CertificationStatus::Certified);
    let renewal = report.renewal.unwrap();
    assert_eq!(renewal.phase, RenewalPhase::Period(4));
    assert_eq!(renewal.starts, day("2027-01-01"));
}

#[test]
fn a_count_must_leave_something_to_do() {
    let policy = |count: u32, may_miss: u32| {
        Policy::from_json(&format!(
            r#"{{"schema_version": 2, "id": "u", "extends": "nsph", "certification": {{"requirements": [
            {{"id": "u.sessions", "stage": "training", "strength": "required", "evidence": "supervised_work",
             "count": {count}, "may_miss": {may_miss},
             "citation": {{"source": "s", "line": 1, "quote": "q"}}, "message": {{"sv": "m", "en": "m"}}}}]}}}}"#
        ))
    };
    assert!(policy(3, 2).is_ok());
    for (count, may_miss) in [(0, 0), (2, 2), (2, 3)] {
        let err = policy(count, may_miss).unwrap_err();
        assert!(
            matches!(err, PolicyError::Shape { ref path, problem: peer_support::ShapeProblem::CountOrMayMiss, .. }
                if path == "certification.requirements[0].may_miss"),
            "{count} {may_miss}: {err:?}"
        );
    }
}
