//! Errors met while loading a policy document.
//!
//! Every variant names the document and the JSON path of the offending
//! element, and, where a rule is involved, the rule's id, so that a binding can
//! map the error without parsing its message. Messages never echo input values
//! beyond field names, ids and positions.

use std::path::PathBuf;

/// A policy document could not be loaded. Nothing is half-loaded: a document
/// either loads whole or gives one of these.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// The text is not well-formed JSON.
    #[error("{document}: malformed JSON at line {line}, column {column}")]
    Syntax {
        /// Which document: `unit policy`, `catalogue`, or `model <id>`.
        document: String,
        /// 1-based line of the input.
        line: usize,
        /// 1-based column of the input.
        column: usize,
    },
    /// The JSON is well-formed but does not have the document's shape: an
    /// unknown or missing field, a value of the wrong type, an unknown model id
    /// or verdict.
    #[error("{document}: {path}: {problem}")]
    Shape {
        /// Which document.
        document: String,
        /// JSON path of the element, e.g. `rules[2].verdict`.
        path: String,
        /// What is wrong, with the input's values left out.
        problem: String,
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
    #[error("{document}: {path}: must not be empty{}", rule_suffix(.rule_id))]
    Missing {
        /// Which document.
        document: String,
        /// JSON path of the empty element.
        path: String,
        /// The rule it belongs to, if any.
        rule_id: Option<String>,
    },
    /// An id is not made of lower-case ASCII letters, digits, `_`, `-` and `.`.
    #[error("{document}: {path}: an id may only hold a-z, 0-9, '_', '-' and '.'")]
    InvalidId {
        /// Which document.
        document: String,
        /// JSON path of the id.
        path: String,
    },
    /// Two actions or two rules have the same id.
    #[error("{document}: {path}: duplicate id {id}")]
    DuplicateId {
        /// Which document.
        document: String,
        /// JSON path of the second occurrence.
        path: String,
        /// The repeated id.
        id: String,
    },
    /// Two actions have the same numeric code.
    #[error("{document}: {path}: action {action_id} repeats the numeric code of another action")]
    DuplicateCode {
        /// Which document.
        document: String,
        /// JSON path of the code.
        path: String,
        /// The action whose code is repeated.
        action_id: String,
    },
    /// An action's numeric code is outside the range its document may use.
    #[error("{document}: {path}: action {action_id} needs a code from {min} to {max}")]
    CodeOutOfRange {
        /// Which document.
        document: String,
        /// JSON path of the code.
        path: String,
        /// The action.
        action_id: String,
        /// The lowest code allowed.
        min: u32,
        /// The highest code allowed.
        max: u32,
    },
    /// A rule refers to an action that is not in the catalogue.
    #[error("{document}: {path}: rule {rule_id} refers to an action that is not in the catalogue")]
    UnknownAction {
        /// Which document.
        document: String,
        /// JSON path of the rule's `action`.
        path: String,
        /// The rule.
        rule_id: String,
    },
    /// A rule refers to an evidence kind that is not declared.
    #[error("{document}: {path}: rule {rule_id} refers to an evidence kind that is not declared")]
    UnknownEvidenceKind {
        /// Which document.
        document: String,
        /// JSON path of the reference.
        path: String,
        /// The rule.
        rule_id: String,
    },
    /// A rule's conditions do not fit its verdict: `allowed_with_conditions`
    /// needs at least one condition, the other verdicts take none.
    #[error("{document}: {path}: rule {rule_id}: {}", if *.needs_conditions { "verdict allowed_with_conditions needs at least one condition" } else { "only verdict allowed_with_conditions takes conditions" })]
    ConditionsMismatch {
        /// Which document.
        document: String,
        /// JSON path of the rule's `conditions`.
        path: String,
        /// The rule.
        rule_id: String,
        /// Whether conditions were needed (and missing) or given (and not allowed).
        needs_conditions: bool,
    },
    /// A unit rule would loosen a model rule: allow, or allow with fewer
    /// restrictions, what the model restricts, or require what the model says
    /// must never be required. A unit policy may only tighten.
    #[error("{document}: {path}: unit rule {unit_rule} would loosen model rule {model_rule}; a unit policy may only tighten the model")]
    Loosens {
        /// Which document.
        document: String,
        /// JSON path of the unit rule's verdict.
        path: String,
        /// The unit's rule.
        unit_rule: String,
        /// The model's rule it conflicts with.
        model_rule: String,
    },
    /// A policy file could not be read.
    #[error("policy file {}: cannot be read ({kind})", file.display())]
    Io {
        /// The file's path.
        file: PathBuf,
        /// What went wrong.
        kind: std::io::ErrorKind,
    },
}

