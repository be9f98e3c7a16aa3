//! The shared conformance corpus (`tests/corpus/*.json`), run against the
//! Rust engine. The C and Python surfaces run the same files.
//!
//! Each file holds `cases`; a case asks one question and states the
//! documented fields of the answer, written from the sources and the
//! documented semantics, never from the engine's output:
//!
//! - `model` (a built-in model id) or `policy` (a unit policy document);
//! - `action` (an action id) and, where the catalogue has it, `code`: the
//!   case is asked by id and by code, and both must give the answer;
//! - `expect`: `outcome`, and optionally `conditions_on` (the parties whose
//!   conditions apply, in any order, each once), `deviations` (the model
//!   rules departed from) — or `error` and `path` for a policy that must not
//!   load;
//! - `source` and `note`: the passage the answer comes from, for a reader.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use peer_support::{Engine, ModelId, Party, Policy};
use serde::Deserialize;
use std::collections::BTreeSet;
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
    expect: Expect,
    source: String,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    #[serde(default)]
    outcome: Option<String>,
    #[serde(default)]
    conditions_on: Option<Vec<String>>,
    #[serde(default)]
    deviations: Option<Vec<String>>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    path: Option<String>,
}

fn party_name(party: Party) -> &'static str {
    match party {
        Party::Supporter => "supporter",
        Party::Employer => "employer",
    }
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
    let expect = &case.expect;
    let policy = match (policy, &expect.error) {
        (Err(e), Some(kind)) => {
            if e.kind() != kind {
                return Err(format!("error {} ({e}), expected {kind}", e.kind()));
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
    if expect.outcome.is_none() {
        return Err("a case that loads must expect an outcome".to_owned());
    }
    let engine = Engine::new(policy);
    let action = case.action.as_deref().ok_or("no action")?;
    let by_id = engine.decide(action);
    let mut asked = vec![("id", by_id)];
    if let Some(code) = case.code {
        asked.push(("code", engine.decide_code(code)));
    }
    for (how, decision) in asked {
        if let Some(outcome) = &expect.outcome {
            if decision.outcome().as_str() != outcome {
                return Err(format!(
                    "by {how}: {}, expected {outcome}",
                    decision.outcome().as_str()
                ));
            }
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
        assert_eq!(corpus.corpus_version, 1, "{}", file.display());
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
