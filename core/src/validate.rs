//! Checks shared by every rule family's policy validation.

use crate::certification::EvidenceKind;
use crate::citation::Citation;
use crate::error::PolicyError;
use crate::language::Text;

/// Whether `id` is a well-formed id: non-empty, of `a-z 0-9 _ - .`.
pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_-.".contains(&b))
}

/// Checks that `id` is present and well-formed.
pub(crate) fn check_id(document: &str, path: &str, id: &str) -> Result<(), PolicyError> {
    if id.is_empty() {
        return Err(PolicyError::Missing {
            document: document.to_owned(),
            path: path.to_owned(),
            rule_id: None,
        });
    }
    if !is_valid_id(id) {
        return Err(PolicyError::InvalidId {
            document: document.to_owned(),
            path: path.to_owned(),
        });
    }
    Ok(())
}

/// Checks `id` as [`check_id`] does, and that no earlier rule of the policy
/// took it; then takes it.
pub(crate) fn check_id_unique(
    document: &str,
    path: &str,
    id: &str,
    taken: &mut Vec<String>,
) -> Result<(), PolicyError> {
    check_id(document, path, id)?;
    if taken.iter().any(|t| t == id) {
        return Err(PolicyError::DuplicateId {
            document: document.to_owned(),
            path: path.to_owned(),
            id: id.to_owned(),
        });
    }
    taken.push(id.to_owned());
    Ok(())
}

/// Checks that both languages of `text` are non-blank.
pub(crate) fn check_text(
    document: &str,
    path: &str,
    text: &Text,
    rule_id: Option<&str>,
) -> Result<(), PolicyError> {
    match text.first_blank() {
        None => Ok(()),
        Some(lang) => Err(PolicyError::Missing {
            document: document.to_owned(),
            path: format!("{path}.{lang}"),
            rule_id: rule_id.map(str::to_owned),
        }),
    }
}

/// Checks that every part of `citation` is present.
pub(crate) fn check_citation(
    document: &str,
    path: &str,
    citation: &Citation,
    rule_id: Option<&str>,
) -> Result<(), PolicyError> {
    match citation.first_missing_part() {
        None => Ok(()),
        Some(part) => Err(PolicyError::Missing {
            document: document.to_owned(),
            path: format!("{path}.{part}"),
            rule_id: rule_id.map(str::to_owned),
        }),
    }
}

/// Checks that `kind` is a declared evidence kind.
pub(crate) fn check_kind(
    document: &str,
    path: &str,
    kind: &str,
    kinds: &[EvidenceKind],
    rule_id: Option<&str>,
) -> Result<(), PolicyError> {
    if kinds.iter().any(|k| k.id == kind) {
        Ok(())
    } else {
        Err(PolicyError::UnknownEvidenceKind {
            document: document.to_owned(),
            path: path.to_owned(),
            rule_id: rule_id.unwrap_or_default().to_owned(),
        })
    }
}

/// Checks what every rule has: an id unique in the policy, a complete
/// citation and a message in both languages, under `path`.
pub(crate) fn check_rule(
    document: &str,
    path: &str,
    id: &str,
    citation: &Citation,
    message: &Text,
    taken: &mut Vec<String>,
) -> Result<(), PolicyError> {
    check_id_unique(document, &format!("{path}.id"), id, taken)?;
    check_citation(document, &format!("{path}.citation"), citation, Some(id))?;
    check_text(document, &format!("{path}.message"), message, Some(id))
}
