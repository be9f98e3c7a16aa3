//! The unit audit: golden reports for the sample units (text in both
//! languages, and JSON), and one clear error for each kind of bad input.
//!
//! Golden files live in `tests/golden/`. After a deliberate change to the
//! reports, regenerate them with `UPDATE_GOLDEN=1 cargo test --test audit`
//! and read the diff before committing it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use peer_support::audit::{self, AuditError};
use peer_support::{InputProblem, Lang, PolicyError, ShapeProblem};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

const SAMPLES: [&str; 4] = [
    "rkc_preparing",
    "vgr_ward",
    "stockholm_housing",
    "malmo_mentors",
];

fn check_golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .map_or_else(|| "length".to_owned(), |n| format!("line {}", n + 1));
        panic!("{name} differs from the golden file at {line}:\n{actual}");
    }
}

fn sample(name: &str) -> String {
    std::fs::read_to_string(root().join("examples/data").join(format!("{name}.json"))).unwrap()
}

#[test]
fn sample_reports_match_their_golden_files() {
    for name in SAMPLES {
        let input = sample(name);
        for lang in Lang::ALL {
            let report = audit::run(&input, lang).unwrap();
            check_golden(&format!("{name}.{lang}.txt"), &report.to_text());
            check_golden(&format!("{name}.{lang}.html"), &report.to_html());
        }
        let report = audit::run(&input, Lang::En).unwrap();
        check_golden(&format!("{name}.en.json"), &(report.to_json() + "\n"));
        let tables = report.to_csv();
        let names: Vec<&str> = tables.iter().map(|(t, _)| *t).collect();
        assert_eq!(names, peer_support::render::CSV_TABLES);
        for (table, csv) in tables {
            check_golden(&format!("{name}.en.{table}.csv"), &csv);
        }
    }
}

#[test]
fn reports_name_people_only_by_their_opaque_ids() {
    let input = sample("vgr_ward");
    let json = audit::run(&input, Lang::En).unwrap().to_json();
    assert!(json.contains("\"ps-vg-01\""));
    assert!(json.contains("\"pt-0412\""));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["report_version"], 3);
    for key in [
        "boundaries",
        "certification",
        "supervision",
        "participation",
        "readiness",
    ] {
        assert!(value.get(key).is_some(), "{key}");
    }
}

#[test]
fn the_samples_show_the_situations_they_were_made_for() {
    let rkc = audit::run(&sample("rkc_preparing"), Lang::En).unwrap();
    assert!(!rkc.readiness.started && !rkc.readiness.ready);
    // Meets RKC's recruitment requirements; the training plan is under way.
    assert_eq!(
        rkc.certification[0].report.status.id,
        "rkc.status.meets_requirements"
    );
    assert_eq!(
        rkc.certification[0].report.unmet_recommendations[0].rule_id,
        "rkc.cert.module_attitude_approach"
    );

    let vgr = audit::run(&sample("vgr_ward"), Lang::En).unwrap();
    assert_eq!(vgr.supporters_overdue(), vec!["ps-vg-01"]);
    assert_eq!(vgr.participation.not_kept, 1);
    assert!(vgr
        .boundaries
        .findings
        .iter()
        .any(|f| f.outcome == peer_support::Outcome::Forbidden));

    let sth = audit::run(&sample("stockholm_housing"), Lang::En).unwrap();
    assert_eq!(sth.certification.len(), 2);
    assert!(sth.readiness.started);
}

trait Overdue {
    fn supporters_overdue(&self) -> Vec<&str>;
}

impl Overdue for audit::AuditReport {
    fn supporters_overdue(&self) -> Vec<&str> {
        self.supervision
            .iter()
            .filter(|s| s.kinds.iter().any(|k| k.days_overdue > 0))
            .map(|s| s.supporter.as_str())
            .collect()
    }
}

/// Applies `edit` to the VGR sample's JSON value and audits the result.
fn audit_edited(edit: impl FnOnce(&mut serde_json::Value)) -> AuditError {
    let mut value: serde_json::Value = serde_json::from_str(&sample("vgr_ward")).unwrap();
    edit(&mut value);
    audit::run(&value.to_string(), Lang::En).unwrap_err()
}

