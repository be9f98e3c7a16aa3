//! Policies as data: the built-in models and a unit's own policy.
//!
//! Three kinds of JSON document, all at `schema_version` 2 and all read with
//! unknown fields refused:
//!
//! - the **catalogue** of actions (`core/policies/catalogue.json`, built in),
//!   with the retired actions whose ids and codes stay taken;
//! - a **model** document per built-in model (`core/policies/<model>.json`):
//!   its boundary rules, each cited;
//! - a **unit policy**, loaded at run time, that `extends` one model, may add
//!   actions (codes from 10000) and rules, may tighten the model, may depart
//!   from a model's *should not* only through an explicit deviation
//!   ([`Deviation`]), and may set the library's parameters
//!   ([`ParameterSetting`]).
//!
//! A document loads whole or fails with a [`PolicyError`] naming the JSON path
//! (and the rule id where a rule is involved).

use crate::boundaries::{
    self, Action, BoundaryRule, Origin, RetiredAction, ShareLimit, BUILTIN_CODES, UNIT_CODES,
};
use crate::certification::{self, CertificationRules, EvidenceKind};
use crate::citation::Citation;
use crate::deviation::{Deviation, Deviations, Strength};
use crate::error::{PolicyError, ShapeProblem};
use crate::json;
use crate::language::Text;
use crate::parameter::{self, ParameterSetting, ParameterValue, PARAMETERS};
use crate::participation::UnitMethod;
use crate::readiness::{self, Component};
use crate::supervision::{self, CadenceSetting, SupervisionKindDef, SupervisionRule};
use crate::validate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;
use std::path::Path;
use std::str::FromStr;
use std::sync::OnceLock;

/// The schema version of the documents this library reads and writes.
pub const SCHEMA_VERSION: u32 = 3;

/// The built-in models.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ModelId {
    /// NSPH's model, *Peer Support i Sverige*.
    Nsph,
    /// The Swedish Red Cross treatment centres' model.
    Rkc,
    /// Region Skåne's mentor model, *Mentorer i vården*.
    SkaneMentor,
    /// A neutral base for a regime outside the sources: the catalogue, and
    /// no rule of any Swedish model. A unit policy that extends it brings
    /// every rule and status of its own.
    Base,
}

impl ModelId {
    /// The models of the sources: NSPH, RKC and Region Skåne.
    pub const SOURCES: [ModelId; 3] = [ModelId::Nsph, ModelId::Rkc, ModelId::SkaneMentor];

    /// Every built-in model document, the neutral base included.
    pub const ALL: [ModelId; 4] = [
        ModelId::Nsph,
        ModelId::Rkc,
        ModelId::SkaneMentor,
        ModelId::Base,
    ];

    /// The model's stable id, as in JSON: `nsph`, `rkc`, `skane_mentor`,
    /// `base`.
    pub fn as_str(self) -> &'static str {
        match self {
            ModelId::Nsph => "nsph",
            ModelId::Rkc => "rkc",
            ModelId::SkaneMentor => "skane_mentor",
            ModelId::Base => "base",
        }
    }

    fn source(self) -> &'static str {
        match self {
            ModelId::Nsph => include_str!("../policies/nsph.json"),
            ModelId::Rkc => include_str!("../policies/rkc.json"),
            ModelId::SkaneMentor => include_str!("../policies/skane_mentor.json"),
            ModelId::Base => include_str!("../policies/base.json"),
        }
    }
}

impl fmt::Display for ModelId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A model id other than `nsph`, `rkc`, `skane_mentor` or `base` was given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown model id: use \"nsph\", \"rkc\", \"skane_mentor\" or \"base\"")]
pub struct UnknownModel;

impl FromStr for ModelId {
    type Err = UnknownModel;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ModelId::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or(UnknownModel)
    }
}

/// The built-in catalogue document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueDocument {
    schema_version: u32,
    actions: Vec<Action>,
    retired: Vec<RetiredAction>,
    retired_rules: Vec<RetiredRule>,
    evidence_kinds: Vec<EvidenceKind>,
    supervision_kinds: Vec<SupervisionKindDef>,
}

/// A rule id that a built-in model no longer has. Like an action's id and
/// code, a rule id is never reused: no rule, condition or item of a model
/// or a unit may take it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetiredRule {
    /// The id the rule had.
    pub id: String,
    /// What it decided, and where that lives now.
    pub note: Text,
}

