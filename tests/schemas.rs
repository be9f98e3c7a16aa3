//! The JSON Schemas of the documents the library reads and writes
//! (`core/schemas/`): the committed files are the ones generated from the
//! types (`UPDATE_SCHEMAS=1 cargo test -p peer-support --test schemas`
//! rewrites them), every sample document and every response the library
//! writes is valid under its schema, and a document with a field the type
//! does not have is not.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use peer_support::requests::{self, Format, SCHEMA_NAMES};
use peer_support::{Engine, Lang, ModelId};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn validator(name: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&requests::schema(name).unwrap()).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{name}: not a valid schema: {e}"))
}

fn assert_valid(name: &str, what: &str, document: &Value) {
    let errors: Vec<String> = validator(name)
        .iter_errors(document)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} is not a valid {name}: {errors:?}"
    );
}

fn json_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no JSON files in {dir}");
    files
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_committed_schemas_are_the_generated_ones() {
    let dir = root().join("core/schemas");
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some();
    for name in SCHEMA_NAMES {
        let generated = requests::schema(name).unwrap();
        let path = dir.join(format!("{name}.json"));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &generated).unwrap();
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "core/schemas/{name}.json is not the schema generated from the types; run \
             `UPDATE_SCHEMAS=1 cargo test -p peer-support --test schemas` and commit it"
        );
    }
    assert!(requests::schema("unit").is_none());
}

#[test]
fn every_sample_document_is_valid_under_its_schema() {
    for path in json_files("examples/data") {
        assert_valid("unit_record", &path.display().to_string(), &read(&path));
    }
    for path in json_files("examples/policies") {
        assert_valid("unit_policy", &path.display().to_string(), &read(&path));
    }
}

#[test]
fn every_response_the_library_writes_is_valid_under_the_response_schema() {
    let mut responses = Vec::new();
    for path in json_files("examples/data") {
        let text = std::fs::read_to_string(&path).unwrap();
        for lang in [Lang::Sv, Lang::En] {
            responses.push(requests::audit(&text, lang, Format::Json).unwrap());
        }
    }
    for model in ModelId::ALL {
        let engine = Engine::builtin(model).unwrap();
        responses.push(requests::policy_report(&engine, Lang::En, Format::Json).unwrap());
        let asked = [
            (
                "certification_request",
                json!({"schema_version": 1, "lang": "sv", "as_of": "2026-11-24", "evidence": [
                    {"kind": "lived_experience", "date": "2026-01-10"},
                    {"kind": "formal_education", "date": "2026-01-10", "reported": "absent"}]}),
                requests::certification as fn(&Engine, &str) -> _,
            ),
            (
                "supervision_request",
                json!({"schema_version": 1, "lang": "en", "as_of": "2026-11-24",
                       "start": "2026-01-15", "sessions": [
                    {"date": "2026-02-15", "kind": "experience_based"},
                    {"date": "2026-03-01", "kind": "line_or_clinical"}]}),
                requests::supervision,
            ),
            (
                "readiness_request",
                json!({"schema_version": 1, "lang": "sv", "facts": {}, "started": true}),
                requests::readiness,
            ),
            (
                "classify_request",
                json!({"schema_version": 1, "text": "Brukarråd och fokusgrupper"}),
                requests::classify_participation,
            ),
            (
                "promise_request",
                json!({"schema_version": 1, "lang": "en", "promised": "dialogue",
                       "delivered": "consultation"}),
                requests::check_participation_promise,
            ),
        ];
        for (name, request, ask) in asked {
            assert_valid(name, name, &request);
            responses.push(ask(&engine, &request.to_string()).unwrap());
        }
    }
    for response in &responses {
        assert_valid(
            "response",
            "a response",
            &serde_json::from_str(response).unwrap(),
        );
    }
}

#[test]
fn a_field_the_type_does_not_have_is_invalid_under_its_schema() {
    let request = json!({"schema_version": 1, "lang": "sv", "as_of": "2026-11-24", "extra": 1});
    assert!(!validator("certification_request").is_valid(&request));
    let mut record = read(&root().join("examples/data/vgr_ward.json"));
    record["supporters"][0]["extra"] = json!(1);
    assert!(!validator("unit_record").is_valid(&record));
    let policy = json!({"schema_version": 3, "id": "u", "extends": "rkc", "extra": []});
    assert!(!validator("unit_policy").is_valid(&policy));
    let bad_date = json!({"schema_version": 1, "lang": "sv", "as_of": "24/11/2026"});
    assert!(!validator("certification_request").is_valid(&bad_date));
}