#[test]
fn malformed_json_is_one_error_with_its_position() {
    let err = audit::run("{\"schema_version\": 3,\n  \"unit_id\": ", Lang::Sv).unwrap_err();
    assert!(
        matches!(
            err,
            AuditError::Document(PolicyError::Syntax { line: 2, .. })
        ),
        "{err:?}"
    );
}

#[test]
fn an_unknown_action_names_its_activity() {
    let err = audit_edited(|v| v["activities"][4]["action"] = "patient.hug".into());
    assert_eq!(err.path().as_deref(), Some("activities[4].action"));
    assert!(matches!(err, AuditError::Input(ref e) if e.problem == InputProblem::UnknownAction));
    assert!(!err.to_string().contains("hug"), "{err}");
}

#[test]
fn an_unknown_model_id_names_the_field() {
    let err = audit_edited(|v| v["model"] = "kbt".into());
    assert_eq!(err.path().as_deref(), Some("model"));
    assert!(!err.to_string().contains("kbt"));
}

#[test]
fn a_future_date_names_its_place() {
    let err = audit_edited(|v| v["activities"][1]["date"] = "2027-01-01".into());
    assert_eq!(err.path().as_deref(), Some("activities[1].date"));
    let err = audit_edited(|v| v["supporters"][0]["evidence"][2]["date"] = "2027-01-01".into());
    assert_eq!(
        err.path().as_deref(),
        Some("supporters[0].evidence[2].date")
    );
    let err = audit_edited(|v| {
        v["supporters"][0]["supervision"]["sessions"][3]["date"] = "2027-01-01".into()
    });
    assert_eq!(
        err.path().as_deref(),
        Some("supporters[0].supervision.sessions[3].date")
    );
}

#[test]
fn a_missing_field_names_where_it_is_missing() {
    let err = audit_edited(|v| {
        v.as_object_mut().unwrap().remove("as_of");
    });
    assert!(
        matches!(err, AuditError::Document(PolicyError::Shape { ref path, problem: ShapeProblem::MissingField, .. }) if path == "as_of"),
        "{err:?}"
    );
    let err = audit_edited(|v| {
        v["activities"][0]
            .as_object_mut()
            .unwrap()
            .remove("supporter");
    });
    assert_eq!(err.path().as_deref(), Some("activities[0].supporter"));
    assert_eq!(
        err.to_string(),
        "unit record: activities[0].supporter: is required"
    );
}

#[test]
fn other_bad_records_are_refused_with_their_path() {
    type Edit = Box<dyn FnOnce(&mut serde_json::Value)>;
    let cases: Vec<(Edit, &str)> = vec![
        (
            Box::new(|v| v["schema_version"] = 1.into()),
            "schema_version",
        ),
        (
            Box::new(|v| v["activities"][2]["supporter"] = "ps-unknown".into()),
            "activities[2].supporter",
        ),
        (
            Box::new(|v| {
                v["activities"][8]
                    .as_object_mut()
                    .unwrap()
                    .remove("delivered")
                    .map(drop)
                    .unwrap()
            }),
            "activities[8].delivered",
        ),
        (
            Box::new(|v| v["activities"][8]["delivered"] = "partnership".into()),
            "activities[8].delivered",
        ),
        (
            // A readiness fact is named by its position in the object, not
            // by its key.
            Box::new(
                |v| v["readiness"] = serde_json::json!({"nsph.ready.contact_with_managers": true, "nsph.ready.zzz_coffee": true}),
            ),
            "readiness[1]",
        ),
        (
            Box::new(|v| v["readiness"] = serde_json::json!({"nsph.ready.training_staff": 3})),
            "readiness[0]",
        ),
        (
            Box::new(|v| v["policy"]["extends"] = "rkc".into()),
            "policy.extends",
        ),
        (
            Box::new(|v| v["policy"]["boundaries"][0]["action"] = "nothing.here".into()),
            "policy.boundaries[0].action",
        ),
        (
            Box::new(|v| v["supporters"][0]["evidence"][0]["kind"] = "diploma".into()),
            "supporters[0].evidence[0].kind",
        ),
        (
            Box::new(|v| {
                let s = v["supporters"][0].clone();
                v["supporters"].as_array_mut().unwrap().push(s)
            }),
            "supporters[1].id",
        ),
        (
            Box::new(|v| v["supporters"][0]["employment"]["form"] = "intern".into()),
            "supporters[0].employment.form",
        ),
        // An unknown field is the object's problem: its name is not repeated.
        (Box::new(|v| v["shoe_size"] = 42.into()), ""),
        (
            Box::new(|v| v["supporters"][0]["shoe_size"] = 42.into()),
            "supporters[0]",
        ),
    ];
    for (edit, path) in cases {
        let err = audit_edited(edit);
        assert_eq!(err.path().as_deref(), Some(path), "{err}");
    }
}

