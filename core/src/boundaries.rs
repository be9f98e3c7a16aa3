//! Role boundaries: what a peer supporter may and must not do.
//!
//! The catalogue lists the actions a peer supporter can be asked to do, each
//! with a stable string id and a stable numeric code (for the C ABI). A
//! model's boundary rules give each action a verdict; a unit's policy may add
//! actions and rules, and may only tighten the model. Where several rules
//! speak of one action, the most restrictive verdict decides
//! (`forbidden` > `allowed_with_conditions` > `allowed`) and the conditions of
//! every deciding rule apply. An action no rule speaks of is *not addressed*
//! and an id outside the catalogue is *not in the catalogue*: neither is ever
//! allowed.
//!
//! Sources: the RKC table of possible roles and boundaries
//! (`002_bf65aa040b74c517.txt`:962-1005), RKC's use of the journal system PMO
//! (`002…`:1180-1190), sharing own experience (`002…`:1426), NSPH's role
//! description (`000_12fcf2f212737a73.txt`:1530-1536, 1649) and the Skåne
//! evaluation's warning signs (`000…`:2960-2965). Each rule in
//! `core/policies/*.json` cites its own line.

use crate::citation::Citation;
use crate::error::PolicyError;
use crate::language::{Lang, Text};
use crate::validate::{check_id, check_rule, check_text};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::ops::RangeInclusive;

/// Numeric codes of the built-in catalogue's actions.
pub const BUILTIN_CODES: RangeInclusive<u32> = 1..=9_999;
/// Numeric codes a unit's policy may give the actions it adds.
pub const UNIT_CODES: RangeInclusive<u32> = 10_000..=u32::MAX;

/// The groups the catalogue's actions fall into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionGroup {
    /// Conversations with patients.
    PatientConversation,
    /// Work with relatives.
    Relatives,
    /// Group work.
    GroupWork,
    /// Information and outreach.
    Outreach,
    /// Work in the staff group.
    StaffGroup,
    /// Operations in the journal system (PMO at RKC).
    JournalSystem,
    /// Practical tasks.
    PracticalTask,
    /// Sharing own experience.
    SelfDisclosure,
    /// Availability to patients.
    Availability,
}

/// One action of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Stable string id, e.g. `journal.write_note`.
    pub id: String,
    /// Stable numeric code: 1–9999 for the built-in catalogue, from 10000 for
    /// actions a unit adds.
    pub code: u32,
    /// The group the action belongs to.
    pub group: ActionGroup,
    /// What the action is, in Swedish and English.
    pub label: Text,
}

/// A boundary rule's verdict, from least to most restrictive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The action is part of the role.
    Allowed,
    /// The action is part of the role under the rule's conditions.
    AllowedWithConditions,
    /// The action is outside the role.
    Forbidden,
}

/// A boundary rule: one action's verdict, with its source and explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoundaryRule {
    /// Stable rule id, e.g. `rkc.limit.no_treatment_advice`.
    pub id: String,
    /// The action the rule decides.
    pub action: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Conditions, only (and at least one) for `allowed_with_conditions`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Text>,
    /// The passage the rule is based on.
    pub citation: Citation,
    /// The explanation, in Swedish and English.
    pub message: Text,
}

/// Where a rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The built-in model.
    Model,
    /// The unit's own policy.
    Unit,
}

/// The outcome of a boundary decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Allowed.
    Allowed,
    /// Allowed under the listed conditions.
    AllowedWithConditions,
    /// Forbidden.
    Forbidden,
    /// In the catalogue, but neither the model nor the unit has a rule for it:
    /// not allowed until the unit's policy decides.
    NotAddressed,
    /// Not in the catalogue: never allowed.
    NotInCatalogue,
}

impl Outcome {
    /// Whether the action may be done (possibly under conditions).
    pub fn is_allowed(self) -> bool {
        matches!(self, Outcome::Allowed | Outcome::AllowedWithConditions)
    }

