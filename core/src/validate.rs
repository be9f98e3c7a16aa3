//! Checks shared by every rule family's policy validation. Every error names
//! the element's path; none repeats an id or a text of the policy.

use crate::citation::Citation;
use crate::dates::Span;
use crate::error::PolicyError;
use crate::language::Text;
use crate::limits::{self, Limit};
use std::collections::HashSet;

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

/// Checks `id` as [`check_id`] does, and that no earlier element of the
/// policy took it; then takes it.
pub(crate) fn check_id_unique(
    document: &str,
    path: &str,
    id: &str,
    taken: &mut HashSet<String>,
) -> Result<(), PolicyError> {
    check_id(document, path, id)?;
    if !taken.insert(id.to_owned()) {
        return Err(PolicyError::DuplicateId {
            document: document.to_owned(),
            path: path.to_owned(),
        });
    }
    Ok(())
}

/// Checks that both languages of `text` are non-blank.
pub(crate) fn check_text(document: &str, path: &str, text: &Text) -> Result<(), PolicyError> {
    match text.first_blank() {
        None => Ok(()),
        Some(lang) => Err(PolicyError::Missing {
            document: document.to_owned(),
            path: format!("{path}.{lang}"),
        }),
    }
}

/// Checks that every part of `citation` is present.
pub(crate) fn check_citation(
    document: &str,
    path: &str,
    citation: &Citation,
) -> Result<(), PolicyError> {
    match citation.first_missing_part() {
        None => Ok(()),
        Some(part) => Err(PolicyError::Missing {
            document: document.to_owned(),
            path: format!("{path}.{part}"),
        }),
    }
}

/// Checks that `kind` is a declared evidence kind.
pub(crate) fn check_kind(
    document: &str,
    path: &str,
    kind: &str,
    kinds: &HashSet<&str>,
) -> Result<(), PolicyError> {
    if kinds.contains(kind) {
        Ok(())
    } else {
        Err(PolicyError::UnknownEvidenceKind {
            document: document.to_owned(),
            path: path.to_owned(),
        })
    }
}

/// Checks a span against the limits; a repeating span must also be pure
/// (whole months or whole days) and not empty.
pub(crate) fn check_span(
    document: &str,
    path: &str,
    span: Span,
    repeats: bool,
) -> Result<(), PolicyError> {
    let limit = |limit| PolicyError::Limit {
        document: document.to_owned(),
        path: path.to_owned(),
        limit,
    };
    if !span.within_limits() {
        return Err(limit(Limit::SpanLength));
    }
    if repeats && !span.is_zero() && !span.is_pure() {
        return Err(limit(Limit::MixedSpan));
    }
    Ok(())
}

/// Checks hours given by a policy against the limits.
pub(crate) fn check_hours(document: &str, path: &str, hours: f64) -> Result<(), PolicyError> {
    if limits::hours_ok(hours) {
        Ok(())
    } else {
        Err(PolicyError::Limit {
            document: document.to_owned(),
            path: path.to_owned(),
            limit: Limit::Hours,
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
    taken: &mut HashSet<String>,
) -> Result<(), PolicyError> {
    check_id_unique(document, &format!("{path}.id"), id, taken)?;
    check_citation(document, &format!("{path}.citation"), citation)?;
    check_text(document, &format!("{path}.message"), message)
}