fn rule_suffix(rule_id: &Option<String>) -> String {
    match rule_id {
        Some(id) => format!(" (rule {id})"),
        None => String::new(),
    }
}

impl PolicyError {
    /// The JSON path of the offending element, where there is one.
    pub fn path(&self) -> Option<&str> {
        match self {
            PolicyError::Shape { path, .. }
            | PolicyError::Missing { path, .. }
            | PolicyError::InvalidId { path, .. }
            | PolicyError::DuplicateId { path, .. }
            | PolicyError::DuplicateCode { path, .. }
            | PolicyError::CodeOutOfRange { path, .. }
            | PolicyError::UnknownAction { path, .. }
            | PolicyError::UnknownEvidenceKind { path, .. }
            | PolicyError::ConditionsMismatch { path, .. }
            | PolicyError::Loosens { path, .. } => Some(path),
            PolicyError::UnsupportedSchemaVersion { .. } => Some("schema_version"),
            PolicyError::Syntax { .. } | PolicyError::Io { .. } => None,
        }
    }

    /// The id of the rule involved, where there is one (for
    /// [`PolicyError::Loosens`], the unit's rule).
    pub fn rule_id(&self) -> Option<&str> {
        match self {
            PolicyError::Missing { rule_id, .. } => rule_id.as_deref(),
            PolicyError::UnknownAction { rule_id, .. }
            | PolicyError::UnknownEvidenceKind { rule_id, .. }
            | PolicyError::ConditionsMismatch { rule_id, .. } => Some(rule_id),
            PolicyError::Loosens { unit_rule, .. } => Some(unit_rule),
            _ => None,
        }
    }
}

/// Turns a serde_json error met at `path` into a [`PolicyError`], leaving out
/// the input's values: serde names the offending value first (`invalid type:
/// string "…"`, ``unknown variant `…` ``); that first quoted value is replaced
/// by `…`. Field names (unknown, missing or duplicate field) are kept.
pub(crate) fn from_serde(document: &str, path: String, err: &serde_json::Error) -> PolicyError {
    if err.is_syntax() || err.is_eof() {
        return PolicyError::Syntax {
            document: document.to_owned(),
            line: err.line(),
            column: err.column(),
        };
    }
    let full = err.to_string();
    // serde_json appends " at line L column C"; the path says where instead.
    let message = match full.rfind(" at line ") {
        Some(at) => &full[..at],
        None => full.as_str(),
    };
    let names_a_field = ["unknown field", "missing field", "duplicate field"]
        .iter()
        .any(|prefix| message.starts_with(prefix));
    let problem = if names_a_field {
        message.to_owned()
    } else {
        redact_first_quoted(message)
    };
    PolicyError::Shape {
        document: document.to_owned(),
        path,
        problem,
    }
}

/// Replaces the first `"…"` or `` `…` `` segment of `message` by `…`.
fn redact_first_quoted(message: &str) -> String {
    let Some(open) = message.find(['"', '`']) else {
        return message.to_owned();
    };
    let quote = &message[open..open + 1];
    let rest = &message[open + 1..];
    // A string value may itself hold escaped quotes; serde prints it with
    // Rust's escapes, so the closing quote is the first one not after `\`.
    let mut close = None;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if rest[i..].starts_with(quote) {
            close = Some(i);
            break;
        }
    }
    match close {
        Some(close) => format!("{}{quote}…{quote}{}", &message[..open], &rest[close + 1..]),
        None => format!("{}…", &message[..open]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_removes_the_value_and_keeps_the_expectation() {
        assert_eq!(
            redact_first_quoted(r#"invalid type: string "Anna \"A\" S", expected u32"#),
            r#"invalid type: string "…", expected u32"#
        );
        assert_eq!(
            redact_first_quoted("unknown variant `allowd`, expected one of `allowed`, `forbidden`"),
            "unknown variant `…`, expected one of `allowed`, `forbidden`"
        );
        assert_eq!(redact_first_quoted("invalid length 0"), "invalid length 0");
    }
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
    /// Hours that are negative or not a number.
    #[error("hours must be a finite number, 0 or more")]
    InvalidHours,
    /// Hours missing on evidence the policy counts in hours.
    #[error("hours are required for this kind of evidence")]
    MissingHours,
    /// A computed date falls outside the calendar the library handles.
    #[error("date out of range")]
    DateOutOfRange,
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
    #[error("duplicate id")]
    DuplicateId,
    /// A unit policy that extends another model than the one named.
    #[error("the policy extends another model than the one named")]
    ModelMismatch,
    /// A participation promise without the delivered rung.
    #[error("a promised rung needs the delivered rung")]
    PromiseWithoutDelivery,
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
    pub fn within(self, prefix: &str) -> InputError {
        InputError {
            path: format!("{prefix}.{}", self.path),
            problem: self.problem,
        }
    }
}
