//! Errors: a policy or record that does not load ([`PolicyError`]) and an
//! input that an evaluation refuses ([`InputError`]).
//!
//! Every error names a position and a field of the documented schema
//! (`supporters[3].evidence[0].kind`) and a typed problem, so that a binding
//! can map it without parsing its message; messages are written here from
//! that structure, never copied from another library, and never repeat
//! anything from the input.

use crate::limits::Limit;
use std::fmt;
use std::path::PathBuf;

/// A policy document could not be loaded. Nothing is half-loaded: a document
/// either loads whole or gives one of these.
///
/// Every variant names the document and the JSON path of the offending
/// element in the documented schema (`boundaries[2].verdict`); entries of an
/// object keyed by ids (a unit record's `readiness`) are named by
/// their position, `readiness[3]`. No variant holds, and no message repeats,
/// anything taken from the input: no value, no unknown key, no id. Ids the
/// library owns (the built-in models' rule ids) may be named.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// The text is not well-formed JSON (or nests deeper than 128 levels).
    #[error("{document}: malformed JSON at line {line}, column {column}")]
    Syntax {
        /// Which document: `unit policy`, `unit record`, `catalogue`, or
        /// `model <id>`.
        document: String,
        /// 1-based line of the input.
        line: usize,
        /// 1-based column of the input.
        column: usize,
    },
    /// The JSON is well-formed but does not have the document's shape, or a
    /// value breaks a rule of the schema.
    #[error("{document}: {}: {problem}", show_path(.path))]
    Shape {
        /// Which document.
        document: String,
        /// JSON path of the element, e.g. `rules[2].verdict`; empty for the
        /// document itself.
        path: String,
        /// What is wrong.
        problem: ShapeProblem,
    },
    /// A value is beyond one of the library's [limits](crate::limits).
    #[error("{document}: {}: {limit}", show_path(.path))]
    Limit {
        /// Which document.
        document: String,
        /// JSON path of the element; empty for the document itself.
        path: String,
        /// Which limit.
        limit: Limit,
    },
    /// The document's `schema_version` is not one this library reads.
    #[error("{document}: schema_version: unsupported; this library reads version {supported}")]
    UnsupportedSchemaVersion {
        /// Which document.
        document: String,
        /// The version this library reads.
        supported: u32,
    },
    /// A required text, citation part or id is empty.
    #[error("{document}: {path}: must not be empty")]
    Missing {
        /// Which document.
        document: String,
        /// JSON path of the empty element.
        path: String,
    },
    /// An id is not made of lower-case ASCII letters, digits, `_`, `-` and `.`.
    #[error("{document}: {path}: an id may only hold a-z, 0-9, '_', '-' and '.'")]
    InvalidId {
        /// Which document.
        document: String,
        /// JSON path of the id.
        path: String,
    },
    /// An id that an earlier action, rule or item of the policy (or of the
    /// model it extends) already has.
    #[error("{document}: {path}: this id is taken by an earlier action, rule or item")]
    DuplicateId {
        /// Which document.
        document: String,
        /// JSON path of the second occurrence.
        path: String,
    },
    /// Two actions have the same numeric code.
    #[error("{document}: {path}: this code is taken by an earlier action")]
    DuplicateCode {
        /// Which document.
        document: String,
        /// JSON path of the code.
        path: String,
    },
    /// An action's numeric code is outside the range its document may use.
    #[error("{document}: {path}: needs a code from {min} to {max}")]
    CodeOutOfRange {
        /// Which document.
        document: String,
        /// JSON path of the code.
        path: String,
        /// The lowest code allowed.
        min: u32,
        /// The highest code allowed.
        max: u32,
    },
    /// A rule refers to an action that is not in the catalogue.
    #[error("{document}: {path}: not an action of the catalogue")]
    UnknownAction {
        /// Which document.
        document: String,
        /// JSON path of the rule's `action`.
        path: String,
    },
    /// A rule refers to an evidence kind that is not declared.
    #[error("{document}: {path}: not a declared evidence kind")]
    UnknownEvidenceKind {
        /// Which document.
        document: String,
        /// JSON path of the reference.
        path: String,
    },
    /// A rule's conditions do not fit its verdict: `allowed_with_conditions`
    /// needs at least one condition, the other verdicts take none.
    #[error("{document}: {path}: {}", if *.needs_conditions { "verdict allowed_with_conditions needs at least one condition" } else { "only verdict allowed_with_conditions takes conditions" })]
    ConditionsMismatch {
        /// Which document.
        document: String,
        /// JSON path of the rule's `conditions`.
        path: String,
        /// Whether conditions were needed (and missing) or given (and not allowed).
        needs_conditions: bool,
    },
    /// A unit rule would loosen a model rule that no deviation can depart
    /// from: allow what the model says must not be done, allow with fewer
    /// conditions, or require what the model says must never be required.
    /// (A *should not* is departed from through a deviation:
    /// [`PolicyError::DepartsWithoutDeviation`].)
    #[error("{document}: {path}: would loosen model rule {model_rule}; a unit may tighten this rule but not loosen it")]
    Loosens {
        /// Which document.
        document: String,
        /// JSON path of the unit rule's verdict (or evidence).
        path: String,
        /// The built-in model's rule it conflicts with.
        model_rule: String,
    },
    /// A unit rule allows, or allows with fewer restrictions, what a model
    /// rule says should not be done, and the policy has no deviation from
    /// that rule. A unit may depart from a *should not* only through an
    /// explicit deviation (`deviations`), with its own reason and citation.
    #[error("{document}: {path}: departs from model rule {model_rule}, a should-not, without a deviation; add one to `deviations`, with the unit's reason and citation")]
    DepartsWithoutDeviation {
        /// Which document.
        document: String,
        /// JSON path of the unit rule's verdict.
        path: String,
        /// The built-in model's rule it departs from.
        model_rule: String,
    },
    /// A deviation from a model rule that says *must not*: no unit can
    /// depart from it.
    #[error(
        "{document}: {path}: model rule {model_rule} says must not; no unit can depart from it"
    )]
    CannotDepart {
        /// Which document.
        document: String,
        /// JSON path of the deviation's `model_rule`.
        path: String,
        /// The built-in model's rule.
        model_rule: String,
    },
    /// A reference to a rule that the model does not have.
    #[error("{document}: {path}: not a rule of the model")]
    UnknownRule {
        /// Which document.
        document: String,
        /// JSON path of the reference.
        path: String,
    },
    /// A policy file could not be read.
    #[error("policy file {}: cannot be read ({kind})", file.display())]
    Io {
        /// The file's path, as the caller gave it.
        file: PathBuf,
        /// What went wrong.
        kind: std::io::ErrorKind,
    },
}