/// A built-in model's document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelDocument {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Which model.
    pub model: ModelId,
    /// The model's name.
    pub name: Text,
    /// The model's boundary rules.
    pub boundaries: Vec<BoundaryRule>,
    /// The model's limits on the share of logged activities some tasks may
    /// take.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub share_limits: Vec<ShareLimit>,
    /// The model's certification requirements.
    #[serde(default)]
    pub certification: CertificationRules,
    /// The kinds of supervision the model requires, with default cadences.
    #[serde(default)]
    pub supervision: Vec<SupervisionRule>,
    /// What must be in place before and after a peer supporter starts.
    #[serde(default)]
    pub readiness: Vec<Component>,
}

/// A unit's own policy document: extends a model, may add actions and rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitPolicy {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The unit policy's id.
    pub id: String,
    /// The model it extends.
    pub extends: ModelId,
    /// Actions the unit adds to the catalogue (codes from 10000).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
    /// Boundary rules the unit adds: they tighten the model, or depart from
    /// a model's *should not* through one of `deviations`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub boundaries: Vec<BoundaryRule>,
    /// The unit's departures from the model's *should* and *should not*
    /// rules, each with the unit's reason and citation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deviations: Vec<Deviation>,
    /// The library's parameters the unit sets, each citing the unit's
    /// document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<ParameterSetting>,
    /// The unit's own names for methods or forms of participation, each
    /// with its rung of the ladder.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participation_methods: Vec<UnitMethod>,
    /// Evidence kinds the unit adds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence_kinds: Vec<EvidenceKind>,
    /// Kinds of supervision the unit adds (group supervision, support for
    /// the supporter's own health…), for its own rules and cadences.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supervision_kinds: Vec<SupervisionKindDef>,
    /// Certification rules the unit adds: requirements (one the model says
    /// should not be required only through a deviation), statuses for
    /// standings the model does not name, renewal rules.
    #[serde(default, skip_serializing_if = "CertificationRules::is_empty")]
    pub certification: CertificationRules,
    /// Supervision rules: a rule for a kind the model has replaces the
    /// model's cadence for it; a rule for another kind adds a requirement.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supervision: Vec<SupervisionRule>,
    /// Cadences in the light form: a kind, its phases, the unit's
    /// document. At most one rule or cadence per kind.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cadences: Vec<CadenceSetting>,
    /// Readiness components the unit adds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub readiness: Vec<Component>,
}

impl UnitPolicy {
    /// An empty extension of `model`.
    pub fn bare(model: ModelId) -> UnitPolicy {
        UnitPolicy {
            schema_version: SCHEMA_VERSION,
            id: model.as_str().to_owned(),
            extends: model,
            actions: Vec::new(),
            boundaries: Vec::new(),
            deviations: Vec::new(),
            parameters: Vec::new(),
            participation_methods: Vec::new(),
            evidence_kinds: Vec::new(),
            supervision_kinds: Vec::new(),
            certification: CertificationRules::default(),
            supervision: Vec::new(),
            cadences: Vec::new(),
            readiness: Vec::new(),
        }
    }
}

/// The built-in documents, parsed and validated once.
struct Builtins {
    catalogue: Vec<Action>,
    retired: Vec<RetiredAction>,
    retired_rules: Vec<RetiredRule>,
    evidence_kinds: Vec<EvidenceKind>,
    supervision_kinds: Vec<SupervisionKindDef>,
    models: Vec<ModelDocument>,
}

fn builtins() -> Result<&'static Builtins, PolicyError> {
    static BUILTINS: OnceLock<Result<Builtins, PolicyError>> = OnceLock::new();
    BUILTINS
        .get_or_init(load_builtins)
        .as_ref()
        .map_err(Clone::clone)
}

