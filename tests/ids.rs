//! Every rule, condition and readiness id the built-in policies ever issued
//! is listed in `tests/ids.txt`: an id is never removed without being
//! retired (`retired_rules` in `core/policies/catalogue.json`) and never
//! reused, because journal systems log them with their decisions
//! (`core/policies/README.md`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use peer_support::{builtin_citations, ModelId, Policy};
use std::collections::BTreeSet;

/// The ids the built-in policies have now: every cited rule and item, and
/// every condition.
fn current() -> BTreeSet<String> {
    let mut ids: BTreeSet<String> = builtin_citations()
        .unwrap()
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    for model in ModelId::ALL {
        let policy = Policy::builtin(model).unwrap();
        for rule in &policy.model_document().boundaries {
            ids.extend(rule.conditions.iter().map(|c| c.id.clone()));
        }
    }
    ids
}

fn listed() -> BTreeSet<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/ids.txt");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_id_ever_issued_is_in_force_or_retired_and_none_is_reused() {
    let current = current();
    let listed = listed();
    let retired: BTreeSet<String> = Policy::builtin(ModelId::Nsph)
        .unwrap()
        .retired_rules()
        .iter()
        .map(|r| r.id.clone())
        .collect();
    let unlisted: Vec<&String> = current.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "new ids: add them to tests/ids.txt: {unlisted:?}"
    );
    let gone: Vec<&String> = listed
        .iter()
        .filter(|id| !current.contains(*id) && !retired.contains(*id))
        .collect();
    assert!(
        gone.is_empty(),
        "ids removed without being retired (add them to retired_rules): {gone:?}"
    );
    let reused: Vec<&String> = retired.intersection(&current).collect();
    assert!(reused.is_empty(), "retired ids in use again: {reused:?}");
    let unknown_retired: Vec<&String> = retired.difference(&listed).collect();
    assert!(
        unknown_retired.is_empty(),
        "retired ids missing from tests/ids.txt: {unknown_retired:?}"
    );
}
