//! The library's main job: audit one unit's records against its model.
//!
//! ```sh
//! cargo run --release --example audit -- examples/data/rkc_preparing.json --lang sv --format text
//! cargo run --release --example audit -- examples/data/rkc_preparing.json --format html > audit.html
//! cargo run --release --example audit -- examples/data/rkc_preparing.json --format csv --out tables/
//! ```
//!
//! With `--policy-report`, the file is a unit policy (or the id of a
//! built-in model) and the output is the policy report: every action's
//! outcome under the model beside the unit's, the deviations and the
//! parameters.
//!
//! Prints the report on standard output and exits with status 0. Bad input
//! prints one error naming the JSON path on standard error, no report, and
//! exits with status 2; bad arguments exit with status 64; a report that
//! cannot be written (a closed pipe, a full disk) prints one message on
//! standard error and exits with status 74. `--help` prints the usage on
//! standard output and exits with status 0.

use peer_support::audit;
use peer_support::policy_report::PolicyReport;
use peer_support::{Engine, Lang, ModelId, Policy};
use std::io::{self, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: audit <unit.json> [--lang sv|en] [--format text|json|html|csv] [--out DIR]
       audit --policy-report <policy.json|nsph|rkc|skane_mentor|base> [--lang sv|en] [--format text|json]";

const HELP: &str = "\
audit: audit one unit's records against its peer-support model.

usage: audit <unit.json> [--lang sv|en] [--format text|json|html|csv] [--out DIR]
       audit --policy-report <policy.json|nsph|rkc|skane_mentor|base> [--lang sv|en] [--format text|json]

  <unit.json>          the unit's records (see examples/data/README.md)
  --policy-report      report on a unit policy instead: each task's outcome
                       under the model beside the unit's, what changed, the
                       deviations and the parameters (a model id reports on
                       the bare model)
  --lang sv|en         the report's language (default: sv)
  --format FORMAT      the report's format (default: text): text, json, html
                       (one self-contained, printable page) or csv (one table
                       per rule family, written into --out DIR; the audit only)
  --out DIR            with --format csv: the directory the tables are
                       written to (boundaries.csv, certification.csv, ...)
  -h, --help           print this help on standard output and exit

exit status:
  0    the report (or this help) was printed
  2    bad input: the file is unreadable or not a valid unit record (or policy)
  64   bad arguments
  74   the report could not be written (to standard output, or into DIR)
";

/// The report was printed (or the help).
const EXIT_OK: u8 = 0;
/// The unit file could not be read or is not a valid unit record.
const EXIT_BAD_INPUT: u8 = 2;
/// Bad arguments (EX_USAGE).
const EXIT_USAGE: u8 = 64;
/// The report could not be written (EX_IOERR).
const EXIT_IOERR: u8 = 74;

/// The report's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Html,
    Csv,
}

/// What to audit, and how to print it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Options {
    file: String,
    policy_report: bool,
    lang: Lang,
    format: Format,
    /// Where `--format csv` writes its tables.
    out: Option<String>,
}

/// What the arguments ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Command {
    /// Audit a unit file.
    Run(Options),
    /// Print the help.
    Help,
}

