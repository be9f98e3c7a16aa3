//! JSON requests and responses: the one set of shapes every binding
//! exchanges with the engine (the C library's `peer_support_*_json`
//! functions, and the Python module to come), so that no binding builds a
//! request or a response of its own.
//!
//! A request is a JSON object with `schema_version` [`REQUEST_VERSION`] and
//! the question's fields ([`CertificationRequest`], [`SupervisionRequest`],
//! [`ReadinessRequest`], [`ClassifyRequest`], [`PromiseRequest`]); it is read
//! as strictly as a unit policy (unknown fields, duplicate keys and
//! whole numbers written as `1.0` are refused, naming the path). The audit
//! takes a unit record (`examples/data/README.md`).
//!
//! A response ([`Response`]) carries `response_version`
//! [`RESPONSE_VERSION`], the library's version and the policy it was decided
//! under (its id, model and [content hash](crate::Policy::content_hash)), so
//! that a journal can log what decided, and one field named after the
//! question with the answer: `certification`, `supervision`, `readiness`,
//! `classification`, `promise`, `policy_report` or `audit`. Texts are in the
//! request's `lang` where it has one; a classification has no `lang`, and
//! gives its mandate note in both languages.
//!
//! Within a version, fields may be added to a response but never removed,
//! renamed or given another meaning; a request's fields never change.
//!
//! [`schema`] gives the JSON Schema of each request, of the response, of
//! the unit record and of the unit policy, generated from these types
//! (committed in `core/schemas/`).

use crate::audit::{self, AuditError, AuditReport};
use crate::certification::{CertificationReport, Evidence};
use crate::engine::Engine;
use crate::error::{InputError, PolicyError};
use crate::json::IdMap;
use crate::language::Lang;
use crate::parameter::ParameterChange;
use crate::participation::{check_promise, Classification, PromiseCheck, Rung};
use crate::policy::{parse_versioned, ModelId, Policy};
use crate::policy_report::PolicyReport;
use crate::readiness::{Fact, ReadinessReport};
use crate::supervision::{KindStatus, Session, SupervisionLog};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The version of the request shapes this library reads.
pub const REQUEST_VERSION: u32 = 1;
/// The version of the response shapes this library writes.
pub const RESPONSE_VERSION: u32 = 1;
/// This library's version (`major.minor.patch`).
pub const LIBRARY_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where a person stands under the policy: [`Engine::certification`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CertificationRequest {
    /// Always [`REQUEST_VERSION`].
    pub schema_version: u32,
    /// The language of the answer's texts.
    pub lang: Lang,
    /// The day the question is asked for.
    #[serde(deserialize_with = "crate::dates::strict")]
    pub as_of: NaiveDate,
    /// The person's dated evidence, as in a unit record.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// How a supervision log keeps cadence:
/// [`Engine::supervision_with_evidence`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupervisionRequest {
    /// Always [`REQUEST_VERSION`].
    pub schema_version: u32,
    /// The language of the answer's texts.
    pub lang: Lang,
    /// The day the question is asked for.
    #[serde(deserialize_with = "crate::dates::strict")]
    pub as_of: NaiveDate,
    /// The day the peer supporter started; cadences run from it.
    #[serde(deserialize_with = "crate::dates::strict")]
    pub start: NaiveDate,
    /// The sessions, in any order.
    #[serde(default)]
    pub sessions: Vec<Session>,
    /// The peer supporter's evidence, dating cadence phases that begin
    /// from an event (a certification granted).
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// What is in place before and after a peer supporter starts:
/// [`Engine::readiness`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadinessRequest {
    /// Always [`REQUEST_VERSION`].
    pub schema_version: u32,
    /// The language of the answer's texts.
    pub lang: Lang,
    /// The unit's facts by readiness item id: `true`/`false`, or a count.
    #[serde(default)]
    pub facts: IdMap<Fact>,
    /// Whether a peer supporter has started (ongoing items are then due).
    pub started: bool,
}

/// Which rungs of the participation ladder a text names:
/// [`Engine::classify_participation`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassifyRequest {
    /// Always [`REQUEST_VERSION`].
    pub schema_version: u32,
    /// The text, in Swedish or English.
    pub text: String,
}

/// Whether a promise of participation was kept:
/// [`check_promise`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PromiseRequest {
    /// Always [`REQUEST_VERSION`].
    pub schema_version: u32,
    /// The language of the answer's sentence.
    pub lang: Lang,
    /// The rung promised, if one was stated.
    #[serde(default)]
    pub promised: Option<Rung>,
    /// The rung delivered.
    pub delivered: Rung,
}

