//! Role boundaries: what a peer supporter may, should not and must not do.
//!
//! The catalogue lists the actions a peer supporter can be asked to do, each
//! with a stable string id and a stable numeric code (for the C ABI). A
//! model's boundary rules give each action a verdict at the strength its
//! source uses (see [`Verdict`]); a unit's policy may add actions and rules.
//! A unit may always tighten the model; it may depart from a model's
//! *should not* only through an explicit [`Deviation`], and from a *must
//! not* never. Where several rules speak of one action, the most restrictive
//! verdict decides (`forbidden` > `should_not` > `allowed_with_conditions` >
//! `allowed`) and the conditions of every deciding rule apply. An action no
//! rule decides is *not addressed* and an id outside the catalogue is *not in
//! the catalogue*: neither is ever allowed.
//!
//! **Stable codes.** Action ids and numeric codes are an interface for
//! journal systems: a code is never renumbered or reused. An action that
//! leaves the catalogue is listed as *retired* (`retired` in
//! `core/policies/catalogue.json`) with its id and code for ever; asking for
//! it gives [`Outcome::Retired`], and no new action may take its id or code.
//!
//! Sources: the RKC table of possible roles and boundaries
//! (`002_bf65aa040b74c517.txt`:962-1005), RKC's use of the journal system PMO
//! (`002…`:1180-1190), sharing own experience (`002…`:1426), NSPH's role
//! description (`000_12fcf2f212737a73.txt`:1530-1536) and the Skåne
//! evaluation's warning signs (`000…`:2960-2965), among others. Each rule in
//! `core/policies/*.json` cites its own line.

use crate::citation::Citation;
use crate::deviation::{Deviation, Deviations, Strength};
use crate::error::{PolicyError, ShapeProblem};
use crate::language::{esc, Lang, Text};
use crate::validate::{check_id, check_id_unique, check_rule, check_text};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::ops::RangeInclusive;

/// Numeric codes of the built-in catalogue's actions.
pub const BUILTIN_CODES: RangeInclusive<u32> = 1..=9_999;
/// Numeric codes a unit's policy may give the actions it adds.
pub const UNIT_CODES: RangeInclusive<u32> = 10_000..=u32::MAX;

/// The groups the catalogue's actions fall into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
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
    /// Meetings of the unit: treatment conferences, workplace meetings, team
    /// meetings.
    Meetings,
    /// Relationships with patients outside the role.
    Relationships,
}

/// One action of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
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
    /// Where the line lies, in a sentence a journal system can show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundary_note: Option<Text>,
}

/// An action retired from the catalogue. Its id and code stay taken for
/// ever; asking for it gives [`Outcome::Retired`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetiredAction {
    /// The id it had.
    pub id: String,
    /// The code it had.
    pub code: u32,
    /// The group it was in.
    pub group: ActionGroup,
    /// What it was.
    pub label: Text,
    /// Why it was retired, and where its concern lives now.
    pub note: Text,
}

impl RetiredAction {
    fn as_action(&self) -> Action {
        Action {
            id: self.id.clone(),
            code: self.code,
            group: self.group,
            label: self.label.clone(),
            boundary_note: None,
        }
    }
}

/// A boundary rule's verdict, from least to most restrictive, at the
/// strength its source uses (the Modality of `DOMAIN.md`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The source speaks of the action but does not decide it ("sannolikt
    /// inte behöva": not expected to be needed). A cited note: the action
    /// stays *not addressed*, and any verdict of the unit's decides it.
    NotAddressed,
    /// The action is part of the role.
    Allowed,
    /// The action is part of the role under the rule's conditions.
    AllowedWithConditions,
    /// The source discourages the action ("bör inte", a warning sign): a
    /// unit may depart from it only through an explicit deviation.
    ShouldNot,
    /// The source rules the action out ("ska inte"): no unit departs.
    Forbidden,
}

impl Verdict {
    /// How strongly the verdict speaks, for deviations.
    pub(crate) fn strength(self) -> Strength {
        match self {
            Verdict::Forbidden => Strength::Must,
            Verdict::ShouldNot => Strength::Should,
            _ => Strength::Neither,
        }
    }
}

/// Whose a condition is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// A condition on the peer supporter's act ("in broad strokes, without
    /// details").
    Supporter,
    /// An obligation on the employer or unit ("make it clear at
    /// recruitment").
    Employer,
}

impl Party {
    /// What a reader sees before the party's conditions, in `lang`.
    pub fn heading(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Party::Supporter, Lang::Sv) => "Villkor för peer supportern",
            (Party::Supporter, Lang::En) => "Conditions on the peer supporter",
            (Party::Employer, Lang::Sv) => "Arbetsgivarens ansvar",
            (Party::Employer, Lang::En) => "The employer's responsibility",
        }
    }
}

/// A condition of an `allowed_with_conditions` rule. The text is in both
/// languages ([`Text`]) or, after [`Condition::in_lang`], in one (`String`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition<T = Text> {
    /// Stable id, so that a journal system can record which applied.
    pub id: String,
    /// Whose condition it is.
    pub on: Party,
    /// The condition.
    pub text: T,
}

impl Condition {
    /// The condition with its text in `lang`.
    pub fn in_lang(&self, lang: Lang) -> Condition<String> {
        Condition {
            id: self.id.clone(),
            on: self.on,
            text: self.text.get(lang).to_owned(),
        }
    }
}

/// A boundary rule: one action's verdict, with its source and explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
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
    pub conditions: Vec<Condition>,
    /// The passage the rule is based on.
    pub citation: Citation,
    /// The explanation, in Swedish and English.
    pub message: Text,
}

/// A limit on the share of a peer supporter's logged activities that some
/// tasks may take: a model's warning that other duties can crowd out the
/// role. The sources give no number; the share and the fewest activities
/// it is judged over are the policy's parameters
/// ([`PRACTICAL_TASK_SHARE`](crate::parameter::PRACTICAL_TASK_SHARE),
/// [`SHARE_MIN_ACTIVITIES`](crate::parameter::SHARE_MIN_ACTIVITIES)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShareLimit {
    /// Stable rule id, e.g. `nsph.limit.role_crowded_out`.
    pub id: String,
    /// The tasks counted, by id.
    pub actions: Vec<String>,
    /// The passage the limit is based on.
    pub citation: Citation,
    /// The explanation, in Swedish and English.
    pub message: Text,
}

impl ShareLimit {
    /// Whether `counted` of `activities` logged activities is above `share`,
    /// judged only over at least `min_activities`.
    pub(crate) fn exceeded(
        &self,
        counted: usize,
        activities: usize,
        share: f64,
        min_activities: f64,
    ) -> bool {
        // counted / activities > share, without rounding.
        activities as f64 >= min_activities && counted as f64 > share * activities as f64
    }
}

