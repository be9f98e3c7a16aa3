//! Participation: the participation ladder (*delaktighetstrappan*), the
//! levels of user influence, and whether a promised form of participation was
//! delivered.
//!
//! Source: the Red Cross report's table after SKR and Arnstein
//! (`002_bf65aa040b74c517.txt`:220-262), the three levels of influence
//! (`002…`:209-215) and the demand for clarity about which form is promised
//! (`002…`:264).

use crate::citation::{Citation, SEED_RKC};
use crate::language::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A rung of the participation ladder, lowest first. The derived order is the
/// ladder's order.
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
pub enum Rung {
    /// Information: one-way communication.
    Information,
    /// Consultation: gathering views.
    Consultation,
    /// Dialogue: exchange of thoughts, usually on several occasions.
    Dialogue,
    /// Collaboration: activities planned and carried out together.
    Collaboration,
    /// Co-determination: joint decision-making.
    CoDetermination,
}

/// A method named in the ladder's table, in Swedish and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Method {
    /// Swedish name, as in the source.
    pub sv: &'static str,
    /// English name.
    pub en: &'static str,
}

impl Method {
    /// The name in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Sv => self.sv,
            Lang::En => self.en,
        }
    }
}

const fn m(sv: &'static str, en: &'static str) -> Method {
    Method { sv, en }
}

/// One row of the ladder's table.
struct Row {
    name: Method,
    characteristic: Method,
    you_get_to: Method,
    methods: &'static [Method],
    line: u32,
    quote: &'static str,
}

const ROWS: [Row; 5] = [
    Row {
        name: m("Information", "Information"),
        characteristic: m(
            "Envägskommunikation (frågor och svar)",
            "One-way communication (questions and answers)",
        ),
        you_get_to: m("Veta", "Be informed"),
        methods: &[
            m("Stormöte", "Large meeting"),
            m("Öppet hus", "Open house"),
            m("Webb", "Web"),
            m(
                "Information via post eller nyhetsbrev",
                "Information by post or newsletter",
            ),
        ],
        line: 232,
        quote: "Information Envägskommunikation",
    },
    Row {
        name: m("Konsultation", "Consultation"),
        characteristic: m("Inhämta synpunkter", "Gathering views"),
        you_get_to: m("Tycka", "Give your views"),
        methods: &[
            m("Enkät", "Survey"),
            m("Fokusgrupp", "Focus group"),
            m("Brukarpanel", "User panel"),
            m("Brukarråd", "User council"),
        ],
        line: 241,
        quote: "Konsultation Inhämta synpunkter Tycka",
    },
    Row {
        name: m("Dialog", "Dialogue"),
        characteristic: m(
            "Utbyte av tankar (oftast vid flera tillfällen)",
            "Exchange of ideas (usually on several occasions)",
        ),
        you_get_to: m("Resonera", "Discuss"),
        methods: &[
            m("Verksamhetsråd", "Unit council"),
            m("Dialogseminarium", "Dialogue seminar"),
        ],
        line: 246,
        quote: "Dialog Utbyte av tankar",
    },
    Row {
        name: m("Samarbete", "Collaboration"),
        characteristic: m(
            "Aktiviteter planeras och genomförs",
            "Activities are planned and carried out together",
        ),
        you_get_to: m("Genomföra", "Carry out"),
        methods: &[
            m("Arbetsgrupp", "Working group"),
            m("Utvecklingsarbete", "Development work"),
        ],
        line: 253,
        quote: "Samarbete Aktiviteter planeras",
    },
    Row {
        name: m("Medbestämmande", "Co-determination"),
        characteristic: m("Gemensamt beslutsfattande", "Joint decision-making"),
        you_get_to: m("Bestämma", "Decide"),
        methods: &[m("Rådslag", "Joint deliberation (rådslag)")],
        line: 259,
        quote: "Medbestämmande Gemensamt",
    },
];

impl Rung {
    /// Every rung, lowest first.
    pub const ALL: [Rung; 5] = [
        Rung::Information,
        Rung::Consultation,
        Rung::Dialogue,
        Rung::Collaboration,
        Rung::CoDetermination,
    ];

    /// The rung's place on the ladder: 1 (information) to 5 (co-determination).
    pub fn rank(self) -> u8 {
        match self {
            Rung::Information => 1,
            Rung::Consultation => 2,
            Rung::Dialogue => 3,
            Rung::Collaboration => 4,
            Rung::CoDetermination => 5,
        }
    }

