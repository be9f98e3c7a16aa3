//! The shared conformance corpus (`tests/corpus/*.json`), run against the
//! Rust engine. The C runner (`tests/c/corpus.c`) runs the same files
//! through the C ABI; the Python module, when it comes, will too.
//!
//! Each file (`corpus_version` 3: version 1 had boundary questions only,
//! version 2 no readiness or participation questions) holds `cases`; a case asks one question and states the
//! documented fields of the answer, written from the sources and the
//! documented semantics, never from the engine's output:
//!
//! - `model` (a built-in model id) or `policy` (a unit policy document);
//! - the question, one of:
//!   - a boundary: `action` (an action id) and, where the catalogue has it,
//!     `code`: the case is asked by id and by code, and both must give the
//!     answer; `expect`: `outcome`, and optionally `conditions_on` (the
//!     parties whose conditions apply, in any order, each once),
//!     `deviations` (the model rules departed from);
//!   - a qualification: `evidence` (as in a unit record) and `as_of`;
//!     `expect`: `standing`, `status`, `category`, `met_on`, `missing`,
//!     `unmet_recommendations` (requirement ids in the model's order), and
//!     optionally `needs` (per requirement id, the `[kind, state]` pairs of
//!     the evidence that would meet it);
//!   - supervision: `start`, `sessions`, `as_of` and, for cadence phases
//!     that begin from an event, the supporter's `evidence`; `expect`: per
//!     kind id, `next_due`, `days_overdue`, `window_days`, `overdue_days`,
//!     `interval`;
//!   - readiness: `facts` (by item id) and `started`; `expect`: `ready`,
//!     and optionally `missing`, `suggestions` (item ids in the policy's
//!     order), `not_yet_due` and, per component id, `score` (to within
//!     1e-6, or null), `in_place` and `due`;
//!   - participation: `text`; `expect`: `rungs`, `ambiguous`,
//!     `mandate_note` (whether there is one) and optionally `methods` (the
//!     Swedish names matched, in the ladder's order);
//!   - a promise: `delivered` and, if stated, `promised`; `expect`:
//!     `outcome`;
//!   - or, for a policy that must not load, `expect`: `error` and `path`;
//! - `source` and `note`: the passage the answer comes from, for a reader.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use peer_support::readiness::Fact;
use peer_support::{
    check_promise, Engine, Evidence, IdMap, ModelId, NaiveDate, Party, Policy, PromiseOutcome,
    Rung, Session, Span, SupervisionLog,
};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CorpusFile {
    corpus_version: u32,
    #[allow(dead_code)]
    description: String,
    cases: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    id: String,
    #[serde(default)]
    model: Option<String>,
    #[serde(default)]
    policy: Option<serde_json::Value>,
    #[serde(default)]
    action: Option<String>,
    #[serde(default)]
    code: Option<u32>,
    #[serde(default)]
    as_of: Option<NaiveDate>,
    #[serde(default)]
    evidence: Option<Vec<Evidence>>,
    #[serde(default)]
    start: Option<NaiveDate>,
    #[serde(default)]
    sessions: Option<Vec<Session>>,
    #[serde(default)]
    facts: Option<IdMap<Fact>>,
    #[serde(default)]
    started: Option<bool>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default, deserialize_with = "some")]
    promised: Option<Option<Rung>>,
    #[serde(default)]
    delivered: Option<Rung>,
    expect: serde_json::Value,
    source: String,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

/// What a policy that must not load fails with.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectError {
    error: String,
    #[serde(default)]
    path: Option<String>,
}

/// A field that may be given as `null`: `Some(None)`.
fn some<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// A readiness report.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectReadiness {
    ready: bool,
    #[serde(default)]
    missing: Option<Vec<String>>,
    #[serde(default)]
    suggestions: Option<Vec<String>>,
    #[serde(default)]
    not_yet_due: Option<Vec<String>>,
    #[serde(default)]
    components: BTreeMap<String, ExpectComponent>,
}

/// One readiness component's score.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectComponent {
    score: Option<f64>,
    in_place: u32,
    due: u32,
}

/// A classification of a text on the participation ladder.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectClassification {
    rungs: Vec<Rung>,
    ambiguous: bool,
    mandate_note: bool,
    #[serde(default)]
    methods: Option<Vec<String>>,
}

/// A promise check.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectPromise {
    outcome: PromiseOutcome,
}

/// A boundary decision.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectDecision {
    outcome: String,
    #[serde(default)]
    conditions_on: Option<Vec<String>>,
    #[serde(default)]
    deviations: Option<Vec<String>>,
}

/// A qualification report.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectQualification {
    standing: String,
    status: String,
    category: String,
    met_on: Option<NaiveDate>,
    missing: Vec<String>,
    unmet_recommendations: Vec<String>,
    #[serde(default)]
    needs: BTreeMap<String, Vec<(String, String)>>,
}

