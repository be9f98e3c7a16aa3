//! Every built-in citation is checked against the seed documents: its quote
//! must appear in the cited file within a few lines of the cited line.
//!
//! The seeds are text extracted from PDF pages, where words are split across
//! lines without a hyphen; the check therefore joins the cited window and
//! compares with all white space removed.
//!
//! The seeds are read from `../shared/seeds` beside the checkout (CI has it
//! there), or from the folder named by `PEER_SUPPORT_SEEDS`. A missing folder
//! fails the test: the check is never skipped.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

/// How many lines either side of the cited line the quote may start or end.
const WINDOW: usize = 6;

fn seeds_dir() -> PathBuf {
    match std::env::var_os("PEER_SUPPORT_SEEDS") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds"),
    }
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_builtin_citation_quotes_its_seed_near_the_cited_line() {
    let dir = seeds_dir();
    assert!(
        dir.is_dir(),
        "seed folder {} not found: set PEER_SUPPORT_SEEDS",
        dir.display()
    );
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
    let dir = seeds_dir();
    let text = std::fs::read_to_string(dir.join(peer_support::SEED_RKC)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let far = squeeze(&lines[100..113].join("\n"));
    assert!(!far.contains(&squeeze("Ska inte utföra övrig personals arbetsuppgifter")));
}
