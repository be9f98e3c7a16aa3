//! Benchmark: the unit audit's cost per megabyte of input, for records of
//! about 1, 10 and 100 MB, ordinary and adversarial. Run:
//! `cargo bench -p peer-support --bench scaling` (add `-- quick` to stop at
//! 10 MB).
//!
//! - *ordinary*: supporters with a few years of weekly supervision, NSPH
//!   evidence and activities, as a ward would record them;
//! - *adversarial*: the costliest cadences the limits allow — a unit policy
//!   whose every supervision kind is due daily, in 16 phases alternating days
//!   and months, and whose renewal period is one day — over the whole
//!   calendar (1900-01-01 to 2199-12-31), for every supporter.
//!
//! The audit must cost time linear in its input whatever the dates and
//! intervals: the figure to watch is seconds per MB, which should stay flat
//! (within 1.5×) across sizes. This measures and prints; it asserts nothing.

use peer_support::{audit, Lang};
use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Instant;

const KINDS: [&str; 4] = [
    "experience_based",
    "regional_peer_group",
    "line_or_clinical",
    "peer_to_peer",
];

const EVIDENCE: [&str; 7] = [
    "lived_experience",
    "swedish_language",
    "nsph_module_working_as_peer",
    "nsph_module_society_orientation",
    "nsph_module_working_tools",
    "nsph_module_attitude_approach",
    "nsph_training_approved",
];

fn adversarial_policy() -> String {
    let cit = r#"{"source":"unit-doc","line":1,"quote":"q"}"#;
    let msg = r#"{"sv":"s","en":"e"}"#;
    let phases: Vec<String> = (0..16)
        .map(|i| {
            let from = if i == 0 {
                String::new()
            } else {
                format!(r#""from":{{"months":{}}},"#, i * 6)
            };
            let every = if i % 2 == 0 {
                r#"{"days":1}"#
            } else {
                r#"{"months":1}"#
            };
            format!(r#"{{{from}"every":{every}}}"#)
        })
        .collect();
    let rules: Vec<String> = KINDS
        .iter()
        .map(|kind| {
            format!(
                r#"{{"id":"u.sup.{kind}","kind":"{kind}","cadence":[{}],"cadence_source":{msg},"citation":{cit},"message":{msg}}}"#,
                phases.join(",")
            )
        })
        .collect();
    format!(
        r#"{{"schema_version":3,"id":"u-adversarial","extends":"nsph","supervision":[{}],
        "certification":{{"renewal":{{"id":"u.renewal","period":{{"days":1}},"continuing_education":{{"evidence":"continuing_education","total":0}},"citation":{cit},"message":{msg}}}}}}}"#,
        rules.join(",")
    )
}

/// A unit record of at least `bytes` bytes.
fn record(bytes: usize, adversarial: bool) -> String {
    let (start, as_of) = if adversarial {
        ("1900-01-01", "2199-12-31")
    } else {
        ("2022-01-03", "2026-11-24")
    };
    let mut out = format!(
        r#"{{"schema_version":3,"unit_id":"u","model":"nsph",{}"as_of":"{as_of}","supporters":["#,
        if adversarial {
            format!(r#""policy":{},"#, adversarial_policy())
        } else {
            String::new()
        }
    );
    let mut i = 0usize;
    let mut activities = String::new();
    while out.len() + activities.len() < bytes {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            r#"{{"id":"s{i}","employment":{{"form":"employed","since":"{start}"}},"start":"{start}","evidence":["#
        );
        for (j, kind) in EVIDENCE.iter().enumerate() {
            let _ = write!(
                out,
                r#"{}{{"kind":"{kind}","date":"{start}"}}"#,
                if j > 0 { "," } else { "" }
            );
        }
        let _ = write!(out, r#"],"supervision":{{"sessions":["#);
        for w in 0..40u32 {
            let date = chrono::NaiveDate::from_ymd_opt(2022, 1, 3).unwrap_or_default()
                + chrono::Days::new(u64::from(w * 7 + (i as u32 % 5)));
            let _ = write!(
                out,
                r#"{}{{"date":"{date}","kind":"{}"}}"#,
                if w > 0 { "," } else { "" },
                KINDS[(w as usize + i) % 4]
            );
        }
        out.push_str("]}}");
        for a in 0..5 {
            let _ = write!(
                activities,
                r#"{}{{"date":"2026-0{}-0{}","supporter":"s{i}","action":"outreach.information","promised":"dialogue","delivered":"consultation"}}"#,
                if activities.is_empty() { "" } else { "," },
                a + 1,
                a + 1
            );
        }
        i += 1;
    }
    let _ = write!(out, r#"],"activities":[{activities}]}}"#);
    out
}

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    let sizes: &[usize] = if quick { &[1, 10] } else { &[1, 10, 100] };
    println!(
        "{:<12} {:>8} {:>10} {:>10} {:>9}",
        "record", "MB", "seconds", "s/MB", "supporters"
    );
    for adversarial in [false, true] {
        for &mb in sizes {
            let text = record(mb << 20, adversarial);
            let megabytes = text.len() as f64 / f64::from(1u32 << 20);
            let start = Instant::now();
            let report = audit::run(black_box(&text), Lang::En);
            let rendered = report.as_ref().map(|r| r.to_json().len());
            let seconds = start.elapsed().as_secs_f64();
            let supporters = report.as_ref().map(|r| r.supervision.len()).unwrap_or(0);
            if let Err(e) = &report {
                println!("error: {e}");
            }
            black_box(rendered.ok());
            println!(
                "{:<12} {:>8.1} {:>10.3} {:>10.4} {:>9}",
                if adversarial {
                    "adversarial"
                } else {
                    "ordinary"
                },
                megabytes,
                seconds,
                seconds / megabytes,
                supporters
            );
        }
    }
}