#[test]
fn an_employment_says_since_exactly_when_it_is_employed() {
    let shape = |err: AuditError| match err {
        AuditError::Document(PolicyError::Shape { path, problem, .. }) => (path, problem),
        other => panic!("{other:?}"),
    };
    let err = audit_edited(|v| {
        v["supporters"][0]["employment"] = serde_json::json!({"form": "employed"})
    });
    assert_eq!(
        shape(err),
        (
            "supporters[0].employment.since".to_owned(),
            ShapeProblem::MissingField
        )
    );
    let err = audit_edited(|v| {
        v["supporters"][0]["employment"] =
            serde_json::json!({"form": "volunteer", "since": "2020-01-01"})
    });
    assert_eq!(
        shape(err),
        (
            "supporters[0].employment.since".to_owned(),
            ShapeProblem::NotTakenHere
        )
    );
}

/// A Skåne mentor unit under the Malmö sample policy (one deviation), with
/// `activities` of one mentor.
fn malmo_record(activities: &[(&str, &str)], employment: serde_json::Value) -> String {
    let policy: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("examples/policies/malmo_mentors.json")).unwrap(),
    )
    .unwrap();
    let activities: Vec<serde_json::Value> = activities
        .iter()
        .map(
            |(date, action)| serde_json::json!({"date": date, "supporter": "m1", "action": action}),
        )
        .collect();
    serde_json::json!({
        "schema_version": 3, "unit_id": "u", "model": "skane_mentor", "policy": policy,
        "as_of": "2026-06-30",
        "supporters": [{"id": "m1", "employment": employment}],
        "activities": activities,
    })
    .to_string()
}

#[test]
fn activities_decided_under_a_deviation_are_counted_with_it() {
    let record = malmo_record(
        &[
            ("2026-06-01", "availability.around_the_clock"),
            ("2026-06-02", "patient.peer_conversation"),
            ("2026-06-03", "availability.around_the_clock"),
            // On the "as of" day itself: still in the period.
            ("2026-06-30", "availability.around_the_clock"),
        ],
        serde_json::json!({"form": "volunteer"}),
    );
    let report = audit::run(&record, Lang::En).unwrap();
    let deviations = &report.boundaries.deviations;
    assert_eq!(deviations.len(), 1);
    assert_eq!(
        deviations[0].deviation.model_rule,
        "skane.warning.around_the_clock"
    );
    assert_eq!(deviations[0].activities, 3);
    // Allowed with the unit's conditions: findings, not plainly allowed.
    assert_eq!(report.boundaries.allowed, 1);
    let text = report.to_text();
    assert!(text.contains("Activities decided under it: 3"), "{text}");
}

/// An NSPH unit whose policy sets the share limit's parameters, with
/// `activities` of one supporter on one day.
fn nsph_shares(share: f64, min: f64, activities: &[&str]) -> Vec<(String, usize, usize)> {
    let citation = serde_json::json!({"source": "rutin.pdf", "line": 1, "quote": "q"});
    let activities: Vec<serde_json::Value> = activities
        .iter()
        .map(
            |action| serde_json::json!({"date": "2026-06-01", "supporter": "p1", "action": action}),
        )
        .collect();
    let record = serde_json::json!({
        "schema_version": 3, "unit_id": "u", "model": "nsph", "as_of": "2026-06-30",
        "policy": {"schema_version": 3, "id": "u-policy", "extends": "nsph", "parameters": [
            {"id": "boundaries.practical_task_share", "value": share, "citation": citation},
            {"id": "boundaries.share_min_activities", "value": min, "citation": citation}]},
        "supporters": [{"id": "p1", "employment": {"form": "volunteer"}}],
        "activities": activities,
    });
    let report = audit::run(&record.to_string(), Lang::En).unwrap();
    let values: Vec<f64> = report
        .boundaries
        .share_parameters
        .iter()
        .map(|p| p.value)
        .collect();
    assert_eq!(values, [share, min]);
    report
        .boundaries
        .share_findings
        .iter()
        .map(|f| (f.rule_id.clone(), f.counted, f.activities))
        .collect()
}