/// Checks a model's share limits: ids unique in the model (`taken`), tasks
/// of the catalogue (not retired), complete citation and message.
pub(crate) fn validate_share_limits(
    document: &str,
    catalogue: &[Action],
    limits: &[ShareLimit],
    taken: &mut HashSet<String>,
) -> Result<(), PolicyError> {
    let actions: HashSet<&str> = catalogue.iter().map(|a| a.id.as_str()).collect();
    for (i, limit) in limits.iter().enumerate() {
        let path = format!("share_limits[{i}]");
        check_rule(
            document,
            &path,
            &limit.id,
            &limit.citation,
            &limit.message,
            taken,
        )?;
        if limit.actions.is_empty() {
            return Err(PolicyError::Missing {
                document: document.to_owned(),
                path: format!("{path}.actions"),
            });
        }
        for (j, action) in limit.actions.iter().enumerate() {
            if !actions.contains(action.as_str()) {
                return Err(PolicyError::UnknownAction {
                    document: document.to_owned(),
                    path: format!("{path}.actions[{j}]"),
                });
            }
        }
    }
    Ok(())
}

/// Where a rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The built-in model.
    Model,
    /// The unit's own policy.
    Unit,
}

/// The outcome of a boundary decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Allowed.
    Allowed,
    /// Allowed under the listed conditions.
    AllowedWithConditions,
    /// Discouraged by the source: a unit may depart only through a
    /// deviation. Not allowed.
    ShouldNot,
    /// Forbidden.
    Forbidden,
    /// In the catalogue, but no rule of the model or the unit decides it (a
    /// model may have a cited note that it does not): not allowed until the
    /// unit's policy decides.
    NotAddressed,
    /// Not in the catalogue: never allowed.
    NotInCatalogue,
    /// Retired from the catalogue: never decided again.
    Retired,
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
            Outcome::ShouldNot => "should_not",
            Outcome::Forbidden => "forbidden",
            Outcome::NotAddressed => "not_addressed",
            Outcome::NotInCatalogue => "not_in_catalogue",
            Outcome::Retired => "retired",
        }
    }

    /// A short heading in `lang`.
    pub fn heading(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Outcome::Allowed, Lang::Sv) => "Tillåtet",
            (Outcome::Allowed, Lang::En) => "Allowed",
            (Outcome::AllowedWithConditions, Lang::Sv) => "Tillåtet med villkor",
            (Outcome::AllowedWithConditions, Lang::En) => "Allowed with conditions",
            (Outcome::ShouldNot, Lang::Sv) => "Bör inte göras",
            (Outcome::ShouldNot, Lang::En) => "Should not be done",
            (Outcome::Forbidden, Lang::Sv) => "Inte tillåtet",
            (Outcome::Forbidden, Lang::En) => "Forbidden",
            (Outcome::NotAddressed, Lang::Sv) => "Inte reglerat",
            (Outcome::NotAddressed, Lang::En) => "Not addressed",
            (Outcome::NotInCatalogue, Lang::Sv) => "Finns inte i katalogen",
            (Outcome::NotInCatalogue, Lang::En) => "Not in the catalogue",
            (Outcome::Retired, Lang::Sv) => "Borttagen ur katalogen",
            (Outcome::Retired, Lang::En) => "Retired from the catalogue",
        }
    }

    /// The outcome in lower case, for use within a sentence, in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Outcome::Allowed, Lang::Sv) => "tillåtet",
            (Outcome::Allowed, Lang::En) => "allowed",
            (Outcome::AllowedWithConditions, Lang::Sv) => "tillåtet med villkor",
            (Outcome::AllowedWithConditions, Lang::En) => "allowed with conditions",
            (Outcome::ShouldNot, Lang::Sv) => "bör inte göras",
            (Outcome::ShouldNot, Lang::En) => "should not be done",
            (Outcome::Forbidden, Lang::Sv) => "inte tillåtet",
            (Outcome::Forbidden, Lang::En) => "forbidden",
            (Outcome::NotAddressed, Lang::Sv) => "inte reglerat",
            (Outcome::NotAddressed, Lang::En) => "not addressed",
            (Outcome::NotInCatalogue, Lang::Sv) => "finns inte i katalogen",
            (Outcome::NotInCatalogue, Lang::En) => "not in the catalogue",
            (Outcome::Retired, Lang::Sv) => "borttagen ur katalogen",
            (Outcome::Retired, Lang::En) => "retired from the catalogue",
        }
    }

    /// Why there is no rule to cite, for the outcomes that have none.
    pub fn no_rule_note(self, lang: Lang) -> Option<&'static str> {
        match (self, lang) {
            (Outcome::NotAddressed, Lang::Sv) => Some(
                "Ingen regel i modellen eller i enhetens policy avgör det här; \
                 det är inte tillåtet förrän enhetens policy avgör det.",
            ),
            (Outcome::NotAddressed, Lang::En) => Some(
                "No rule of the model or of the unit's policy decides this; \
                 it is not allowed until the unit's policy decides it.",
            ),
            (Outcome::NotInCatalogue, Lang::Sv) => Some(
                "Arbetsuppgiften finns inte i katalogen. En okänd arbetsuppgift är aldrig tillåten.",
            ),
            (Outcome::NotInCatalogue, Lang::En) => {
                Some("The task is not in the catalogue. An unknown task is never allowed.")
            }
            (Outcome::Retired, Lang::Sv) => Some(
                "Arbetsuppgiften är borttagen ur katalogen och avgörs inte längre; \
                 dess id och kod kommer aldrig att återanvändas för något annat.",
            ),
            (Outcome::Retired, Lang::En) => Some(
                "The task has been retired from the catalogue and is no longer decided; \
                 its id and code will never be reused for anything else.",
            ),
            _ => None,
        }
    }
}

impl From<Verdict> for Outcome {
    fn from(verdict: Verdict) -> Self {
        match verdict {
            Verdict::Allowed => Outcome::Allowed,
            Verdict::AllowedWithConditions => Outcome::AllowedWithConditions,
            Verdict::ShouldNot => Outcome::ShouldNot,
            Verdict::Forbidden => Outcome::Forbidden,
            Verdict::NotAddressed => Outcome::NotAddressed,
        }
    }
}

/// A rule that took part in a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Reason {
    /// Whether the rule is the model's or the unit's.
    pub origin: Origin,
    /// The rule.
    pub rule: BoundaryRule,
}

/// The answer to "may a peer supporter do this?", with its reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Decision {
    action: Option<Action>,
    outcome: Outcome,
    reasons: Vec<Reason>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    deviations: Vec<Deviation>,
    #[serde(rename = "retired_note", skip_serializing_if = "Option::is_none")]
    retired: Option<Text>,
}

impl Decision {
    /// The action decided (for a retired action, what it was), or `None`
    /// when it is not in the catalogue.
    pub fn action(&self) -> Option<&Action> {
        self.action.as_ref()
    }

    /// The outcome.
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// The deciding rules: those whose verdict is the outcome. For
    /// [`Outcome::NotAddressed`], the model's notes that it does not decide
    /// the action, if any; empty for [`Outcome::NotInCatalogue`] and
    /// [`Outcome::Retired`].
    pub fn reasons(&self) -> &[Reason] {
        &self.reasons
    }

    /// The deciding rules' ids.
    pub fn rule_ids(&self) -> impl Iterator<Item = &str> {
        self.reasons.iter().map(|r| r.rule.id.as_str())
    }

