//! A stable smoke test for the fuzz targets: runs the fuzz bodies of
//! `fuzz/bodies.rs` (the same code the cargo-fuzz targets run) over the seed
//! files, the reproducers of `tests/repro`, a few hand-made inputs and simple
//! mutations of every seed. Every input must run without panicking.
//!
//! The real fuzzing is `fuzz/run.sh` (nightly and cargo-fuzz, not run by
//! CI); this test keeps the bodies compiling and the seeds clean on stable.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../fuzz/bodies.rs"]
mod bodies;

use peer_support::{audit, Lang, Policy};
use std::path::{Path, PathBuf};

/// A fuzz body: takes any bytes, panics only on a finding.
type Body = fn(&[u8]);

const AUDIT: (&str, Body) = ("audit", bodies::audit);
const POLICY_LOAD: (&str, Body) = ("policy_load", bodies::policy_load);

/// Truncate each seed at every `TRUNCATE_STEP`th byte.
const TRUNCATE_STEP: usize = 64;
/// Replace one byte at this many positions spread across each seed.
const FLIPS: usize = 32;
/// The replacement bytes for the flips: JSON punctuation, digits and signs,
/// so that most mutants stay UTF-8 and get past the first byte of parsing.
const REPLACEMENTS: &[u8] = b"\"{}[],:0-9e.\\ nt\x00\xff";
/// The nesting depth of the deeply nested inputs.
const DEEP: usize = 10_000;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `*.json` files in `dir`, sorted; none if `dir` does not exist.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// The reproducers kept in the repository (`tests/repro`), a copy of the
/// project's shared ones.
fn reproducers() -> Vec<PathBuf> {
    json_files(&root().join("tests/repro"))
}

