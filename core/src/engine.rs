//! The engine: one prepared policy that answers every rule family's
//! questions.

use crate::boundaries::{Action, Decision, DecisionTable};
use crate::certification::{Certification, CertificationReport, Evidence};
use crate::error::{InputError, PolicyError};
use crate::json::IdMap;
use crate::language::Text;
use crate::participation::{classify, Classification};
use crate::policy::{ModelId, Policy};
use crate::readiness::{Component, Fact, Readiness, ReadinessReport};
use crate::supervision::{
    KindStatus, Supervision, SupervisionKind, SupervisionLog, SupervisionRule,
};
use chrono::NaiveDate;

/// A prepared policy. Build it once; its questions are then answered without
/// re-reading the policy, and a boundary decision allocates nothing.
#[derive(Debug, Clone)]
pub struct Engine {
    policy: Policy,
    boundaries: DecisionTable,
    certification: Certification,
    supervision: Supervision,
    readiness: Readiness,
}

impl Engine {
    /// Prepares `policy`.
    pub fn new(policy: Policy) -> Engine {
        let boundaries = DecisionTable::new(
            policy.actions(),
            policy.retired_actions(),
            policy.boundary_rules(),
            policy.deviations(),
        );
        let model = policy.model_document();
        let unit = policy.unit();
        let certification = Certification::new(
            &model.certification,
            &unit.certification,
            policy.evidence_kinds(),
            &unit.parameters,
        );
        let window = policy.parameter(&crate::parameter::SUPERVISION_WINDOW_MONTHS);
        // A whole number from 0 to 1200, checked when the policy loaded.
        let supervision = Supervision::new(
            &model.supervision,
            &unit.supervision,
            &unit.cadences,
            window.value as u32,
            policy.supervision_kinds(),
        );
        let readiness = Readiness::new(&model.readiness, &unit.readiness);
        Engine {
            policy,
            boundaries,
            certification,
            supervision,
            readiness,
        }
    }

    /// Prepares a bare built-in model.
    pub fn builtin(model: ModelId) -> Result<Engine, PolicyError> {
        Ok(Engine::new(Policy::builtin(model)?))
    }

    /// The policy the engine was prepared from.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The catalogue of actions.
    pub fn actions(&self) -> &[Action] {
        self.policy.actions()
    }

    /// May a peer supporter do the action with this id? An id outside the
    /// catalogue gets [`Outcome::NotInCatalogue`](crate::Outcome::NotInCatalogue),
    /// a retired one [`Outcome::Retired`](crate::Outcome::Retired).
    #[inline]
    pub fn decide(&self, action_id: &str) -> &Decision {
        self.boundaries.by_id(action_id)
    }

    /// The same, by the action's numeric code.
    #[inline]
    pub fn decide_code(&self, code: u32) -> &Decision {
        self.boundaries.by_code(code)
    }

    /// The decision for an action outside the catalogue
    /// ([`Outcome::NotInCatalogue`](crate::Outcome::NotInCatalogue)), the
    /// one [`Engine::decide`] gives an unknown id.
    pub fn not_in_catalogue(&self) -> &Decision {
        self.boundaries.outside()
    }

    /// Every catalogue action's decision, in catalogue order.
    pub fn decisions(&self) -> &[Decision] {
        self.boundaries.all()
    }

    /// Every action's decision in a fixed order, one *slot* each: the
    /// catalogue's in catalogue order, then the retired actions'. A binding
    /// that keeps data per decision (the C library's rule-id pointers)
    /// indexes it by slot.
    pub fn decision_slots(&self) -> &[Decision] {
        self.boundaries.slots()
    }

    /// The slot in [`Engine::decision_slots`] of the action (of the
    /// catalogue or retired) with code `code`; `None` for a code of no
    /// action. `decision_slots()[slot]` is `decide_code(code)`.
    #[inline]
    pub fn slot_of_code(&self, code: u32) -> Option<usize> {
        self.boundaries.slot_of_code(code)
    }

    /// Where a person stands under the policy, as of `as_of`, from their
    /// dated evidence: the status in the model's words, what is missing and
    /// which evidence would meet it. Evidence dated after `as_of` is an
    /// error.
    pub fn certification(
        &self,
        evidence: &[Evidence],
        as_of: NaiveDate,
    ) -> Result<CertificationReport, InputError> {
        self.certification.evaluate(evidence, as_of)
    }

    /// The supervision rules in force: one per required kind.
    pub fn supervision_rules(&self) -> &[SupervisionRule] {
        self.supervision.rules()
    }

    /// How a supervision log keeps each required kind's cadence, as of
    /// `as_of`. A cadence phase that begins from an event (`from_evidence`)
    /// has not begun: see [`Engine::supervision_with_evidence`].
    pub fn supervision(
        &self,
        log: &SupervisionLog,
        as_of: NaiveDate,
    ) -> Result<Vec<KindStatus>, InputError> {
        self.supervision.evaluate(log, &[], as_of)
    }

    /// As [`Engine::supervision`], with the peer supporter's `evidence`
    /// dating the cadence phases that begin from an event (a certification
    /// granted). The evidence is checked as for
    /// [`Engine::certification`]; an error about it names
    /// `evidence[i]…`, one about the log `sessions[i]…`.
    pub fn supervision_with_evidence(
        &self,
        log: &SupervisionLog,
        evidence: &[Evidence],
        as_of: NaiveDate,
    ) -> Result<Vec<KindStatus>, InputError> {
        self.certification.check_evidence(evidence, as_of)?;
        self.supervision_of_checked_evidence(log, evidence, as_of)
    }

    /// As [`Engine::supervision_with_evidence`], for evidence that
    /// [`Engine::certification`] has just checked (the audit's).
    pub(crate) fn supervision_of_checked_evidence(
        &self,
        log: &SupervisionLog,
        evidence: &[Evidence],
        as_of: NaiveDate,
    ) -> Result<Vec<KindStatus>, InputError> {
        self.supervision.evaluate(log, evidence, as_of)
    }

    /// The name of a kind of supervision, in both languages (its id if no
    /// policy declares it).
    pub fn supervision_kind_label(&self, kind: &SupervisionKind) -> Text {
        self.supervision.label(kind)
    }

    /// Every method and form of participation `text` names, with their
    /// rungs: the ladder's table and the unit's own names
    /// ([`participation::classify`](crate::participation::classify)).
    pub fn classify_participation(&self, text: &str) -> Classification {
        classify(text, &self.policy.unit().participation_methods)
    }

    /// The readiness components in force.
    pub fn readiness_components(&self) -> &[Component] {
        self.readiness.components()
    }

    /// What is in place and what is missing, from the unit's facts by item
    /// id; `started` says whether a peer supporter has started, which makes
    /// the ongoing items due.
    pub fn readiness(
        &self,
        facts: &IdMap<Fact>,
        started: bool,
    ) -> Result<ReadinessReport, InputError> {
        self.readiness.evaluate(facts, started)
    }
}