fn show_path(path: &str) -> &str {
    if path.is_empty() {
        "the document"
    } else {
        path
    }
}

impl PolicyError {
    /// The JSON path of the offending element, where there is one (empty for
    /// the document itself).
    pub fn path(&self) -> Option<&str> {
        match self {
            PolicyError::Shape { path, .. }
            | PolicyError::Limit { path, .. }
            | PolicyError::Missing { path, .. }
            | PolicyError::InvalidId { path, .. }
            | PolicyError::DuplicateId { path, .. }
            | PolicyError::DuplicateCode { path, .. }
            | PolicyError::CodeOutOfRange { path, .. }
            | PolicyError::UnknownAction { path, .. }
            | PolicyError::UnknownEvidenceKind { path, .. }
            | PolicyError::ConditionsMismatch { path, .. }
            | PolicyError::Loosens { path, .. }
            | PolicyError::DepartsWithoutDeviation { path, .. }
            | PolicyError::CannotDepart { path, .. }
            | PolicyError::UnknownRule { path, .. } => Some(path),
            PolicyError::UnsupportedSchemaVersion { .. } => Some("schema_version"),
            PolicyError::Syntax { .. } | PolicyError::Io { .. } => None,
        }
    }
}

impl PolicyError {
    /// The error's kind as a stable snake_case name (`cannot_depart`,
    /// `loosens`, …), for bindings and the conformance corpus.
    pub fn kind(&self) -> &'static str {
        match self {
            PolicyError::Syntax { .. } => "syntax",
            PolicyError::Shape { .. } => "shape",
            PolicyError::Limit { .. } => "limit",
            PolicyError::UnsupportedSchemaVersion { .. } => "unsupported_schema_version",
            PolicyError::Missing { .. } => "missing",
            PolicyError::InvalidId { .. } => "invalid_id",
            PolicyError::DuplicateId { .. } => "duplicate_id",
            PolicyError::DuplicateCode { .. } => "duplicate_code",
            PolicyError::CodeOutOfRange { .. } => "code_out_of_range",
            PolicyError::UnknownAction { .. } => "unknown_action",
            PolicyError::UnknownEvidenceKind { .. } => "unknown_evidence_kind",
            PolicyError::ConditionsMismatch { .. } => "conditions_mismatch",
            PolicyError::Loosens { .. } => "loosens",
            PolicyError::DepartsWithoutDeviation { .. } => "departs_without_deviation",
            PolicyError::CannotDepart { .. } => "cannot_depart",
            PolicyError::UnknownRule { .. } => "unknown_rule",
            PolicyError::Io { .. } => "io",
        }
    }

    /// The same error as one of the document `document` that holds this one
    /// at `prefix` (a unit record's `policy`): `boundaries[0].action` becomes
    /// `policy.boundaries[0].action`.
    pub(crate) fn nested_in(mut self, document: &str, prefix: &str) -> PolicyError {
        match &mut self {
            PolicyError::Shape { path, .. }
            | PolicyError::Limit { path, .. }
            | PolicyError::Missing { path, .. }
            | PolicyError::InvalidId { path, .. }
            | PolicyError::DuplicateId { path, .. }
            | PolicyError::DuplicateCode { path, .. }
            | PolicyError::CodeOutOfRange { path, .. }
            | PolicyError::UnknownAction { path, .. }
            | PolicyError::UnknownEvidenceKind { path, .. }
            | PolicyError::ConditionsMismatch { path, .. }
            | PolicyError::Loosens { path, .. }
            | PolicyError::DepartsWithoutDeviation { path, .. }
            | PolicyError::CannotDepart { path, .. }
            | PolicyError::UnknownRule { path, .. } => *path = join(prefix, path),
            PolicyError::UnsupportedSchemaVersion { .. }
            | PolicyError::Syntax { .. }
            | PolicyError::Io { .. } => {}
        }
        match &mut self {
            PolicyError::Syntax { document: d, .. }
            | PolicyError::Shape { document: d, .. }
            | PolicyError::Limit { document: d, .. }
            | PolicyError::UnsupportedSchemaVersion { document: d, .. }
            | PolicyError::Missing { document: d, .. }
            | PolicyError::InvalidId { document: d, .. }
            | PolicyError::DuplicateId { document: d, .. }
            | PolicyError::DuplicateCode { document: d, .. }
            | PolicyError::CodeOutOfRange { document: d, .. }
            | PolicyError::UnknownAction { document: d, .. }
            | PolicyError::UnknownEvidenceKind { document: d, .. }
            | PolicyError::ConditionsMismatch { document: d, .. }
            | PolicyError::Loosens { document: d, .. }
            | PolicyError::DepartsWithoutDeviation { document: d, .. }
            | PolicyError::CannotDepart { document: d, .. }
            | PolicyError::UnknownRule { document: d, .. } => *d = document.to_owned(),
            PolicyError::Io { .. } => {}
        }
        self
    }
}