fn load_builtins() -> Result<Builtins, PolicyError> {
    let document = "catalogue";
    let catalogue: CatalogueDocument = parse(document, include_str!("../policies/catalogue.json"))?;
    check_version(document, catalogue.schema_version, SCHEMA_VERSION)?;
    boundaries::validate_retired(document, &catalogue.retired)?;
    let mut retired_rule_ids = HashSet::new();
    for (i, rule) in catalogue.retired_rules.iter().enumerate() {
        let path = format!("retired_rules[{i}]");
        validate::check_id_unique(
            document,
            &format!("{path}.id"),
            &rule.id,
            &mut retired_rule_ids,
        )?;
        validate::check_text(document, &format!("{path}.note"), &rule.note)?;
    }
    boundaries::validate_actions(
        document,
        &[],
        &catalogue.retired,
        &catalogue.actions,
        &BUILTIN_CODES,
    )?;
    validate_evidence_kinds(document, &[], &catalogue.evidence_kinds)?;
    validate_kinds(
        document,
        "supervision_kinds",
        std::iter::empty(),
        catalogue
            .supervision_kinds
            .iter()
            .map(|k| (&k.id, &k.label)),
    )?;
    let mut models = Vec::new();
    for model in ModelId::ALL {
        let document = format!("model {model}");
        let doc: ModelDocument = parse(&document, model.source())?;
        check_version(&document, doc.schema_version, SCHEMA_VERSION)?;
        if doc.model != model {
            return Err(PolicyError::Shape {
                document,
                path: "model".to_owned(),
                problem: ShapeProblem::ModelMismatch,
            });
        }
        // Retired rule ids stay taken.
        let mut taken = retired_rule_ids.clone();
        let mut no_deviations = Deviations::check(&document, &[], |_| None)?;
        boundaries::validate_rules(
            &document,
            &catalogue.actions,
            &catalogue.retired,
            None,
            &doc.boundaries,
            &mut no_deviations,
            &mut taken,
        )?;
        boundaries::validate_share_limits(
            &document,
            &catalogue.actions,
            &doc.share_limits,
            &mut taken,
        )?;
        certification::validate(
            &document,
            &catalogue.evidence_kinds,
            None,
            &doc.certification,
            &mut no_deviations,
            &mut taken,
        )?;
        supervision::validate(
            &document,
            &doc.supervision,
            &[],
            &known(&catalogue.evidence_kinds, &catalogue.supervision_kinds),
            &mut taken,
        )?;
        readiness::validate(&document, &doc.readiness, &mut taken, &mut HashSet::new())?;
        models.push(doc);
    }
    Ok(Builtins {
        catalogue: catalogue.actions,
        retired: catalogue.retired,
        retired_rules: catalogue.retired_rules,
        evidence_kinds: catalogue.evidence_kinds,
        supervision_kinds: catalogue.supervision_kinds,
        models,
    })
}

/// The kinds a policy's supervision rules may name.
fn known<'a>(
    evidence_kinds: &'a [EvidenceKind],
    supervision_kinds: &'a [SupervisionKindDef],
) -> supervision::Known<'a> {
    supervision::Known {
        supervision_kinds: supervision_kinds.iter().map(|k| k.id.as_str()).collect(),
        evidence_kinds: evidence_kinds.iter().map(|k| k.id.as_str()).collect(),
    }
}

fn validate_evidence_kinds(
    document: &str,
    existing: &[EvidenceKind],
    added: &[EvidenceKind],
) -> Result<(), PolicyError> {
    validate_kinds(
        document,
        "evidence_kinds",
        existing.iter().map(|k| (&k.id, &k.label)),
        added.iter().map(|k| (&k.id, &k.label)),
    )
}

/// Checks the kinds `added` in `field`: ids unique, among them and the
/// `existing` ones, and labels in both languages.
fn validate_kinds<'a>(
    document: &str,
    field: &str,
    existing: impl Iterator<Item = (&'a String, &'a Text)>,
    added: impl Iterator<Item = (&'a String, &'a Text)>,
) -> Result<(), PolicyError> {
    let mut taken: HashSet<String> = existing.map(|(id, _)| id.clone()).collect();
    for (i, (id, label)) in added.enumerate() {
        let path = format!("{field}[{i}]");
        validate::check_id_unique(document, &format!("{path}.id"), id, &mut taken)?;
        validate::check_text(document, &format!("{path}.label"), label)?;
    }
    Ok(())
}

pub(crate) fn parse<T: DeserializeOwned>(document: &str, text: &str) -> Result<T, PolicyError> {
    json::parse(document, text)
}

fn check_version(document: &str, version: u32, supported: u32) -> Result<(), PolicyError> {
    if version == supported {
        Ok(())
    } else {
        Err(PolicyError::UnsupportedSchemaVersion {
            document: document.to_owned(),
            supported,
        })
    }
}

