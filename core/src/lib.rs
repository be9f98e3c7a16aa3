//! # peer-support
//!
//! The rules of professional peer support in Swedish mental-health care, as
//! one engine that explains its answers. Three models are built in — NSPH's
//! *Peer Support i Sverige*, the Swedish Red Cross treatment centres (RKC) and
//! Region Skåne's mentors — each a cited JSON policy that a unit may extend
//! (or, for a regime outside the sources, a neutral base with no Swedish
//! rule).
//!
//! One module per rule family:
//! - [`boundaries`]: what a peer supporter may, should not and must not do;
//! - [`certification`]: where a person stands in each model's own words
//!   (certified, meets the recruitment requirements, has completed the
//!   mentor training), what evidence is missing or reported absent, and
//!   renewal;
//! - [`supervision`]: kinds of supervision (data, a unit may add its own)
//!   and whether a log keeps cadence;
//! - [`participation`]: the participation ladder and promises of participation;
//! - [`readiness`]: what must be in place before and after a peer supporter
//!   starts, with a fidelity score per component.
//!
//! Every rule names its source passage ([`Citation`]) and explains itself in
//! Swedish and English ([`Lang`]).
//!
//! ```
//! use peer_support::{Engine, Lang, ModelId, Outcome};
//!
//! let engine = Engine::builtin(ModelId::Rkc)?;
//! let decision = engine.decide("patient.treatment_advice");
//! assert_eq!(decision.outcome(), Outcome::Forbidden);
//! assert!(decision.rule_ids().any(|id| id == "rkc.limit.no_treatment_advice"));
//! println!("{}", decision.explain(Lang::En));
//! # Ok::<(), peer_support::PolicyError>(())
//! ```

pub mod audit;
pub mod boundaries;
pub mod certification;
mod citation;
mod dates;
mod deviation;
mod engine;
mod error;
mod json;
mod language;
pub mod limits;
pub mod parameter;
pub mod participation;
mod policy;
pub mod policy_report;
pub mod readiness;
pub mod render;
pub mod requests;
pub mod supervision;
mod validate;

pub use boundaries::{
    Action, ActionGroup, BoundaryRule, Condition, Decision, Origin, Outcome, Party, Reason,
    RetiredAction, Verdict,
};
pub use certification::{Category, CertificationReport, Evidence, Reported, Standing};
pub use citation::{Citation, Finding, SEED_NSPH, SEED_RKC};
pub use dates::Span;
pub use deviation::Deviation;
pub use engine::Engine;
pub use error::{Expected, InputError, InputProblem, PolicyError, ShapeProblem};
pub use json::IdMap;
pub use language::{Lang, Text, UnknownLang};
pub use limits::Limit;
pub use parameter::{ParameterSetting, ParameterSource, ParameterValue};
pub use participation::{
    check_promise, Classification, InfluenceLevel, MethodMatch, PromiseCheck, PromiseOutcome, Rung,
    UnitMethod,
};
pub use policy::{
    builtin_citations, ModelDocument, ModelId, Policy, RetiredRule, UnitPolicy, UnknownModel,
    SCHEMA_VERSION,
};
pub use supervision::{CadenceSetting, KindStatus, Session, SupervisionKind, SupervisionLog};

/// The date type every time-dependent rule takes.
pub use chrono::NaiveDate;

/// The README's examples, compiled as doc tests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