/// Reads the arguments after the program name.
///
/// `-h` or `--help` anywhere asks for the help. Otherwise the error is the
/// message to print after `audit: `; it names the argument at fault, and
/// positions count from 1 over the arguments after the program name.
fn parse_args(args: &[String]) -> Result<Command, String> {
    if args.iter().any(|arg| arg == "-h" || arg == "--help") {
        return Ok(Command::Help);
    }
    let mut file: Option<String> = None;
    let mut policy_report = false;
    let mut lang = Lang::Sv;
    let mut format = Format::Text;
    let mut out: Option<String> = None;
    let mut args = args.iter().enumerate().map(|(i, arg)| (i + 1, arg));
    while let Some((position, arg)) = args.next() {
        match arg.as_str() {
            "--lang" => {
                let (_, value) = args
                    .next()
                    .ok_or_else(|| "--lang needs a value: sv or en".to_owned())?;
                lang = parse_lang(value).ok_or_else(|| {
                    "--lang: unsupported language code: use \"sv\" or \"en\"".to_owned()
                })?;
            }
            "--policy-report" => policy_report = true,
            "--format" => {
                format = match args.next().map(|(_, value)| value.as_str()) {
                    Some("text") => Format::Text,
                    Some("json") => Format::Json,
                    Some("html") => Format::Html,
                    Some("csv") => Format::Csv,
                    _ => return Err("--format needs text, json, html or csv".to_owned()),
                };
            }
            "--out" => {
                let (_, dir) = args
                    .next()
                    .ok_or_else(|| "--out needs a directory".to_owned())?;
                out = Some(dir.to_owned());
            }
            option if option.starts_with('-') && option != "-" => {
                return Err(format!("unknown option {option}"));
            }
            path => {
                if file.is_some() {
                    return Err(format!(
                        "unexpected argument {position}: only one file is taken"
                    ));
                }
                file = Some(path.to_owned());
            }
        }
    }
    let file = file.ok_or_else(|| "no file given".to_owned())?;
    if policy_report && matches!(format, Format::Html | Format::Csv) {
        return Err("--format html and csv are for the audit, not the policy report".to_owned());
    }
    match (format, &out) {
        (Format::Csv, None) => return Err("--format csv needs --out DIR".to_owned()),
        (Format::Text | Format::Json | Format::Html, Some(_)) => {
            return Err("--out is for --format csv".to_owned())
        }
        _ => {}
    }
    Ok(Command::Run(Options {
        file,
        policy_report,
        lang,
        format,
        out,
    }))
}

/// Reads `sv` or `en`, in any case.
fn parse_lang(code: &str) -> Option<Lang> {
    if code.eq_ignore_ascii_case("sv") {
        Some(Lang::Sv)
    } else if code.eq_ignore_ascii_case("en") {
        Some(Lang::En)
    } else {
        None
    }
}

/// Writes `text` in full to `out` and flushes it.
fn write_report(out: &mut dyn Write, text: &str) -> io::Result<()> {
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Writes `text` (the report, or the help) to `out`. On failure, prints one
/// message on `err` and returns `EXIT_IOERR`; otherwise returns `EXIT_OK`.
fn deliver(out: &mut dyn Write, err: &mut dyn Write, what: &str, text: &str) -> u8 {
    match write_report(out, text) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            // Nothing more can be done if standard error fails too.
            let _ = writeln!(
                err,
                "audit: cannot write the {what} to standard output ({})",
                e.kind()
            );
            EXIT_IOERR
        }
    }
}

/// Runs the command; returns the exit status.
fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let options = match parse_args(args) {
        Ok(Command::Run(options)) => options,
        Ok(Command::Help) => return deliver(out, err, "help", HELP),
        Err(problem) => {
            let _ = writeln!(err, "audit: {problem}\n{USAGE}");
            return EXIT_USAGE;
        }
    };
    let file = &options.file;
    if options.policy_report {
        return policy_report(&options, out, err);
    }
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => {
            let _ = writeln!(err, "audit: {file}: cannot be read ({})", e.kind());
            return EXIT_BAD_INPUT;
        }
    };
    let report = audit::run(&text, options.lang);
    match (options.format, &options.out, report) {
        (Format::Html, _, Ok(report)) => deliver(out, err, "report", &report.to_html()),
        (Format::Csv, Some(dir), Ok(report)) => write_tables(dir, &report.to_csv(), err),
        (_, _, report) => finish(report, &options, out, err),
    }
}

