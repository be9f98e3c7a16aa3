"""An analyst's report over several units, from their CSV exports.

    python examples/python/analyst_report.py [--data DIR] [--out DIR]

Reads ``units.csv`` (unit, model, as_of), ``supporters.csv`` (unit,
supporter, start), ``sessions.csv`` (unit, supporter, date, kind) and
``activities.csv`` (unit, date, supporter, action, promised, delivered) from
``--data`` (default: examples/data/analyst, three invented units), asks the
engine, and writes into ``--out`` (default: target/analyst_report) four PNG
plots and ``report.md``, which embeds them:

- supervision compliance per unit and kind at each month's end;
- promised against delivered participation: the check's outcomes per unit,
  and the rungs promised and delivered;
- the activity log's decisions by outcome, per unit.

Every number comes from the engine (peer_support); this script only groups
and draws. Needs pandas 2.2 or newer and matplotlib (``pip install pandas matplotlib``).
"""

from __future__ import annotations

import argparse
import pathlib

import matplotlib

matplotlib.use("Agg")  # files only, no window

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import peer_support as ps  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]


def read(data: pathlib.Path) -> dict[str, pd.DataFrame]:
    """The four exports, dates as dates."""
    frames = {name: pd.read_csv(data / f"{name}.csv") for name in ("units", "supporters", "sessions", "activities")}
    frames["supporters"]["start"] = pd.to_datetime(frames["supporters"]["start"])
    frames["sessions"]["date"] = pd.to_datetime(frames["sessions"]["date"])
    frames["activities"]["date"] = pd.to_datetime(frames["activities"]["date"])
    frames["units"]["as_of"] = pd.to_datetime(frames["units"]["as_of"])
    return frames