/// Which body a reproducer is for: files with `policy` in the name are unit
/// policies, the rest unit records.
fn repro_body(path: &Path) -> (&'static str, Body) {
    let name = path.file_name().unwrap().to_string_lossy();
    if name.contains("policy") {
        POLICY_LOAD
    } else {
        AUDIT
    }
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn label(path: &Path) -> String {
    let root = root();
    path.strip_prefix(&root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Runs bodies over inputs, collecting panics instead of stopping at the
/// first, so one run names every failing input.
#[derive(Default)]
struct Run {
    cases: usize,
    failures: Vec<String>,
}

impl Run {
    fn case(&mut self, (name, body): (&str, Body), what: &str, data: &[u8]) {
        self.cases += 1;
        if let Err(payload) = std::panic::catch_unwind(|| body(data)) {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "(no message)".to_owned());
            let first = message.lines().next().unwrap_or_default().to_owned();
            self.failures.push(format!("{name} on {what}: {first}"));
        }
    }

    /// The seed itself, then the seed truncated at every `TRUNCATE_STEP`th
    /// byte, then the seed with one byte replaced at `FLIPS` positions.
    fn mutations(&mut self, body: (&str, Body), what: &str, seed: &[u8]) {
        for end in (0..seed.len()).step_by(TRUNCATE_STEP) {
            self.case(
                body,
                &format!("{what} truncated to {end} bytes"),
                &seed[..end],
            );
        }
        let mut last = None;
        for k in 0..FLIPS {
            let at = k * seed.len() / FLIPS;
            if at >= seed.len() || last == Some(at) {
                continue;
            }
            last = Some(at);
            let mut mutant = seed.to_vec();
            let mut byte = REPLACEMENTS[k % REPLACEMENTS.len()];
            if byte == mutant[at] {
                byte = REPLACEMENTS[(k + 1) % REPLACEMENTS.len()];
            }
            mutant[at] = byte;
            self.case(
                body,
                &format!("{what} with byte {at} set to {byte:#04x}"),
                &mutant,
            );
        }
    }

    fn finish(self) {
        assert!(self.cases > 0, "no inputs were run");
        assert!(
            self.failures.is_empty(),
            "{} of {} inputs panicked:\n{}",
            self.failures.len(),
            self.cases,
            self.failures.join("\n")
        );
    }
}

/// The seeds for each body: the sample unit records, the sample unit
/// policies and the built-in model documents (which are not unit policies).
fn seeds() -> Vec<((&'static str, Body), PathBuf)> {
    let root = root();
    let mut seeds = Vec::new();
    for path in json_files(&root.join("examples/data")) {
        seeds.push((AUDIT, path));
    }
    for path in json_files(&root.join("examples/policies")) {
        seeds.push((POLICY_LOAD, path));
    }
    for path in json_files(&root.join("core/policies")) {
        seeds.push((POLICY_LOAD, path));
    }
    seeds
}

#[test]
fn seeds_run_clean() {
    let mut run = Run::default();
    for (body, path) in seeds() {
        run.case(body, &label(&path), &read(&path));
    }
    run.finish();
}

#[test]
fn seeds_reach_past_parsing() {
    // The seeds are only worth fuzzing from if they are valid inputs.
    let root = root();
    let records = json_files(&root.join("examples/data"));
    assert!(!records.is_empty(), "no unit records in examples/data");
    for path in records {
        let text = std::fs::read_to_string(&path).unwrap();
        for lang in [Lang::Sv, Lang::En] {
            if let Err(e) = audit::run(&text, lang) {
                panic!("{}: {e}", label(&path));
            }
        }
    }
    let policies = json_files(&root.join("examples/policies"));
    assert!(
        !policies.is_empty(),
        "no unit policies in examples/policies"
    );
    for path in policies {
        let text = std::fs::read_to_string(&path).unwrap();
        if let Err(e) = Policy::from_json(&text) {
            panic!("{}: {e}", label(&path));
        }
    }
}

#[test]
fn model_documents_are_refused_as_unit_policies() {
    let models = json_files(&root().join("core/policies"));
    assert!(!models.is_empty(), "no model documents in core/policies");
    for path in models {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            Policy::from_json(&text).is_err(),
            "{} loaded as a unit policy",
            label(&path)
        );
    }
}

#[test]
fn reproducers_run_clean() {
    let files = reproducers();
    assert!(!files.is_empty(), "no tests/repro/*.json in the checkout");
    let mut run = Run::default();
    for path in files {
        run.case(repro_body(&path), &label(&path), &read(&path));
    }
    run.finish();
}

#[test]
fn hand_made_inputs_run_clean() {
    let deep_arrays = format!("{}{}", "[".repeat(DEEP), "]".repeat(DEEP));
    let deep_objects = format!("{}1{}", "{\"a\":".repeat(DEEP), "}".repeat(DEEP));
    let deep_in_record = format!(
        "{{\"schema_version\":3,\"unit_id\":{}{}}}",
        "[".repeat(DEEP),
        "]".repeat(DEEP)
    );
    let unclosed = "[".repeat(DEEP);
    let inputs: Vec<(&str, Vec<u8>)> = vec![
        ("empty input", Vec::new()),
        ("`{`", b"{".to_vec()),
        ("`[]`", b"[]".to_vec()),
        ("`null`", b"null".to_vec()),
        ("invalid UTF-8", vec![0xff, 0xfe, b'{', 0xc3, 0x28, b'}']),
        ("a lone continuation byte", vec![b'"', 0x80, b'"']),
        ("10,000 nested arrays", deep_arrays.into_bytes()),
        ("10,000 nested objects", deep_objects.into_bytes()),
        ("10,000 unclosed arrays", unclosed.into_bytes()),
        (
            "10,000 nested arrays in a record",
            deep_in_record.into_bytes(),
        ),
        (
            "`{\"schema_version\":1}`",
            b"{\"schema_version\":1}".to_vec(),
        ),
        (
            "`{\"schema_version\":3}`",
            b"{\"schema_version\":3}".to_vec(),
        ),
        (
            "a huge schema_version",
            b"{\"schema_version\":99999999999999999999999}".to_vec(),
        ),
        (
            "`{\"schema_version\":-1}`",
            b"{\"schema_version\":-1}".to_vec(),
        ),
        (
            "`{\"schema_version\":1.0}`",
            b"{\"schema_version\":1.0}".to_vec(),
        ),
    ];
    let mut run = Run::default();
    for (what, data) in &inputs {
        run.case(AUDIT, what, data);
        run.case(POLICY_LOAD, what, data);
    }
    run.finish();
}

#[test]
fn mutated_seeds_run_clean() {
    let mut run = Run::default();
    for (body, path) in seeds() {
        run.mutations(body, &label(&path), &read(&path));
    }
    run.finish();
}

#[test]
fn mutated_reproducers_run_clean() {
    let mut run = Run::default();
    for path in reproducers() {
        run.mutations(repro_body(&path), &label(&path), &read(&path));
    }
    assert!(run.cases > 0, "no tests/repro/*.json in the checkout");
    run.finish();
}
