"""Benchmark: a boundary decision from Python, one call at a time and in
batches, and the memory a batch takes beyond its output.

    python python/bench/decide.py [ROWS]      (default 1,000,000)

It measures and prints; it asserts nothing about speed. Needs pandas for
the DataFrame figures.
"""

from __future__ import annotations

import gc
import resource
import sys
import time
import tracemalloc

import peer_support as ps


def best(f: "object", repeat: int = 5) -> float:
    """The fastest of ``repeat`` timings of ``f()``, in seconds."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        f()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    engine = ps.Engine.builtin("rkc")
    ids = [a["id"] for a in engine.actions()]
    codes = [a["code"] for a in engine.actions()]
    print(f"peer_support {ps.__version__}, RKC, {len(ids)} actions, {rows:,} rows per batch")

    calls = 200_000
    per_id = best(lambda: [engine.decide(ids[i % len(ids)]) for i in range(calls)]) / calls
    per_code = best(lambda: [engine.decide(codes[i % len(codes)]) for i in range(calls)]) / calls
    outcome = best(lambda: [engine.decide(ids[i % len(ids)]).outcome for i in range(calls)]) / calls
    print(f"  decide(id), one call:            {per_id * 1e9:8.0f} ns")
    print(f"  decide(code), one call:          {per_code * 1e9:8.0f} ns")
    print(f"  decide(id).outcome, one call:    {outcome * 1e9:8.0f} ns")

    log = [ids[i % len(ids)] for i in range(rows)]
    as_list = best(lambda: engine.decide_log(log), repeat=3) / rows
    print(f"  decide_log(list of ids):         {as_list * 1e9:8.1f} ns per row")
    try:
        import pandas as pd
    except ImportError:
        print("  (pandas is not installed: no DataFrame figures)")
        return
    frame = pd.DataFrame({"action": pd.Series(log, dtype="object")})
    as_frame = best(lambda: engine.decide_log(frame), repeat=3) / rows
    print(f"  decide_log(DataFrame of ids):    {as_frame * 1e9:8.1f} ns per row")
    frame_codes = pd.DataFrame({"action": [codes[i % len(codes)] for i in range(rows)]})
    by_code = best(lambda: engine.decide_log(frame_codes), repeat=3) / rows
    print(f"  decide_log(DataFrame of codes):  {by_code * 1e9:8.1f} ns per row")

    # Memory beyond the output: Python's allocations traced during the call
    # less the answer's size; the process's peak resident size before and
    # after, for the native side.
    answer = engine.decide_log(frame)
    output = int(answer.memory_usage(deep=True).sum())
    del answer
    gc.collect()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    answer = engine.decide_log(frame)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"  DataFrame answer: {output / 1e6:.1f} MB; Python peak during the call "
          f"{peak / 1e6:.1f} MB; peak RSS grew {(rss_after - rss_before) / 1e3:.1f} MB")


if __name__ == "__main__":
    main()