    /// Stable snake_case name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Allowed => "allowed",
            Outcome::AllowedWithConditions => "allowed_with_conditions",
            Outcome::Forbidden => "forbidden",
            Outcome::NotAddressed => "not_addressed",
            Outcome::NotInCatalogue => "not_in_catalogue",
        }
    }

    /// A short heading in `lang`.
    pub fn heading(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Outcome::Allowed, Lang::Sv) => "Tillåtet",
            (Outcome::Allowed, Lang::En) => "Allowed",
            (Outcome::AllowedWithConditions, Lang::Sv) => "Tillåtet med villkor",
            (Outcome::AllowedWithConditions, Lang::En) => "Allowed with conditions",
            (Outcome::Forbidden, Lang::Sv) => "Inte tillåtet",
            (Outcome::Forbidden, Lang::En) => "Forbidden",
            (Outcome::NotAddressed, Lang::Sv) => "Inte reglerat",
            (Outcome::NotAddressed, Lang::En) => "Not addressed",
            (Outcome::NotInCatalogue, Lang::Sv) => "Finns inte i katalogen",
            (Outcome::NotInCatalogue, Lang::En) => "Not in the catalogue",
        }
    }

    /// Why there is no rule to cite, for the two outcomes that have none.
    pub fn no_rule_note(self, lang: Lang) -> Option<&'static str> {
        match (self, lang) {
            (Outcome::NotAddressed, Lang::Sv) => Some(
                "Ingen regel i modellen eller enhetens policy avgör handlingen; \
                 den är inte tillåten förrän policyn gör det.",
            ),
            (Outcome::NotAddressed, Lang::En) => Some(
                "No rule of the model or the unit's policy decides this action; \
                 it is not allowed until the policy does.",
            ),
            (Outcome::NotInCatalogue, Lang::Sv) => {
                Some("Handlingen finns inte i katalogen. En okänd handling är aldrig tillåten.")
            }
            (Outcome::NotInCatalogue, Lang::En) => {
                Some("The action is not in the catalogue. An unknown action is never allowed.")
            }
            _ => None,
        }
    }
}

impl From<Verdict> for Outcome {
    fn from(verdict: Verdict) -> Self {
        match verdict {
            Verdict::Allowed => Outcome::Allowed,
            Verdict::AllowedWithConditions => Outcome::AllowedWithConditions,
            Verdict::Forbidden => Outcome::Forbidden,
        }
    }
}

/// A rule that took part in a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// Whether the rule is the model's or the unit's.
    pub origin: Origin,
    /// The rule.
    pub rule: BoundaryRule,
}

/// The answer to "may a peer supporter do this?", with its reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    action: Option<Action>,
    outcome: Outcome,
    reasons: Vec<Reason>,
}

impl Decision {
    /// The action decided, or `None` when it is not in the catalogue.
    pub fn action(&self) -> Option<&Action> {
        self.action.as_ref()
    }

    /// The outcome.
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// The deciding rules: those whose verdict is the outcome. Empty for
    /// [`Outcome::NotAddressed`] and [`Outcome::NotInCatalogue`].
    pub fn reasons(&self) -> &[Reason] {
        &self.reasons
    }

    /// The deciding rules' ids.
    pub fn rule_ids(&self) -> impl Iterator<Item = &str> {
        self.reasons.iter().map(|r| r.rule.id.as_str())
    }

    /// The conditions that apply, from every deciding rule.
    pub fn conditions(&self) -> impl Iterator<Item = &Text> {
        self.reasons.iter().flat_map(|r| r.rule.conditions.iter())
    }

    /// The decision explained in `lang`: heading, conditions, and each
    /// deciding rule with its message and citation.
    pub fn explain(&self, lang: Lang) -> String {
        let mut out = String::from(self.outcome.heading(lang));
        if let Some(action) = &self.action {
            out.push_str(": ");
            out.push_str(action.label.get(lang));
        }
        out.push('\n');
        let conditions_heading = match lang {
            Lang::Sv => "Villkor",
            Lang::En => "Conditions",
        };
        let mut conditions = self.conditions().peekable();
        if conditions.peek().is_some() {
            out.push_str(&format!("  {conditions_heading}:\n"));
            for condition in conditions {
                out.push_str(&format!("    - {}\n", condition.get(lang)));
            }
        }
        for reason in &self.reasons {
            let origin = match (reason.origin, lang) {
                (Origin::Model, Lang::Sv) => "modellen",
                (Origin::Model, Lang::En) => "model",
                (Origin::Unit, Lang::Sv) => "enhetens policy",
                (Origin::Unit, Lang::En) => "unit policy",
            };
            let source = match lang {
                Lang::Sv => "Källa",
                Lang::En => "Source",
            };
            out.push_str(&format!(
                "  [{}, {origin}] {}\n    {source}: {}\n",
                reason.rule.id,
                reason.rule.message.get(lang),
                reason.rule.citation
            ));
        }
        if let Some(note) = self.outcome.no_rule_note(lang) {
            out.push_str(&format!("  {note}\n"));
        }
        out
    }
}

/// Every catalogue action's decision, computed once so that a lookup costs
/// one hash (by id) or one index (by code), usually one probe, and no
/// allocation.
#[derive(Debug, Clone)]
pub(crate) struct DecisionTable {
    decisions: Vec<Decision>,
    by_id: IdIndex,
    /// Codes below [`DENSE_CODES`] (the built-in catalogue's), by code:
    /// `dense_codes[code]` is the decision's index, or [`EMPTY`].
    dense_codes: Vec<usize>,
    /// The other codes (a unit's), by code.
    sparse_codes: CodeIndex,
    not_in_catalogue: Decision,
}

/// Codes below this are indexed directly: the built-in catalogue's.
const DENSE_CODES: u32 = *BUILTIN_CODES.end() + 1;