/// Reads a document whose `schema_version` must be `supported`. The version
/// is checked before the shape, so that a document of another version is
/// told so rather than that its fields are unknown.
pub(crate) fn parse_versioned<T: DeserializeOwned>(
    document: &str,
    text: &str,
    supported: u32,
) -> Result<T, PolicyError> {
    #[derive(Deserialize)]
    struct Versioned {
        schema_version: u32,
    }
    let tree = json::read_tree(document, text)?;
    let version: Versioned = json::from_tree(document, &tree)?;
    check_version(document, version.schema_version, supported)?;
    json::from_tree(document, &tree)
}

/// A loaded, validated policy: a built-in model and a unit's extension of it
/// (empty for the bare model).
///
/// Two policies are equal when their unit documents are equal; the model and
/// catalogue are the library's own.
#[derive(Debug, Clone)]
pub struct Policy {
    unit: UnitPolicy,
    model: &'static ModelDocument,
    actions: Vec<Action>,
    evidence_kinds: Vec<EvidenceKind>,
    supervision_kinds: Vec<SupervisionKindDef>,
}

impl PartialEq for Policy {
    fn eq(&self, other: &Self) -> bool {
        self.unit == other.unit
    }
}

impl Policy {
    /// The bare built-in model, with no unit additions.
    ///
    /// Fails only if the built-in documents are broken, which the crate's
    /// tests rule out.
    pub fn builtin(model: ModelId) -> Result<Policy, PolicyError> {
        Policy::from_unit(UnitPolicy::bare(model))
    }

    /// Loads a unit policy from JSON text.
    pub fn from_json(text: &str) -> Result<Policy, PolicyError> {
        Policy::from_unit(parse_versioned("unit policy", text, SCHEMA_VERSION)?)
    }

    /// Loads a unit policy from a JSON file (of at most
    /// [`MAX_DOCUMENT_BYTES`](crate::limits::MAX_DOCUMENT_BYTES)).
    pub fn from_file(path: impl AsRef<Path>) -> Result<Policy, PolicyError> {
        let path = path.as_ref();
        let io = |e: std::io::Error| PolicyError::Io {
            file: path.to_owned(),
            kind: e.kind(),
        };
        let size = std::fs::metadata(path).map_err(io)?.len();
        if size > crate::limits::MAX_DOCUMENT_BYTES as u64 {
            return Err(PolicyError::Limit {
                document: "unit policy".to_owned(),
                path: String::new(),
                limit: crate::limits::Limit::DocumentSize,
            });
        }
        Policy::from_json(&std::fs::read_to_string(path).map_err(io)?)
    }

