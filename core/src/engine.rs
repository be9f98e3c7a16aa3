//! The engine: one prepared policy that answers every rule family's
//! questions.

use crate::boundaries::{Action, Decision, DecisionTable};
use crate::error::PolicyError;
use crate::policy::{ModelId, Policy};

/// A prepared policy. Build it once; its questions are then answered without
/// re-reading the policy, and a boundary decision allocates nothing.
#[derive(Debug, Clone)]
pub struct Engine {
    policy: Policy,
    boundaries: DecisionTable,
}

impl Engine {
    /// Prepares `policy`.
    pub fn new(policy: Policy) -> Engine {
        let boundaries = DecisionTable::new(policy.actions(), policy.boundary_rules());
        Engine { policy, boundaries }
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
    /// catalogue gets [`Outcome::NotInCatalogue`](crate::Outcome::NotInCatalogue).
    pub fn decide(&self, action_id: &str) -> &Decision {
        self.boundaries.by_id(action_id)
    }

    /// The same, by the action's numeric code.
    pub fn decide_code(&self, code: u32) -> &Decision {
        self.boundaries.by_code(code)
    }

    /// Every catalogue action's decision, in catalogue order.
    pub fn decisions(&self) -> &[Decision] {
        self.boundaries.all()
    }
}