/// One kind's supervision status.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectKind {
    next_due: NaiveDate,
    days_overdue: i64,
    window_days: i64,
    overdue_days: i64,
    interval: Span,
}

fn party_name(party: Party) -> &'static str {
    match party {
        Party::Supporter => "supporter",
        Party::Employer => "employer",
    }
}

fn parse<T: serde::de::DeserializeOwned>(value: &serde_json::Value) -> Result<T, String> {
    serde_json::from_value(value.clone()).map_err(|e| format!("expect: {e}"))
}

/// Runs one case; returns what differs from the expectation, if anything.
fn run(case: &Case) -> Result<(), String> {
    let policy = match (&case.model, &case.policy) {
        (Some(model), None) => {
            let model: ModelId = model.parse().map_err(|_| "unknown model".to_owned())?;
            Policy::builtin(model)
        }
        (None, Some(policy)) => Policy::from_json(&policy.to_string()),
        _ => return Err("give exactly one of model and policy".to_owned()),
    };
    let policy = match (policy, case.expect.get("error")) {
        (Err(e), Some(_)) => {
            let expect: ExpectError = parse(&case.expect)?;
            if e.kind() != expect.error {
                return Err(format!(
                    "error {} ({e}), expected {}",
                    e.kind(),
                    expect.error
                ));
            }
            if let Some(path) = &expect.path {
                if e.path() != Some(path.as_str()) {
                    return Err(format!("error at {:?}, expected {path}", e.path()));
                }
            }
            return Ok(());
        }
        (Err(e), None) => return Err(format!("the policy does not load: {e}")),
        (Ok(_), Some(kind)) => return Err(format!("the policy loads; expected {kind}")),
        (Ok(policy), None) => policy,
    };
    let engine = Engine::new(policy);
    match (&case.action, &case.evidence, &case.sessions) {
        (Some(action), None, None) => decision(case, &engine, action),
        (None, Some(evidence), None) => qualification(case, &engine, evidence),
        (None, evidence, Some(sessions)) => supervision(
            case,
            &engine,
            sessions,
            evidence.as_deref().unwrap_or_default(),
        ),
        (None, None, None) => match (&case.started, &case.text, &case.delivered) {
            (Some(started), None, None) => readiness(case, &engine, *started),
            (None, Some(text), None) => classification(case, &engine, text),
            (None, None, Some(delivered)) => promise(case, *delivered),
            _ => Err("ask exactly one of started, text and delivered".to_owned()),
        },
        _ => Err("ask exactly one of action, evidence and sessions".to_owned()),
    }
}

fn readiness(case: &Case, engine: &Engine, started: bool) -> Result<(), String> {
    let expect: ExpectReadiness = parse(&case.expect)?;
    let facts = case.facts.clone().unwrap_or_default();
    let report = engine
        .readiness(&facts, started)
        .map_err(|e| format!("error {e}"))?;
    let ids = |list: &[peer_support::Finding]| -> Vec<String> {
        list.iter().map(|f| f.rule_id.clone()).collect()
    };
    if report.ready != expect.ready {
        return Err(format!("ready {}, expected {}", report.ready, expect.ready));
    }
    let lists = [
        ("missing", ids(&report.missing), &expect.missing),
        ("suggestions", ids(&report.suggestions), &expect.suggestions),
        (
            "not_yet_due",
            report.not_yet_due.clone(),
            &expect.not_yet_due,
        ),
    ];
    for (name, got, want) in lists {
        if let Some(want) = want {
            if &got != want {
                return Err(format!("{name}: {got:?}, expected {want:?}"));
            }
        }
    }
    for (id, want) in &expect.components {
        let got = report
            .components
            .iter()
            .find(|c| &c.component == id)
            .ok_or(format!("no component {id}"))?;
        let score_ok = match (got.score, want.score) {
            (Some(g), Some(w)) => (g - w).abs() <= 1e-6,
            (None, None) => true,
            _ => false,
        };
        if !score_ok || got.in_place != want.in_place || got.due != want.due {
            return Err(format!("{id}: got {got:?}, expected {want:?}"));
        }
    }
    Ok(())
}

fn classification(case: &Case, engine: &Engine, text: &str) -> Result<(), String> {
    let expect: ExpectClassification = parse(&case.expect)?;
    let got = engine.classify_participation(text);
    let methods: Vec<String> = got.matches.iter().map(|m| m.method.clone()).collect();
    if got.rungs != expect.rungs
        || got.ambiguous != expect.ambiguous
        || got.mandate_note.is_some() != expect.mandate_note
        || expect.methods.as_ref().is_some_and(|m| *m != methods)
    {
        return Err(format!("got {got:?}, expected {expect:?}"));
    }
    Ok(())
}

fn promise(case: &Case, delivered: Rung) -> Result<(), String> {
    let expect: ExpectPromise = parse(&case.expect)?;
    let got = check_promise(case.promised.flatten(), delivered);
    if got.outcome != expect.outcome {
        return Err(format!("{:?}, expected {:?}", got.outcome, expect.outcome));
    }
    Ok(())
}