/// The policy a response was decided under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PolicyStamp {
    /// The unit policy's id (the model's id for a bare model).
    pub id: String,
    /// The model it extends.
    pub model: ModelId,
    /// [`Policy::content_hash`].
    pub content_hash: String,
}

impl PolicyStamp {
    /// The stamp of `policy`.
    pub fn of(policy: &Policy) -> PolicyStamp {
        PolicyStamp {
            id: policy.unit().id.clone(),
            model: policy.model(),
            content_hash: policy.content_hash(),
        }
    }
}

/// A promise check with its sentence in the request's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PromiseAnswer {
    /// The check.
    #[serde(flatten)]
    pub check: PromiseCheck,
    /// The check in one sentence.
    pub text: String,
}

/// The answer to one request, named after its question.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Answer {
    /// To a [`CertificationRequest`].
    Certification(CertificationReport<String, ParameterChange>),
    /// To a [`SupervisionRequest`]: one status per required kind.
    Supervision(Vec<KindStatus<String>>),
    /// To a [`ReadinessRequest`].
    Readiness(ReadinessReport<String>),
    /// To a [`ClassifyRequest`].
    Classification(Classification),
    /// To a [`PromiseRequest`].
    Promise(PromiseAnswer),
    /// The policy report.
    PolicyReport(PolicyReport),
    /// The audit of a unit record (boxed: the largest answer by far).
    Audit(Box<AuditReport>),
}

/// A response: what decided, and the answer.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Response {
    /// Always [`RESPONSE_VERSION`].
    pub response_version: u32,
    /// [`LIBRARY_VERSION`].
    pub library_version: &'static str,
    /// The policy the answer was decided under.
    pub policy: PolicyStamp,
    /// The answer, as a field named after the question.
    #[serde(flatten)]
    pub answer: Answer,
}

impl Response {
    /// The answer `answer`, decided under `policy`.
    pub fn new(policy: &Policy, answer: Answer) -> Response {
        Response {
            response_version: RESPONSE_VERSION,
            library_version: LIBRARY_VERSION,
            policy: PolicyStamp::of(policy),
            answer,
        }
    }

    /// The response as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Plain structs of strings, finite numbers, dates and enums.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// How a report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Text for a reader.
    Text,
    /// A [`Response`] as JSON.
    Json,
}

/// A request could not be answered. Nothing was answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RequestError {
    /// The request is not well-formed JSON of its shape (the error names
    /// the request, e.g. `certification request`).
    #[error("{0}")]
    Document(PolicyError),
    /// The unit record's own policy does not load (the audit).
    #[error("{0}")]
    Policy(PolicyError),
    /// A value of the request is not acceptable.
    #[error("{document}: {error}")]
    Input {
        /// Which request.
        document: &'static str,
        /// What is wrong, and where.
        error: InputError,
    },
}

impl RequestError {
    /// The JSON path of the offending element within the request.
    pub fn path(&self) -> Option<String> {
        match self {
            RequestError::Document(e) | RequestError::Policy(e) => e.path().map(str::to_owned),
            RequestError::Input { error, .. } => Some(error.path.clone()),
        }
    }
}

impl From<AuditError> for RequestError {
    fn from(e: AuditError) -> RequestError {
        match e {
            AuditError::Document(e) => RequestError::Document(e),
            AuditError::Policy(e) => RequestError::Policy(e),
            AuditError::Input(error) => RequestError::Input {
                document: "unit record",
                error,
            },
        }
    }
}

/// Reads the request `document` from `text` and answers it under `engine`.
fn answer<Q: serde::de::DeserializeOwned>(
    engine: &Engine,
    document: &'static str,
    text: &str,
    ask: impl FnOnce(&Engine, Q) -> Result<Answer, InputError>,
) -> Result<String, RequestError> {
    let request: Q =
        parse_versioned(document, text, REQUEST_VERSION).map_err(RequestError::Document)?;
    let answer = ask(engine, request).map_err(|error| RequestError::Input { document, error })?;
    Ok(Response::new(engine.policy(), answer).to_json())
}

/// Answers a [`CertificationRequest`] in `text`.
pub fn certification(engine: &Engine, text: &str) -> Result<String, RequestError> {
    answer(
        engine,
        "certification request",
        text,
        |engine, q: CertificationRequest| {
            let report = engine.certification(&q.evidence, q.as_of)?;
            Ok(Answer::Certification(report.in_lang(q.lang)))
        },
    )
}