/// Writes each CSV table into `dir` (made if missing) as `<table>.csv`;
/// returns the exit status.
fn write_tables(dir: &str, tables: &[(&str, String)], err: &mut dyn Write) -> u8 {
    let dir = std::path::Path::new(dir);
    for (table, csv) in tables {
        let path = dir.join(format!("{table}.csv"));
        if let Err(e) = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&path, csv)) {
            let _ = writeln!(err, "audit: cannot write {} ({})", path.display(), e.kind());
            return EXIT_IOERR;
        }
    }
    EXIT_OK
}

/// A report the command prints: the audit or the policy report.
trait Report {
    fn to_text(&self) -> String;
    fn to_json(&self) -> String;
}

impl Report for audit::AuditReport {
    fn to_text(&self) -> String {
        audit::AuditReport::to_text(self)
    }
    fn to_json(&self) -> String {
        audit::AuditReport::to_json(self)
    }
}

impl Report for PolicyReport {
    fn to_text(&self) -> String {
        PolicyReport::to_text(self)
    }
    fn to_json(&self) -> String {
        PolicyReport::to_json(self)
    }
}

/// Prints `result`: the report in the asked format, or the error naming the
/// file; returns the exit status.
fn finish<E: std::fmt::Display>(
    result: Result<impl Report, E>,
    options: &Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    match result {
        Ok(report) => {
            let rendered = match options.format {
                Format::Json => report.to_json() + "\n",
                // HTML and CSV were written before (the audit) or refused
                // with the arguments (the policy report).
                Format::Text | Format::Html | Format::Csv => report.to_text(),
            };
            deliver(out, err, "report", &rendered)
        }
        Err(e) => {
            let _ = writeln!(err, "audit: {}: {e}", options.file);
            EXIT_BAD_INPUT
        }
    }
}