fn decision(case: &Case, engine: &Engine, action: &str) -> Result<(), String> {
    let expect: ExpectDecision = parse(&case.expect)?;
    let by_id = engine.decide(action);
    let mut asked = vec![("id", by_id)];
    if let Some(code) = case.code {
        asked.push(("code", engine.decide_code(code)));
    }
    for (how, decision) in asked {
        if decision.outcome().as_str() != expect.outcome {
            return Err(format!(
                "by {how}: {}, expected {}",
                decision.outcome().as_str(),
                expect.outcome
            ));
        }
        if let Some(parties) = &expect.conditions_on {
            let got: BTreeSet<&str> = decision.conditions().map(|c| party_name(c.on)).collect();
            let want: BTreeSet<&str> = parties.iter().map(String::as_str).collect();
            if got != want {
                return Err(format!(
                    "by {how}: conditions on {got:?}, expected {want:?}"
                ));
            }
        }
        if let Some(deviations) = &expect.deviations {
            let got: Vec<&str> = decision
                .deviations()
                .iter()
                .map(|d| d.model_rule.as_str())
                .collect();
            if got != *deviations {
                return Err(format!(
                    "by {how}: deviations {got:?}, expected {deviations:?}"
                ));
            }
        }
        if decision != by_id {
            return Err(format!("by {how}: differs from the decision by id"));
        }
    }
    Ok(())
}

fn qualification(case: &Case, engine: &Engine, evidence: &[Evidence]) -> Result<(), String> {
    let expect: ExpectQualification = parse(&case.expect)?;
    let as_of = case.as_of.ok_or("no as_of")?;
    let report = engine
        .certification(evidence, as_of)
        .map_err(|e| format!("error {e}"))?;
    let ids = |list: &[peer_support::certification::Unmet]| -> Vec<String> {
        list.iter().map(|u| u.rule_id.clone()).collect()
    };
    let got = (
        report.standing.as_str(),
        report.status.id.as_str(),
        report.status.category.as_str(),
        report.met_on,
        ids(&report.missing),
        ids(&report.unmet_recommendations),
    );
    let want = (
        expect.standing.as_str(),
        expect.status.as_str(),
        expect.category.as_str(),
        expect.met_on,
        expect.missing.clone(),
        expect.unmet_recommendations.clone(),
    );
    if got != want {
        return Err(format!("got {got:?}, expected {want:?}"));
    }
    for (rule, pairs) in &expect.needs {
        let unmet = report
            .missing
            .iter()
            .chain(&report.unmet_recommendations)
            .find(|u| &u.rule_id == rule)
            .ok_or(format!("{rule} is met"))?;
        let got: Vec<(String, String)> = unmet
            .evidence
            .iter()
            .map(|n| {
                let state = serde_json::to_value(n.state).unwrap();
                (
                    n.kind.clone(),
                    state.as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        if &got != pairs {
            return Err(format!("{rule}: needs {got:?}, expected {pairs:?}"));
        }
    }
    Ok(())
}

fn supervision(
    case: &Case,
    engine: &Engine,
    sessions: &[Session],
    evidence: &[Evidence],
) -> Result<(), String> {
    let expect: BTreeMap<String, ExpectKind> = parse(&case.expect)?;
    let log = SupervisionLog {
        start: case.start.ok_or("no start")?,
        sessions: sessions.to_vec(),
    };
    let statuses = engine
        .supervision_with_evidence(&log, evidence, case.as_of.ok_or("no as_of")?)
        .map_err(|e| format!("error {e}"))?;
    for (kind, want) in &expect {
        let s = statuses
            .iter()
            .find(|s| s.kind.as_str() == kind)
            .ok_or(format!("{kind} is not required"))?;
        let got = ExpectKind {
            next_due: s.next_due,
            days_overdue: s.days_overdue,
            window_days: s.window_days,
            overdue_days: s.overdue_days,
            interval: s.interval,
        };
        if &got != want {
            return Err(format!("{kind}: got {got:?}, expected {want:?}"));
        }
    }
    Ok(())
}

#[test]
fn every_corpus_case_is_answered_as_the_sources_say() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus files in {}", dir.display());
    let mut failures = Vec::new();
    let mut count = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let corpus: CorpusFile =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert_eq!(corpus.corpus_version, 3, "{}", file.display());
        for case in &corpus.cases {
            count += 1;
            assert!(!case.source.trim().is_empty(), "{}: no source", case.id);
            if let Err(problem) = run(case) {
                failures.push(format!(
                    "{} {}: {problem} (source: {})",
                    file.file_name().unwrap().to_string_lossy(),
                    case.id,
                    case.source
                ));
            }
        }
    }
    assert!(count > 0);
    assert!(
        failures.is_empty(),
        "{} of {count} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