#[test]
fn other_duties_are_flagged_only_above_the_share_and_over_enough_activities() {
    let chore = "practical.occasional_task";
    let others = "staff.perform_other_staff_tasks";
    let talk = "patient.peer_conversation";
    let rule = "nsph.limit.role_crowded_out".to_owned();
    // 1 of 5 is exactly 20 %: not above it.
    assert_eq!(nsph_shares(0.2, 5.0, &[chore, talk, talk, talk, talk]), []);
    // 2 of 5 is above it; both counted tasks count.
    assert_eq!(
        nsph_shares(0.2, 5.0, &[chore, others, talk, talk, talk]),
        [(rule.clone(), 2, 5)]
    );
    // Over fewer activities than the minimum, nothing is judged.
    assert_eq!(
        nsph_shares(0.2, 6.0, &[chore, others, talk, talk, talk]),
        []
    );
    // Housing-support chores and accompanying a patient are not counted;
    // an activity on a retired task counts on neither side.
    assert_eq!(
        nsph_shares(
            0.2,
            5.0,
            &[
                chore,
                "practical.housing_support_chores",
                "practical.accompany_outside",
                talk,
                talk,
                "practical.other_duties_displacing_role"
            ]
        ),
        []
    );
    // Three activities on catalogue tasks, not four: judged over a minimum
    // of 3, not over a minimum of 4.
    assert_eq!(
        nsph_shares(0.2, 3.0, &[chore, others, talk, "staff.full_member"]),
        [(rule, 2, 3)]
    );
    assert_eq!(
        nsph_shares(0.2, 4.0, &[chore, others, talk, "staff.full_member"]),
        []
    );
}

#[test]
fn a_model_without_a_share_limit_reports_none() {
    let record = malmo_record(
        &[("2026-06-01", "practical.occasional_task")],
        serde_json::json!({"form": "volunteer"}),
    );
    let report = audit::run(&record, Lang::En).unwrap();
    assert!(report.boundaries.share_parameters.is_empty());
    assert!(report.boundaries.share_findings.is_empty());
}

#[test]
fn a_supporter_has_started_on_their_start_date_whatever_their_employment() {
    let report = |employment: serde_json::Value, start: Option<&str>, log: bool| {
        let mut record: serde_json::Value =
            serde_json::from_str(&malmo_record(&[], employment)).unwrap();
        if let Some(start) = start {
            record["supporters"][0]["start"] = start.into();
        }
        if log {
            record["supporters"][0]["supervision"] = serde_json::json!({"sessions": []});
        }
        audit::run(&record.to_string(), Lang::En)
    };
    let started = |employment, start| report(employment, start, false).unwrap().readiness.started;
    let employed = |since: &str| serde_json::json!({"form": "employed", "since": since});
    let volunteer = serde_json::json!({"form": "volunteer"});
    // A start on the "as of" day counts; the day after, it does not.
    assert!(started(volunteer.clone(), Some("2026-06-30")));
    assert!(!started(volunteer.clone(), Some("2026-07-01")));
    // Employment alone does not say the supporter has started.
    assert!(!started(employed("2026-01-01"), None));
    assert!(started(employed("2026-07-01"), Some("2026-06-30")));
    // A log needs a start date, and one not after the "as of" date.
    let err = report(volunteer.clone(), None, true).unwrap_err();
    assert_eq!(err.path().as_deref(), Some("supporters[0].start"));
    assert!(matches!(err, AuditError::Input(ref e) if e.problem == InputProblem::StartRequired));
    let err = report(volunteer, Some("2026-07-01"), true).unwrap_err();
    assert_eq!(err.path().as_deref(), Some("supporters[0].start"));
    assert!(matches!(err, AuditError::Input(ref e) if e.problem == InputProblem::AfterAsOf));
}