/// Answers a [`SupervisionRequest`] in `text`.
pub fn supervision(engine: &Engine, text: &str) -> Result<String, RequestError> {
    answer(
        engine,
        "supervision request",
        text,
        |engine, q: SupervisionRequest| {
            let log = SupervisionLog {
                start: q.start,
                sessions: q.sessions,
            };
            let kinds = engine.supervision_with_evidence(&log, &q.evidence, q.as_of)?;
            Ok(Answer::Supervision(
                kinds.iter().map(|k| k.in_lang(q.lang)).collect(),
            ))
        },
    )
}

/// Answers a [`ReadinessRequest`] in `text`.
pub fn readiness(engine: &Engine, text: &str) -> Result<String, RequestError> {
    answer(
        engine,
        "readiness request",
        text,
        |engine, q: ReadinessRequest| {
            // The engine names a fact by its position; here it is in `facts`.
            let report = engine
                .readiness(&q.facts, q.started)
                .map_err(|e| e.within("facts"))?;
            Ok(Answer::Readiness(report.in_lang(q.lang)))
        },
    )
}

/// Answers a [`ClassifyRequest`] in `text`.
pub fn classify_participation(engine: &Engine, text: &str) -> Result<String, RequestError> {
    answer(
        engine,
        "classify request",
        text,
        |engine, q: ClassifyRequest| {
            Ok(Answer::Classification(
                engine.classify_participation(&q.text),
            ))
        },
    )
}

/// Answers a [`PromiseRequest`] in `text`.
pub fn check_participation_promise(engine: &Engine, text: &str) -> Result<String, RequestError> {
    answer(engine, "promise request", text, |_, q: PromiseRequest| {
        let check = check_promise(q.promised, q.delivered);
        let text = check.sentence(q.lang);
        Ok(Answer::Promise(PromiseAnswer { check, text }))
    })
}

/// The policy report on `engine`'s policy, in `lang`: text, or a
/// [`Response`] as JSON.
pub fn policy_report(engine: &Engine, lang: Lang, format: Format) -> Result<String, PolicyError> {
    let report = PolicyReport::new(engine, lang)?;
    Ok(match format {
        Format::Text => report.to_text(),
        Format::Json => Response::new(engine.policy(), Answer::PolicyReport(report)).to_json(),
    })
}

/// The audit of the unit record in `text`, in `lang`: text, or a
/// [`Response`] as JSON.
pub fn audit(text: &str, lang: Lang, format: Format) -> Result<String, RequestError> {
    let record = audit::parse_record(text)?;
    let engine = Engine::new(audit::policy_of(&record)?);
    let report = audit::audit_under(&engine, &record, lang)?;
    Ok(match format {
        Format::Text => report.to_text(),
        Format::Json => Response::new(engine.policy(), Answer::Audit(Box::new(report))).to_json(),
    })
}

/// The documents [`schema`] describes: those the library reads (the unit
/// policy, the unit record, the requests) and the one it writes (the
/// response).
pub const SCHEMA_NAMES: [&str; 8] = [
    "unit_policy",
    "unit_record",
    "certification_request",
    "supervision_request",
    "readiness_request",
    "classify_request",
    "promise_request",
    "response",
];

/// The audit of the unit record in `text` as one self-contained HTML page
/// in `lang` ([`AuditReport::to_html`]).
pub fn audit_html(text: &str, lang: Lang) -> Result<String, RequestError> {
    Ok(audit::run(text, lang)?.to_html())
}

/// The audit of the unit record in `text` as CSV tables, one per rule
/// family ([`AuditReport::to_csv`]).
pub fn audit_csv(text: &str, lang: Lang) -> Result<Vec<(&'static str, String)>, RequestError> {
    Ok(audit::run(text, lang)?.to_csv())
}