    /// The rung of rank 1 to 5.
    pub fn from_rank(rank: u8) -> Option<Rung> {
        Rung::ALL.into_iter().find(|r| r.rank() == rank)
    }

    /// Stable snake_case id, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Rung::Information => "information",
            Rung::Consultation => "consultation",
            Rung::Dialogue => "dialogue",
            Rung::Collaboration => "collaboration",
            Rung::CoDetermination => "co_determination",
        }
    }

    fn row(self) -> &'static Row {
        &ROWS[usize::from(self.rank() - 1)]
    }

    /// The form of participation's name in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        self.row().name.get(lang)
    }

    /// Its characteristic (*kännetecken*).
    pub fn characteristic(self, lang: Lang) -> &'static str {
        self.row().characteristic.get(lang)
    }

    /// What, as a patient, you get to do (*som patient får du…*).
    pub fn you_get_to(self, lang: Lang) -> &'static str {
        self.row().you_get_to.get(lang)
    }

    /// The table's example methods.
    pub fn methods(self) -> &'static [Method] {
        self.row().methods
    }

    /// The table row this rung comes from.
    pub fn citation(self) -> Citation {
        let row = self.row();
        Citation::new(SEED_RKC, row.line, row.quote)
    }

    /// The rung a text names, when it names the methods or forms of one
    /// rung only: [`classify`] finds them, and `None` stands for none or
    /// several (see [`Classification::ambiguous`]).
    pub fn classify(text: &str) -> Option<Rung> {
        match classify(text, &[]).rungs.as_slice() {
            [rung] => Some(*rung),
            _ => None,
        }
    }
}

/// A method or form of participation that a unit names in its policy
/// (`participation_methods`), with the rung the unit gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitMethod {
    /// Its name, in Swedish and English.
    pub name: crate::language::Text,
    /// Its rung.
    pub rung: Rung,
}

/// A method found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct MethodMatch {
    /// The method's rung.
    pub rung: Rung,
    /// The method's name as the table (or the unit's policy) writes it, in
    /// Swedish.
    pub method: String,
    /// Whether the unit's policy names the method (rather than the table).
    pub by_unit: bool,
}

/// What a text says about the ladder: every method and form of
/// participation it names, and their rungs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Classification {
    /// The rungs named, lowest first, each once.
    pub rungs: Vec<Rung>,
    /// The methods and forms named, in the ladder's order.
    pub matches: Vec<MethodMatch>,
    /// Whether the text names methods of more than one rung: a promise
    /// worded so is unclear (`002…`:264).
    pub ambiguous: bool,
    /// Where a named method's rung depends on its mandate (a user council:
    /// `002…`:1459-1471), what the source says, in Swedish and English.
    pub mandate_note: Option<crate::language::Text>,
}

/// The methods named in Swedish that the source says may sit on more than
/// one rung, by their mandate.
const MANDATE_DEPENDENT: &[&str] = &["Brukarråd"];

/// Every method and form of participation `text` names, from the ladder's
/// table (each cell's methods, in Swedish and English) and `unit`'s own
/// names: by whole words, in any case, with hyphens and slashes read as
/// spaces ("Brukarpanel/Brukarråd" names both) and a name's last word in
/// its usual inflected forms ("brukarrådet", "fokusgrupper", "focus
/// groups"); a compound is not split ("fokusgruppsmöte" does not name
/// "fokusgrupp"), and a name's explanation in brackets is not needed ("joint
/// deliberation"). A rung's own name (*information*, *dialog*, …) is an
/// everyday word too, so it counts only when it is the whole text.
pub fn classify(text: &str, unit: &[UnitMethod]) -> Classification {
    let words = words(text);
    let names = |sv: &str, en: &str| {
        contains_name(&words, &self::words(&unbracketed(sv)))
            || contains_name(&words, &self::words(&unbracketed(en)))
    };
    let mut matches = Vec::new();
    for rung in Rung::ALL {
        let row = rung.row();
        let whole = |name: &str| self::words(name) == words;
        if whole(row.name.sv) || whole(row.name.en) {
            matches.push(MethodMatch {
                rung,
                method: row.name.sv.to_owned(),
                by_unit: false,
            });
        }
        for method in row.methods {
            if names(method.sv, method.en) {
                matches.push(MethodMatch {
                    rung,
                    method: method.sv.to_owned(),
                    by_unit: false,
                });
            }
        }
        for method in unit.iter().filter(|m| m.rung == rung) {
            if names(&method.name.sv, &method.name.en) {
                matches.push(MethodMatch {
                    rung,
                    method: method.name.sv.clone(),
                    by_unit: true,
                });
            }
        }
    }
    let mut rungs: Vec<Rung> = matches.iter().map(|m| m.rung).collect();
    rungs.dedup();
    let mandate_note = matches
        .iter()
        .any(|m| !m.by_unit && MANDATE_DEPENDENT.contains(&m.method.as_str()))
        .then(mandate_note);
    Classification {
        ambiguous: rungs.len() > 1,
        rungs,
        matches,
        mandate_note,
    }
}