fn join(prefix: &str, path: &str) -> String {
    match (prefix.is_empty(), path.is_empty()) {
        (true, _) => path.to_owned(),
        (false, true) => prefix.to_owned(),
        (false, false) if path.starts_with('[') => format!("{prefix}{path}"),
        (false, false) => format!("{prefix}.{path}"),
    }
}

/// What the JSON at a path was expected to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Expected {
    /// A JSON object.
    Object,
    /// A JSON array.
    Array,
    /// A string.
    String,
    /// `true` or `false`.
    Bool,
    /// A whole number.
    WholeNumber,
    /// A number.
    Number,
    /// `true`, `false` or a whole number (a readiness fact).
    BoolOrCount,
    /// A value of another type than the one given.
    Other,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::Object => "an object",
            Expected::Array => "an array",
            Expected::String => "a string",
            Expected::Bool => "true or false",
            Expected::WholeNumber => "a whole number",
            Expected::Number => "a number",
            Expected::BoolOrCount => "true, false or a whole number",
            Expected::Other => "a value of another type",
        })
    }
}

/// What is wrong with an element of a document: its shape, or a rule of the
/// schema it breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ShapeProblem {
    /// The object has a field the schema does not know.
    #[error("has a field the schema does not know")]
    UnknownField,
    /// A required field is missing (the path names it).
    #[error("is required")]
    MissingField,
    /// A key given twice in one object.
    #[error("is given more than once")]
    DuplicateKey,
    /// A value of the wrong JSON type.
    #[error("expected {0}")]
    WrongType(Expected),
    /// A value that is not one of the names the schema allows.
    #[error("not one of {}", one_of(.0))]
    NotOneOf(&'static [&'static str]),
    /// A number too large or too small for the field.
    #[error("out of range for {0}")]
    OutOfRange(Expected),
    /// A date not written `YYYY-MM-DD`, or no such day.
    #[error("expected a date written YYYY-MM-DD")]
    BadDate,
    /// A field that this form of the object does not take.
    #[error("not taken here")]
    NotTakenHere,
    /// A value the field does not accept.
    #[error("not an accepted value")]
    InvalidValue,
    /// A model document names another model than its file.
    #[error("names another model than its file")]
    ModelMismatch,
    /// A supervision kind that neither the catalogue nor the unit's policy
    /// declares.
    #[error("not a supervision kind of the catalogue or the unit's policy (supervision_kinds)")]
    UnknownSupervisionKind,
    /// Two supervision rules for one kind.
    #[error("another rule already sets this kind's cadence")]
    DuplicateKind,
    /// A cadence with no phase.
    #[error("needs at least one phase")]
    NoPhases,
    /// A cadence whose first phase does not begin at the start date.
    #[error("the first phase must begin at the start date")]
    FirstPhaseLate,
    /// An empty interval or period.
    #[error("an interval must not be empty")]
    EmptySpan,
    /// Phases that do not begin in order.
    #[error("phases must begin in order")]
    PhasesOutOfOrder,
    /// A count of 0.
    #[error("count must be at least 1")]
    ZeroCount,
    /// Renewal rules in a unit policy whose model already has them.
    #[error("the model already has renewal rules")]
    RenewalInModel,
    /// Hours by category adding up to more than the total.
    #[error("hours by category add up to more than the total")]
    CategoriesOverTotal,
    /// A requirement for evidence that the same policy says should not be
    /// required.
    #[error("requires evidence that this policy's should_not_require advises against")]
    RequiresOwnShouldNot,
    /// A requirement's attendance naming a parameter that is not a count of
    /// attended meetings.
    #[error("not a count of attended meetings (certification.course_min_meetings)")]
    NotAnAttendanceCount,
    /// A status whose category is not its standing's: met is qualified, not
    /// eligible and not started are not qualified, in training is in
    /// progress, lapsed is lapsed.
    #[error("the category does not fit the standing: met is qualified, not_eligible and not_started are not_qualified, in_training is in_progress, lapsed is lapsed")]
    CategoryOfStanding,
    /// Renewal rules in a policy that requires nothing: renewal runs from
    /// the day every required item is met.
    #[error("renewal runs from the day every required item is met, and this policy requires none")]
    RenewalWithoutRequirement,
    /// A standing that a second status names.
    #[error("an earlier status already names this standing")]
    DuplicateStatus,
    /// A standing the policy can reach that no status names.
    #[error("a standing this policy can reach (not_eligible, not_started, in_training or met) has no status")]
    StandingWithoutStatus,
    /// A deviation from a model rule that does not say *should not*: there
    /// is nothing to depart from.
    #[error("names a model rule that is not a should-not rule; there is nothing to depart from")]
    NotDepartable,
    /// Two deviations from one model rule.
    #[error("an earlier deviation departs from the same model rule")]
    DuplicateDeviation,
    /// A deviation that no unit rule uses: no rule of the unit's departs
    /// from the model rule it names.
    #[error("no rule of the unit departs from the model rule this deviation names")]
    UnusedDeviation,
    /// A unit rule with verdict `not_addressed`: that is a model's note that
    /// its source does not decide; a unit's rule decides.
    #[error("not_addressed is a model's note; a unit's rule decides: allowed, allowed_with_conditions, should_not or forbidden")]
    NoteInUnit,
    /// A parameter's value outside the range the library documents for it
    /// (`core/src/parameter.rs`), or a count that is not whole.
    #[error("outside the range the library documents for this parameter (a share from 0 to 1, or a whole number within the range documented for the count)")]
    ParameterOutOfRange,
    /// A parameter the library does not have.
    #[error("not a parameter of the library")]
    UnknownParameter,
    /// An action retired from the catalogue: never decided again.
    #[error("names an action retired from the catalogue")]
    RetiredAction,
}