#[test]
fn employment_from_the_as_of_day_is_employment_since_then() {
    let text = |since: &str| {
        let record = malmo_record(&[], serde_json::json!({"form": "employed", "since": since}));
        audit::run(&record, Lang::En).unwrap().to_text()
    };
    assert!(text("2026-06-30").contains("(employed since 2026-06-30)"));
    assert!(text("2026-07-01").contains("(to be employed from 2026-07-01)"));
}

#[test]
fn a_started_supporter_without_a_log_is_a_finding_for_each_required_kind() {
    let record = |employment: serde_json::Value| {
        audit::run(&malmo_record(&[], employment), Lang::Sv).unwrap()
    };
    let mut with_start: serde_json::Value =
        serde_json::from_str(&malmo_record(&[], serde_json::json!({"form": "volunteer"}))).unwrap();
    with_start["supporters"][0]["start"] = "2026-01-01".into();
    let started = audit::run(&with_start.to_string(), Lang::Sv).unwrap();
    let ids: Vec<&str> = started.supervision[0]
        .no_log
        .iter()
        .map(|f| f.rule_id.as_str())
        .collect();
    assert_eq!(ids, ["skane.supervision.line"]);
    let text = started.to_text();
    assert!(
        text.contains("Peer supportern har börjat, och policyn kräver"),
        "{text}"
    );
    // Not started (no start date), even if employed: no finding.
    let employed = record(serde_json::json!({"form": "employed", "since": "2026-01-01"}));
    assert!(employed.supervision[0].no_log.is_empty());
}

#[test]
fn a_lapsed_standing_shows_the_day_it_was_reached_not_since() {
    let policy =
        std::fs::read_to_string(root().join("examples/policies/pennsylvania_cps.json")).unwrap();
    let record = format!(
        r#"{{"schema_version": 3, "unit_id": "u", "model": "base", "policy": {policy}, "as_of": "2026-01-01",
          "supporters": [{{"id": "s1", "employment": {{"form": "employed", "since": "2020-01-01"}},
            "evidence": [{{"kind": "pennsylvania_pcb_certification", "date": "2020-01-01"}}]}}]}}"#
    );
    let text = audit::run(&record, Lang::En).unwrap().to_text();
    assert!(
        text.contains(
            "Certification lapsed: a period ended short of its hours [lapsed] (reached 2020-01-01)"
        ),
        "{text}"
    );
}

#[test]
fn hostile_ids_are_escaped_in_html_and_quoted_or_guarded_in_csv() {
    let record = r#"{"schema_version": 3, "unit_id": "u", "model": "rkc", "as_of": "2026-11-24",
        "supporters": [{"id": "<script>x</script>;=1+1", "employment": {"form": "volunteer"}}],
        "activities": [{"date": "2026-11-01", "supporter": "<script>x</script>;=1+1",
                        "patient": "=HYPERLINK(\"u\")\u202e", "action": "journal.write_note"}]}"#;
    let report = audit::run(record, Lang::En).unwrap();
    let html = report.to_html();
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("&lt;script&gt;x&lt;/script&gt;;=1+1"));
    assert!(!html.contains('\u{202e}') && html.contains("\\u{202e}"));
    for banned in ["src=", "href=", "url(", "<link", "<img"] {
        assert!(!html.contains(banned), "{banned}");
    }
    let tables: std::collections::HashMap<_, _> = report.to_csv().into_iter().collect();
    let certification = &tables["certification"];
    assert!(
        certification.contains("\r\n\"<script>x</script>;=1+1\",volunteer,"),
        "{certification}"
    );
    let boundaries = &tables["boundaries"];
    assert!(
        boundaries.contains(",\"'=HYPERLINK(\"\"u\"\")\\u{202e}\","),
        "{boundaries}"
    );
    assert!(!boundaries.contains('\u{202e}'));
}
