//! No error repeats anything from its input.
//!
//! A unit record (with its own policy) whose every string, key and id holds
//! the marker is broken in every way the error types can report: each value
//! replaced by values of other types, out of range, empty or ill-formed;
//! every key removed, renamed, repeated or joined by an unknown one; arrays
//! emptied or given a repeated element; the text cut short; and a few hand
//! made breaks for what a generic edit cannot reach. Every error's message
//! and `Debug` output must be free of the marker, and the breaks must have
//! reached every kind of error the test lists, so that it cannot pass by
//! reaching none.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use peer_support::audit::{self, AuditError};
use peer_support::{Evidence, InputError, Lang, Policy, PolicyError, Session, SupervisionLog};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// Free text with the marker: the Swedish test identity.
const TEXT: &str = "Tolvan Tolvansson 19121212-1212";

/// True when `s` holds any part of the marker.
fn leaks(s: &str) -> bool {
    let lower = s.to_lowercase();
    lower.contains("tolvan") || lower.contains("19121212")
}

fn text() -> Value {
    json!({"sv": TEXT, "en": TEXT})
}

fn citation() -> Value {
    json!({"source": TEXT, "line": 19121212, "quote": TEXT})
}

/// A unit policy whose every id and text holds the marker.
fn policy() -> Value {
    json!({
        "schema_version": 3,
        "id": "tolvan.19121212-1212",
        "extends": "nsph",
        "actions": [{"id": "tolvan.a-19121212", "code": 19121212, "group": "outreach", "label": text()}],
        "boundaries": [{
            "id": "tolvan.r-19121212", "action": "tolvan.a-19121212",
            "verdict": "allowed_with_conditions",
            "conditions": [{"id": "tolvan.rc-19121212", "on": "employer", "text": text()}],
            "citation": citation(), "message": text()
        }, {
            "id": "tolvan.d-19121212", "action": "staff.perform_other_staff_tasks",
            "verdict": "allowed", "citation": citation(), "message": text()
        }],
        "deviations": [{"model_rule": "nsph.limit.other_staff_tasks", "reason": text(), "citation": citation()}],
        "parameters": [{"id": "boundaries.practical_task_share", "value": 0.5, "citation": citation()}],
        "evidence_kinds": [{"id": "tolvan.k-19121212", "label": text()}],
        "supervision_kinds": [{"id": "tolvan.sk-19121212", "label": text()}],
        "certification": {
            "statuses": [{
                "id": "tolvan.st-19121212", "standings": ["lapsed"], "category": "lapsed",
                "label": text(), "citation": citation()
            }],
            "requirements": [{
                "id": "tolvan.q-19121212", "stage": "training", "strength": "recommended",
                "evidence": "tolvan.k-19121212", "count": 2, "topics": [TEXT],
                "also_met_by": ["tolvan.k-19121212"],
                "attendance": {"evidence": "tolvan.k-19121212", "parameter": "certification.course_min_meetings"},
                "citation": citation(), "message": text()
            }],
            "should_not_require": [{
                "id": "tolvan.n-19121212", "evidence": "tolvan.k-19121212",
                "citation": citation(), "message": text()
            }],
            "renewal": {
                "id": "tolvan.w-19121212",
                "initial": {
                    "id": "tolvan.i-19121212", "length": {"months": 6},
                    "hours": {"evidence": "tolvan.k-19121212", "total": 10,
                              "by_category": [{"category": TEXT, "hours": 5}],
                              "excluded_categories": [TEXT]},
                    "citation": citation(), "message": text()
                },
                "period": {"months": 24},
                "continuing_education": {"evidence": "tolvan.k-19121212", "total": 20,
                                         "by_category": [{"category": TEXT, "hours": 5}]},
                "citation": citation(), "message": text()
            }
        },
        "supervision": [{
            "id": "tolvan.s-19121212", "kind": "tolvan.sk-19121212",
            "cadence": [{"every": {"days": 30}}, {"from": {"months": 6}, "every": {"months": 1}},
                        {"from_evidence": "tolvan.k-19121212", "every": {"months": 2}}],
            "cadence_source": text(), "citation": citation(), "message": text()
        }],
        "readiness": [{
            "component": "tolvan.c-19121212", "label": text(),
            "items": [{"id": "tolvan.ri-19121212", "when": "before_start", "count": 2,
                       "citation": citation(), "message": text()}]
        }]
    })
}

