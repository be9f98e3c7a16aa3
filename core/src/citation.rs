//! Where a rule comes from: a passage of a source document.

use crate::language::{Lang, Text};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A passage of a source document that a rule is based on.
///
/// For the built-in models the source is one of the seed documents
/// (`../shared/seeds/`), named by file name; the quote is a short verbatim
/// Swedish extract found within a few lines of `line` (the seed-citation test
/// checks every built-in citation). A unit's own policy may cite its own
/// documents.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The source document's file name, e.g. `002_bf65aa040b74c517.txt`.
    pub source: String,
    /// The line of the source the passage is at (1-based, approximate).
    pub line: u32,
    /// A short verbatim quote from that place.
    pub quote: String,
}

impl Citation {
    /// A citation of `source` at `line` quoting `quote`.
    pub fn new(source: impl Into<String>, line: u32, quote: impl Into<String>) -> Self {
        Citation {
            source: source.into(),
            line,
            quote: quote.into(),
        }
    }

    /// The name of the first part that is missing (empty, or line 0), if any.
    pub fn first_missing_part(&self) -> Option<&'static str> {
        if self.source.trim().is_empty() {
            Some("source")
        } else if self.line == 0 {
            Some("line")
        } else if self.quote.trim().is_empty() {
            Some("quote")
        } else {
            None
        }
    }
}

impl Citation {
    /// The source in words a reader knows: a built-in source by its title or
    /// a plain description, any other by the name the policy gives it.
    pub fn source_name(&self, lang: Lang) -> &str {
        match (self.source.as_str(), lang) {
            (SEED_NSPH, _) => "Peer support i Sverige (NSPH)",
            (SEED_RKC, Lang::Sv) => "Röda Korsets rapport om peer support i traumavården",
            (SEED_RKC, Lang::En) => "the Red Cross report on peer support in trauma care",
            (other, _) => other,
        }
    }

    /// The citation for a reader, in `lang`: the source in words, the line,
    /// and the quote (`Peer support i Sverige (NSPH), rad 1649: «…»`).
    pub fn display(&self, lang: Lang) -> String {
        let line = match lang {
            Lang::Sv => "rad",
            Lang::En => "line",
        };
        format!(
            "{}, {line} {}: «{}»",
            self.source_name(lang),
            self.line,
            self.quote
        )
    }
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{} «{}»", self.source, self.line, self.quote)
    }
}

/// What a rule found, with the rule's id and source. The text is in both
/// languages ([`Text`]) or, after [`Finding::in_lang`], in one (`String`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Finding<T = Text> {
    /// The rule.
    pub rule_id: String,
    /// Its source.
    pub citation: Citation,
    /// What was found.
    pub text: T,
}

impl Finding {
    /// The finding with its text in `lang`.
    pub fn in_lang(&self, lang: Lang) -> Finding<String> {
        Finding {
            rule_id: self.rule_id.clone(),
            citation: self.citation.clone(),
            text: self.text.get(lang).to_owned(),
        }
    }
}

/// The Red Cross report on peer support at its treatment centres (RKC).
pub const SEED_RKC: &str = "002_bf65aa040b74c517.txt";
/// NSPH's book *Peer support i Sverige* (NSPH and Skåne mentor models).
pub const SEED_NSPH: &str = "000_12fcf2f212737a73.txt";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_citation_shows_its_file_line_and_quote_or_its_source_in_words() {
        let seed = Citation::new(SEED_RKC, 971, "Ska inte ha synpunkter");
        assert_eq!(
            seed.to_string(),
            "002_bf65aa040b74c517.txt:971 «Ska inte ha synpunkter»"
        );
        assert_eq!(
            seed.display(Lang::Sv),
            "Röda Korsets rapport om peer support i traumavården, rad 971: «Ska inte ha synpunkter»"
        );
        let nsph = Citation::new(SEED_NSPH, 1649, "q");
        assert_eq!(
            nsph.display(Lang::En),
            "Peer support i Sverige (NSPH), line 1649: «q»"
        );
        let unit = Citation::new("Enhetens rutin", 3, "q");
        assert_eq!(unit.display(Lang::En), "Enhetens rutin, line 3: «q»");
    }
}
