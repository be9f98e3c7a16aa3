//! Benchmark: boundary decisions per second for a prepared engine over every
//! catalogue action, and heap allocations per decision (counted with dhat's heap
//! statistics, in a pass of its own after the timed one). Run: `cargo bench -p peer-support --bench decisions`.
//!
//! This measures and prints; it asserts nothing about speed.

use peer_support::{Engine, ModelId, Outcome};
use std::hint::black_box;
use std::time::Instant;

// dhat's allocator passes allocations through untouched unless a profiler is
// running; the profiler is started only for the counting pass.
#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

fn main() -> Result<(), peer_support::PolicyError> {
    const ROUNDS: usize = 200_000;
    for model in ModelId::ALL {
        let engine = Engine::builtin(model)?;
        let ids: Vec<&str> = engine.actions().iter().map(|a| a.id.as_str()).collect();
        let decide_all = |rounds: usize| {
            let mut not_forbidden = 0usize;
            for _ in 0..rounds {
                for id in &ids {
                    if black_box(engine.decide(black_box(id))).outcome() != Outcome::Forbidden {
                        not_forbidden += 1;
                    }
                }
            }
            not_forbidden
        };
        let start = Instant::now();
        let allowed = decide_all(ROUNDS);
        let elapsed = start.elapsed();
        let decisions = (ROUNDS * ids.len()) as f64;

        let counted_rounds = 1_000;
        let profiler = dhat::Profiler::builder().testing().build();
        black_box(decide_all(counted_rounds));
        let allocations = dhat::HeapStats::get().total_blocks;
        drop(profiler);
        println!(
            "{model:<13} {} actions: {:>6.1} M decisions/s, {:.1} ns/decision, {} heap allocations in {} decisions ({} not forbidden)",
            ids.len(),
            decisions / elapsed.as_secs_f64() / 1e6,
            elapsed.as_nanos() as f64 / decisions,
            allocations,
            counted_rounds * ids.len(),
            black_box(allowed),
        );
    }
    Ok(())
}