    /// Validates a unit policy against its model.
    pub fn from_unit(unit: UnitPolicy) -> Result<Policy, PolicyError> {
        let document = "unit policy";
        check_version(document, unit.schema_version, SCHEMA_VERSION)?;
        if unit.id.is_empty() {
            return Err(PolicyError::Missing {
                document: document.to_owned(),
                path: "id".to_owned(),
            });
        }
        if !validate::is_valid_id(&unit.id) {
            return Err(PolicyError::InvalidId {
                document: document.to_owned(),
                path: "id".to_owned(),
            });
        }
        let builtins = builtins()?;
        let model = builtins
            .models
            .iter()
            .find(|m| m.model == unit.extends)
            .ok_or_else(|| PolicyError::Shape {
                document: document.to_owned(),
                path: "extends".to_owned(),
                problem: ShapeProblem::NotOneOf(&["nsph", "rkc", "skane_mentor"]),
            })?;
        boundaries::validate_actions(
            document,
            &builtins.catalogue,
            &builtins.retired,
            &unit.actions,
            &UNIT_CODES,
        )?;
        let actions: Vec<Action> = builtins
            .catalogue
            .iter()
            .chain(&unit.actions)
            .cloned()
            .collect();
        validate_evidence_kinds(document, &builtins.evidence_kinds, &unit.evidence_kinds)?;
        let evidence_kinds: Vec<EvidenceKind> = builtins
            .evidence_kinds
            .iter()
            .chain(&unit.evidence_kinds)
            .cloned()
            .collect();
        validate_kinds(
            document,
            "supervision_kinds",
            builtins.supervision_kinds.iter().map(|k| (&k.id, &k.label)),
            unit.supervision_kinds.iter().map(|k| (&k.id, &k.label)),
        )?;
        let supervision_kinds: Vec<SupervisionKindDef> = builtins
            .supervision_kinds
            .iter()
            .chain(&unit.supervision_kinds)
            .cloned()
            .collect();
        let mut taken: HashSet<String> = model
            .boundaries
            .iter()
            .map(|r| r.id.clone())
            .chain(
                model
                    .boundaries
                    .iter()
                    .flat_map(|r| r.conditions.iter().map(|c| c.id.clone())),
            )
            .chain(model.certification.rules().map(|(id, _, _)| id.to_owned()))
            .chain(model.supervision.iter().map(|r| r.id.clone()))
            .chain(model.share_limits.iter().map(|r| r.id.clone()))
            .chain(
                model
                    .readiness
                    .iter()
                    .flat_map(|c| c.items.iter().map(|i| i.id.clone())),
            )
            .chain(builtins.retired_rules.iter().map(|r| r.id.clone()))
            .collect();
        // How strongly each of the model's rules speaks: a boundary rule's
        // should-not and a should-not-require can be departed from.
        let mut strengths = boundaries::strengths(&model.boundaries);
        strengths.extend(
            model
                .certification
                .rules()
                .map(|(id, strength, _)| (id, strength)),
        );
        let other_rules = model
            .supervision
            .iter()
            .map(|r| r.id.as_str())
            .chain(model.share_limits.iter().map(|r| r.id.as_str()))
            .chain(
                model
                    .readiness
                    .iter()
                    .flat_map(|c| c.items.iter().map(|i| i.id.as_str())),
            );
        for id in other_rules {
            strengths.insert(id, Strength::Neither);
        }
        let mut deviations =
            Deviations::check(document, &unit.deviations, |id| strengths.get(id).copied())?;
        boundaries::validate_rules(
            document,
            &actions,
            &builtins.retired,
            Some(&model.boundaries),
            &unit.boundaries,
            &mut deviations,
            &mut taken,
        )?;
        parameter::validate(document, &unit.parameters)?;
        for (i, method) in unit.participation_methods.iter().enumerate() {
            validate::check_text(
                document,
                &format!("participation_methods[{i}].name"),
                &method.name,
            )?;
        }
        certification::validate(
            document,
            &evidence_kinds,
            Some(&model.certification),
            &unit.certification,
            &mut deviations,
            &mut taken,
        )?;
        deviations.check_all_used(document)?;
        supervision::validate(
            document,
            &unit.supervision,
            &unit.cadences,
            &known(&evidence_kinds, &supervision_kinds),
            &mut taken,
        )?;
        let mut components: HashSet<String> = model
            .readiness
            .iter()
            .map(|c| c.component.clone())
            .collect();
        readiness::validate(document, &unit.readiness, &mut taken, &mut components)?;
        Ok(Policy {
            unit,
            model,
            actions,
            evidence_kinds,
            supervision_kinds,
        })
    }

    /// The unit policy document (for a bare model, an empty extension).
    pub fn unit(&self) -> &UnitPolicy {
        &self.unit
    }

    /// The model this policy extends.
    pub fn model(&self) -> ModelId {
        self.model.model
    }

    /// The model's name.
    pub fn model_name(&self) -> &Text {
        &self.model.name
    }

    /// The catalogue: the built-in actions, then the unit's.
    pub fn actions(&self) -> &[Action] {
        &self.actions
    }