fn one_of(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Input to an evaluation (evidence, a supervision log, …) is not acceptable.
/// It names the JSON-style path of the offending element, e.g.
/// `evidence[3].date`, and never repeats the input's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {problem}")]
pub struct InputError {
    /// Path of the offending element.
    pub path: String,
    /// What is wrong with it.
    pub problem: InputProblem,
}

/// What is wrong with an input element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputProblem {
    /// A date is after the evaluation's "as of" date.
    #[error("dated after the as-of date")]
    AfterAsOf,
    /// A date is before the start date it must follow.
    #[error("dated before the start date")]
    BeforeStart,
    /// An evidence kind that neither the catalogue nor the unit's policy
    /// declares.
    #[error("unknown evidence kind")]
    UnknownEvidenceKind,
    /// Hours that are not a number from 0 to [`MAX_HOURS`](crate::limits::MAX_HOURS).
    #[error("hours must be a finite number from 0 to 100000")]
    InvalidHours,
    /// Hours missing on evidence the policy counts in hours.
    #[error("hours are required for this kind of evidence")]
    MissingHours,
    /// A date outside the calendar the library handles
    /// ([`FIRST_DATE`](crate::limits::FIRST_DATE) to
    /// [`LAST_DATE`](crate::limits::LAST_DATE)).
    #[error("date outside 1900-01-01 to 2199-12-31")]
    DateOutOfRange,
    /// A date computed from a policy parameter (a cadence, a renewal period)
    /// falls outside the calendar; the path names the parameter, e.g.
    /// `policy.supervision[0].cadence`. The library's limits rule this out.
    #[error("a date computed from this parameter falls outside the calendar")]
    ComputedDateOutOfRange,
    /// A readiness fact for an item the policy does not have.
    #[error("no readiness item of that id")]
    UnknownReadinessItem,
    /// A count for a yes/no readiness item, or yes/no for a counted one.
    #[error("a counted item takes a number, any other item true or false")]
    WrongFactType,
    /// An action id that is not in the catalogue.
    #[error("not in the action catalogue")]
    UnknownAction,
    /// A peer supporter id that the input does not list.
    #[error("no peer supporter of that id in the input")]
    UnknownSupporter,
    /// An id given twice.
    #[error("this id is given to an earlier element too")]
    DuplicateId,
    /// A unit policy that extends another model than the one named.
    #[error("the policy extends another model than the one named")]
    ModelMismatch,
    /// A supervision log for a peer supporter with no start date: the
    /// cadences run from it.
    #[error("a supervision log needs the peer supporter's start date")]
    StartRequired,
    /// A session of a supervision kind that neither the catalogue nor the
    /// unit's policy declares.
    #[error("not a supervision kind of the catalogue or the unit's policy")]
    UnknownSupervisionKind,
    /// A present and an absent report of one evidence kind on one day.
    #[error("contradicts another report of the same evidence kind on the same day")]
    ConflictingReports,
    /// A report of absence of a kind counted as events (a count of
    /// meetings, topics, attended meetings, hours): absence is said of a
    /// fact, and one report does not withdraw events.
    #[error("a kind counted as events (meetings, hours) cannot be reported absent")]
    AbsentOfCountedKind,
    /// Hours, a category or topics on a report of absence.
    #[error("a report of absence carries no hours, category or topics")]
    DetailOnAbsent,
    /// A participation promise without the delivered rung.
    #[error("a promised rung needs the delivered rung")]
    PromiseWithoutDelivery,
}

