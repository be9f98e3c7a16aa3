//! The library's main job: audit one unit's records against its model.
//!
//! ```sh
//! cargo run --release --example audit -- examples/data/rkc_preparing.json --lang sv --format text
//! ```
//!
//! Prints the report on standard output. Bad input prints one error naming
//! the JSON path on standard error, no report, and exits with status 2; bad
//! arguments exit with status 64.

use peer_support::audit;
use peer_support::Lang;
use std::process::ExitCode;

const USAGE: &str = "usage: audit <unit.json> [--lang sv|en] [--format text|json]";

enum Format {
    Text,
    Json,
}

fn parse_args(args: &[String]) -> Result<(String, Lang, Format), String> {
    let mut file = None;
    let mut lang = Lang::Sv;
    let mut format = Format::Text;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--lang" => {
                let value = args.next().ok_or("--lang needs sv or en")?;
                lang = value.parse().map_err(|e| format!("--lang: {e}"))?;
            }
            "--format" => {
                format = match args.next().map(String::as_str) {
                    Some("text") => Format::Text,
                    Some("json") => Format::Json,
                    _ => return Err("--format needs text or json".to_owned()),
                };
            }
            "-h" | "--help" => return Err(String::new()),
            other if file.is_none() && !other.starts_with("--") => file = Some(other.to_owned()),
            _ => {
                return Err(format!(
                    "unexpected argument at position {}",
                    file.iter().count() + 1
                ))
            }
        }
    }
    Ok((file.ok_or("no unit file given")?, lang, format))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (file, lang, format) = match parse_args(&args) {
        Ok(parsed) => parsed,
        Err(problem) => {
            if !problem.is_empty() {
                eprintln!("audit: {problem}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(64);
        }
    };
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("audit: {file}: cannot be read ({})", e.kind());
            return ExitCode::from(2);
        }
    };
    match audit::run(&text, lang) {
        Ok(report) => {
            match format {
                Format::Text => print!("{}", report.to_text()),
                Format::Json => println!("{}", report.to_json()),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("audit: {file}: {e}");
            ExitCode::from(2)
        }
    }
}