/// What the source says of a user council's rung.
fn mandate_note() -> crate::language::Text {
    crate::language::Text::new(
        "Ett brukarråds steg beror på dess mandat: rapporten beskriver brukarråd som börjar \
         med en informerande roll, med målet att de ska få en mer aktiv och beslutsfattande \
         roll (Röda Korsets rapport om peer support i traumavården, rad 1459–1471).",
        "A user council's rung depends on its mandate: the report describes user councils \
         that begin with an informing role, with the aim that they take a more active, \
         decision-making one (the Red Cross report on peer support in trauma care, lines \
         1459–1471).",
    )
}

/// `text` as lower-case words: letters and digits, split at anything else
/// (spaces, hyphens, slashes, punctuation).
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `name` without its explanations in brackets: "Joint deliberation
/// (rådslag)" is "Joint deliberation".
fn unbracketed(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut depth = 0u32;
    for c in name.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The endings a name's last word may take: Swedish definite and plural
/// forms ("rådet", "grupper", "enkäten", "grupperna") and English plurals.
const ENDINGS: &[&str] = &[
    "", "en", "et", "n", "t", "er", "ar", "or", "r", "na", "erna", "arna", "orna", "rna", "s", "es",
];

/// Whether `name` (non-empty) stands in `words` as consecutive words, its
/// last word perhaps with one of [`ENDINGS`].
fn contains_name(words: &[String], name: &[String]) -> bool {
    let Some((last, init)) = name.split_last() else {
        return false;
    };
    words.windows(name.len()).any(|w| {
        w.get(..init.len()) == Some(init)
            && w.last().is_some_and(|word| {
                word.strip_prefix(last.as_str())
                    .is_some_and(|ending| ENDINGS.contains(&ending))
            })
    })
}

impl fmt::Display for Rung {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The level at which user influence works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InfluenceLevel {
    /// In the patient's own meeting with care.
    Individual,
    /// In the unit's planning and development (*verksamhet*).
    Unit,
    /// Where the work is organised and decisions are made (*system*).
    System,
}

impl InfluenceLevel {
    /// Every level, nearest the patient first.
    pub const ALL: [InfluenceLevel; 3] = [
        InfluenceLevel::Individual,
        InfluenceLevel::Unit,
        InfluenceLevel::System,
    ];

    /// Stable snake_case id, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            InfluenceLevel::Individual => "individual",
            InfluenceLevel::Unit => "unit",
            InfluenceLevel::System => "system",
        }
    }

    /// What influence means at this level, in `lang`.
    pub fn description(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (InfluenceLevel::Individual, Lang::Sv) => {
                "Individnivå: egenmakten stärks genom det egna inflytandet i mötet med vården."
            }
            (InfluenceLevel::Individual, Lang::En) => {
                "Individual level: empowerment through one's own influence in the meeting with care."
            }
            (InfluenceLevel::Unit, Lang::Sv) => {
                "Verksamhetsnivå: patienters erfarenheter används i verksamhetens planering och utveckling."
            }
            (InfluenceLevel::Unit, Lang::En) => {
                "Unit level: patients' experience is used in the unit's planning and development."
            }
            (InfluenceLevel::System, Lang::Sv) => {
                "Systemnivå: patientrepresentanter involveras där arbetet bedrivs och beslut fattas."
            }
            (InfluenceLevel::System, Lang::En) => {
                "System level: patient representatives take part where the work is organised and decisions are made."
            }
        }
    }

    /// The passage the level comes from.
    pub fn citation(self) -> Citation {
        match self {
            InfluenceLevel::Individual => {
                Citation::new(SEED_RKC, 212, "På individnivå stärks egenmakten")
            }
            InfluenceLevel::Unit => Citation::new(
                SEED_RKC,
                213,
                "På verksamhetsnivå stärks och involveras patienter",
            ),
            InfluenceLevel::System => Citation::new(
                SEED_RKC,
                215,
                "På systemnivå stärks och involveras patientrepresentanter",
            ),
        }
    }
}