/// A unit record whose every string, key and id holds the marker.
fn record() -> Value {
    json!({
        "schema_version": 3,
        "unit_id": TEXT,
        "model": "nsph",
        "policy": policy(),
        "as_of": "2026-11-24",
        "supporters": [{
            "id": TEXT,
            "employment": {"form": "employed", "since": "2020-01-01"},
            "start": "2020-01-01",
            "evidence": [{"kind": "tolvan.k-19121212", "date": "2020-01-01", "hours": 3,
                          "category": TEXT, "topics": [TEXT]}],
            "supervision": {"sessions": [{"date": "2020-02-01", "kind": "tolvan.sk-19121212"}]}
        }],
        "activities": [{"date": "2026-01-01", "supporter": TEXT, "action": "tolvan.a-19121212",
                        "patient": TEXT, "promised": "dialogue", "delivered": "dialogue"}],
        "readiness": {"tolvan.ri-19121212": 1}
    })
}

/// Replacement values for a value of each kind.
fn replacements(value: &Value) -> Vec<Value> {
    let mut out = vec![
        json!("Tolvan`\"19121212\u{1b}[31m\u{202e}"),
        json!([TEXT]),
        json!({"tolvan": TEXT}),
        Value::Null,
    ];
    match value {
        Value::String(_) => out.extend([
            json!(""),
            json!("2300-01-01"),
            json!("2199-12-31"),
            json!("1900-01-01"),
            json!("tolvan.19121212 x"),
            json!(19121212),
        ]),
        Value::Number(_) => out.extend([
            json!(-1),
            json!(0),
            json!(2),
            json!(5),
            json!(4294967295u64),
            json!(1.5),
            json!(1e300),
        ]),
        Value::Bool(_) => out.push(json!(5)),
        Value::Array(_) => out.push(json!([])),
        _ => {}
    }
    out
}

/// Every path in `value`, as JSON pointer steps.
fn paths(value: &Value, at: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let mut next = at.clone();
                next.push(k.clone());
                paths(v, next, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let mut next = at.clone();
                next.push(i.to_string());
                paths(v, next, out);
            }
        }
        _ => {}
    }
}

fn pointer(path: &[String]) -> String {
    path.iter().map(|p| format!("/{p}")).collect()
}

/// JSON text of `value` with the first key of the object at `dup` written
/// twice.
fn with_duplicate_key(value: &Value, at: &[String], dup: &[String]) -> String {
    match value {
        Value::Object(map) => {
            let mut parts: Vec<String> = map
                .iter()
                .map(|(k, v)| {
                    let mut next = at.to_vec();
                    next.push(k.clone());
                    format!(
                        "{}:{}",
                        Value::String(k.clone()),
                        with_duplicate_key(v, &next, dup)
                    )
                })
                .collect();
            if at == dup {
                if let Some(first) = parts.first().cloned() {
                    parts.push(first);
                }
            }
            format!("{{{}}}", parts.join(","))
        }
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let mut next = at.to_vec();
                    next.push(i.to_string());
                    with_duplicate_key(v, &next, dup)
                })
                .collect();
            format!("[{}]", parts.join(","))
        }
        other => other.to_string(),
    }
}

/// Every broken variant of `base`, as JSON text.
fn breaks(base: &Value) -> Vec<String> {
    let mut all = Vec::new();
    paths(base, Vec::new(), &mut all);
    let mut out = Vec::new();
    let text = base.to_string();
    for cut in (0..text.len()).step_by(97) {
        out.push(text[..cut].to_owned());
    }
    for path in &all {
        let target = base.pointer(&pointer(path)).unwrap();
        for replacement in replacements(target) {
            let mut doc = base.clone();
            *doc.pointer_mut(&pointer(path)).unwrap() = replacement;
            out.push(doc.to_string());
        }
        match target {
            Value::Object(map) => {
                out.push(with_duplicate_key(base, &[], path));
                let keys: Vec<String> = map.keys().cloned().collect();
                for key in keys {
                    let mut removed = base.clone();
                    let object = removed.pointer_mut(&pointer(path)).unwrap();
                    let value = object.as_object_mut().unwrap().remove(&key).unwrap();
                    out.push(removed.to_string());
                    let mut renamed = removed.clone();
                    renamed
                        .pointer_mut(&pointer(path))
                        .unwrap()
                        .as_object_mut()
                        .unwrap()
                        .insert(format!("{key} Tolvan 19121212"), value);
                    out.push(renamed.to_string());
                }
                let mut extra = base.clone();
                extra
                    .pointer_mut(&pointer(path))
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .insert("Tolvan`19121212".to_owned(), json!(TEXT));
                out.push(extra.to_string());
            }
            Value::Array(items) if !items.is_empty() => {
                let mut doc = base.clone();
                let array = doc.pointer_mut(&pointer(path)).unwrap();
                let first = items[0].clone();
                array.as_array_mut().unwrap().push(first);
                out.push(doc.to_string());
            }
            _ => {}
        }
    }
    out
}

