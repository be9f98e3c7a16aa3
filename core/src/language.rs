//! Languages for explanations, and text that carries both of them.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The language an explanation is wanted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Swedish, the language of the sources.
    Sv,
    /// English.
    En,
}

impl Lang {
    /// Both languages, Swedish first.
    pub const ALL: [Lang; 2] = [Lang::Sv, Lang::En];

    /// The language's code: `"sv"` or `"en"`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.code())
    }
}

/// A language code other than `sv` or `en` was given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported language code: use \"sv\" or \"en\"")]
pub struct UnknownLang;

impl FromStr for Lang {
    type Err = UnknownLang;

    /// Reads `sv` or `en`, in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.eq_ignore_ascii_case("sv") {
            Ok(Lang::Sv)
        } else if s.eq_ignore_ascii_case("en") {
            Ok(Lang::En)
        } else {
            Err(UnknownLang)
        }
    }
}

/// A text in Swedish and English.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// The Swedish text.
    pub sv: String,
    /// The English text.
    pub en: String,
}

impl Text {
    /// A text from its Swedish and English versions.
    pub fn new(sv: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            sv: sv.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Sv => &self.sv,
            Lang::En => &self.en,
        }
    }

    /// The first language whose text is empty or only white space, if any.
    pub fn first_blank(&self) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|lang| self.get(*lang).trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_codes_parse_in_any_case_and_nothing_else() {
        assert_eq!("SV".parse::<Lang>(), Ok(Lang::Sv));
        assert_eq!("en".parse::<Lang>(), Ok(Lang::En));
        assert_eq!("de".parse::<Lang>(), Err(UnknownLang));
        assert_eq!("".parse::<Lang>(), Err(UnknownLang));
    }

    #[test]
    fn blank_text_is_found_per_language() {
        assert_eq!(Text::new("hej", "hi").first_blank(), None);
        assert_eq!(Text::new(" ", "hi").first_blank(), Some(Lang::Sv));
        assert_eq!(Text::new("hej", "").first_blank(), Some(Lang::En));
    }
}
