//! Regression tests: every input in `tests/repro/` that once broke the
//! library, and the large inputs of the shared `quadratic_gen.py`, each with
//! the defect it showed asserted gone.
//!
//! Time bounds here are generous ceilings (several times what the linear
//! code needs in a debug build on a loaded machine, a small fraction of what
//! the old code took), there to catch work that grows with dates or
//! quadratically with the input; speed itself is measured by
//! `cargo bench -p peer-support --bench scaling`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use peer_support::audit::{self, AuditError, AuditReport};
use peer_support::certification::RenewalPhase;
use peer_support::{
    Expected, InputProblem, Lang, Limit, NaiveDate, Policy, PolicyError, ShapeProblem,
};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn repro(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/repro")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The same record moved into the library's calendar: the far dates of the
/// reproducers become its first and last days.
fn in_calendar(text: &str) -> String {
    text.replace("+262142-01-01", "2199-12-31")
        .replace("+262142-12-31", "2199-12-31")
        .replace("+262142-12-15", "2199-12-15")
        .replace("-262143-01-01", "1900-01-01")
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Audits `text`, asserting it took less than `ceiling`.
fn timed(text: &str, ceiling: Duration) -> Result<AuditReport, AuditError> {
    let start = Instant::now();
    let result = audit::run(text, Lang::En);
    let took = start.elapsed();
    assert!(took < ceiling, "took {took:?}, ceiling {ceiling:?}");
    result
}

fn record_shape(err: AuditError) -> (String, ShapeProblem) {
    match err {
        AuditError::Document(PolicyError::Shape { path, problem, .. }) => (path, problem),
        other => panic!("{other:?}"),
    }
}

fn no_marker(err: &impl std::fmt::Debug, message: &str) {
    let all = format!("{message} {err:?}").to_lowercase();
    assert!(
        !all.contains("tolvan") && !all.contains("19121212"),
        "{all}"
    );
}

#[test]
fn arrays_are_not_accepted_as_objects() {
    let err = audit::run(&repro("arrays_accepted_as_objects.json"), Lang::En).unwrap_err();
    assert_eq!(
        record_shape(err),
        (
            "policy".to_owned(),
            ShapeProblem::WrongType(Expected::Object)
        )
    );
}

#[test]
fn a_duplicate_readiness_key_is_refused_not_overwritten() {
    let err = audit::run(&repro("duplicate_readiness_key_last_wins.json"), Lang::En).unwrap_err();
    assert_eq!(
        record_shape(err),
        ("readiness[1]".to_owned(), ShapeProblem::DuplicateKey)
    );
}

#[test]
fn dates_outside_the_calendar_cannot_be_written() {
    for name in [
        "hang_renewal_daily_period_1000_evidence.json",
        "hang_supervision_daily_cadence_100_supporters.json",
        "slow_renewal_daily_period.json",
        "slow_supervision_daily_cadence.json",
        "wrong_path_supervision_as_of.json",
        "lenient_date_format.json",
    ] {
        let err = timed(&repro(name), Duration::from_secs(2)).unwrap_err();
        assert_eq!(
            record_shape(err),
            ("as_of".to_owned(), ShapeProblem::BadDate),
            "{name}"
        );
    }
    let beyond = repro("lenient_date_format.json").replace(" 2026-1-1 ", "2200-01-01");
    match audit::run(&beyond, Lang::En).unwrap_err() {
        AuditError::Document(PolicyError::Limit { path, limit, .. }) => {
            assert_eq!((path.as_str(), limit), ("as_of", Limit::Calendar));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_daily_cadence_over_the_whole_calendar_costs_no_more_than_a_monthly_one() {
    let text = in_calendar(&repro("slow_supervision_daily_cadence.json"));
    let report = timed(&text, Duration::from_secs(2)).unwrap();
    let kind = report.supervision[0]
        .kinds
        .iter()
        .find(|k| k.rule_id == "u.sup")
        .unwrap();
    // A session was due on 1900-01-02 and none came: every day of the
    // window after that one is overdue.
    let days = (day("2199-12-31") - day("1900-01-01")).num_days();
    assert_eq!(kind.window_days, days);
    assert_eq!(kind.overdue_days, days - 1);
    assert_eq!(kind.next_due, day("1900-01-02"));
    assert_eq!(kind.days_overdue, days - 1);
}

#[test]
fn a_hundred_supporters_with_daily_cadences_are_audited_quickly() {
    let text = in_calendar(&repro("hang_supervision_daily_cadence_100_supporters.json"));
    let report = timed(&text, Duration::from_secs(5)).unwrap();
    assert_eq!(report.supervision.len(), 100);
}

#[test]
fn a_daily_renewal_period_over_the_whole_calendar_is_walked_in_one_step() {
    let text = in_calendar(&repro("slow_renewal_daily_period.json"));
    let report = timed(&text, Duration::from_secs(2)).unwrap();
    let renewal = report.certification[0].report.renewal.as_ref().unwrap();
    // No hours are needed, so every period is kept: the current one is the
    // one holding the audit date, the last day of the calendar.
    let days = (day("2199-12-31") - day("1900-01-01")).num_days();
    assert_eq!(
        renewal.phase,
        RenewalPhase::Period(u32::try_from(days + 1).unwrap())
    );
    assert_eq!(renewal.starts, day("2199-12-31"));
    assert_eq!(renewal.lapsed_on, None);
}

#[test]
fn a_daily_renewal_period_with_a_thousand_items_is_audited_quickly() {
    let text = in_calendar(&repro("hang_renewal_daily_period_1000_evidence.json"));
    let report = timed(&text, Duration::from_secs(5)).unwrap();
    assert!(report.certification[0].report.renewal.is_some());
}

#[test]
fn hours_that_would_overflow_are_refused() {
    let err = audit::run(&repro("hours_overflow_done_null.json"), Lang::En).unwrap_err();
    match err {
        AuditError::Input(e) => assert_eq!(
            (e.path.as_str(), e.problem),
            (
                "supporters[0].evidence[7].hours",
                InputProblem::InvalidHours
            )
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn keys_and_unknown_names_never_reach_a_message() {
    let cases = [
        // `may_miss` left the schema in version 3 (a unit's attendance count
        // is now a parameter): the whole field is refused, its key unread.
        ("leak_may_miss_key.json", "policy.certification"),
        ("leak_readiness_key.json", "readiness[0]"),
        ("leak_unknown_field.json", ""),
        ("leak_variant_backtick.json", "model"),
    ];
    for (name, path) in cases {
        let err = audit::run(&repro(name), Lang::En).unwrap_err();
        no_marker(&err, &err.to_string());
        assert_eq!(err.path().as_deref(), Some(path), "{name}: {err}");
    }
    let err = Policy::from_json(&repro("leak_may_miss_key_policy.json")).unwrap_err();
    no_marker(&err, &err.to_string());
    assert_eq!(err.path(), Some("certification"));
}

#[test]
fn no_hours_print_as_negative_zero() {
    let text = repro("negative_zero_hours_vgr_texas.json");
    let report = audit::run(&text, Lang::En).unwrap();
    let rendered = report.to_text();
    assert!(rendered.contains("total 0/250 h"), "{rendered}");
    // Hours print as `done/needed h`: neither may be negative zero.
    assert!(
        !rendered.contains(" -0/") && !rendered.contains("/-0 "),
        "{rendered}"
    );
    let json = report.to_json();
    assert!(!json.contains("-0.0") && !json.contains("null,\n          \"needed\""));
    let renewal = report.certification[0].report.renewal.as_ref().unwrap();
    assert!(renewal.hours.iter().all(|h| h.done.is_sign_positive()));
}

#[test]
fn policy_hours_beyond_the_limit_are_refused_and_others_round_trip_exactly() {
    for name in [
        "policy_float_roundtrip.json",
        "policy_float_roundtrip_2.json",
    ] {
        match Policy::from_json(&repro(name)).unwrap_err() {
            PolicyError::Limit { path, limit, .. } => assert_eq!(
                (path.as_str(), limit),
                (
                    "certification.renewal.continuing_education.total",
                    Limit::Hours
                )
            ),
            other => panic!("{name}: {other:?}"),
        }
    }
    // The same policies with hours inside the limit read back equal.
    for total in [
        "20777.77777777777777777",
        "12345.123456789123456789",
        "0.1",
        "99999.99999999999",
    ] {
        let text = repro("policy_float_roundtrip_2.json").replace("123456789.123456789", total);
        let policy = Policy::from_json(&text).unwrap();
        assert_eq!(
            Policy::from_json(&policy.to_json()).unwrap(),
            policy,
            "{total}"
        );
    }
}

#[test]
fn control_characters_are_escaped_in_the_text_report() {
    let report = audit::run(&repro("text_report_control_chars.json"), Lang::En).unwrap();
    let text = report.to_text();
    let forbidden = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
    };
    assert!(!text.chars().any(forbidden), "{text:?}");
    assert!(text.contains("ps\\u{202e}10-sp\\u{0000}"), "{text}");
    // The forged section heading is not a line of its own.
    assert_eq!(text.lines().filter(|l| l.starts_with("1. ")).count(), 1);
    // Nor can an id end a line to forge an "Allowed" finding.
    assert!(!text
        .lines()
        .any(|l| l.trim_start().starts_with("- #1 2026-01-01 ps-1")));
}

#[test]
fn a_span_too_long_is_refused_naming_the_parameter() {
    match audit::run(&repro("wrong_path_renewal_as_of.json"), Lang::En).unwrap_err() {
        AuditError::Policy(PolicyError::Limit { path, limit, .. }) => assert_eq!(
            (path.as_str(), limit),
            ("policy.certification.renewal.period", Limit::SpanLength)
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_due_date_past_the_calendar_is_still_reported() {
    let text = in_calendar(&repro("wrong_path_supervision_as_of.json"));
    let report = audit::run(&text, Lang::En).unwrap();
    let kind = report.supervision[0]
        .kinds
        .iter()
        .find(|k| k.rule_id == "u.sup")
        .unwrap();
    assert_eq!(kind.next_due, day("2200-01-15"));
    assert_eq!(kind.days_overdue, 0);
}

/// The unit record `quadratic_gen.py` writes around its parts.
fn unit(policy: Option<String>, supporters: &str, activities: &str) -> String {
    let policy = policy
        .map(|p| format!(r#""policy":{{"schema_version":3,"id":"u-pol","extends":"nsph",{p}}},"#))
        .unwrap_or_default();
    format!(
        r#"{{"schema_version":3,"unit_id":"u1","model":"nsph",{policy}"as_of":"2026-11-24","supporters":[{supporters}],"activities":[{activities}]}}"#
    )
}

const CIT: &str = r#"{"source":"unit-doc","line":1,"quote":"q"}"#;
const MSG: &str = r#"{"sv":"s","en":"e"}"#;

fn supporters(n: usize) -> String {
    (0..n)
        .map(|i| format!(r#"{{"id":"s{i:07}","employment":{{"form":"volunteer"}}}}"#))
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn many_supporters_and_activities_cost_linear_time() {
    let text = unit(None, &supporters(100_000), "");
    assert_eq!(
        timed(&text, Duration::from_secs(20))
            .unwrap()
            .certification
            .len(),
        100_000
    );
    let activity =
        r#"{"date":"2026-01-01","supporter":"s0009999","action":"patient.peer_conversation"}"#;
    let activities = vec![activity; 100_000].join(",");
    let text = unit(None, &supporters(10_000), &activities);
    assert_eq!(
        timed(&text, Duration::from_secs(20))
            .unwrap()
            .boundaries
            .checked,
        100_000
    );
}

#[test]
fn many_unit_actions_and_rules_cost_linear_time() {
    let n = 30_000;
    let actions: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"id":"u.a{i}","code":{},"group":"outreach","label":{MSG}}}"#,
                10_000 + i
            )
        })
        .collect();
    let rules: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id":"u.r{i}","action":"u.a{i}","verdict":"forbidden","citation":{CIT},"message":{MSG}}}"#))
        .collect();
    let policy = format!(
        r#""actions":[{}],"boundaries":[{}]"#,
        actions.join(","),
        rules.join(",")
    );
    let report = timed(&unit(Some(policy), "", ""), Duration::from_secs(20)).unwrap();
    assert_eq!(report.policy_id, "u-pol");
}

#[test]
fn many_evidence_kinds_items_and_topics_cost_linear_time() {
    let kinds: Vec<String> = (0..30_000)
        .map(|i| format!(r#"{{"id":"u.k{i}","label":{MSG}}}"#))
        .collect();
    let item = r#"{"kind":"u.k29999","date":"2020-01-01"}"#;
    let supporter = format!(
        r#"{{"id":"s1","employment":{{"form":"volunteer"}},"evidence":[{}]}}"#,
        vec![item; 100_000].join(",")
    );
    let policy = format!(r#""evidence_kinds":[{}]"#, kinds.join(","));
    timed(&unit(Some(policy), &supporter, ""), Duration::from_secs(20)).unwrap();

    let t = 1000;
    let topics: Vec<String> = (0..t).map(|i| format!(r#""t{i}""#)).collect();
    let reversed: Vec<String> = topics.iter().rev().cloned().collect();
    let policy = format!(
        r#""evidence_kinds":[{{"id":"u.k","label":{MSG}}}],"certification":{{"requirements":[{{"id":"u.req","stage":"training","strength":"required","evidence":"u.k","topics":[{}],"citation":{CIT},"message":{MSG}}}]}}"#,
        topics.join(",")
    );
    let item = format!(
        r#"{{"kind":"u.k","date":"2020-01-01","topics":[{}]}}"#,
        reversed.join(",")
    );
    let supporter = format!(
        r#"{{"id":"s1","employment":{{"form":"volunteer"}},"evidence":[{}]}}"#,
        vec![item.as_str(); t].join(",")
    );
    let report = timed(&unit(Some(policy), &supporter, ""), Duration::from_secs(20)).unwrap();
    assert!(report.certification[0]
        .report
        .missing
        .iter()
        .all(|f| f.rule_id != "u.req"));
}
