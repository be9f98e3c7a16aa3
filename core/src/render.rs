//! The audit as CSV tables, one per rule family, and as one self-contained,
//! printable HTML page for a unit manager, beside its text and JSON
//! ([`AuditReport::to_text`], [`AuditReport::to_json`]), so that Rust, C and
//! Python write the same files.

use crate::audit::{AuditReport, Employment};
use crate::language::Lang;
use crate::participation::Rung;
use std::fmt::Write as _;

/// The names of the tables [`AuditReport::to_csv`] writes, in order.
pub const CSV_TABLES: [&str; 5] = [
    "boundaries",
    "certification",
    "supervision",
    "participation",
    "readiness",
];

/// One CSV cell: control and bidirectional-formatting characters shown
/// escaped (`\u{202e}`), as in the text report; quoted where it holds a
/// comma, a semicolon (the list separator of a Swedish spreadsheet) or a
/// quote (RFC 4180); a text a spreadsheet would run as a formula
/// (one beginning with `=`, `+`, `-` or `@`) gets a leading apostrophe, as
/// OWASP advises, so that it is shown, not run.
fn cell(text: &str) -> String {
    let text = crate::language::esc(text);
    let guarded = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.into_owned()
    };
    if guarded.contains([',', ';', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// A table: its header and rows, CRLF line ends.
fn table(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = header.join(",");
    out.push_str("\r\n");
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A share from 0 to 1: four decimals for CSV, a percentage in words.
fn share(value: Option<f64>, words: Option<Lang>) -> String {
    match (value, words) {
        (None, _) => String::new(),
        (Some(v), None) => format!("{v:.4}"),
        (Some(v), Some(lang)) => crate::language::percent(lang, v, 0),
    }
}

/// An activity's position: from 0 for CSV, as in JSON; from 1 in words,
/// as in the text report.
fn activity(position: usize, words: Option<Lang>) -> String {
    (position + usize::from(words.is_some())).to_string()
}

fn employment(e: Employment, words: Option<Lang>) -> &'static str {
    match (e, words) {
        (Employment::Employed { .. }, None) => "employed",
        (Employment::Volunteer, None) => "volunteer",
        (Employment::Employed { .. }, Some(Lang::Sv)) => "anställd",
        (Employment::Volunteer, Some(Lang::Sv)) => "volontär",
        (Employment::Employed { .. }, Some(Lang::En)) => "employed",
        (Employment::Volunteer, Some(Lang::En)) => "volunteer",
    }
}

/// The HTML text of `text`: control and bidirectional-formatting
/// characters shown escaped, as in the text report, then markup escaped.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::language::esc(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An HTML table of escaped cells.
fn html_table(out: &mut String, header: &[&'static str], rows: &[Vec<String>]) {
    out.push_str("<table>\n<thead><tr>");
    for h in header {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for c in row {
            let _ = write!(out, "<td>{}</td>", esc(c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2em;max-width:60em;color:#111}\
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #999}\
table{border-collapse:collapse;width:100%;font-size:.9em;margin:.5em 0}\
th,td{border:1px solid #bbb;padding:.25em .4em;text-align:left;vertical-align:top}\
th{background:#eee}p.meta{color:#444}\
@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}";

impl AuditReport {
    /// One CSV table per rule family, named as [`CSV_TABLES`]: a header of
    /// stable column names, then a row per finding (texts in the report's
    /// language; lists joined by `;`). RFC 4180, CRLF line ends; see the
    /// cell rules of the module.
    pub fn to_csv(&self) -> Vec<(&'static str, String)> {
        vec![
            (
                "boundaries",
                table(BOUNDARY_COLUMNS, self.boundary_rows(None)),
            ),
            (
                "certification",
                table(CERTIFICATION_COLUMNS, self.certification_rows(None)),
            ),
            (
                "supervision",
                table(SUPERVISION_COLUMNS, self.supervision_rows(None)),
            ),
            (
                "participation",
                table(PARTICIPATION_COLUMNS, self.participation_rows(None)),
            ),
            (
                "readiness",
                table(READINESS_COLUMNS, self.readiness_rows(None)),
            ),
        ]
    }

    /// The report as one self-contained HTML page in the report's language:
    /// no script, no external resource, printable. Every text is escaped.
    pub fn to_html(&self) -> String {
        let lang = self.language;
        let t = |sv: &'static str, en: &'static str| if lang == Lang::Sv { sv } else { en };
        let mut out = String::new();
        let title = format!(
            "{} {} – {}",
            t("Granskning av enheten", "Audit of unit"),
            self.unit_id,
            self.model_name
        );
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
            lang.code(),
            esc(&title),
            esc(&title)
        );
        let _ = writeln!(
            out,
            "<p class=\"meta\">{} {} · {} {} · peer-support {}</p>",
            t("Per", "As of"),
            self.as_of,
            t("policy", "policy"),
            esc(&self.policy_id),
            crate::requests::LIBRARY_VERSION
        );

        let b = &self.boundaries;
        let _ = writeln!(
            out,
            "<h2>1. {}</h2>\n<p>{}: {} · {}: {}</p>",
            t("Rollgränser", "Role boundaries"),
            t("Aktiviteter granskade", "Activities checked"),
            b.checked,
            t("tillåtna utan villkor", "allowed without conditions"),
            b.allowed
        );
        html_table(
            &mut out,
            &headers(BOUNDARY_HEADINGS, lang),
            &self.boundary_rows(Some(lang)),
        );
        let _ = writeln!(
            out,
            "<h2>2. {}</h2>",
            t("Krav och utbildning", "Qualification")
        );
        html_table(
            &mut out,
            &headers(CERTIFICATION_HEADINGS, lang),
            &self.certification_rows(Some(lang)),
        );
        let _ = writeln!(out, "<h2>3. {}</h2>", t("Handledning", "Supervision"));
        html_table(
            &mut out,
            &headers(SUPERVISION_HEADINGS, lang),
            &self.supervision_rows(Some(lang)),
        );
        let p = &self.participation;
        let _ = writeln!(
            out,
            "<h2>4. {}</h2>\n<p>{}: {} · {}: {} · {}: {} · {}: {}</p>",
            t("Delaktighet", "Participation"),
            t("hållna", "kept"),
            p.kept,
            t("överträffade", "exceeded"),
            p.exceeded,
            t("inte hållna", "not kept"),
            p.not_kept,
            t("utan angivet löfte", "no promise stated"),
            p.unstated
        );
        html_table(
            &mut out,
            &headers(PARTICIPATION_HEADINGS, lang),
            &self.participation_rows(Some(lang)),
        );
        let r = &self.readiness;
        let _ = writeln!(
            out,
            "<h2>5. {}</h2>\n<p>{}</p>",
            t("Implementeringsberedskap", "Implementation readiness"),
            if r.ready {
                t("Redo.", "Ready.")
            } else {
                t("Inte redo.", "Not ready.")
            }
        );
        html_table(
            &mut out,
            &headers(READINESS_HEADINGS, lang),
            &self.readiness_rows(Some(lang)),
        );
        if !r.missing.is_empty() {
            let _ = writeln!(out, "<p>{}</p>\n<ul>", t("Saknas:", "Missing:"));
            for f in &r.missing {
                let _ = writeln!(out, "<li>[{}] {}</li>", esc(&f.rule_id), esc(&f.text));
            }
            out.push_str("</ul>\n");
        }
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", esc(&r.scale));
        out.push_str("</body>\n</html>\n");
        out
    }

    fn boundary_rows(&self, words: Option<Lang>) -> Vec<Vec<String>> {
        self.boundaries
            .findings
            .iter()
            .map(|f| {
                vec![
                    activity(f.activity, words),
                    f.date.to_string(),
                    f.supporter.clone(),
                    f.patient.clone().unwrap_or_default(),
                    f.action.clone(),
                    f.label.clone(),
                    words
                        .map_or(f.outcome.as_str(), |l| f.outcome.name(l))
                        .to_owned(),
                    join(f.rules.iter().map(|r| r.rule_id.as_str())),
                    join(f.conditions.iter().map(|c| c.id.as_str())),
                ]
            })
            .collect()
    }

    fn certification_rows(&self, words: Option<Lang>) -> Vec<Vec<String>> {
        self.certification
            .iter()
            .map(|c| {
                let r = &c.report;
                vec![
                    c.supporter.clone(),
                    employment(c.employment, words).to_owned(),
                    r.standing.as_str().to_owned(),
                    r.status.id.clone(),
                    r.status.label.clone(),
                    words
                        .map_or(r.status.category.as_str(), |l| r.status.category.name(l))
                        .to_owned(),
                    r.met_on.map(|d| d.to_string()).unwrap_or_default(),
                    join(r.missing.iter().map(|u| u.rule_id.as_str())),
                    join(r.unmet_recommendations.iter().map(|u| u.rule_id.as_str())),
                ]
            })
            .collect()
    }

    fn supervision_rows(&self, words: Option<Lang>) -> Vec<Vec<String>> {
        let lang = self.language;
        self.supervision
            .iter()
            .flat_map(|s| {
                s.kinds.iter().map(move |k| {
                    vec![
                        s.supporter.clone(),
                        k.kind.as_str().to_owned(),
                        k.label.clone(),
                        k.last_session.map(|d| d.to_string()).unwrap_or_default(),
                        k.next_due.to_string(),
                        k.days_overdue.to_string(),
                        k.longest_gap_days.to_string(),
                        k.interval.describe(lang),
                        k.window_days.to_string(),
                        k.overdue_days.to_string(),
                        share(k.compliance, words),
                        k.cadence_source.clone(),
                    ]
                })
            })
            .collect()
    }

    fn participation_rows(&self, words: Option<Lang>) -> Vec<Vec<String>> {
        let rung = |r: Rung| words.map_or(r.as_str(), |l| r.name(l)).to_owned();
        self.participation
            .findings
            .iter()
            .map(|f| {
                vec![
                    activity(f.activity, words),
                    f.date.to_string(),
                    f.supporter.clone(),
                    f.promised.map(rung).unwrap_or_default(),
                    rung(f.delivered),
                    words
                        .map_or(f.outcome.as_str(), |l| f.outcome.name(l))
                        .to_owned(),
                ]
            })
            .collect()
    }

    fn readiness_rows(&self, words: Option<Lang>) -> Vec<Vec<String>> {
        self.readiness
            .components
            .iter()
            .map(|c| {
                vec![
                    c.component.clone(),
                    c.label.clone(),
                    share(c.score, words),
                    c.in_place.to_string(),
                    c.due.to_string(),
                ]
            })
            .collect()
    }
}

/// The headings of a table in `lang`.
fn headers(headings: &[(&'static str, &'static str)], lang: Lang) -> Vec<&'static str> {
    headings
        .iter()
        .map(|&(sv, en)| if lang == Lang::Sv { sv } else { en })
        .collect()
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(";")
}

const BOUNDARY_COLUMNS: &[&str] = &[
    "activity",
    "date",
    "supporter",
    "patient",
    "action",
    "label",
    "outcome",
    "rule_ids",
    "condition_ids",
];
const CERTIFICATION_COLUMNS: &[&str] = &[
    "supporter",
    "employment",
    "standing",
    "status",
    "status_label",
    "category",
    "met_on",
    "missing",
    "unmet_recommendations",
];
const SUPERVISION_COLUMNS: &[&str] = &[
    "supporter",
    "kind",
    "label",
    "last_session",
    "next_due",
    "days_overdue",
    "longest_gap_days",
    "interval",
    "window_days",
    "overdue_days",
    "compliance",
    "cadence_source",
];
const PARTICIPATION_COLUMNS: &[&str] = &[
    "activity",
    "date",
    "supporter",
    "promised",
    "delivered",
    "outcome",
];
const READINESS_COLUMNS: &[&str] = &["component", "label", "score", "in_place", "due"];

// The HTML page's headings, column for column, in Swedish and English.
const BOUNDARY_HEADINGS: &[(&str, &str)] = &[
    ("Aktivitet", "Activity"),
    ("Datum", "Date"),
    ("Peer supporter", "Peer supporter"),
    ("Patient", "Patient"),
    ("Åtgärd", "Action"),
    ("Beskrivning", "Description"),
    ("Utfall", "Outcome"),
    ("Regler", "Rules"),
    ("Villkor", "Conditions"),
];
const CERTIFICATION_HEADINGS: &[(&str, &str)] = &[
    ("Peer supporter", "Peer supporter"),
    ("Anställning", "Employment"),
    ("Läge", "Standing"),
    ("Status", "Status"),
    ("Status i modellens ord", "Status in the model's words"),
    ("Kategori", "Category"),
    ("Uppfyllt", "Met on"),
    ("Saknas", "Missing"),
    ("Ej uppfyllda rekommendationer", "Unmet recommendations"),
];
const SUPERVISION_HEADINGS: &[(&str, &str)] = &[
    ("Peer supporter", "Peer supporter"),
    ("Slag", "Kind"),
    ("Handledning", "Supervision"),
    ("Senaste", "Last session"),
    ("Nästa senast", "Next due"),
    ("Dagar försenad", "Days overdue"),
    ("Längsta glapp (dagar)", "Longest gap (days)"),
    ("Intervall", "Interval"),
    ("Dagar i perioden", "Days in the window"),
    ("Dagar försenad i perioden", "Days overdue in the window"),
    ("Följsamhet", "Compliance"),
    ("Intervallets källa", "Interval from"),
];
const PARTICIPATION_HEADINGS: &[(&str, &str)] = &[
    ("Aktivitet", "Activity"),
    ("Datum", "Date"),
    ("Peer supporter", "Peer supporter"),
    ("Utlovat", "Promised"),
    ("Levererat", "Delivered"),
    ("Utfall", "Outcome"),
];
const READINESS_HEADINGS: &[(&str, &str)] = &[
    ("Komponent", "Component"),
    ("Namn", "Name"),
    ("Poäng (projektets skala)", "Score (the project's scale)"),
    ("På plats", "In place"),
    ("Aktuella", "Due"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_quoted_where_csv_needs_it_and_a_formula_is_shown_not_run() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "two\\u{000a}lines");
        assert_eq!(cell("\u{202e}txt"), "\\u{202e}txt");
        assert_eq!(cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(cell("-1+2"), "'-1+2");
        assert_eq!(cell("@x,y"), "\"'@x,y\"");
        assert_eq!(cell("x;=1+1"), "\"x;=1+1\"");
        assert_eq!(cell(""), "");
    }

    #[test]
    fn every_html_table_has_a_heading_per_csv_column() {
        let pairs = [
            (BOUNDARY_COLUMNS.len(), BOUNDARY_HEADINGS.len()),
            (CERTIFICATION_COLUMNS.len(), CERTIFICATION_HEADINGS.len()),
            (SUPERVISION_COLUMNS.len(), SUPERVISION_HEADINGS.len()),
            (PARTICIPATION_COLUMNS.len(), PARTICIPATION_HEADINGS.len()),
            (READINESS_COLUMNS.len(), READINESS_HEADINGS.len()),
        ];
        for (columns, headings) in pairs {
            assert_eq!(columns, headings);
        }
    }

    #[test]
    fn html_escapes_every_markup_character() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(esc("a\u{202e}b"), "a\\u{202e}b");
    }
}