    /// The conditions that apply, from every deciding rule.
    pub fn conditions(&self) -> impl Iterator<Item = &Condition> {
        self.reasons.iter().flat_map(|r| r.rule.conditions.iter())
    }

    /// The unit's deviations from the model's *should not* rules for this
    /// action: the outcome is the unit's verdict.
    pub fn deviations(&self) -> &[Deviation] {
        &self.deviations
    }

    /// For a retired action, why it was retired and where its concern lives
    /// now.
    pub fn retired_note(&self) -> Option<&Text> {
        self.retired.as_ref()
    }

    /// The decision explained in `lang`: heading, conditions (the peer
    /// supporter's apart from the employer's), deviations, and each deciding
    /// rule with its message and source. Texts from a unit's policy are
    /// escaped as the reports escape them.
    pub fn explain(&self, lang: Lang) -> String {
        let mut out = String::from(self.outcome.heading(lang));
        if let Some(action) = &self.action {
            out.push_str(" – ");
            out.push_str(&esc(action.label.get(lang)));
        }
        out.push('\n');
        for party in [Party::Supporter, Party::Employer] {
            let mut conditions = self.conditions().filter(|c| c.on == party).peekable();
            if conditions.peek().is_none() {
                continue;
            }
            out.push_str(&format!("  {}:\n", party.heading(lang)));
            for condition in conditions {
                out.push_str(&format!(
                    "    - {} [{}]\n",
                    esc(condition.text.get(lang)),
                    esc(&condition.id)
                ));
            }
        }
        for deviation in &self.deviations {
            crate::deviation::write_text(
                &mut out,
                &deviation.model_rule,
                deviation.reason.get(lang),
                &deviation.citation,
                lang,
                "  ",
            );
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
                esc(&reason.rule.id),
                esc(reason.rule.message.get(lang)),
                esc(&reason.rule.citation.display(lang))
            ));
        }
        if let Some(note) = &self.retired {
            out.push_str(&format!("  {}\n", esc(note.get(lang))));
        }
        if let Some(note) = self.outcome.no_rule_note(lang) {
            out.push_str(&format!("  {note}\n"));
        }
        out
    }
}

/// Every catalogue action's decision, computed once so that a lookup
/// allocates nothing and costs about what a `match` on the ids or codes
/// would: by id, an index by length and a comparison of whole words with
/// the few ids of that length (or, where there are many, one hash and
/// usually one probe); by code, one index (built-in codes) or one hash.
#[derive(Debug, Clone)]
pub(crate) struct DecisionTable {
    /// The catalogue's decisions, then the retired actions'.
    decisions: Vec<Decision>,
    /// How many of `decisions` are the catalogue's.
    active: usize,
    by_id: IdIndex,
    /// Codes below [`DENSE_CODES`] (the built-in catalogue's), by code:
    /// `dense_codes[code]` is the decision's index, or [`EMPTY`].
    dense_codes: Vec<usize>,
    /// The other codes (a unit's).
    sparse_codes: OpenTable,
    not_in_catalogue: Decision,
}

/// Codes below this are indexed directly: the built-in catalogue's.
const DENSE_CODES: u32 = *BUILTIN_CODES.end() + 1;

/// The index of no action.
const EMPTY: usize = usize::MAX;

impl DecisionTable {
    /// Decides every action of `actions` from `rules`, less the model rules
    /// the unit departs from (`deviations`), in time linear in actions and
    /// rules; `retired` actions are decided [`Outcome::Retired`]. A later
    /// action with the same id or code as an earlier one replaces it in
    /// lookups (policy validation allows neither).
    pub(crate) fn new<'a>(
        actions: &[Action],
        retired: &[RetiredAction],
        rules: impl Iterator<Item = (Origin, &'a BoundaryRule)>,
        deviations: &[Deviation],
    ) -> Self {
        let departed: HashMap<&str, &Deviation> = deviations
            .iter()
            .map(|d| (d.model_rule.as_str(), d))
            .collect();
        // Each action's rules, in the order `rules` yields them.
        let mut by_action: HashMap<&'a str, Vec<(Origin, &'a BoundaryRule)>> = HashMap::new();
        for (origin, rule) in rules {
            by_action
                .entry(rule.action.as_str())
                .or_default()
                .push((origin, rule));
        }
        let mut decisions: Vec<Decision> = actions
            .iter()
            .map(|action| {
                let rules = by_action
                    .get(action.id.as_str())
                    .map_or(&[][..], Vec::as_slice);
                decide(action, rules, &departed)
            })
            .collect();
        let active = decisions.len();
        decisions.extend(retired.iter().map(|r| Decision {
            action: Some(r.as_action()),
            outcome: Outcome::Retired,
            reasons: Vec::new(),
            deviations: Vec::new(),
            retired: Some(r.note.clone()),
        }));
        let actions: Vec<Action> = actions
            .iter()
            .cloned()
            .chain(retired.iter().map(RetiredAction::as_action))
            .collect();
        let actions = actions.as_slice();
        let not_in_catalogue = Decision {
            action: None,
            outcome: Outcome::NotInCatalogue,
            reasons: Vec::new(),
            deviations: Vec::new(),
            retired: None,
        };

        let by_id = IdIndex::new(actions, &decisions, &not_in_catalogue);
        let dense_len = actions
            .iter()
            .filter(|a| a.code < DENSE_CODES)
            .map(|a| a.code as usize + 1)
            .max()
            .unwrap_or(0);
        let mut dense_codes = vec![EMPTY; dense_len];
        let mut sparse_codes =
            OpenTable::with_room_for(actions.iter().filter(|a| a.code >= DENSE_CODES).count());
        for (index, action) in actions.iter().enumerate() {
            match dense_codes.get_mut(action.code as usize) {
                Some(slot) => *slot = index,
                None => sparse_codes.insert(u64::from(action.code), index, |_| true),
            }
        }
        DecisionTable {
            decisions,
            active,
            by_id,
            dense_codes,
            sparse_codes,
            not_in_catalogue,
        }
    }

    /// The decision for the action with id `id`.
    #[inline]
    pub(crate) fn by_id(&self, id: &str) -> &Decision {
        // The common case inline: an id of 16 to 32 bytes, listed with the
        // few of its length. Other lengths, misses and the ids of a length
        // with many are out of line, so that the common case saves no
        // registers and takes few branches.
        if !(16..=SHORT_MAX_LEN).contains(&id.len()) {
            return self.by_id_of_other_length(id);
        }
        match self.by_id.find_short(id.as_bytes()) {
            Some(decision) => decision,
            None => self.by_id_unlisted(id),
        }
    }

    #[inline(never)]
    fn by_id_of_other_length(&self, id: &str) -> &Decision {
        let found = if id.len() <= SHORT_MAX_LEN {
            self.by_id.find_short(id.as_bytes())
        } else {
            self.by_id.find_long(id.as_bytes())
        };
        match found {
            Some(decision) => decision,
            None => self.by_id_unlisted(id),
        }
    }

    /// The decision for an id not listed by length: not in the catalogue,
    /// if the ids of its length are listed, or else hashed.
    #[inline(never)]
    fn by_id_unlisted(&self, id: &str) -> &Decision {
        if self.by_id.lists(id.len()) {
            return &self.not_in_catalogue;
        }
        self.by_id
            .hashed
            .find(id_hash(id.as_bytes()), |index| {
                self.decisions
                    .get(index)
                    .and_then(|d| d.action.as_ref())
                    .is_some_and(|a| a.id == id)
            })
            .and_then(|index| self.decisions.get(index))
            .unwrap_or(&self.not_in_catalogue)
    }

    /// The decision for the action with code `code`.
    #[inline]
    pub(crate) fn by_code(&self, code: u32) -> &Decision {
        self.slot_of_code(code)
            .and_then(|index| self.decisions.get(index))
            .unwrap_or(&self.not_in_catalogue)
    }

    /// The index in [`DecisionTable::slots`] of the action with code
    /// `code`, if it has one.
    #[inline]
    pub(crate) fn slot_of_code(&self, code: u32) -> Option<usize> {
        match self.dense_codes.get(code as usize) {
            Some(&EMPTY) => None,
            Some(&index) => Some(index),
            None => self.sparse_codes.find(u64::from(code), |_| true),
        }
    }

    /// The decision for an action outside the catalogue.
    pub(crate) fn outside(&self) -> &Decision {
        &self.not_in_catalogue
    }

    /// Every action's decision: the catalogue's in catalogue order, then
    /// the retired actions'.
    pub(crate) fn slots(&self) -> &[Decision] {
        &self.decisions
    }

    /// The catalogue's decisions, in catalogue order (without the retired
    /// actions').
    pub(crate) fn all(&self) -> &[Decision] {
        self.decisions.get(..self.active).unwrap_or_default()
    }
}

