//! Every built-in citation is checked against the seed documents: its quote
//! must appear in the cited file within a few lines of the cited line.
//!
//! The seeds are text extracted from PDF pages, where words are split across
//! lines without a hyphen; the check therefore joins the cited window and
//! compares with all white space removed.
//!
//! The seeds are read from `../shared/seeds` beside the checkout, or from the
//! folder named by `PEER_SUPPORT_SEEDS`. Where the folder is missing:
//!
//! - under CI (the environment variable `CI` is `true`) the tests fail: the
//!   sources are required there;
//! - otherwise (a bare clone) each test that needs them passes without
//!   checking anything, after a loud `SKIPPED` notice on standard error that
//!   says how to point it at the sources (`PEER_SUPPORT_SEEDS=/path/to/seeds`).
//!   The notice is written on `std::io::stderr()` directly, which libtest
//!   does not capture, so it shows in a plain `cargo test` run.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::PathBuf;

/// How many lines either side of the cited line the quote may start or end.
const WINDOW: usize = 6;

fn seeds_dir() -> PathBuf {
    match std::env::var_os("PEER_SUPPORT_SEEDS") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds"),
    }
}

/// Whether the tests run under CI, where the seeds are required.
fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| value == "true")
}

/// The seed folder, or `None` when it is missing outside CI: the calling
/// test (`test`) should then return at once. Under CI a missing folder fails.
fn seeds_or_skip(test: &str) -> Option<PathBuf> {
    let dir = seeds_dir();
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        !under_ci(),
        "seed folder {} not found: the seed documents are required under CI \
         (CI=true); set PEER_SUPPORT_SEEDS=/path/to/seeds",
        dir.display()
    );
    // Not `eprintln!`: libtest captures that for passing tests.
    let _ = writeln!(
        std::io::stderr(),
        "\n\
         ********************************************************************\n\
         SKIPPED {test}:\n\
         the seed folder {} was not found, so this seed-citation check did NOT run.\n\
         Point the test at the sources with PEER_SUPPORT_SEEDS=/path/to/seeds\n\
         (under CI=true a missing folder is an error).\n\
         ********************************************************************",
        dir.display()
    );
    None
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_builtin_citation_quotes_its_seed_near_the_cited_line() {
    let Some(dir) = seeds_or_skip("every_builtin_citation_quotes_its_seed_near_the_cited_line")
    else {
        return;
    };
    let citations = peer_support::builtin_citations().unwrap();
    assert!(citations.len() >= 30, "only {} citations", citations.len());
    let mut failures = Vec::new();
    for (owner, citation) in &citations {
        let text = std::fs::read_to_string(dir.join(&citation.source))
            .unwrap_or_else(|e| panic!("{owner}: cannot read {}: {e}", citation.source));
        let lines: Vec<&str> = text.lines().collect();
        let line = citation.line as usize;
        let from = line.saturating_sub(WINDOW + 1);
        let to = (line + WINDOW).min(lines.len());
        let window = squeeze(&lines[from.min(to)..to].join("\n"));
        let quote = squeeze(&citation.quote);
        if quote.chars().count() > 120 {
            failures.push(format!("{owner}: quote is longer than 120 characters"));
        } else if !window.contains(&quote) {
            failures.push(format!(
                "{owner}: «{}» not within {WINDOW} lines of {}:{}",
                citation.quote, citation.source, citation.line
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_check_rejects_a_quote_from_elsewhere_in_the_file() {
    // The window matters: a true quote cited at a far-off line must fail.
    let Some(dir) = seeds_or_skip("the_check_rejects_a_quote_from_elsewhere_in_the_file") else {
        return;
    };
    let text = std::fs::read_to_string(dir.join(peer_support::SEED_RKC)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let far = squeeze(&lines[100..113].join("\n"));
    assert!(!far.contains(&squeeze("Ska inte utföra övrig personals arbetsuppgifter")));
}
