//! Benchmark: supervision sessions evaluated per second, for a unit of
//! peer supporters each with years of weekly sessions of both RKC kinds,
//! at several sizes to show how the cost grows.
//! Run: `cargo bench -p peer-support --bench supervision`.
//!
//! This measures and prints; it asserts nothing about speed.

use peer_support::{Engine, ModelId, NaiveDate, Session, SupervisionKind, SupervisionLog};
use std::hint::black_box;
use std::time::Instant;

fn logs(supporters: usize, years: u32) -> Vec<SupervisionLog> {
    let start = NaiveDate::from_ymd_opt(2020, 1, 6).unwrap_or_default();
    let weeks = years * 52;
    (0..supporters)
        .map(|i| SupervisionLog {
            start,
            sessions: (0..weeks)
                .flat_map(|w| {
                    // Every supporter skips a different week now and then.
                    let skip = (w as usize + i).is_multiple_of(9);
                    let day = start + chrono::Days::new(u64::from(w * 7) + (i % 5) as u64);
                    [
                        (!skip).then_some(Session {
                            date: day,
                            kind: SupervisionKind::from("line_or_clinical"),
                        }),
                        Some(Session {
                            date: day,
                            kind: SupervisionKind::from("peer_to_peer"),
                        }),
                    ]
                })
                .flatten()
                .collect(),
        })
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let engine = Engine::builtin(ModelId::Rkc)?;
    println!("supporters  years  sessions     seconds   sessions/s");
    for (supporters, years) in [(1_000, 5), (10_000, 1), (10_000, 5), (10_000, 10)] {
        let logs = logs(supporters, years);
        let sessions: usize = logs.iter().map(|l| l.sessions.len()).sum();
        let as_of = logs
            .iter()
            .flat_map(|l| l.sessions.iter().map(|s| s.date))
            .max()
            .unwrap_or_default();
        let started = Instant::now();
        let mut overdue = 0i64;
        for log in &logs {
            for status in engine.supervision(black_box(log), as_of)? {
                overdue += status.days_overdue;
            }
        }
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "{supporters:>10}  {years:>5}  {sessions:>8}  {seconds:>10.3}  {:>11.0}   (overdue days {})",
            sessions as f64 / seconds,
            black_box(overdue)
        );
    }
    Ok(())
}