/// Moves the marker record to RKC, without the parts that name NSPH's rules.
fn in_rkc(v: &mut Value) {
    v["model"] = json!("rkc");
    v["policy"]["extends"] = json!("rkc");
    let policy = v["policy"].as_object_mut().unwrap();
    policy.remove("deviations");
    policy["boundaries"].as_array_mut().unwrap().truncate(1);
}

/// Breaks a generic edit cannot make.
fn hand_made(base: &Value) -> Vec<String> {
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut doc = base.clone();
        f(&mut doc);
        doc.to_string()
    };
    vec![
        // Loosens: allowing what RKC forbids.
        edit(&|v| {
            in_rkc(v);
            v["policy"]["boundaries"][0]["action"] = json!("patient.treatment_advice");
            v["policy"]["boundaries"][0]["verdict"] = json!("allowed");
            v["policy"]["boundaries"][0]
                .as_object_mut()
                .unwrap()
                .remove("conditions");
        }),
        // A required training stage under RKC, which names no standing of
        // one.
        edit(&|v| {
            in_rkc(v);
            v["policy"]["certification"]["requirements"][0]["strength"] = json!("required");
            v["policy"]["certification"]
                .as_object_mut()
                .unwrap()
                .remove("should_not_require");
        }),
        // A deviation from a must-not, under a model that has them.
        edit(&|v| {
            v["model"] = json!("rkc");
            v["policy"]["extends"] = json!("rkc");
            v["policy"]["boundaries"][1]["action"] = json!("patient.treatment_advice");
            v["policy"]["deviations"][0]["model_rule"] = json!("rkc.limit.no_treatment_advice");
        }),
        // A deviation from a rule that is not a should-not.
        edit(&|v| {
            v["policy"]["deviations"][0]["model_rule"] = json!("nsph.role.peer_conversation")
        }),
        // A unit rule that is a note.
        edit(&|v| v["policy"]["boundaries"][1]["verdict"] = json!("not_addressed")),
        // A rule on a retired action.
        edit(&|v| v["policy"]["boundaries"][1]["action"] = json!("staff.full_member")),
        // Requiring what the model says should not be required, with no
        // deviation.
        edit(&|v| {
            v["policy"]["certification"]["requirements"][0]["strength"] = json!("required");
            v["policy"]["certification"]["requirements"][0]["evidence"] = json!("formal_education");
        }),
        // Requiring what the unit itself says should not be required.
        edit(&|v| v["policy"]["certification"]["requirements"][0]["strength"] = json!("required")),
        // A second action with the same code.
        edit(&|v| {
            let mut second = v["policy"]["actions"][0].clone();
            second["id"] = json!("tolvan.b-19121212");
            v["policy"]["actions"].as_array_mut().unwrap().push(second);
        }),
        // A report of absence of a kind counted in hours.
        edit(&|v| v["supporters"][0]["evidence"][0]["reported"] = json!("absent")),
        // A report of absence of a fact, with topics.
        edit(&|v| {
            let absent = json!({"kind": "lived_experience", "date": "2020-01-01", "reported": "absent", "topics": [TEXT]});
            v["supporters"][0]["evidence"]
                .as_array_mut()
                .unwrap()
                .push(absent);
        }),
        // A status whose category is not its standing's.
        edit(&|v| v["policy"]["certification"]["statuses"][0]["category"] = json!("qualified")),
        // Renewal where nothing is required: on the neutral base.
        edit(&|v| {
            in_rkc(v);
            v["model"] = json!("base");
            v["policy"]["extends"] = json!("base");
            v["policy"].as_object_mut().unwrap().remove("boundaries");
        }),
        // A present and an absent report of one kind on one day.
        edit(&|v| {
            let absent =
                json!({"kind": "tolvan.k-19121212", "date": "2020-01-01", "reported": "absent"});
            v["supporters"][0]["evidence"]
                .as_array_mut()
                .unwrap()
                .push(absent);
        }),
        // A volunteer with a start date.
        edit(&|v| {
            v["supporters"][0]["employment"] = json!({"form": "volunteer", "since": "2020-01-01"})
        }),
        // A policy of another model than the record's.
        edit(&|v| v["policy"]["extends"] = json!("rkc")),
        // A readiness fact for an item the policy lacks, and one of the wrong type.
        edit(&|v| v["readiness"] = json!({TEXT: true})),
        edit(&|v| v["readiness"] = json!({"tolvan.ri-19121212": true})),
        // Hours missing on evidence counted in hours.
        edit(&|v| {
            v["supporters"][0]["evidence"][0]
                .as_object_mut()
                .unwrap()
                .remove("hours");
        }),
        // A session before its log's start; a mixed repeating span; too many phases.
        edit(&|v| v["supporters"][0]["supervision"]["sessions"][0]["date"] = json!("2019-01-01")),
        edit(&|v| {
            v["policy"]["supervision"][0]["cadence"][0]["every"] = json!({"months": 1, "days": 2})
        }),
        edit(&|v| {
            let phases: Vec<Value> = (0..17)
                .map(|i| json!({"from": {"days": i}, "every": {"days": 7}}))
                .collect();
            v["policy"]["supervision"][0]["cadence"] = json!(phases);
        }),
        // The same kind twice; phases out of order; a promise without delivery.
        edit(&|v| {
            let mut second = v["policy"]["supervision"][0].clone();
            second["id"] = json!("tolvan.t-19121212");
            v["policy"]["supervision"]
                .as_array_mut()
                .unwrap()
                .push(second);
        }),
        edit(&|v| v["policy"]["supervision"][0]["cadence"][1]["from"] = json!({"days": 0})),
        edit(&|v| v["policy"]["supervision"][0]["cadence"][0]["from"] = json!({"days": 3})),
        edit(&|v| {
            v["activities"][0]
                .as_object_mut()
                .unwrap()
                .remove("delivered");
        }),
    ]
}