/// Ids of up to this many bytes whose length few ids share are listed by
/// length.
const LISTED_MAX_LEN: usize = 64;
/// Ids of up to this many bytes are compared in four words; longer ones
/// (up to [`LISTED_MAX_LEN`]) in eight.
const SHORT_MAX_LEN: usize = 32;
/// A length with more ids than this has them hashed instead.
const LISTED_MAX_IDS: usize = 8;

/// The table's ids. Those of up to [`LISTED_MAX_LEN`] bytes whose length
/// few ids share are listed by length, each as words that determine it and
/// with a copy of its decision; a lookup compares words with them one by
/// one, as a `match` on strings does, and a hit is an address computed from
/// the length. The other ids are hashed.
#[derive(Debug, Clone)]
struct IdIndex {
    /// The ids of each length up to [`SHORT_MAX_LEN`].
    short: Box<[Length<4>; SHORT_MAX_LEN + 1]>,
    /// The ids of each length above that, up to [`LISTED_MAX_LEN`].
    long: Vec<Length<8>>,
    /// The ids not listed.
    hashed: OpenTable,
}

/// The ids of one length, as `N` words each. Aligned to cache lines, which
/// also keeps a length's address cheap to compute from the length.
#[derive(Debug, Clone)]
#[repr(align(64))]
struct Length<const N: usize> {
    /// Whether the length has too many ids to list: they are hashed.
    hashed: bool,
    /// The first id listed (inline, as most lengths have one or none), or
    /// words no text has: all bytes 0xFF, which UTF-8 never uses.
    first: Listed<N>,
    /// The others listed: their words, and their decisions in the same
    /// order (apart, so that the words are compared in few cache lines).
    rest_words: Box<[[u64; N]]>,
    rest: Box<[Decision]>,
}

/// An id listed by length: words that, with the length, determine it, and
/// its decision.
#[derive(Debug, Clone)]
struct Listed<const N: usize> {
    words: [u64; N],
    decision: Decision,
}

impl<const N: usize> Length<N> {
    /// The ids `listed`, and whether the length has too many to list.
    fn new(mut listed: Vec<Listed<N>>, hashed: bool, not_in_catalogue: &Decision) -> Length<N> {
        let first = if listed.is_empty() {
            Listed {
                words: [u64::MAX; N],
                decision: not_in_catalogue.clone(),
            }
        } else {
            listed.remove(0)
        };
        let (rest_words, rest): (Vec<_>, Vec<_>) =
            listed.into_iter().map(|l| (l.words, l.decision)).unzip();
        Length {
            hashed,
            first,
            rest_words: rest_words.into_boxed_slice(),
            rest: rest.into_boxed_slice(),
        }
    }

    /// The decision of the first id listed whose words `is` accepts.
    #[inline(always)]
    fn find(&self, is: impl Fn(&[u64; N]) -> bool) -> Option<&Decision> {
        if is(&self.first.words) {
            return Some(&self.first.decision);
        }
        self.rest_words
            .iter()
            .zip(self.rest.iter())
            .find(|(words, _)| is(words))
            .map(|(_, decision)| decision)
    }
}

/// The eight bytes of `id` from `at`, as a little-endian word (0 past the
/// end).
#[inline(always)]
fn word_at(id: &[u8], at: usize) -> u64 {
    id.get(at..at.saturating_add(8))
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map_or(0, u64::from_le_bytes)
}

/// An id of up to [`SHORT_MAX_LEN`] bytes as four words which, with its
/// length, determine it: the words at 0, 8, `len - 16` and `len - 8`. An id
/// of under 16 bytes is in its first one or two words: its first and last
/// eight bytes, its first and last four, or its bytes.
#[inline(always)]
fn short_words(id: &[u8]) -> [u64; 4] {
    let len = id.len();
    if len >= 16 {
        [
            word_at(id, 0),
            word_at(id, 8),
            word_at(id, len - 16),
            word_at(id, len - 8),
        ]
    } else if len >= 8 {
        [word_at(id, 0), word_at(id, len - 8), 0, 0]
    } else if len >= 4 {
        let half = |at: usize| {
            id.get(at..at + 4)
                .and_then(|b| <[u8; 4]>::try_from(b).ok())
                .map_or(0, |b| u64::from(u32::from_le_bytes(b)))
        };
        [half(0) | half(len - 4) << 32, 0, 0, 0]
    } else {
        let bytes = id
            .iter()
            .enumerate()
            .fold(0, |w, (i, &b)| w | u64::from(b) << (8 * i));
        [bytes, 0, 0, 0]
    }
}

/// An id of more than [`SHORT_MAX_LEN`] and up to [`LISTED_MAX_LEN`] bytes
/// as eight words which, with its length, determine it: its first and its
/// last 32 bytes.
fn long_words(id: &[u8]) -> [u64; 8] {
    let last = |from_end: usize| word_at(id, id.len().saturating_sub(from_end));
    [
        word_at(id, 0),
        word_at(id, 8),
        word_at(id, 16),
        word_at(id, 24),
        last(32),
        last(24),
        last(16),
        last(8),
    ]
}