impl InputProblem {
    /// The problem as a stable snake_case name (`after_as_of`,
    /// `unknown_evidence_kind`, …), for bindings and the conformance corpus.
    pub fn kind(self) -> &'static str {
        match self {
            InputProblem::AfterAsOf => "after_as_of",
            InputProblem::BeforeStart => "before_start",
            InputProblem::UnknownEvidenceKind => "unknown_evidence_kind",
            InputProblem::InvalidHours => "invalid_hours",
            InputProblem::MissingHours => "missing_hours",
            InputProblem::DateOutOfRange => "date_out_of_range",
            InputProblem::ComputedDateOutOfRange => "computed_date_out_of_range",
            InputProblem::UnknownReadinessItem => "unknown_readiness_item",
            InputProblem::WrongFactType => "wrong_fact_type",
            InputProblem::UnknownAction => "unknown_action",
            InputProblem::UnknownSupporter => "unknown_supporter",
            InputProblem::DuplicateId => "duplicate_id",
            InputProblem::ModelMismatch => "model_mismatch",
            InputProblem::StartRequired => "start_required",
            InputProblem::UnknownSupervisionKind => "unknown_supervision_kind",
            InputProblem::ConflictingReports => "conflicting_reports",
            InputProblem::AbsentOfCountedKind => "absent_of_counted_kind",
            InputProblem::DetailOnAbsent => "detail_on_absent",
            InputProblem::PromiseWithoutDelivery => "promise_without_delivery",
        }
    }
}