/// A short name for the kind of an error.
fn kind(err: &AuditError) -> String {
    let policy_kind = |e: &PolicyError| -> String {
        match e {
            PolicyError::Shape { problem, .. } => format!("shape {problem:?}"),
            PolicyError::Limit { limit, .. } => format!("limit {limit:?}"),
            other => format!("{other:?}")
                .split([' ', '{', '('])
                .next()
                .unwrap_or_default()
                .to_owned(),
        }
    };
    match err {
        AuditError::Document(e) => format!("record {}", policy_kind(e)),
        AuditError::Policy(e) => format!("policy {}", policy_kind(e)),
        AuditError::Input(e) => format!("input {:?}", e.problem),
        other => format!("{other:?}"),
    }
}

fn check(err: &dyn std::fmt::Debug, message: &str, input: &str) {
    let debug = format!("{err:?}");
    assert!(
        !leaks(message) && !leaks(&debug),
        "an error repeats the input:\n  message: {message}\n  debug: {debug}\n  input: {input}"
    );
}

#[test]
fn the_marked_record_and_policy_are_valid() {
    let report = audit::run(&record().to_string(), Lang::En).unwrap();
    assert_eq!(report.boundaries.checked, 1);
    Policy::from_json(&policy().to_string()).unwrap();
}