def compliance_over_time(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Mean compliance per unit and kind at each month's end, from the
    engine's supervision table over the sessions up to that day."""
    rows = []
    for unit in frames["units"].itertuples():
        engine = ps.Engine.builtin(unit.model)
        supporters = frames["supporters"][frames["supporters"]["unit"] == unit.unit]
        sessions = frames["sessions"][frames["sessions"]["unit"] == unit.unit]
        first = supporters["start"].min()
        for month_end in pd.date_range(first, unit.as_of, freq="ME"):
            started = supporters[supporters["start"] <= month_end]
            if started.empty:
                continue
            held = sessions[(sessions["date"] <= month_end) & sessions["supporter"].isin(started["supporter"])]
            table = engine.supervision_table(started, held, month_end.date())
            for kind, group in table.groupby("kind", observed=True):
                rows.append({"unit": unit.unit, "kind": kind, "month": month_end,
                             "compliance": group["compliance"].mean()})
    return pd.DataFrame(rows)


def promises(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each activity with a delivered rung, and the engine's check of its promise."""
    acts = frames["activities"].dropna(subset=["delivered"])
    parts = []
    for unit in frames["units"].itertuples():
        mine = acts[acts["unit"] == unit.unit]
        checked = ps.Engine.builtin(unit.model).promise_table(mine)
        parts.append(mine.assign(outcome=checked["outcome"].astype(str)))
    return pd.concat(parts)


def decisions(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The activity log decided, unit by unit, under each unit's model."""
    parts = []
    for unit in frames["units"].itertuples():
        mine = frames["activities"][frames["activities"]["unit"] == unit.unit]
        decided = ps.Engine.builtin(unit.model).decide_log(mine)
        parts.append(mine.assign(outcome=decided["outcome"].astype(str), allowed=decided["allowed"]))
    return pd.concat(parts)


def plot_compliance(table: pd.DataFrame, path: pathlib.Path) -> None:
    fig, ax = plt.subplots(figsize=(9, 5))
    for (unit, kind), group in table.groupby(["unit", "kind"]):
        ax.plot(group["month"], group["compliance"] * 100, marker="o", label=f"{unit}: {kind}")
    ax.set_title("Supervision compliance at each month's end (mean over peer supporters)")
    ax.set_xlabel("Month")
    ax.set_ylabel("Compliance (% of days not overdue)")
    ax.set_ylim(0, 105)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="lower left")
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def plot_counts(table: pd.DataFrame, column: str, order: list[str], title: str, ylabel: str,
                path: pathlib.Path) -> None:
    counts = table.groupby(["unit", column]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=[c for c in order if c in counts.columns])
    fig, ax = plt.subplots(figsize=(10, 5))
    counts.plot(kind="bar", stacked=True, ax=ax, colormap="tab10")
    ax.set_title(title)
    ax.set_xlabel("Unit")
    ax.set_ylabel(ylabel)
    ax.tick_params(axis="x", labelrotation=0, labelsize=8)
    ax.legend(title=column, fontsize=8, bbox_to_anchor=(1.01, 1), loc="upper left")
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def plot_rungs(checked: pd.DataFrame, path: pathlib.Path) -> None:
    """Promised against delivered rungs, all units together: how many
    activities promised each rung (or none) and delivered each."""
    rungs = [r.value for r in ps.Rung]
    promised = checked["promised"].fillna("(none)")
    counts = pd.crosstab(promised, checked["delivered"]).reindex(
        index=["(none)", *rungs], columns=rungs, fill_value=0
    )
    fig, ax = plt.subplots(figsize=(8, 6))
    image = ax.imshow(counts.values, cmap="Blues")
    ax.set_xticks(range(len(rungs)), [r.replace("_", "-") for r in rungs], rotation=30, ha="right")
    ax.set_yticks(range(len(counts.index)), [r.replace("_", "-") for r in counts.index])
    ax.set_xlabel("Rung delivered")
    ax.set_ylabel("Rung promised")
    ax.set_title("Promised against delivered rungs of the participation ladder (all units)")
    for (i, j), n in pd.DataFrame(counts.values).stack().items():
        ax.text(j, i, str(n), ha="center", va="center", color="black" if n < counts.values.max() / 2 else "white")
    fig.colorbar(image, ax=ax, label="Activities")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=pathlib.Path, default=ROOT / "examples" / "data" / "analyst")
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "target" / "analyst_report")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    frames = read(args.data)

    compliance = compliance_over_time(frames)
    plot_compliance(compliance, args.out / "supervision_compliance.png")
    checked = promises(frames)
    plot_counts(checked, "outcome", [o.value for o in ps.PromiseOutcome],
                "Promised against delivered participation", "Activities with a delivered rung",
                args.out / "participation_promises.png")
    plot_rungs(checked, args.out / "participation_rungs.png")
    decided = decisions(frames)
    plot_counts(decided, "outcome", [o.value for o in ps.Outcome],
                "The activity log's decisions by outcome", "Activities",
                args.out / "decisions_by_outcome.png")

    latest = compliance.sort_values("month").groupby(["unit", "kind"]).tail(1)
    lines = [
        "# Peer support at three units",
        "",
        f"Engine: peer_support {ps.__version__}. Units: {', '.join(frames['units']['unit'])}.",
        "Every decision, check and compliance share below is the engine's answer; this",
        "report groups them (the compliance plotted is the mean over a unit's peer",
        "supporters). Each supervision interval's source (a unit's policy or the",
        "project's default) is in the unit's audit.",
        "",
        "## Supervision",
        "",
        "![Supervision compliance](supervision_compliance.png)",
        "",
        "| unit | kind | compliance at the last month's end |",
        "|---|---|---|",
        *[f"| {r.unit} | {r.kind} | {r.compliance:.0%} |" for r in latest.itertuples()],
        "",
        "## Participation",
        "",
        "![Promised against delivered participation](participation_promises.png)",
        "",
        "![Promised against delivered rungs](participation_rungs.png)",
        "",
        *[f"- {unit}: " + ", ".join(f"{k} {v}" for k, v in group["outcome"].value_counts().items())
          for unit, group in checked.groupby("unit")],
        "",
        "## Decisions",
        "",
        "![Decisions by outcome](decisions_by_outcome.png)",
        "",
        *[f"- {unit}: {int(group['allowed'].sum())} of {len(group)} activities allowed"
          for unit, group in decided.groupby("unit")],
        "",
    ]
    (args.out / "report.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out / 'report.md'} and four plots")


if __name__ == "__main__":
    main()