/// The index of an empty slot.
const EMPTY: usize = usize::MAX;

impl DecisionTable {
    /// Decides every action of `actions` from `rules`, in time linear in
    /// actions and rules. A later action with the same id or code as an
    /// earlier one replaces it in lookups (policy validation allows neither).
    pub(crate) fn new<'a>(
        actions: &[Action],
        rules: impl Iterator<Item = (Origin, &'a BoundaryRule)>,
    ) -> Self {
        // Each action's rules, in the order `rules` yields them.
        let mut by_action: HashMap<&'a str, Vec<(Origin, &'a BoundaryRule)>> = HashMap::new();
        for (origin, rule) in rules {
            by_action
                .entry(rule.action.as_str())
                .or_default()
                .push((origin, rule));
        }
        let decisions: Vec<Decision> = actions
            .iter()
            .map(|action| {
                let rules = by_action
                    .get(action.id.as_str())
                    .map_or(&[][..], Vec::as_slice);
                decide(action, rules)
            })
            .collect();

        let by_id = IdIndex::new(actions);
        let dense_len = actions
            .iter()
            .filter(|a| a.code < DENSE_CODES)
            .map(|a| a.code as usize + 1)
            .max()
            .unwrap_or(0);
        let mut dense_codes = vec![EMPTY; dense_len];
        let mut sparse_codes =
            CodeIndex::with_room_for(actions.iter().filter(|a| a.code >= DENSE_CODES).count());
        for (index, action) in actions.iter().enumerate() {
            match dense_codes.get_mut(action.code as usize) {
                Some(slot) => *slot = index,
                None => sparse_codes.insert(action.code, index),
            }
        }
        DecisionTable {
            decisions,
            by_id,
            dense_codes,
            sparse_codes,
            not_in_catalogue: Decision {
                action: None,
                outcome: Outcome::NotInCatalogue,
                reasons: Vec::new(),
            },
        }
    }

    #[inline]
    pub(crate) fn by_id(&self, id: &str) -> &Decision {
        self.by_id
            .find(id.as_bytes())
            .and_then(|index| self.decisions.get(index))
            .unwrap_or(&self.not_in_catalogue)
    }

    #[inline]
    pub(crate) fn by_code(&self, code: u32) -> &Decision {
        let index = match self.dense_codes.get(code as usize) {
            Some(&index) => Some(index),
            None => self.sparse_codes.find(code),
        };
        index
            .and_then(|index| self.decisions.get(index))
            .unwrap_or(&self.not_in_catalogue)
    }

    pub(crate) fn all(&self) -> &[Decision] {
        &self.decisions
    }
}

/// The first and the last eight bytes of an id, as little-endian words: with
/// its length, the whole of an id of up to 16 bytes. An id shorter than 8
/// bytes is all in the first word (its first and last four bytes) and the
/// last word is 0.
#[inline(always)]
fn ends(bytes: &[u8]) -> (u64, u64) {
    let len = bytes.len();
    if len >= 8 {
        (word_at(bytes, 0), word_at(bytes, len - 8))
    } else if len >= 4 {
        let half = |at: usize| {
            bytes
                .get(at..at + 4)
                .and_then(|b| <[u8; 4]>::try_from(b).ok())
                .map_or(0, |b| u64::from(u32::from_le_bytes(b)))
        };
        (half(0) | half(len - 4) << 32, 0)
    } else {
        let head = bytes
            .iter()
            .enumerate()
            .fold(0, |w, (i, &b)| w | u64::from(b) << (8 * i));
        (head, 0)
    }
}

/// The eight bytes from `at` as a little-endian word (0 past the end).
#[inline(always)]
fn word_at(bytes: &[u8], at: usize) -> u64 {
    bytes
        .get(at..at.saturating_add(8))
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map_or(0, u64::from_le_bytes)
}

/// Fx's multiplier.
const FX: u64 = 0x517C_C1B7_2722_0A95;

/// The hash of an id from its length and its [`ends`] only: one multiply.
#[inline(always)]
fn sampled_hash(head: u64, tail: u64, len: usize) -> u64 {
    (head ^ tail.rotate_left(29) ^ (len as u64).rotate_left(53)).wrapping_mul(FX)
}

/// The hash of an id from every byte, eight at a time (Fx-style: rotate,
/// xor a word, multiply), for ids that the sample does not tell apart.
fn full_hash(bytes: &[u8], head: u64, tail: u64) -> u64 {
    let len = bytes.len();
    let mut hash = (len as u64).wrapping_mul(FX);
    let mut at = 8;
    while at + 8 < len {
        hash = (hash.rotate_left(5) ^ word_at(bytes, at)).wrapping_mul(FX);
        at += 8;
    }
    (hash.rotate_left(5) ^ sampled_hash(head, tail, len)).wrapping_mul(FX)
}