impl IdIndex {
    /// The ids of `actions`, whose decisions are `decisions`.
    fn new(actions: &[Action], decisions: &[Decision], not_in_catalogue: &Decision) -> IdIndex {
        let mut counts = [0usize; LISTED_MAX_LEN + 1];
        for action in actions {
            if let Some(count) = counts.get_mut(action.id.len()) {
                *count += 1;
            }
        }
        let listed = |len: usize| counts.get(len).is_some_and(|&n| n <= LISTED_MAX_IDS);
        let mut short: Vec<Vec<Listed<4>>> = vec![Vec::new(); SHORT_MAX_LEN + 1];
        let mut long: Vec<Vec<Listed<8>>> = vec![Vec::new(); LISTED_MAX_LEN - SHORT_MAX_LEN];
        let mut hashed =
            OpenTable::with_room_for(actions.iter().filter(|a| !listed(a.id.len())).count());
        // A later id replaces an equal earlier one.
        fn list<const N: usize>(
            list: Option<&mut Vec<Listed<N>>>,
            words: [u64; N],
            decision: &Decision,
        ) {
            if let Some(list) = list {
                match list.iter_mut().find(|l| l.words == words) {
                    Some(same) => same.decision = decision.clone(),
                    None => list.push(Listed {
                        words,
                        decision: decision.clone(),
                    }),
                }
            }
        }
        for ((index, action), decision) in actions.iter().enumerate().zip(decisions) {
            let id = action.id.as_bytes();
            let len = id.len();
            if !listed(len) {
                hashed.insert(id_hash(id), index, |other| {
                    actions.get(other).is_some_and(|a| a.id.as_bytes() == id)
                });
            } else if len <= SHORT_MAX_LEN {
                list(short.get_mut(len), short_words(id), decision);
            } else {
                list(
                    long.get_mut(len - SHORT_MAX_LEN - 1),
                    long_words(id),
                    decision,
                );
            }
        }
        let mut short = short.into_iter();
        let short = std::array::from_fn(|len| {
            Length::new(
                short.next().unwrap_or_default(),
                !listed(len),
                not_in_catalogue,
            )
        });
        let long = long
            .into_iter()
            .enumerate()
            .map(|(i, ids)| Length::new(ids, !listed(i + SHORT_MAX_LEN + 1), not_in_catalogue))
            .collect();
        IdIndex {
            short: Box::new(short),
            long,
            hashed,
        }
    }

    /// Whether the ids of length `len` are listed (rather than hashed).
    fn lists(&self, len: usize) -> bool {
        let length_hashed = match len.checked_sub(SHORT_MAX_LEN + 1) {
            None => self.short.get(len).map(|l| l.hashed),
            Some(i) => self.long.get(i).map(|l| l.hashed),
        };
        length_hashed == Some(false)
    }

    /// The decision of the action with id `id`, if `id` has up to
    /// [`SHORT_MAX_LEN`] bytes and is listed by length.
    #[inline(always)]
    fn find_short(&self, id: &[u8]) -> Option<&Decision> {
        let length = self.short.get(id.len())?;
        let [a, b, c, d] = short_words(id);
        // Word by word, the last first (ids that share a prefix are
        // common), each word kept in a register.
        length.find(|w| w[3] == d && w[1] == b && w[0] == a && w[2] == c)
    }

    /// The same for an id of more than [`SHORT_MAX_LEN`] bytes.
    #[inline(always)]
    fn find_long(&self, id: &[u8]) -> Option<&Decision> {
        let length = self.long.get(id.len().checked_sub(SHORT_MAX_LEN + 1)?)?;
        let [a, b, c, d, e, f, g, h] = long_words(id);
        length.find(|w| {
            w[7] == h
                && w[1] == b
                && w[0] == a
                && w[2] == c
                && w[3] == d
                && w[4] == e
                && w[5] == f
                && w[6] == g
        })
    }
}

/// An open-addressed hash table from a key to an action's index: a
/// power-of-two number of slots, at most half of them full, probed linearly
/// from the slot that the top bits of the key times a Fibonacci constant
/// name. Ids are filed under their [`id_hash`] (a hit is confirmed by
/// comparing ids), a unit's codes under the code itself.
#[derive(Debug, Clone)]
struct OpenTable {
    slots: Vec<(u64, usize)>,
    /// 64 minus log2 of the number of slots.
    shift: u32,
}

/// 2^64 divided by the golden ratio, odd.
const FIBONACCI: u64 = 0x9E37_79B9_7F4A_7C15;

impl OpenTable {
    /// A table with room for `entries`: a power of two of slots, at least
    /// twice `entries`.
    fn with_room_for(entries: usize) -> OpenTable {
        let len = entries
            .saturating_mul(2)
            .max(2)
            .checked_next_power_of_two()
            .unwrap_or(1 << (usize::BITS - 1));
        OpenTable {
            slots: vec![(0, EMPTY); len],
            shift: 64 - len.trailing_zeros(),
        }
    }

    /// The slots to probe for `key`, in order: every slot once, from its
    /// home.
    #[inline(always)]
    fn probe(&self, key: u64) -> impl Iterator<Item = usize> {
        let mask = self.slots.len() - 1;
        let home = (key.wrapping_mul(FIBONACCI) >> self.shift) as usize;
        (0..self.slots.len()).map(move |step| (home + step) & mask)
    }

    /// Files `index` under `key`, replacing the entry filed under it that
    /// `same` accepts, if any.
    fn insert(&mut self, key: u64, index: usize, same: impl Fn(usize) -> bool) {
        for at in self.probe(key) {
            let Some(slot) = self.slots.get_mut(at) else {
                return;
            };
            if slot.1 == EMPTY || (slot.0 == key && same(slot.1)) {
                *slot = (key, index);
                return;
            }
        }
    }

    /// The index filed under `key` that `same` accepts. The table is never
    /// full, so an empty slot ends the probe.
    #[inline]
    fn find(&self, key: u64, same: impl Fn(usize) -> bool) -> Option<usize> {
        for at in self.probe(key) {
            let &(slot_key, index) = self.slots.get(at)?;
            if index == EMPTY {
                return None;
            }
            if slot_key == key && same(index) {
                return Some(index);
            }
        }
        None
    }
}

/// A fast, non-cryptographic hash of an id (Fx-style: rotate, xor a word,
/// multiply), eight bytes at a time, the last word overlapping the one
/// before.
fn id_hash(id: &[u8]) -> u64 {
    const FX: u64 = 0x517C_C1B7_2722_0A95;
    let len = id.len();
    let mut hash = (len as u64).wrapping_mul(FX);
    if len < 8 {
        return (hash.rotate_left(5) ^ short_words(id)[0]).wrapping_mul(FX);
    }
    let mut at = 0;
    while at + 8 < len {
        hash = (hash.rotate_left(5) ^ word_at(id, at)).wrapping_mul(FX);
        at += 8;
    }
    (hash.rotate_left(5) ^ word_at(id, len - 8)).wrapping_mul(FX)
}