/// How what was delivered compares with what was promised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PromiseOutcome {
    /// The promised rung was delivered.
    Kept,
    /// A higher rung than promised was delivered.
    Exceeded,
    /// A lower rung than promised was delivered.
    NotKept,
    /// No form of participation was stated as promised: a finding in itself.
    Unstated,
}

impl PromiseOutcome {
    /// Stable snake_case id, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            PromiseOutcome::Kept => "kept",
            PromiseOutcome::Exceeded => "exceeded",
            PromiseOutcome::NotKept => "not_kept",
            PromiseOutcome::Unstated => "unstated",
        }
    }

    /// The outcome in a word or two, in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (PromiseOutcome::Kept, Lang::Sv) => "hållet",
            (PromiseOutcome::Kept, Lang::En) => "kept",
            (PromiseOutcome::Exceeded, Lang::Sv) => "överträffat",
            (PromiseOutcome::Exceeded, Lang::En) => "exceeded",
            (PromiseOutcome::NotKept, Lang::Sv) => "inte hållet",
            (PromiseOutcome::NotKept, Lang::En) => "not kept",
            (PromiseOutcome::Unstated, Lang::Sv) => "inget löfte angivet",
            (PromiseOutcome::Unstated, Lang::En) => "no promise stated",
        }
    }
}

/// The rule id of the promised-versus-delivered check.
pub const PROMISE_RULE_ID: &str = "participation.promise_clarity";

/// The passage that demands clarity about the promised form.
pub fn promise_citation() -> Citation {
    Citation::new(
        SEED_RKC,
        264,
        "Tydlighet med vilken form av delaktighet som utlovas är av yttersta vikt",
    )
}

/// The result of checking a promise of participation against what was
/// delivered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PromiseCheck {
    /// The promised rung, if one was stated.
    pub promised: Option<Rung>,
    /// The delivered rung.
    pub delivered: Rung,
    /// The comparison.
    pub outcome: PromiseOutcome,
    /// Always [`PROMISE_RULE_ID`].
    pub rule_id: &'static str,
    /// The passage the check rests on.
    pub citation: Citation,
}

impl PromiseCheck {
    /// The check explained in `lang`, with its rule and source.
    pub fn explain(&self, lang: Lang) -> String {
        format!(
            "{} [{}] {}",
            self.sentence(lang),
            self.rule_id,
            self.citation.display(lang)
        )
    }

    /// The check in one sentence in `lang`.
    pub fn sentence(&self, lang: Lang) -> String {
        // A rung's name is a common noun within a sentence: lower case.
        let delivered = self.delivered.name(lang).to_lowercase();
        let promised = self
            .promised
            .map(|p| p.name(lang).to_lowercase())
            .unwrap_or_default();
        match (self.outcome, lang) {
            (PromiseOutcome::Unstated, Lang::Sv) => format!("Ingen utlovad form av delaktighet angavs (genomfört: {delivered}). Otydlighet om vilken form som utlovas kan leda till frustration, besvikelse och förlorad tillit."),
            (PromiseOutcome::Unstated, Lang::En) => format!("No promised form of participation was stated (delivered: {delivered}). An unclear form can lead to frustration, disappointment and lost trust."),
            (PromiseOutcome::Kept, Lang::Sv) => format!("Löftet hölls: {promised} utlovades, {delivered} genomfördes."),
            (PromiseOutcome::Kept, Lang::En) => format!("Promise kept: promised {promised}, delivered {delivered}."),
            (PromiseOutcome::Exceeded, Lang::Sv) => format!("Mer än utlovat: {promised} utlovades, {delivered} genomfördes."),
            (PromiseOutcome::Exceeded, Lang::En) => format!("More than promised: promised {promised}, delivered {delivered}."),
            (PromiseOutcome::NotKept, Lang::Sv) => format!("Löftet hölls inte: {promised} utlovades, men bara {delivered} genomfördes."),
            (PromiseOutcome::NotKept, Lang::En) => format!("Promise not kept: promised {promised}, delivered only {delivered}."),
        }
    }
}