/// The ids of a table: an open-addressed hash table with a power-of-two
/// number of slots, at most half of them full, probed linearly from the slot
/// that the top bits of the id's hash name. A slot holds the id's length and
/// [`ends`], so that a probe compares no more than those for an id of up to
/// 16 bytes, and the bytes between the ends only for a longer one.
#[derive(Debug, Clone)]
struct IdIndex {
    slots: Vec<IdSlot>,
    /// 64 minus log2 of the number of slots.
    shift: u32,
    /// Each id longer than 16 bytes, one after another.
    keys: Vec<u8>,
    /// Whether ids are hashed with [`full_hash`] rather than
    /// [`sampled_hash`]: when two of them have the same length and ends.
    full: bool,
}

/// Two ids of a sampled [`IdIndex`] have the same length and ends.
#[derive(Debug)]
struct SameEnds;

#[derive(Debug, Clone, Copy)]
struct IdSlot {
    head: u64,
    tail: u64,
    len: usize,
    /// Where the id starts in `keys`, if it is longer than 16 bytes.
    key: usize,
    /// The action's index, or [`EMPTY`].
    index: usize,
}

/// The number of slots for `entries` entries: a power of two, at least
/// twice `entries`; and 64 minus its log2.
fn slot_count(entries: usize) -> (usize, u32) {
    let len = entries
        .saturating_mul(2)
        .max(2)
        .checked_next_power_of_two()
        .unwrap_or(1 << (usize::BITS - 1));
    (len, 64 - len.trailing_zeros())
}

impl IdIndex {
    /// The index of `actions`' ids, hashed by sample unless two of them
    /// have the same length and ends.
    fn new(actions: &[Action]) -> IdIndex {
        let sampled = IdIndex::build(actions, false);
        if sampled.full {
            IdIndex::build(actions, true)
        } else {
            sampled
        }
    }

    /// The index of `actions`' ids, hashed fully or by sample. A sampled
    /// build that meets two ids with the same length and ends stops and
    /// comes back marked `full`, to be built again.
    fn build(actions: &[Action], full: bool) -> IdIndex {
        let (len, shift) = slot_count(actions.len());
        let empty = IdSlot {
            head: 0,
            tail: 0,
            len: 0,
            key: 0,
            index: EMPTY,
        };
        let mut table = IdIndex {
            slots: vec![empty; len],
            shift,
            keys: Vec::new(),
            full,
        };
        for (index, action) in actions.iter().enumerate() {
            match table.insert(action.id.as_bytes(), index) {
                Ok(()) => {}
                Err(SameEnds) => {
                    table.full = true;
                    return table;
                }
            }
        }
        table
    }

    /// Files `index` under `id`, replacing the entry for `id`, if any;
    /// `Err` if the table is sampled and holds another id with the same
    /// length and ends.
    fn insert(&mut self, id: &[u8], index: usize) -> Result<(), SameEnds> {
        let (head, tail) = ends(id);
        let mask = self.slots.len() - 1;
        let mut at = self.home(id, head, tail);
        for _ in 0..self.slots.len() {
            let Some(&slot) = self.slots.get(at) else {
                break;
            };
            let new = if slot.index == EMPTY {
                let key = self.keys.len();
                if id.len() > 16 {
                    self.keys.extend_from_slice(id);
                }
                IdSlot {
                    head,
                    tail,
                    len: id.len(),
                    key,
                    index,
                }
            } else if slot.head == head && slot.tail == tail && slot.len == id.len() {
                if self.middle_eq(&slot, id) {
                    IdSlot { index, ..slot }
                } else if self.full {
                    at = (at + 1) & mask;
                    continue;
                } else {
                    return Err(SameEnds);
                }
            } else {
                at = (at + 1) & mask;
                continue;
            };
            if let Some(slot) = self.slots.get_mut(at) {
                *slot = new;
            }
            break;
        }
        Ok(())
    }

    #[inline(always)]
    fn home(&self, id: &[u8], head: u64, tail: u64) -> usize {
        let hash = if self.full {
            full_hash(id, head, tail)
        } else {
            sampled_hash(head, tail, id.len())
        };
        (hash >> self.shift) as usize
    }

    /// Whether `id`, whose length and ends are `slot`'s, has its middle
    /// bytes too: compared a word at a time, inline, the last word
    /// overlapping the one before.
    #[inline(always)]
    fn middle_eq(&self, slot: &IdSlot, id: &[u8]) -> bool {
        let len = id.len();
        if len <= 16 {
            return true;
        }
        let Some(stored) = self.keys.get(slot.key..slot.key.saturating_add(len)) else {
            return false;
        };
        let mut at = 8;
        while at < len - 8 {
            let word = at.min(len - 16);
            if word_at(id, word) != word_at(stored, word) {
                return false;
            }
            at += 8;
        }
        true
    }

