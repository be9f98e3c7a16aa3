//! Languages for explanations, and text that carries both of them.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The language an explanation is wanted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
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

    /// The text in `lang`, to change.
    pub fn get_mut(&mut self, lang: Lang) -> &mut String {
        match lang {
            Lang::Sv => &mut self.sv,
            Lang::En => &mut self.en,
        }
    }

    /// The first language whose text is empty or only white space, if any.
    pub fn first_blank(&self) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|lang| self.get(*lang).trim().is_empty())
    }
}

/// `text` with control characters (C0, DEL, C1), bidirectional-formatting
/// characters and the line and paragraph separators written as `\u{…}`,
/// so that a text cannot move the cursor, end a line, or reorder what a
/// terminal shows.
pub(crate) fn esc(text: &str) -> std::borrow::Cow<'_, str> {
    fn unsafe_char(c: char) -> bool {
        c.is_control()
            || matches!(
                c,
                '\u{061c}'
                    | '\u{200e}'
                    | '\u{200f}'
                    | '\u{202a}'..='\u{202e}'
                    | '\u{2066}'..='\u{2069}'
                    | '\u{2028}'
                    | '\u{2029}'
            )
    }
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ =
                std::fmt::Write::write_fmt(&mut out, format_args!("\\u{{{:04x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `n` and the words for one or many in `lang`: "1 hållet", "2 hållna".
pub(crate) fn count(lang: Lang, n: usize, sv: (&str, &str), en: (&str, &str)) -> String {
    let (one, many) = match lang {
        Lang::Sv => sv,
        Lang::En => en,
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A share from 0 to 1 as a percentage with at most `decimals` decimals,
/// as `lang` writes it: "12,5 %" in Swedish, "12.5%" in English; never
/// "-0".
pub(crate) fn percent(lang: Lang, share: f64, decimals: usize) -> String {
    let scale = 10f64.powi(i32::try_from(decimals).unwrap_or(0));
    let rounded = (share * 100.0 * scale).round() / scale + 0.0;
    let text = format!("{rounded:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    match lang {
        Lang::Sv => format!("{} %", text.replace('.', ",")),
        Lang::En => format!("{text}%"),
    }
}

/// `text` with its first letter capitalised, to begin a line.
pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
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
    fn percentages_are_written_as_each_language_writes_them() {
        assert_eq!(percent(Lang::Sv, 0.125, 2), "12,5 %");
        assert_eq!(percent(Lang::En, 0.125, 2), "12.5%");
        assert_eq!(percent(Lang::Sv, 0.7142857, 0), "71 %");
        assert_eq!(percent(Lang::En, 0.7142857, 1), "71.4%");
        assert_eq!(percent(Lang::En, 1.0, 2), "100%");
        assert_eq!(percent(Lang::Sv, 0.2, 2), "20 %");
        assert_eq!(percent(Lang::En, -0.0, 0), "0%");
        assert_eq!(percent(Lang::En, -0.000001, 2), "0%");
    }

    #[test]
    fn blank_text_is_found_per_language() {
        assert_eq!(Text::new("hej", "hi").first_blank(), None);
        assert_eq!(Text::new(" ", "hi").first_blank(), Some(Lang::Sv));
        assert_eq!(Text::new("hej", "").first_blank(), Some(Lang::En));
    }
}