/// Prints the policy report on the policy (or built-in model) `options`
/// names; returns the exit status.
fn policy_report(options: &Options, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let file = &options.file;
    let policy = match file.parse::<ModelId>() {
        Ok(model) => Policy::builtin(model),
        Err(_) => Policy::from_file(file),
    };
    let report = policy.and_then(|p| PolicyReport::new(&Engine::new(p), options.lang));
    finish(report, options, out, err)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdout = io::stdout();
    let stderr = io::stderr();
    let status = run(&args, &mut stdout.lock(), &mut stderr.lock());
    ExitCode::from(status)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    /// A writer whose every write and flush fails with `kind`.
    struct Failing(io::ErrorKind);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(self.0))
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::Error::from(self.0))
        }
    }

    /// A writer that takes the bytes but fails on flush, as a buffered
    /// standard output does when the disk is full.
    struct FailingFlush(Vec<u8>);

    impl Write for FailingFlush {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::Error::from(io::ErrorKind::StorageFull))
        }
    }

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|&arg| arg.to_owned()).collect()
    }

    fn problem(list: &[&str]) -> String {
        parse_args(&args(list)).unwrap_err()
    }

    #[test]
    fn a_broken_pipe_is_an_error_and_exit_74_not_a_panic() {
        let error = write_report(&mut Failing(io::ErrorKind::BrokenPipe), "report\n").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::BrokenPipe);

        let mut err = Vec::new();
        let status = deliver(
            &mut Failing(io::ErrorKind::BrokenPipe),
            &mut err,
            "report",
            "report\n",
        );
        assert_eq!(status, EXIT_IOERR);
        assert_eq!(status, 74);
        let err = String::from_utf8(err).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("audit: cannot write the report"), "{err}");
        assert!(
            err.contains(&io::ErrorKind::BrokenPipe.to_string()),
            "{err}"
        );
    }

    #[test]
    fn a_full_disk_or_other_write_error_is_an_error_and_exit_74() {
        for kind in [
            io::ErrorKind::StorageFull,
            io::ErrorKind::PermissionDenied,
            io::ErrorKind::Other,
        ] {
            let error = write_report(&mut Failing(kind), "report\n").unwrap_err();
            assert_eq!(error.kind(), kind);
            let mut err = Vec::new();
            let status = deliver(&mut Failing(kind), &mut err, "report", "report\n");
            assert_eq!(status, EXIT_IOERR, "{kind:?}");
            let err = String::from_utf8(err).unwrap();
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(err.contains("cannot write the report"), "{err}");
        }
    }

    #[test]
    fn a_failed_flush_is_an_error_too() {
        let mut out = FailingFlush(Vec::new());
        let error = write_report(&mut out, "report\n").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
        let mut err = Vec::new();
        assert_eq!(
            deliver(&mut out, &mut err, "report", "report\n"),
            EXIT_IOERR
        );
    }

    #[test]
    fn a_working_writer_gets_the_whole_report_and_exit_0() {
        let mut out = Vec::new();
        let mut err = Vec::new();
        assert_eq!(deliver(&mut out, &mut err, "report", "one\ntwo\n"), EXIT_OK);
        assert_eq!(out, b"one\ntwo\n");
        assert!(err.is_empty());
    }

    #[test]
    fn help_is_asked_for_by_either_spelling_anywhere() {
        for list in [
            &["-h"][..],
            &["--help"],
            &["unit.json", "--help"],
            &["a.json", "b.json", "-h"],
            &["--frmat", "--help"],
        ] {
            assert_eq!(parse_args(&args(list)), Ok(Command::Help), "{list:?}");
        }
    }

    #[test]
    fn help_goes_to_standard_output_with_the_exit_statuses_and_exit_0() {
        let mut out = Vec::new();
        let mut err = Vec::new();
        assert_eq!(run(&args(&["--help"]), &mut out, &mut err), EXIT_OK);
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains(USAGE), "{out}");
        for status in ["0 ", "2 ", "64 ", "74 "] {
            assert!(out.contains(&format!("\n  {status}")), "{status}: {out}");
        }
        assert!(err.is_empty());
    }

    #[test]
    fn help_that_cannot_be_written_exits_74() {
        let mut err = Vec::new();
        let status = run(
            &args(&["--help"]),
            &mut Failing(io::ErrorKind::BrokenPipe),
            &mut err,
        );
        assert_eq!(status, EXIT_IOERR);
        assert_eq!(String::from_utf8(err).unwrap().lines().count(), 1);
    }

    #[test]
    fn good_arguments_are_read() {
        assert_eq!(
            parse_args(&args(&["u.json"])),
            Ok(Command::Run(Options {
                file: "u.json".to_owned(),
                policy_report: false,
                lang: Lang::Sv,
                format: Format::Text,
                out: None,
            }))
        );
        assert_eq!(
            parse_args(&args(&["--lang", "EN", "--format", "json", "u.json"])),
            Ok(Command::Run(Options {
                file: "u.json".to_owned(),
                policy_report: false,
                lang: Lang::En,
                format: Format::Json,
                out: None,
            }))
        );
        assert_eq!(
            parse_args(&args(&["--policy-report", "rkc", "--lang", "en"])),
            Ok(Command::Run(Options {
                file: "rkc".to_owned(),
                policy_report: true,
                lang: Lang::En,
                format: Format::Text,
                out: None,
            }))
        );
    }

    #[test]
    fn a_second_file_is_named_by_its_position_counted_from_1() {
        let tail = ": only one file is taken";
        assert_eq!(
            problem(&["a.json", "b.json"]),
            format!("unexpected argument 2{tail}")
        );
        assert_eq!(
            problem(&["a.json", "b.json", "c.json"]),
            format!("unexpected argument 2{tail}")
        );
        assert_eq!(
            problem(&["--lang", "en", "a.json", "b.json"]),
            format!("unexpected argument 4{tail}")
        );
        assert_eq!(
            problem(&["a.json", "--format", "json", "--lang", "sv", "b.json"]),
            format!("unexpected argument 6{tail}")
        );
    }

    #[test]
    fn each_argument_error_names_the_argument() {
        assert_eq!(problem(&["--frmat", "json"]), "unknown option --frmat");
        assert_eq!(problem(&["u.json", "-x"]), "unknown option -x");
        assert_eq!(
            problem(&["u.json", "--lang"]),
            "--lang needs a value: sv or en"
        );
        assert_eq!(
            problem(&["u.json", "--lang", "fr"]),
            "--lang: unsupported language code: use \"sv\" or \"en\""
        );
        assert_eq!(
            problem(&["u.json", "--format"]),
            "--format needs text, json, html or csv"
        );
        assert_eq!(
            problem(&["u.json", "--format", "xml"]),
            "--format needs text, json, html or csv"
        );
        assert_eq!(problem(&[]), "no file given");
        assert_eq!(problem(&["--lang", "en"]), "no file given");
    }

    #[test]
    fn an_argument_error_prints_the_message_and_usage_on_stderr_and_exits_64() {
        let mut out = Vec::new();
        let mut err = Vec::new();
        let status = run(&args(&["a.json", "b.json"]), &mut out, &mut err);
        assert_eq!(status, EXIT_USAGE);
        assert_eq!(status, 64);
        assert!(out.is_empty());
        assert_eq!(
            String::from_utf8(err).unwrap(),
            format!("audit: unexpected argument 2: only one file is taken\n{USAGE}\n")
        );
    }

    #[test]
    fn an_unreadable_file_exits_2_with_one_line_and_no_report() {
        let mut out = Vec::new();
        let mut err = Vec::new();
        let status = run(&args(&["/nonexistent/unit.json"]), &mut out, &mut err);
        assert_eq!(status, EXIT_BAD_INPUT);
        assert!(out.is_empty());
        let err = String::from_utf8(err).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with("audit: /nonexistent/unit.json: cannot be read"),
            "{err}"
        );
    }

    #[test]
    fn html_goes_to_standard_output_and_csv_into_a_directory() {
        let unit = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../examples/data/vgr_ward.json"
        );
        let text = std::fs::read_to_string(unit).unwrap();
        let report = audit::run(&text, Lang::En).unwrap();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = run(
            &args(&[unit, "--lang", "en", "--format", "html"]),
            &mut out,
            &mut err,
        );
        assert_eq!(status, EXIT_OK);
        assert_eq!(String::from_utf8(out).unwrap(), report.to_html());
        let dir = std::env::temp_dir().join(format!("peer-support-csv-{}", std::process::id()));
        let dir_arg = dir.to_str().unwrap();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = run(
            &args(&[unit, "--lang", "en", "--format", "csv", "--out", dir_arg]),
            &mut out,
            &mut err,
        );
        assert_eq!(status, EXIT_OK, "{}", String::from_utf8_lossy(&err));
        assert!(out.is_empty());
        for (table, csv) in report.to_csv() {
            assert_eq!(
                std::fs::read_to_string(dir.join(format!("{table}.csv"))).unwrap(),
                csv
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn csv_needs_a_directory_and_the_policy_report_takes_neither_html_nor_csv() {
        assert_eq!(
            problem(&["u.json", "--format", "csv"]),
            "--format csv needs --out DIR"
        );
        assert_eq!(
            problem(&["u.json", "--out", "d"]),
            "--out is for --format csv"
        );
        assert_eq!(
            problem(&["u.json", "--format", "csv", "--out"]),
            "--out needs a directory"
        );
        assert_eq!(
            problem(&["--policy-report", "rkc", "--format", "html"]),
            "--format html and csv are for the audit, not the policy report"
        );
    }

    #[test]
    fn a_directory_that_cannot_be_written_exits_74_with_one_line() {
        let unit = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../examples/data/vgr_ward.json"
        );
        let (mut out, mut err) = (Vec::new(), Vec::new());
        // A directory under a file cannot be made.
        let status = run(
            &args(&[unit, "--format", "csv", "--out", unit]),
            &mut out,
            &mut err,
        );
        assert_eq!(status, EXIT_IOERR);
        let err = String::from_utf8(err).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("audit: cannot write "), "{err}");
    }
}