    /// The index of the action with id `id`.
    #[inline(always)]
    fn find(&self, id: &[u8]) -> Option<usize> {
        let (head, tail) = ends(id);
        let mask = self.slots.len() - 1;
        let mut at = self.home(id, head, tail);
        // The table is never full, so an empty slot ends the probe; the
        // bound only makes that plain.
        for _ in 0..self.slots.len() {
            let slot = self.slots.get(at)?;
            if slot.index == EMPTY {
                return None;
            }
            if slot.head == head
                && slot.tail == tail
                && slot.len == id.len()
                && self.middle_eq(slot, id)
            {
                return Some(slot.index);
            }
            at = (at + 1) & mask;
        }
        None
    }
}

/// Codes from [`DENSE_CODES`] up: an open-addressed hash table as
/// [`IdIndex`], from a code (times a Fibonacci constant) to an action's
/// index.
#[derive(Debug, Clone)]
struct CodeIndex {
    slots: Vec<(u32, usize)>,
    shift: u32,
}

/// 2^64 divided by the golden ratio, odd.
const FIBONACCI: u64 = 0x9E37_79B9_7F4A_7C15;

impl CodeIndex {
    fn with_room_for(entries: usize) -> CodeIndex {
        let (len, shift) = slot_count(entries);
        CodeIndex {
            slots: vec![(0, EMPTY); len],
            shift,
        }
    }

    #[inline(always)]
    fn home(&self, code: u32) -> usize {
        (u64::from(code).wrapping_mul(FIBONACCI) >> self.shift) as usize
    }

    /// Files `index` under `code`, replacing the index there, if any.
    fn insert(&mut self, code: u32, index: usize) {
        let mask = self.slots.len() - 1;
        let mut at = self.home(code);
        for _ in 0..self.slots.len() {
            let Some(slot) = self.slots.get_mut(at) else {
                return;
            };
            if slot.1 == EMPTY || slot.0 == code {
                *slot = (code, index);
                return;
            }
            at = (at + 1) & mask;
        }
    }

    /// The index filed under `code`.
    #[inline]
    fn find(&self, code: u32) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut at = self.home(code);
        for _ in 0..self.slots.len() {
            let &(key, index) = self.slots.get(at)?;
            if index == EMPTY {
                return None;
            }
            if key == code {
                return Some(index);
            }
            at = (at + 1) & mask;
        }
        None
    }
}

/// The most restrictive verdict among the rules for `action` decides; the
/// rules with that verdict are the reasons. `rules` are the action's rules
/// (others are ignored), in order.
fn decide(action: &Action, rules: &[(Origin, &BoundaryRule)]) -> Decision {
    let applicable = || rules.iter().filter(|(_, rule)| rule.action == action.id);
    let strictest = applicable().map(|(_, rule)| rule.verdict).max();
    let (outcome, reasons) = match strictest {
        None => (Outcome::NotAddressed, Vec::new()),
        Some(verdict) => (
            Outcome::from(verdict),
            applicable()
                .filter(|(_, rule)| rule.verdict == verdict)
                .map(|&(origin, rule)| Reason {
                    origin,
                    rule: rule.clone(),
                })
                .collect(),
        ),
    };
    Decision {
        action: Some(action.clone()),
        outcome,
        reasons,
    }
}

/// Checks `added` actions against the `existing` ones: well-formed unique ids,
/// non-blank labels, unique codes within `codes`.
pub(crate) fn validate_actions(
    document: &str,
    existing: &[Action],
    added: &[Action],
    codes: &RangeInclusive<u32>,
) -> Result<(), PolicyError> {
    let mut ids: HashSet<&str> = existing.iter().map(|a| a.id.as_str()).collect();
    let mut taken_codes: HashSet<u32> = existing.iter().map(|a| a.code).collect();
    for (i, action) in added.iter().enumerate() {
        let path = format!("actions[{i}]");
        check_id(document, &format!("{path}.id"), &action.id)?;
        check_text(document, &format!("{path}.label"), &action.label)?;
        if !ids.insert(&action.id) {
            return Err(PolicyError::DuplicateId {
                document: document.to_owned(),
                path: format!("{path}.id"),
            });
        }
        if !codes.contains(&action.code) {
            return Err(PolicyError::CodeOutOfRange {
                document: document.to_owned(),
                path: format!("{path}.code"),
                min: *codes.start(),
                max: *codes.end(),
            });
        }
        if !taken_codes.insert(action.code) {
            return Err(PolicyError::DuplicateCode {
                document: document.to_owned(),
                path: format!("{path}.code"),
            });
        }
    }
    Ok(())
}