/// The most restrictive verdict among the rules for `action` decides; the
/// rules with that verdict are the reasons. A model rule the unit departs
/// from (in `departed`) does not take part; its deviation goes with the
/// decision. `rules` are the action's rules (others are ignored), in order.
fn decide(
    action: &Action,
    rules: &[(Origin, &BoundaryRule)],
    departed: &HashMap<&str, &Deviation>,
) -> Decision {
    let mut deviations = Vec::new();
    let mut in_force = Vec::with_capacity(rules.len());
    for &(origin, rule) in rules {
        if rule.action != action.id {
            continue;
        }
        match departed.get(rule.id.as_str()) {
            // Rule ids are unique across the model and the unit, so only a
            // model rule can bear a departed rule's id.
            Some(&deviation) => deviations.push(deviation.clone()),
            _ => in_force.push((origin, rule)),
        }
    }
    let strictest = in_force.iter().map(|(_, rule)| rule.verdict).max();
    let (outcome, reasons) = match strictest {
        None => (Outcome::NotAddressed, Vec::new()),
        Some(verdict) => (
            Outcome::from(verdict),
            in_force
                .iter()
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
        deviations,
        retired: None,
    }
}

/// Checks `added` actions against the `existing` ones and the `retired`
/// ones: well-formed unique ids, non-blank labels and notes, unique codes
/// within `codes`; no id or code of a retired action.
pub(crate) fn validate_actions(
    document: &str,
    existing: &[Action],
    retired: &[RetiredAction],
    added: &[Action],
    codes: &RangeInclusive<u32>,
) -> Result<(), PolicyError> {
    let mut ids: HashSet<&str> = existing
        .iter()
        .map(|a| a.id.as_str())
        .chain(retired.iter().map(|r| r.id.as_str()))
        .collect();
    let mut taken_codes: HashSet<u32> = existing
        .iter()
        .map(|a| a.code)
        .chain(retired.iter().map(|r| r.code))
        .collect();
    for (i, action) in added.iter().enumerate() {
        let path = format!("actions[{i}]");
        check_id(document, &format!("{path}.id"), &action.id)?;
        check_text(document, &format!("{path}.label"), &action.label)?;
        if let Some(note) = &action.boundary_note {
            check_text(document, &format!("{path}.boundary_note"), note)?;
        }
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

/// Checks the catalogue's retired actions: well-formed ids, labels and
/// notes, built-in codes; ids and codes unique among themselves (the active
/// actions are checked against them by [`validate_actions`]).
pub(crate) fn validate_retired(
    document: &str,
    retired: &[RetiredAction],
) -> Result<(), PolicyError> {
    let mut ids = HashSet::new();
    let mut codes = HashSet::new();
    for (i, action) in retired.iter().enumerate() {
        let path = format!("retired[{i}]");
        check_id(document, &format!("{path}.id"), &action.id)?;
        check_text(document, &format!("{path}.label"), &action.label)?;
        check_text(document, &format!("{path}.note"), &action.note)?;
        if !ids.insert(action.id.as_str()) {
            return Err(PolicyError::DuplicateId {
                document: document.to_owned(),
                path: format!("{path}.id"),
            });
        }
        if !BUILTIN_CODES.contains(&action.code) {
            return Err(PolicyError::CodeOutOfRange {
                document: document.to_owned(),
                path: format!("{path}.code"),
                min: *BUILTIN_CODES.start(),
                max: *BUILTIN_CODES.end(),
            });
        }
        if !codes.insert(action.code) {
            return Err(PolicyError::DuplicateCode {
                document: document.to_owned(),
                path: format!("{path}.code"),
            });
        }
    }
    Ok(())
}

/// The strength of each of the model's boundary rules, by id.
pub(crate) fn strengths(model: &[BoundaryRule]) -> HashMap<&str, Strength> {
    model
        .iter()
        .map(|r| (r.id.as_str(), r.verdict.strength()))
        .collect()
}

/// Checks `added` rules: well-formed ids unique in the policy (`taken`),
/// actions in `catalogue` (not `retired`), complete citation and message,
/// conditions that fit the verdict. For a unit (`model` is the rules of the
/// model it extends; `None` for a model's own rules), also that no rule
/// loosens a model rule — a *should not* only through one of `deviations`
/// and only where the unit's own verdict for the action ends below *should
/// not*, a *must not* or a condition never — and that no rule is a note
/// (`not_addressed` is a model's note; a unit's rule decides).
pub(crate) fn validate_rules(
    document: &str,
    catalogue: &[Action],
    retired: &[RetiredAction],
    model: Option<&[BoundaryRule]>,
    added: &[BoundaryRule],
    deviations: &mut Deviations<'_>,
    taken: &mut HashSet<String>,
) -> Result<(), PolicyError> {
    let actions: HashSet<&str> = catalogue.iter().map(|a| a.id.as_str()).collect();
    let retired: HashSet<&str> = retired.iter().map(|a| a.id.as_str()).collect();
    let mut model_by_action: HashMap<&str, Vec<&BoundaryRule>> = HashMap::new();
    for rule in model.unwrap_or_default() {
        model_by_action
            .entry(rule.action.as_str())
            .or_default()
            .push(rule);
    }
    // The strictest verdict the added rules give each action.
    let mut strictest: HashMap<&str, Verdict> = HashMap::new();
    for (i, rule) in added.iter().enumerate() {
        let path = format!("boundaries[{i}]");
        let shape = |field: &str, problem| PolicyError::Shape {
            document: document.to_owned(),
            path: format!("{path}.{field}"),
            problem,
        };
        check_rule(
            document,
            &path,
            &rule.id,
            &rule.citation,
            &rule.message,
            taken,
        )?;
        if retired.contains(rule.action.as_str()) {
            return Err(shape("action", ShapeProblem::RetiredAction));
        }
        if !actions.contains(rule.action.as_str()) {
            return Err(PolicyError::UnknownAction {
                document: document.to_owned(),
                path: format!("{path}.action"),
            });
        }
        if model.is_some() && rule.verdict == Verdict::NotAddressed {
            return Err(shape("verdict", ShapeProblem::NoteInUnit));
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
            let at = format!("{path}.conditions[{j}]");
            check_id_unique(document, &format!("{at}.id"), &condition.id, taken)?;
            check_text(document, &format!("{at}.text"), &condition.text)?;
        }
        let stricter = model_by_action
            .get(rule.action.as_str())
            .into_iter()
            .flatten()
            .filter(|m| m.verdict > rule.verdict);
        for model_rule in stricter {
            let error = match model_rule.verdict {
                Verdict::ShouldNot if deviations.has(&model_rule.id) => continue,
                Verdict::ShouldNot => PolicyError::DepartsWithoutDeviation {
                    document: document.to_owned(),
                    path: format!("{path}.verdict"),
                    model_rule: model_rule.id.clone(),
                },
                _ => PolicyError::Loosens {
                    document: document.to_owned(),
                    path: format!("{path}.verdict"),
                    model_rule: model_rule.id.clone(),
                },
            };
            return Err(error);
        }
        let entry = strictest
            .entry(rule.action.as_str())
            .or_insert(rule.verdict);
        *entry = (*entry).max(rule.verdict);
    }
    // A deviation is used where the unit's own verdict for the action ends
    // below the model's should-not.
    for (action, verdict) in strictest {
        if verdict >= Verdict::ShouldNot {
            continue;
        }
        for model_rule in model_by_action.get(action).into_iter().flatten() {
            if model_rule.verdict == Verdict::ShouldNot {
                deviations.mark_used(&model_rule.id);
            }
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
            boundary_note: None,
        }
    }

    fn rule(id: &str, action: &str, verdict: Verdict) -> BoundaryRule {
        let conditions = match verdict {
            Verdict::AllowedWithConditions => vec![Condition {
                id: format!("{id}.condition"),
                on: Party::Supporter,
                text: Text::new(id, id),
            }],
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
                Some(&i) => assert_eq!(found, &table.decisions[i], "{id:?}"),
                None => assert!(not_found(found), "{id:?} found {:?}", found.action()),
            }
        }

        /// The same for `code`.
        fn check_code(&self, table: &DecisionTable, code: u32) {
            let found = table.by_code(code);
            match self.by_code.get(&code) {
                Some(&i) => assert_eq!(found, &table.decisions[i], "{code}"),
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
                assert_eq!(engine.decide(&action.id), decision);
                assert_eq!(engine.decide_code(action.code), decision);
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

    /// Whether the ids of length `len` are hashed rather than listed.
    fn hashed(table: &DecisionTable, len: usize) -> bool {
        match len.checked_sub(SHORT_MAX_LEN + 1) {
            None => table.by_id.short[len].hashed,
            Some(i) => table.by_id.long.get(i).is_none_or(|l| l.hashed),
        }
    }

    #[test]
    fn the_catalogue_is_listed_by_length_and_its_codes_indexed() {
        let engine = Engine::builtin(ModelId::Rkc).unwrap();
        let table = DecisionTable::new(
            engine.actions(),
            engine.policy().retired_actions(),
            engine.policy().boundary_rules(),
            &[],
        );
        for action in engine.actions() {
            assert!(!hashed(&table, action.id.len()), "{}", action.id);
            assert!(table.dense_codes[action.code as usize] != EMPTY);
        }
        assert!(table.by_id.hashed.slots.iter().all(|&(_, i)| i == EMPTY));
        assert!(table.sparse_codes.slots.iter().all(|&(_, i)| i == EMPTY));
        // Every built-in code is indexed directly, a unit's is hashed.
        let edges = [action("a", 1), action("b", 9_999), action("c", 10_000)];
        let table = DecisionTable::new(&edges, &[], std::iter::empty(), &[]);
        assert_eq!(table.dense_codes.len(), 10_000);
        assert_eq!(table.dense_codes[1], 0);
        assert_eq!(table.dense_codes[9_999], 1);
        assert_eq!(table.sparse_codes.find(10_000, |_| true), Some(2));
    }

    #[test]
    fn retired_actions_are_checked_like_actions() {
        let retired = |id: &str, code: u32, note: &str| RetiredAction {
            id: id.to_owned(),
            code,
            group: ActionGroup::StaffGroup,
            label: Text::new("l", "l"),
            note: Text::new(note, note),
        };
        assert!(validate_retired("c", &[retired("a", 1, "n"), retired("b", 2, "n")]).is_ok());
        let path = |list: &[RetiredAction]| {
            let err = validate_retired("c", list).unwrap_err();
            (err.kind(), err.path().map(str::to_owned))
        };
        assert_eq!(
            path(&[retired("a", 1, "n"), retired("a", 2, "n")]),
            ("duplicate_id", Some("retired[1].id".to_owned()))
        );
        assert_eq!(
            path(&[retired("a", 1, "n"), retired("b", 1, "n")]),
            ("duplicate_code", Some("retired[1].code".to_owned()))
        );
        assert_eq!(
            path(&[retired("a", 10_000, "n")]),
            ("code_out_of_range", Some("retired[0].code".to_owned()))
        );
        assert_eq!(
            path(&[retired("a", 1, " ")]),
            ("missing", Some("retired[0].note.sv".to_owned()))
        );
        assert_eq!(
            path(&[retired("A", 1, "n")]),
            ("invalid_id", Some("retired[0].id".to_owned()))
        );
        // An action may not take a retired id or code.
        let taken = [retired("old", 5, "n")];
        let err =
            validate_actions("c", &[], &taken, &[action("old", 6)], &BUILTIN_CODES).unwrap_err();
        assert_eq!(err.path(), Some("actions[0].id"));
        let err =
            validate_actions("c", &[], &taken, &[action("new", 5)], &BUILTIN_CODES).unwrap_err();
        assert_eq!(err.path(), Some("actions[0].code"));
    }

    #[test]
    fn an_explanation_lists_each_partys_conditions_under_its_own_heading() {
        let engine = Engine::builtin(ModelId::Rkc).unwrap();
        let decision = engine.decide("disclosure.own_experience");
        let conditions: Vec<&Condition> = decision.conditions().collect();
        assert_eq!(
            conditions.iter().map(|c| c.on).collect::<Vec<_>>(),
            [Party::Supporter, Party::Employer]
        );
        for lang in Lang::ALL {
            let text = decision.explain(lang);
            let at = |needle: &str| {
                text.find(needle)
                    .unwrap_or_else(|| panic!("{needle} in {text}"))
            };
            let supporter = at(Party::Supporter.heading(lang));
            let employer = at(Party::Employer.heading(lang));
            let own = at(conditions[0].text.get(lang));
            let theirs = at(conditions[1].text.get(lang));
            assert!(
                supporter < own && own < employer && employer < theirs,
                "{text}"
            );
        }
    }

    #[test]
    fn only_allowed_outcomes_are_allowed_and_the_ruleless_ones_say_why() {
        let all = [
            Outcome::Allowed,
            Outcome::AllowedWithConditions,
            Outcome::ShouldNot,
            Outcome::Forbidden,
            Outcome::NotAddressed,
            Outcome::NotInCatalogue,
            Outcome::Retired,
        ];
        let allowed: Vec<Outcome> = all.into_iter().filter(|o| o.is_allowed()).collect();
        assert_eq!(allowed, [Outcome::Allowed, Outcome::AllowedWithConditions]);
        for outcome in all {
            let ruleless = matches!(
                outcome,
                Outcome::NotAddressed | Outcome::NotInCatalogue | Outcome::Retired
            );
            for lang in Lang::ALL {
                assert_eq!(
                    outcome.no_rule_note(lang).is_some(),
                    ruleless,
                    "{outcome:?}"
                );
                assert!(!outcome.heading(lang).is_empty() && !outcome.name(lang).is_empty());
            }
        }
        let engine = Engine::builtin(ModelId::Rkc).unwrap();
        let unknown = engine.decide("no.such.task");
        assert!(unknown.explain(Lang::Sv).contains("finns inte i katalogen"));
        assert!(unknown.explain(Lang::En).contains("not in the catalogue"));
    }

    #[test]
    fn a_retired_action_is_found_as_retired_and_is_not_in_the_catalogue() {
        let engine = Engine::builtin(ModelId::Nsph).unwrap();
        let retired = engine.policy().retired_actions();
        assert_eq!(
            retired.iter().map(|r| r.code).collect::<Vec<_>>(),
            [504, 505, 702]
        );
        for r in retired {
            for decision in [engine.decide(&r.id), engine.decide_code(r.code)] {
                assert_eq!(decision.outcome(), Outcome::Retired, "{}", r.id);
                assert_eq!(decision.action().map(|a| a.code), Some(r.code));
                assert_eq!(decision.retired_note(), Some(&r.note));
                assert!(decision.reasons().is_empty());
                let explained = decision.explain(Lang::En);
                assert!(explained.contains(&r.note.en), "{explained}");
            }
            assert!(engine
                .actions()
                .iter()
                .all(|a| a.id != r.id && a.code != r.code));
            assert!(engine
                .decisions()
                .iter()
                .all(|d| d.outcome() != Outcome::Retired));
        }
    }

    #[test]
    fn ids_and_codes_outside_the_catalogue_are_not_in_it() {
        let engine = Engine::builtin(ModelId::Rkc).unwrap();
        let table = &DecisionTable::new(
            engine.actions(),
            engine.policy().retired_actions(),
            engine.policy().boundary_rules(),
            &[],
        );
        // The catalogue's actions, then the retired ones, as in the table.
        let actions: Vec<Action> = engine
            .actions()
            .iter()
            .cloned()
            .chain(
                engine
                    .policy()
                    .retired_actions()
                    .iter()
                    .map(RetiredAction::as_action),
            )
            .collect();
        let actions = actions.as_slice();
        let reference = Reference::new(actions);
        // Ids whose words are all 0, as those of a length without ids are.
        for len in 0..=80 {
            reference.check_id(table, &"\0".repeat(len));
        }
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
        let table = DecisionTable::new(&actions, &[], std::iter::empty(), &[]);
        // Most lengths have too many ids to list.
        assert!((1..=64).filter(|&len| hashed(&table, len)).count() > 40);
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
    fn ids_of_every_length_are_found_listed_or_hashed() {
        // Lengths 1 to 80 with up to 8 ids each, which differ in one byte
        // that moves through the id; lengths 20 and 40 with 9, too many to
        // list; over 64 bytes, hashed whatever the number.
        let mut actions = Vec::new();
        for len in 1..=80usize {
            let count = match len {
                20 | 40 => 9,
                _ => len.min(8),
            };
            for k in 0..count {
                let mut id = vec![b'a'; len];
                id[k * len / count] = b"bcdefghij"[k];
                let code = 10_000 + (len * 10 + k) as u32 * 1_000_003;
                actions.push(action(std::str::from_utf8(&id).unwrap(), code));
            }
        }
        let table = DecisionTable::new(&actions, &[], std::iter::empty(), &[]);
        for len in 1..=80 {
            assert_eq!(
                hashed(&table, len),
                len > 64 || len == 20 || len == 40,
                "{len}"
            );
        }
        let reference = Reference::new(&actions);
        for action in &actions {
            reference.check_id(&table, &action.id);
            reference.check_code(&table, action.code);
            for miss in near_misses(&action.id) {
                reference.check_id(&table, &miss);
            }
        }
        for len in 0..=81 {
            reference.check_id(&table, &"a".repeat(len));
            reference.check_id(&table, &"\0".repeat(len));
        }
    }

    #[test]
    fn a_later_action_with_the_same_id_or_code_replaces_an_earlier_one() {
        let actions = [
            action("a", 10_000),
            action("a", 10_001),
            action("b", 10_001),
        ];
        let table = DecisionTable::new(&actions, &[], std::iter::empty(), &[]);
        assert_eq!(table.by_id("a"), &table.all()[1]);
        assert_eq!(table.by_code(10_000), &table.all()[0]);
        assert_eq!(table.by_code(10_001), &table.all()[2]);
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
        let table = DecisionTable::new(&actions, &[], rules, &[]);
        let a = table.by_id("a");
        assert_eq!(a.outcome(), Outcome::AllowedWithConditions);
        assert_eq!(a.rule_ids().collect::<Vec<_>>(), ["m1", "m4", "u1"]);
        let origins: Vec<_> = a.reasons().iter().map(|r| r.origin).collect();
        assert_eq!(origins, [Origin::Model, Origin::Model, Origin::Unit]);
        let conditions: Vec<_> = a.conditions().map(|c| c.text.en.as_str()).collect();
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
        let table = DecisionTable::new(&actions, &[], rules.iter().map(|r| (Origin::Unit, r)), &[]);
        let mut rule_of = vec![None; count as usize];
        for j in 0..count {
            rule_of[((j * 7) % count) as usize] = Some(j);
        }
        for i in 0..count {
            let decision = table.by_code(10_000 + i);
            let expected = format!("unit.rule_{}", rule_of[i as usize].unwrap());
            assert_eq!(decision.rule_ids().collect::<Vec<_>>(), [expected.as_str()]);
            assert_eq!(decision, table.by_id(&format!("unit.action_{i}")));
        }
    }

    proptest! {
        // Invariant: a lookup by id or by code gives the decision of the
        // action with exactly that id or code when the table has one, and
        // the not-in-catalogue decision otherwise.
        #[test]
        fn a_lookup_finds_the_action_with_that_id_or_code_and_nothing_else(
            entries in prop::collection::vec(
                (
                    // Any length up to past the longest listed, or many of
                    // one length (hashed), or few bytes (so that ids repeat).
                    prop_oneof!["[a-z0-9_.-]{1,70}", "[a-z0-9_.-]{20}", "[ab]{1,4}"],
                    prop_oneof![1u32..=9_999, 10_000u32..=u32::MAX, any::<u32>(), 100u32..110],
                ),
                0..200,
            ),
            probe_ids in prop::collection::vec("[a-z0-9_.-]{0,70}|[ab]{0,5}", 0..50),
            probe_codes in prop::collection::vec(any::<u32>(), 0..50),
        ) {
            // Ids and codes may repeat: the last action with each is found.
            let actions: Vec<Action> = entries.iter().map(|(id, code)| action(id, *code)).collect();
            let table = DecisionTable::new(&actions, &[], std::iter::empty(), &[]);
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

    #[test]
    fn a_share_limit_names_known_actions_and_at_least_one() {
        let limit = |actions: &[&str]| ShareLimit {
            id: "t.limit".to_owned(),
            actions: actions.iter().map(|a| (*a).to_owned()).collect(),
            citation: Citation::new("s", 1, "q"),
            message: Text::new("m", "m"),
        };
        let catalogue = vec![action("t.task", 1)];
        let check = |limits: &[ShareLimit]| {
            validate_share_limits("model t", &catalogue, limits, &mut HashSet::new())
        };
        assert!(check(&[limit(&["t.task"])]).is_ok());
        assert!(matches!(
            check(&[limit(&[])]),
            Err(PolicyError::Missing { ref path, .. }) if path == "share_limits[0].actions"
        ));
        assert!(matches!(
            check(&[limit(&["t.task", "t.other"])]),
            Err(PolicyError::UnknownAction { ref path, .. }) if path == "share_limits[0].actions[1]"
        ));
    }
}