    /// The actions retired from the catalogue: their ids and codes stay
    /// taken.
    pub fn retired_actions(&self) -> &'static [RetiredAction] {
        // The built-ins loaded, or this policy would not exist.
        builtins().map_or(&[], |b| b.retired.as_slice())
    }

    /// The rule ids the built-in models no longer have; they stay taken.
    pub fn retired_rules(&self) -> &'static [RetiredRule] {
        builtins().map_or(&[], |b| b.retired_rules.as_slice())
    }

    /// The unit's deviations from the model.
    pub fn deviations(&self) -> &[Deviation] {
        &self.unit.deviations
    }

    /// Every parameter of the library with its value in force under this
    /// policy, and where the value comes from.
    pub fn parameters(&self) -> Vec<ParameterValue> {
        PARAMETERS
            .iter()
            .map(|def| parameter::value_of(def, &self.unit.parameters))
            .collect()
    }

    /// The value in force of the parameter `def`.
    pub(crate) fn parameter(&self, def: &parameter::ParameterDef) -> ParameterValue {
        parameter::value_of(def, &self.unit.parameters)
    }

    /// The evidence kinds: the catalogue's, then the unit's.
    pub fn evidence_kinds(&self) -> &[EvidenceKind] {
        &self.evidence_kinds
    }

    /// The kinds of supervision: the catalogue's, then the unit's.
    pub fn supervision_kinds(&self) -> &[SupervisionKindDef] {
        &self.supervision_kinds
    }

    /// The model's document.
    pub fn model_document(&self) -> &ModelDocument {
        self.model
    }

    /// Every boundary rule: the model's, then the unit's.
    pub fn boundary_rules(&self) -> impl Iterator<Item = (Origin, &BoundaryRule)> + Clone {
        self.model
            .boundaries
            .iter()
            .map(|r| (Origin::Model, r))
            .chain(self.unit.boundaries.iter().map(|r| (Origin::Unit, r)))
    }

    /// The unit policy document as JSON; [`Policy::from_json`] reads it back
    /// to an equal policy.
    pub fn to_json(&self) -> String {
        // Serializing plain structs of strings, numbers and enums to a String
        // cannot fail.
        serde_json::to_string_pretty(&self.unit).unwrap_or_default()
    }

    /// A hash of the unit document's content, written `fnv1a64:` and 16
    /// hexadecimal digits, so that a journal can log what decided: equal
    /// policies have equal hashes, whatever the spacing of the JSON they
    /// were read from or the order of an object's fields. It is FNV-1a (64 bits) over the document
    /// as this library writes it (compact JSON, fields in schema order):
    /// a fingerprint, not a cryptographic hash. The built-in model it
    /// extends is the library's own, named by the library's version.
    pub fn content_hash(&self) -> String {
        let canonical = serde_json::to_string(&self.unit).unwrap_or_default();
        format!("fnv1a64:{:016x}", fnv1a64(canonical.as_bytes()))
    }
}

/// FNV-1a, 64 bits (Fowler, Noll and Vo; the offset basis and prime of
/// the 64-bit variant).
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Every citation of the built-in documents, with the id of the rule or item
/// that carries it, for the seed-citation check.
pub fn builtin_citations() -> Result<Vec<(String, Citation)>, PolicyError> {
    let builtins = builtins()?;
    let mut out = Vec::new();
    for m in &builtins.models {
        let c = &m.certification;
        out.extend(
            m.boundaries
                .iter()
                .map(|r| (r.id.clone(), r.citation.clone())),
        );
        out.extend(
            m.share_limits
                .iter()
                .map(|r| (r.id.clone(), r.citation.clone())),
        );
        out.extend(
            c.rules()
                .map(|(id, _, citation)| (id.to_owned(), citation.clone())),
        );
        out.extend(
            m.supervision
                .iter()
                .map(|r| (r.id.clone(), r.citation.clone())),
        );
        out.extend(
            m.readiness
                .iter()
                .flat_map(|c| &c.items)
                .map(|i| (i.id.clone(), i.citation.clone())),
        );
    }
    out.extend(crate::participation::citations());
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn equal_policies_have_equal_hashes_whatever_their_spacing_and_field_order() {
        let a = Policy::from_json(r#"{"schema_version": 3, "id": "u", "extends": "rkc"}"#);
        let b =
            Policy::from_json("{ \"extends\":\"rkc\",\n \"id\" : \"u\", \"schema_version\":3 }");
        let c = Policy::from_json(r#"{"schema_version": 3, "id": "v", "extends": "rkc"}"#);
        let (Ok(a), Ok(b), Ok(c)) = (a, b, c) else {
            panic!("the policies load")
        };
        assert_eq!(a.content_hash(), b.content_hash());
        assert_ne!(a.content_hash(), c.content_hash());
        let hash = a.content_hash();
        assert_eq!(hash.len(), "fnv1a64:".len() + 16);
        let canonical = serde_json::to_string(a.unit()).unwrap_or_default();
        assert_eq!(
            hash,
            format!("fnv1a64:{:016x}", fnv1a64(canonical.as_bytes()))
        );
    }

    #[test]
    fn fnv1a64_gives_the_published_test_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