/// The JSON Schema (draft 2020-12) of the document `name` (one of
/// [`SCHEMA_NAMES`]), generated from its type: what the library accepts
/// for a document it reads, what it writes for the response. The library's
/// own checks go further than a schema can (ids known to the policy, dates
/// in order, the limits): a document valid under its schema may still be
/// refused, with a typed error.
pub fn schema(name: &str) -> Option<String> {
    use crate::audit::UnitRecord;
    use crate::policy::UnitPolicy;
    use schemars::generate::SchemaSettings;
    let reads = SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator();
    let schema = match name {
        "unit_policy" => reads.into_root_schema_for::<UnitPolicy>(),
        "unit_record" => reads.into_root_schema_for::<UnitRecord>(),
        "certification_request" => reads.into_root_schema_for::<CertificationRequest>(),
        "supervision_request" => reads.into_root_schema_for::<SupervisionRequest>(),
        "readiness_request" => reads.into_root_schema_for::<ReadinessRequest>(),
        "classify_request" => reads.into_root_schema_for::<ClassifyRequest>(),
        "promise_request" => reads.into_root_schema_for::<PromiseRequest>(),
        "response" => SchemaSettings::draft2020_12()
            .for_serialize()
            .into_generator()
            .into_root_schema_for::<Response>(),
        _ => return None,
    };
    // A schema is a JSON value; writing it cannot fail.
    Some(serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::error::InputProblem;
    use serde_json::Value;

    fn rkc() -> Engine {
        Engine::builtin(ModelId::Rkc).unwrap_or_else(|e| panic!("{e}"))
    }

    fn parsed(text: &str) -> Value {
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
    }

    #[test]
    fn a_response_names_the_library_and_the_policy_it_was_decided_under() {
        let engine = rkc();
        let request = r#"{"schema_version": 1, "lang": "sv", "promised": "dialogue", "delivered": "dialogue"}"#;
        let response = parsed(&check_participation_promise(&engine, request).unwrap_or_default());
        assert_eq!(response["response_version"], RESPONSE_VERSION);
        assert_eq!(response["library_version"], LIBRARY_VERSION);
        assert_eq!(response["policy"]["id"], "rkc");
        assert_eq!(response["policy"]["model"], "rkc");
        assert_eq!(
            response["policy"]["content_hash"],
            engine.policy().content_hash()
        );
        assert_eq!(response["promise"]["outcome"], "kept");
        assert_eq!(
            response["promise"]["text"],
            check_promise(Some(Rung::Dialogue), Rung::Dialogue).sentence(Lang::Sv)
        );
    }

    #[test]
    fn each_request_is_answered_in_its_own_field_and_language() {
        let engine = Engine::builtin(ModelId::Nsph).unwrap_or_else(|e| panic!("{e}"));
        let cert = parsed(
            &certification(
                &engine,
                r#"{"schema_version": 1, "lang": "en", "as_of": "2026-11-24"}"#,
            )
            .unwrap_or_default(),
        );
        assert_eq!(cert["certification"]["standing"], "not_eligible");
        let sup = parsed(&supervision(&engine, r#"{"schema_version": 1, "lang": "en", "as_of": "2026-03-15", "start": "2026-01-15", "sessions": [{"date": "2026-02-15", "kind": "experience_based"}]}"#).unwrap_or_default());
        assert_eq!(sup["supervision"][0]["kind"], "experience_based");
        assert_eq!(sup["supervision"][0]["days_overdue"], 0);
        let ready = parsed(
            &readiness(
                &engine,
                r#"{"schema_version": 1, "lang": "sv", "started": false}"#,
            )
            .unwrap_or_default(),
        );
        assert_eq!(ready["readiness"]["ready"], false);
        assert_eq!(ready["readiness"]["started"], false);
        let class = parsed(
            &classify_participation(&engine, r#"{"schema_version": 1, "text": "Brukarråd"}"#)
                .unwrap_or_default(),
        );
        assert!(class["classification"]["mandate_note"].is_object());
        let label = |lang: &str| {
            let request = format!(
                r#"{{"schema_version": 1, "lang": "{lang}", "as_of": "2026-03-15", "start": "2026-01-15"}}"#
            );
            parsed(&supervision(&engine, &request).unwrap_or_default())["supervision"][0]["label"]
                .clone()
        };
        assert_ne!(label("sv"), label("en"));
    }

    #[test]
    fn the_reports_are_text_or_a_response() {
        let engine = rkc();
        let text = policy_report(&engine, Lang::En, Format::Text).unwrap_or_default();
        let report = PolicyReport::new(&engine, Lang::En).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(text, report.to_text());
        let json = parsed(&policy_report(&engine, Lang::En, Format::Json).unwrap_or_default());
        assert_eq!(
            json["policy_report"]["report_version"],
            report.report_version
        );
        let record = r#"{"schema_version": 3, "unit_id": "u", "model": "rkc", "as_of": "2026-11-24", "supporters": []}"#;
        let text = audit(record, Lang::Sv, Format::Text).unwrap_or_default();
        let direct = crate::audit::run(record, Lang::Sv).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(text, direct.to_text());
        assert_eq!(audit_html(record, Lang::Sv).unwrap(), direct.to_html());
        assert_eq!(audit_csv(record, Lang::Sv).unwrap(), direct.to_csv());
        assert!(matches!(
            audit_html("[", Lang::Sv),
            Err(RequestError::Document(_))
        ));
        assert!(matches!(
            audit_csv("[", Lang::Sv),
            Err(RequestError::Document(_))
        ));
        let json = parsed(&audit(record, Lang::Sv, Format::Json).unwrap_or_default());
        assert_eq!(json["audit"]["unit_id"], "u");
        assert_eq!(json["policy"]["id"], "rkc");
    }

    #[test]
    fn a_unit_records_own_policy_is_the_one_named() {
        let record = r#"{"schema_version": 3, "unit_id": "u", "model": "rkc", "as_of": "2026-11-24", "supporters": [],
            "policy": {"schema_version": 3, "id": "unit.policy", "extends": "rkc"}}"#;
        let json = parsed(&audit(record, Lang::En, Format::Json).unwrap_or_default());
        assert_eq!(json["policy"]["id"], "unit.policy");
        let unit =
            Policy::from_json(r#"{"schema_version": 3, "id": "unit.policy", "extends": "rkc"}"#)
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(json["policy"]["content_hash"], unit.content_hash());
        assert_ne!(unit.content_hash(), rkc().policy().content_hash());
    }

    #[test]
    fn errors_name_the_request_and_the_path() {
        let engine = rkc();
        let after = certification(
            &engine,
            r#"{"schema_version": 1, "lang": "sv", "as_of": "2026-01-01", "evidence": [{"kind": "lived_experience", "date": "2026-02-01"}]}"#,
        );
        let Err(e) = after else {
            panic!("accepted evidence after as_of")
        };
        assert!(
            matches!(&e, RequestError::Input { document: "certification request", error } if error.problem == InputProblem::AfterAsOf)
        );
        assert_eq!(e.path().as_deref(), Some("evidence[0].date"));
        assert_eq!(
            e.to_string(),
            "certification request: evidence[0].date: dated after the as-of date"
        );
        let unknown = readiness(
            &engine,
            r#"{"schema_version": 1, "lang": "sv", "facts": {"rkc.ready.employment": true, "x.y": true}, "started": false}"#,
        );
        let Err(e) = unknown else {
            panic!("accepted an unknown item")
        };
        assert_eq!(e.path().as_deref(), Some("facts[1]"));
        let shape = readiness(
            &engine,
            r#"{"schema_version": 1, "lang": "sv", "started": false, "x": 1}"#,
        );
        let Err(RequestError::Document(e)) = shape else {
            panic!("accepted an unknown field")
        };
        assert!(e.to_string().starts_with("readiness request: "), "{e}");
        let version = classify_participation(&engine, r#"{"schema_version": 2, "text": ""}"#);
        assert!(matches!(
            version,
            Err(RequestError::Document(
                PolicyError::UnsupportedSchemaVersion {
                    supported: REQUEST_VERSION,
                    ..
                }
            ))
        ));
        let record = r#"{"schema_version": 3, "unit_id": "u", "model": "rkc", "as_of": "2026-11-24", "supporters": [],
            "policy": {"schema_version": 3, "id": "u", "extends": "rkc", "x": 1}}"#;
        let Err(e) = audit(record, Lang::Sv, Format::Json) else {
            panic!("accepted a policy of the wrong shape")
        };
        assert!(matches!(e, RequestError::Document(_)), "{e:?}");
        assert_eq!(e.path().as_deref(), Some("policy"));
        let loosens = r#"{"schema_version": 3, "unit_id": "u", "model": "rkc", "as_of": "2026-11-24", "supporters": [],
            "policy": {"schema_version": 3, "id": "u", "extends": "rkc", "boundaries": [{"id": "u.r",
            "action": "patient.treatment_advice", "verdict": "allowed",
            "citation": {"source": "s", "line": 1, "quote": "q"}, "message": {"sv": "m", "en": "m"}}]}}"#;
        let Err(e) = audit(loosens, Lang::Sv, Format::Json) else {
            panic!("accepted a policy that loosens its model")
        };
        assert!(
            matches!(e, RequestError::Policy(PolicyError::Loosens { .. })),
            "{e:?}"
        );
        assert_eq!(e.path().as_deref(), Some("policy.boundaries[0].verdict"));
        let mismatch = r#"{"schema_version": 3, "unit_id": "u", "model": "rkc", "as_of": "2026-11-24", "supporters": [],
            "policy": {"schema_version": 3, "id": "u", "extends": "nsph"}}"#;
        let Err(e) = audit(mismatch, Lang::Sv, Format::Text) else {
            panic!("accepted another model's policy")
        };
        assert!(
            matches!(&e, RequestError::Input { document: "unit record", error } if error.problem == InputProblem::ModelMismatch)
        );
    }

    #[test]
    fn every_named_schema_is_given_and_no_other() {
        for name in SCHEMA_NAMES {
            let schema = parsed(&schema(name).unwrap_or_default());
            assert_eq!(
                schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
                "{name}"
            );
        }
        assert_eq!(schema("Response"), None);
    }
}