#[test]
fn no_error_of_the_audit_repeats_its_input() {
    let base = record();
    let mut kinds = BTreeSet::new();
    let inputs: Vec<String> = breaks(&base).into_iter().chain(hand_made(&base)).collect();
    for input in &inputs {
        if let Err(err) = audit::run(input, Lang::En) {
            check(&err, &err.to_string(), input);
            kinds.insert(kind(&err));
        }
    }
    let expected = [
        "record Syntax",
        "record UnsupportedSchemaVersion",
        "record shape UnknownField",
        "record shape MissingField",
        "record shape DuplicateKey",
        "record shape WrongType(Object)",
        "record shape WrongType(Array)",
        "record shape WrongType(String)",
        "record shape WrongType(WholeNumber)",
        "record shape WrongType(Number)",
        "record shape WrongType(BoolOrCount)",
        "record shape NotOneOf([\"nsph\", \"rkc\", \"skane_mentor\", \"base\"])",
        "record shape OutOfRange(WholeNumber)",
        "record shape BadDate",
        "record shape NotTakenHere",
        "record limit Calendar",
        "policy Missing",
        "policy InvalidId",
        "policy DuplicateId",
        "policy DuplicateCode",
        "policy CodeOutOfRange",
        "policy UnknownAction",
        "policy UnknownEvidenceKind",
        "policy ConditionsMismatch",
        "policy Loosens",
        "policy DepartsWithoutDeviation",
        "policy CannotDepart",
        "policy UnknownRule",
        "policy shape NotDepartable",
        "policy shape DuplicateDeviation",
        "policy shape UnusedDeviation",
        "policy shape UnknownParameter",
        "policy shape RetiredAction",
        "policy shape ParameterOutOfRange",
        "policy shape NoteInUnit",
        "policy shape RequiresOwnShouldNot",
        "policy shape DuplicateStatus",
        "policy shape StandingWithoutStatus",
        "policy shape CategoryOfStanding",
        "policy shape RenewalWithoutRequirement",
        "policy shape NotAnAttendanceCount",
        "policy shape DuplicateKind",
        "policy shape UnknownSupervisionKind",
        "policy shape PhasesOutOfOrder",
        "policy shape FirstPhaseLate",
        "policy shape EmptySpan",
        "policy shape NoPhases",
        "policy UnsupportedSchemaVersion",
        "policy shape CategoriesOverTotal",
        "policy shape ZeroCount",
        "policy limit SpanLength",
        "policy limit MixedSpan",
        "policy limit Phases",
        "policy limit Hours",
        "input AfterAsOf",
        "input BeforeStart",
        "input UnknownEvidenceKind",
        "input InvalidHours",
        "input MissingHours",
        "input UnknownReadinessItem",
        "input WrongFactType",
        "input UnknownAction",
        "input UnknownSupporter",
        "input DuplicateId",
        "input ModelMismatch",
        "input PromiseWithoutDelivery",
        "input StartRequired",
        "input ConflictingReports",
        "input AbsentOfCountedKind",
        "input UnknownSupervisionKind",
        "input DetailOnAbsent",
    ];
    let missing: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|k| !kinds.contains(*k))
        .collect();
    assert!(
        missing.is_empty(),
        "not reached: {missing:?}\nreached: {kinds:#?}"
    );
}

#[test]
fn no_error_of_policy_loading_repeats_its_input() {
    let base = policy();
    let mut errors = 0;
    for input in breaks(&base) {
        if let Err(err) = Policy::from_json(&input) {
            check(&err, &err.to_string(), &input);
            errors += 1;
        }
    }
    assert!(errors > 500, "only {errors} errors");
}

#[test]
fn no_error_of_an_evaluation_repeats_its_input() {
    let engine = peer_support::Engine::new(Policy::from_json(&policy().to_string()).unwrap());
    let as_of = "2026-11-24".parse().unwrap();
    let day = |s: &str| s.parse().unwrap();
    let evidence = |kind: &str, date: &str, hours: Option<f64>| Evidence {
        hours,
        category: Some(TEXT.to_owned()),
        topics: vec![TEXT.to_owned()],
        ..Evidence::present(kind, day(date))
    };
    let errors: Vec<InputError> = vec![
        engine
            .certification(&[evidence(TEXT, "2020-01-01", Some(1.0))], as_of)
            .unwrap_err(),
        engine
            .certification(
                &[evidence(
                    "tolvan.k-19121212",
                    "2020-01-01",
                    Some(-19121212.0),
                )],
                as_of,
            )
            .unwrap_err(),
        engine
            .certification(
                &[evidence("tolvan.k-19121212", "2300-01-01", Some(1.0))],
                as_of,
            )
            .unwrap_err(),
        engine
            .supervision(
                &SupervisionLog {
                    start: day("2020-01-01"),
                    sessions: vec![Session {
                        date: day("2019-12-12"),
                        kind: peer_support::SupervisionKind::from("peer_to_peer"),
                    }],
                },
                as_of,
            )
            .unwrap_err(),
        engine
            .readiness(
                &[(TEXT.to_owned(), peer_support::readiness::Fact::Done(true))]
                    .into_iter()
                    .collect(),
                true,
            )
            .unwrap_err(),
    ];
    for err in &errors {
        check(err, &err.to_string(), "");
    }
}