/// Checks what was delivered against what was promised: kept when the rungs
/// are equal, exceeded when the delivered rung is higher, not kept when it is
/// lower, and unstated when no promise was given.
pub fn check_promise(promised: Option<Rung>, delivered: Rung) -> PromiseCheck {
    let outcome = match promised {
        None => PromiseOutcome::Unstated,
        Some(p) if delivered == p => PromiseOutcome::Kept,
        Some(p) if delivered > p => PromiseOutcome::Exceeded,
        Some(_) => PromiseOutcome::NotKept,
    };
    PromiseCheck {
        promised,
        delivered,
        outcome,
        rule_id: PROMISE_RULE_ID,
        citation: promise_citation(),
    }
}

/// Every citation of this module, with the id of what carries it.
pub(crate) fn citations() -> Vec<(String, Citation)> {
    Rung::ALL
        .into_iter()
        .map(|r| (format!("participation.rung.{}", r.as_str()), r.citation()))
        .chain(
            InfluenceLevel::ALL
                .into_iter()
                .map(|l| (format!("participation.level.{}", l.as_str()), l.citation())),
        )
        .chain(std::iter::once((
            PROMISE_RULE_ID.to_owned(),
            promise_citation(),
        )))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn methods_classify_in_either_language_and_any_case() {
        assert_eq!(Rung::classify("Fokusgrupp"), Some(Rung::Consultation));
        assert_eq!(Rung::classify("  FOCUS   group "), Some(Rung::Consultation));
        assert_eq!(Rung::classify("öppet hus"), Some(Rung::Information));
        assert_eq!(Rung::classify("ÖPPET HUS"), Some(Rung::Information));
        assert_eq!(Rung::classify("rådslag"), Some(Rung::CoDetermination));
        assert_eq!(
            Rung::classify("co-determination"),
            Some(Rung::CoDetermination)
        );
        assert_eq!(Rung::classify("Dialogseminarium"), Some(Rung::Dialogue));
        assert_eq!(Rung::classify("working group"), Some(Rung::Collaboration));
        assert_eq!(Rung::classify("fika"), None);
        assert_eq!(Rung::classify(""), None);
    }

    #[test]
    fn a_text_names_methods_by_whole_words_and_several_rungs_are_ambiguous() {
        let rungs = |text: &str| classify(text, &[]).rungs;
        // A cell that lists several names each (002…:241-243).
        assert_eq!(rungs("Brukarpanel/Brukarråd"), [Rung::Consultation]);
        assert_eq!(rungs("ett brukarråd"), [Rung::Consultation]);
        assert_eq!(rungs("Vi höll en fokusgrupp i maj."), [Rung::Consultation]);
        assert_eq!(rungs("a focus-group with patients"), [Rung::Consultation]);
        // A compound is not split.
        assert_eq!(rungs("fokusgruppsmöte"), []);
        // Two rungs: both, flagged.
        let both = classify("Enkät och sedan arbetsgrupp", &[]);
        assert_eq!(both.rungs, [Rung::Consultation, Rung::Collaboration]);
        assert!(both.ambiguous);
        assert_eq!(Rung::classify("Enkät och sedan arbetsgrupp"), None);
        assert!(!classify("Enkät", &[]).ambiguous);
        // Names in any case, in either language.
        assert_eq!(rungs("OPEN HOUSE"), [Rung::Information]);
        assert_eq!(rungs("webb"), [Rung::Information]);
        // Inflected forms of a name's last word.
        assert_eq!(rungs("brukarrådet träffas i maj"), [Rung::Consultation]);
        assert_eq!(rungs("två fokusgrupper"), [Rung::Consultation]);
        assert_eq!(rungs("enkäten"), [Rung::Consultation]);
        assert_eq!(rungs("three focus groups"), [Rung::Consultation]);
        assert_eq!(rungs("a joint deliberation"), [Rung::CoDetermination]);
        // A rung's name is an everyday word: only the whole text names it.
        assert_eq!(rungs("information"), [Rung::Information]);
        assert_eq!(rungs("co-determination"), [Rung::CoDetermination]);
        assert_eq!(
            rungs("samarbete om information kring enkäten"),
            [Rung::Consultation]
        );
    }

    #[test]
    fn every_method_of_the_table_classifies_to_its_rung() {
        for rung in Rung::ALL {
            for method in rung.methods() {
                for lang in Lang::ALL {
                    let found = classify(method.get(lang), &[]);
                    assert!(
                        found.rungs.contains(&rung),
                        "{} {:?}",
                        method.get(lang),
                        found
                    );
                    assert!(found
                        .matches
                        .iter()
                        .any(|m| m.method == method.sv && m.rung == rung));
                }
            }
        }
    }

    #[test]
    fn a_user_council_says_its_rung_depends_on_its_mandate() {
        for text in ["Brukarråd", "our user council"] {
            let found = classify(text, &[]);
            let note = found.mandate_note.unwrap();
            assert!(note.sv.contains("mandat") && note.en.contains("mandate"));
        }
        assert!(classify("Fokusgrupp", &[]).mandate_note.is_none());
    }

    #[test]
    fn an_engine_classifies_with_its_units_own_names() {
        let policy = crate::policy::Policy::from_json(
            r#"{"schema_version": 3, "id": "u", "extends": "rkc", "participation_methods": [
                {"name": {"sv": "Patientforum", "en": "Patient forum"}, "rung": "dialogue"}]}"#,
        )
        .unwrap();
        let engine = crate::engine::Engine::new(policy);
        assert_eq!(
            engine.classify_participation("patient forum").rungs,
            [Rung::Dialogue]
        );
        let bare = crate::engine::Engine::builtin(crate::policy::ModelId::Rkc).unwrap();
        assert_eq!(bare.classify_participation("patient forum").rungs, []);
        let err = crate::policy::Policy::from_json(
            r#"{"schema_version": 3, "id": "u", "extends": "rkc", "participation_methods": [
                {"name": {"sv": " ", "en": "Patient forum"}, "rung": "dialogue"}]}"#,
        )
        .unwrap_err();
        assert_eq!(err.path(), Some("participation_methods[0].name.sv"));
    }

    #[test]
    fn a_units_own_method_names_classify_too() {
        let unit = [UnitMethod {
            name: crate::language::Text::new("Patientforum", "Patient forum"),
            rung: Rung::Dialogue,
        }];
        let found = classify("Patientforum i höst", &unit);
        assert_eq!(found.rungs, [Rung::Dialogue]);
        assert!(found.matches[0].by_unit);
        assert_eq!(classify("Patientforum", &[]).rungs, []);
    }

    #[test]
    fn brackets_are_dropped_and_the_text_after_them_kept() {
        assert_eq!(
            unbracketed("Rådslag (joint deliberation) med brukare"),
            "Rådslag  med brukare"
        );
        assert_eq!(unbracketed("(a (b) c) d"), " d");
    }

    #[test]
    fn a_rung_and_a_level_read_as_their_names() {
        assert_eq!(format!("{}", Rung::CoDetermination), "co_determination");
        assert_eq!(format!("{:>12}", Rung::Dialogue), "    dialogue");
        assert!(InfluenceLevel::Individual
            .description(Lang::Sv)
            .starts_with("Individnivå"));
        assert!(InfluenceLevel::Individual
            .description(Lang::En)
            .starts_with("Individual level"));
    }

    #[test]
    fn a_promise_outcome_is_named_as_in_json() {
        use PromiseOutcome::{Exceeded, Kept, NotKept, Unstated};
        let names: Vec<&str> = [Kept, Exceeded, NotKept, Unstated]
            .iter()
            .map(|o| o.as_str())
            .collect();
        assert_eq!(names, ["kept", "exceeded", "not_kept", "unstated"]);
        for outcome in [Kept, Exceeded, NotKept, Unstated] {
            let json = serde_json::to_string(&outcome).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", outcome.as_str()));
        }
    }

    #[test]
    fn every_rung_has_text_in_both_languages() {
        for rung in Rung::ALL {
            for lang in Lang::ALL {
                assert!(!rung.name(lang).is_empty());
                assert!(!rung.characteristic(lang).is_empty());
                assert!(!rung.you_get_to(lang).is_empty());
            }
            assert!(!rung.methods().is_empty());
        }
        assert_eq!(Rung::CoDetermination.you_get_to(Lang::Sv), "Bestämma");
        // The table's characteristic of consultation (kännetecken).
        assert_eq!(
            Rung::Consultation.characteristic(Lang::Sv),
            "Inhämta synpunkter"
        );
        assert_eq!(
            Rung::Consultation.characteristic(Lang::En),
            "Gathering views"
        );
    }

    #[test]
    fn an_unstated_promise_is_a_finding_that_cites_the_clarity_passage() {
        let check = check_promise(None, Rung::Dialogue);
        assert_eq!(check.outcome, PromiseOutcome::Unstated);
        assert!(check.explain(Lang::En).contains("No promised form"));
        assert!(check.explain(Lang::Sv).contains("264"));
    }
}