impl InputError {
    /// An error of `problem` at `path`.
    pub fn new(path: impl Into<String>, problem: InputProblem) -> Self {
        InputError {
            path: path.into(),
            problem,
        }
    }

    /// The same error with `prefix` put before its path, for input nested in
    /// a larger document: `evidence[3].date` within `supporters[1]` becomes
    /// `supporters[1].evidence[3].date`.
    ///
    /// An error about a policy parameter
    /// ([`InputProblem::ComputedDateOutOfRange`]) keeps its path, which names
    /// the parameter rather than the input.
    pub fn within(self, prefix: &str) -> InputError {
        if self.problem == InputProblem::ComputedDateOutOfRange {
            return self;
        }
        InputError {
            path: join(prefix, &self.path),
            problem: self.problem,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::InputProblem as P;

    #[test]
    fn every_input_problem_has_its_own_snake_case_kind() {
        let all = [
            P::AfterAsOf,
            P::BeforeStart,
            P::UnknownEvidenceKind,
            P::InvalidHours,
            P::MissingHours,
            P::DateOutOfRange,
            P::ComputedDateOutOfRange,
            P::UnknownReadinessItem,
            P::WrongFactType,
            P::UnknownAction,
            P::UnknownSupporter,
            P::DuplicateId,
            P::ModelMismatch,
            P::StartRequired,
            P::UnknownSupervisionKind,
            P::ConflictingReports,
            P::AbsentOfCountedKind,
            P::DetailOnAbsent,
            P::PromiseWithoutDelivery,
        ];
        let mut kinds = std::collections::HashSet::new();
        for problem in all {
            let kind = problem.kind();
            assert!(kinds.insert(kind), "{kind} twice");
            assert!(
                kind.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{kind}"
            );
            // The kind is the variant's name in snake case.
            let debug = format!("{problem:?}");
            assert_eq!(kind.replace('_', ""), debug.to_lowercase(), "{kind}");
        }
    }
}