/// Checks `added` rules: well-formed ids unique in the policy (`taken`),
/// actions in `catalogue`, complete citation and message, conditions that fit
/// the verdict, and (for a unit) no loosening of a `model` rule.
pub(crate) fn validate_rules(
    document: &str,
    catalogue: &[Action],
    model: &[BoundaryRule],
    added: &[BoundaryRule],
    taken: &mut HashSet<String>,
) -> Result<(), PolicyError> {
    let actions: HashSet<&str> = catalogue.iter().map(|a| a.id.as_str()).collect();
    // The model's strictest rule per action: a unit rule less strict loosens it.
    let mut strictest: HashMap<&str, &BoundaryRule> = HashMap::new();
    for rule in model {
        let entry = strictest.entry(rule.action.as_str()).or_insert(rule);
        if rule.verdict > entry.verdict {
            *entry = rule;
        }
    }
    for (i, rule) in added.iter().enumerate() {
        let path = format!("boundaries[{i}]");
        check_rule(
            document,
            &path,
            &rule.id,
            &rule.citation,
            &rule.message,
            taken,
        )?;
        if !actions.contains(rule.action.as_str()) {
            return Err(PolicyError::UnknownAction {
                document: document.to_owned(),
                path: format!("{path}.action"),
            });
        }
        let needs_conditions = rule.verdict == Verdict::AllowedWithConditions;
        if needs_conditions == rule.conditions.is_empty() {
            return Err(PolicyError::ConditionsMismatch {
                document: document.to_owned(),
                path: format!("{path}.conditions"),
                needs_conditions,
            });
        }
        for (j, condition) in rule.conditions.iter().enumerate() {
            check_text(document, &format!("{path}.conditions[{j}]"), condition)?;
        }
        if let Some(model_rule) = strictest
            .get(rule.action.as_str())
            .filter(|m| m.verdict > rule.verdict)
        {
            return Err(PolicyError::Loosens {
                document: document.to_owned(),
                path: format!("{path}.verdict"),
                model_rule: model_rule.id.clone(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::citation::Citation;
    use crate::engine::Engine;
    use crate::policy::ModelId;
    use proptest::prelude::*;

    fn action(id: &str, code: u32) -> Action {
        Action {
            id: id.to_owned(),
            code,
            group: ActionGroup::Outreach,
            label: Text::new("a", "a"),
        }
    }

    fn rule(id: &str, action: &str, verdict: Verdict) -> BoundaryRule {
        let conditions = match verdict {
            Verdict::AllowedWithConditions => vec![Text::new(id, id)],
            _ => Vec::new(),
        };
        BoundaryRule {
            id: id.to_owned(),
            action: action.to_owned(),
            verdict,
            conditions,
            citation: Citation::new("s", 1, "q"),
            message: Text::new("m", "m"),
        }
    }

    /// Whether `decision` is the table's not-in-catalogue decision.
    fn not_found(decision: &Decision) -> bool {
        decision.action().is_none() && decision.outcome() == Outcome::NotInCatalogue
    }

    /// The lookups as the table made them with `std` hash maps: a later
    /// action with the same id or code replaces an earlier one.
    struct Reference {
        by_id: HashMap<String, usize>,
        by_code: HashMap<u32, usize>,
    }

    impl Reference {
        fn new(actions: &[Action]) -> Reference {
            Reference {
                by_id: actions
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (a.id.clone(), i))
                    .collect(),
                by_code: actions
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (a.code, i))
                    .collect(),
            }
        }

        /// Checks that looking up `id` finds the action with that id, if
        /// there is one, and nothing otherwise.
        fn check_id(&self, table: &DecisionTable, id: &str) {
            let found = table.by_id(id);
            match self.by_id.get(id) {
                Some(&i) => assert!(std::ptr::eq(found, &table.all()[i]), "{id:?}"),
                None => assert!(not_found(found), "{id:?} found {:?}", found.action()),
            }
        }

        /// The same for `code`.
        fn check_code(&self, table: &DecisionTable, code: u32) {
            let found = table.by_code(code);
            match self.by_code.get(&code) {
                Some(&i) => assert!(std::ptr::eq(found, &table.all()[i]), "{code}"),
                None => assert!(not_found(found), "{code} found {:?}", found.action()),
            }
        }
    }

    /// Ids one byte away from `id`: each byte changed to another valid one,
    /// one byte dropped from either end, one added at either end.
    fn near_misses(id: &str) -> Vec<String> {
        let mut misses = Vec::new();
        for i in 0..id.len() {
            let mut bytes = id.as_bytes().to_vec();
            bytes[i] = if bytes[i] == b'a' { b'b' } else { b'a' };
            misses.push(String::from_utf8(bytes).unwrap());
        }
        if !id.is_empty() {
            misses.push(id[1..].to_owned());
            misses.push(id[..id.len() - 1].to_owned());
        }
        misses.push(format!("{id}x"));
        misses.push(format!("x{id}"));
        misses.push(id.to_uppercase());
        misses
    }

    /// The decision as the table made it before rules were grouped: every
    /// rule scanned for every action.
    fn decided_by_scanning(action: &Action, rules: &[(Origin, &BoundaryRule)]) -> Outcome {
        rules
            .iter()
            .filter(|(_, r)| r.action == action.id)
            .map(|(_, r)| r.verdict)
            .max()
            .map_or(Outcome::NotAddressed, Outcome::from)
    }

    #[test]
    fn every_builtin_action_is_found_by_id_and_by_code() {
        for model in ModelId::ALL {
            let engine = Engine::builtin(model).unwrap();
            let rules: Vec<_> = engine.policy().boundary_rules().collect();
            assert_eq!(engine.actions().len(), engine.decisions().len());
            for (action, decision) in engine.actions().iter().zip(engine.decisions()) {
                assert_eq!(decision.action(), Some(action));
                assert!(std::ptr::eq(engine.decide(&action.id), decision));
                assert!(std::ptr::eq(engine.decide_code(action.code), decision));
                assert_eq!(decision.outcome(), decided_by_scanning(action, &rules));
                let expected: Vec<&str> = rules
                    .iter()
                    .filter(|(_, r)| {
                        r.action == action.id && Outcome::from(r.verdict) == decision.outcome()
                    })
                    .map(|(_, r)| r.id.as_str())
                    .collect();
                assert_eq!(decision.rule_ids().collect::<Vec<_>>(), expected);
            }
        }
    }

    #[test]
    fn ids_and_codes_outside_the_catalogue_are_not_in_it() {
        let engine = Engine::builtin(ModelId::Rkc).unwrap();
        let table = &DecisionTable::new(engine.actions(), engine.policy().boundary_rules());
        let actions = engine.actions();
        let reference = Reference::new(actions);
        for action in actions {
            for miss in near_misses(&action.id) {
                reference.check_id(table, &miss);
            }
            reference.check_code(table, action.code - 1);
            reference.check_code(table, action.code + 1);
            reference.check_code(table, action.code + 10_000);
        }
        for id in [
            "",
            "a",
            "journal",
            "journal.",
            "journal.write_notf",
            "journal.write_note ",
        ] {
            assert!(not_found(engine.decide(id)), "{id:?}");
        }
        for code in [
            0,
            1,
            100,
            902,
            9_999,
            10_000,
            10_001,
            u32::MAX - 1,
            u32::MAX,
        ] {
            assert!(not_found(engine.decide_code(code)), "{code}");
        }
    }

    /// 5,000 ids of every length from 1 to 64, many sharing long prefixes
    /// and suffixes, with codes spread from 10000 to `u32::MAX`, after the
    /// built-in catalogue.
    fn synthetic_actions() -> Vec<Action> {
        let mut actions = Engine::builtin(ModelId::Rkc).unwrap().actions().to_vec();
        let alphabet = b"abcdefghijklmnopqrstuvwxyz0123456789_-.";
        let count: u32 = 5_000;
        let step = (u32::MAX - 10_000) / (count - 1);
        for i in 0..count {
            let n = i as usize;
            let id = match i % 4 {
                // Short ids, 1 to 7 bytes.
                0 => {
                    let mut digits = n / 4;
                    (0..1 + n / 4 % 7)
                        .map(|_| {
                            let digit = alphabet[digits % alphabet.len()];
                            digits /= alphabet.len();
                            char::from(digit)
                        })
                        .collect::<String>()
                }
                // A shared prefix and suffix, the difference in the middle.
                1 => format!("unit.goteborg.ward_{n:05}.patient_transport"),
                // Differences at the end, lengths up to 65.
                2 => format!("u.{}{n}", "x".repeat(n / 4 % 60)),
                _ => format!("{n}.unit.action"),
            };
            let code = if i == count - 1 {
                u32::MAX
            } else {
                10_000 + i * step
            };
            actions.push(action(&id, code));
        }
        actions
    }

    #[test]
    fn a_table_of_many_synthetic_actions_finds_each_and_no_near_miss() {
        let actions = synthetic_actions();
        // Some short ids repeat: the last of each is found.
        assert!(actions.len() > 5_000, "{}", actions.len());
        for len in 1..=64 {
            assert!(actions.iter().any(|a| a.id.len() == len), "{len}");
        }
        assert_eq!(actions.last().unwrap().code, u32::MAX);
        let table = DecisionTable::new(&actions, std::iter::empty());
        let reference = Reference::new(&actions);
        for action in &actions {
            reference.check_id(&table, &action.id);
            reference.check_code(&table, action.code);
            for miss in near_misses(&action.id) {
                reference.check_id(&table, &miss);
            }
            for miss in [action.code.wrapping_sub(1), action.code.wrapping_add(1)] {
                reference.check_code(&table, miss);
            }
        }
        for code in [0, 9_999, 10_000, u32::MAX - 1] {
            reference.check_code(&table, code);
        }
        reference.check_id(&table, "");
    }

    #[test]
    fn a_later_action_with_the_same_id_or_code_replaces_an_earlier_one() {
        let actions = [
            action("a", 10_000),
            action("a", 10_001),
            action("b", 10_001),
        ];
        let table = DecisionTable::new(&actions, std::iter::empty());
        assert!(std::ptr::eq(table.by_id("a"), &table.all()[1]));
        assert!(std::ptr::eq(table.by_code(10_000), &table.all()[0]));
        assert!(std::ptr::eq(table.by_code(10_001), &table.all()[2]));
    }

    #[test]
    fn reasons_keep_the_order_of_the_rules() {
        let actions = [action("a", 1), action("b", 2), action("c", 3)];
        let model = [
            rule("m1", "a", Verdict::AllowedWithConditions),
            rule("m2", "b", Verdict::Forbidden),
            rule("m3", "a", Verdict::Allowed),
            rule("m4", "a", Verdict::AllowedWithConditions),
        ];
        let unit = [
            rule("u1", "a", Verdict::AllowedWithConditions),
            rule("u2", "b", Verdict::Forbidden),
        ];
        let rules = model
            .iter()
            .map(|r| (Origin::Model, r))
            .chain(unit.iter().map(|r| (Origin::Unit, r)));
        let table = DecisionTable::new(&actions, rules);
        let a = table.by_id("a");
        assert_eq!(a.outcome(), Outcome::AllowedWithConditions);
        assert_eq!(a.rule_ids().collect::<Vec<_>>(), ["m1", "m4", "u1"]);
        let origins: Vec<_> = a.reasons().iter().map(|r| r.origin).collect();
        assert_eq!(origins, [Origin::Model, Origin::Model, Origin::Unit]);
        let conditions: Vec<_> = a.conditions().map(|c| c.en.as_str()).collect();
        assert_eq!(conditions, ["m1", "m4", "u1"]);
        assert_eq!(
            table.by_code(2).rule_ids().collect::<Vec<_>>(),
            ["m2", "u2"]
        );
        assert_eq!(table.by_id("c").outcome(), Outcome::NotAddressed);
        assert!(table.by_id("c").reasons().is_empty());
    }

    #[test]
    fn thirty_thousand_actions_and_rules_are_decided_each_from_its_own_rules() {
        // Scanning every rule for every action would take 900 million
        // comparisons here; grouping the rules first takes one pass.
        let count = 30_000u32;
        let actions: Vec<Action> = (0..count)
            .map(|i| action(&format!("unit.action_{i}"), 10_000 + i))
            .collect();
        let rules: Vec<BoundaryRule> = (0..count)
            .map(|i| {
                let verdict = match i % 3 {
                    0 => Verdict::Allowed,
                    1 => Verdict::AllowedWithConditions,
                    _ => Verdict::Forbidden,
                };
                rule(
                    &format!("unit.rule_{i}"),
                    &format!("unit.action_{}", (i * 7) % count),
                    verdict,
                )
            })
            .collect();
        let table = DecisionTable::new(&actions, rules.iter().map(|r| (Origin::Unit, r)));
        let mut rule_of = vec![None; count as usize];
        for j in 0..count {
            rule_of[((j * 7) % count) as usize] = Some(j);
        }
        for i in 0..count {
            let decision = table.by_code(10_000 + i);
            let expected = format!("unit.rule_{}", rule_of[i as usize].unwrap());
            assert_eq!(decision.rule_ids().collect::<Vec<_>>(), [expected.as_str()]);
            assert!(std::ptr::eq(
                decision,
                table.by_id(&format!("unit.action_{i}"))
            ));
        }
    }

    proptest! {
        // Invariant: a lookup by id or by code gives the decision of the
        // action with exactly that id or code when the table has one, and
        // the not-in-catalogue decision otherwise.
        #[test]
        fn a_lookup_finds_the_action_with_that_id_or_code_and_nothing_else(
            entries in prop::collection::vec(
                ("[a-z0-9_.-]{1,40}", prop_oneof![1u32..=9_999, 10_000u32..=u32::MAX, any::<u32>()]),
                0..200,
            ),
            probe_ids in prop::collection::vec("[a-z0-9_.-]{0,40}", 0..50),
            probe_codes in prop::collection::vec(any::<u32>(), 0..50),
        ) {
            // Ids and codes may repeat: the last action with each is found.
            let actions: Vec<Action> = entries.iter().map(|(id, code)| action(id, *code)).collect();
            let table = DecisionTable::new(&actions, std::iter::empty());
            let reference = Reference::new(&actions);
            for action in &actions {
                reference.check_id(&table, &action.id);
                reference.check_code(&table, action.code);
                for miss in near_misses(&action.id) {
                    reference.check_id(&table, &miss);
                }
                reference.check_code(&table, action.code.wrapping_add(1));
            }
            for id in &probe_ids {
                reference.check_id(&table, id);
            }
            for &code in &probe_codes {
                reference.check_code(&table, code);
            }
        }
    }
}
