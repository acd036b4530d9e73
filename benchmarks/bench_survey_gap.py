"""Time the employee survey's core (docs/performance.md, "Survey gap analysis"): 50,000 respondents over
about 600 units, all 13 items, and a previous year; target under 2 s.

    .venv/bin/python benchmarks/bench_survey_gap.py [--respondents 50000] [--employees-for-tree 10500]

A synthetic tree from kasam.synth.organisation.build_organisation (--employees-for-tree 10,500 gives
612 units); respondents are spread over its units as the generator spreads posts, and each answers
every item (hme1…hme9 on 1–5, nmi1…nmi3 on 1–10, enps on 0–10) but skips each with probability 3 %,
around a level of its own unit. The previous year has its own respondents and unit levels that moved a
little. Timed, each the median of --repeat runs after one warm-up:

- counts_from_answers for both years (long rows → per-unit respondents and answer counts, with the
  row checks an analyst's file gets);
- tree_results for both years (subtree sums, the gate over respondents and per item, every node's R);
- gap_analyses for every shown unit against the previous year;
- the three together.
"""

import argparse
import statistics
import sys
import time

import numpy as np
import polars as pl
from machine import cpu_model, peak_mb

from kasam.metrics.survey.answers import counts_from_answers
from kasam.metrics.survey.gaps import gap_analyses
from kasam.metrics.survey.items import ITEMS, SCALES
from kasam.metrics.survey.results import tree_results
from kasam.synth.organisation import build_organisation

SKIP_PROBABILITY = 0.03
LEVEL = {"hme": 3.8, "nmi": 7.2, "enps": 7.4}
SPREAD = {"hme": 0.9, "nmi": 1.8, "enps": 2.2}


def median_ms(function, repeat: int) -> tuple[float, float]:
    function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def answers(
    rng, post_unit: np.ndarray, respondents: int, offset: dict[str, float], prefix: str
) -> pl.DataFrame:
    """Long answer rows respondent_id, unit_id, item, value."""
    unit = post_unit[rng.integers(0, len(post_unit), respondents)]
    unit_offset = np.array([offset[u] for u in unit])
    person_offset = rng.normal(0, 0.4, respondents)
    frames = []
    for item in ITEMS:
        family = item.rstrip("0123456789")
        low, high = SCALES[item]
        scale = (high - low) / 4  # offsets are on the 1–5 scale
        raw = (
            LEVEL[family] + (unit_offset + person_offset) * scale + rng.normal(0, SPREAD[family], respondents)
        )
        value = np.clip(np.floor(raw + 0.5), low, high).astype(np.int64)
        answered = rng.random(respondents) >= SKIP_PROBABILITY
        index = np.flatnonzero(answered)
        frames.append(
            pl.DataFrame(
                {
                    "respondent": index,
                    "unit_id": unit[index],
                    "item": [item] * len(index),
                    "value": value[index],
                }
            )
        )
    frame = pl.concat(frames).sort("respondent", maintain_order=True)
    return frame.select(
        pl.format(f"{prefix}{{}}", pl.col("respondent")).alias("respondent_id"), "unit_id", "item", "value"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=50_000)
    parser.add_argument("--employees-for-tree", type=int, default=10_500, help="sizes the tree: ~600 units")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--k", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    organisation = build_organisation(rng, args.employees_for_tree)
    parent_of = dict(
        zip(organisation.units["unit_id"].to_list(), organisation.units["parent_id"].to_list(), strict=True)
    )
    level = {unit: rng.normal(0, 0.35) for unit in parent_of}
    moved = {unit: value + rng.normal(0, 0.15) for unit, value in level.items()}
    current = answers(rng, organisation.post_unit, args.respondents, level, "N")
    previous = answers(rng, organisation.post_unit, args.respondents, moved, "F")

    def counts():
        return counts_from_answers(current), counts_from_answers(previous)

    counted = counts()

    def results():
        return tuple(tree_results(parent_of, c.respondents, c.item_counts, args.k) for c in counted)

    now, before = results()

    def gaps():
        return gap_analyses(now, before)

    def everything():
        this_year, last_year = (counts_from_answers(frame) for frame in (current, previous))
        this, last = (
            tree_results(parent_of, c.respondents, c.item_counts, args.k) for c in (this_year, last_year)
        )
        return gap_analyses(this, last)

    analysed = gaps()
    rows = sum(len(rows) for rows in analysed.values())
    hidden_items = sum(value is None for items in now.items.values() for value in items.values())
    print(
        f"{len(parent_of):,} units ({len(now.shown)} shown this year, {len(before.shown)} last year), "
        f"{args.respondents:,} respondents a year, {current.height:,} + {previous.height:,} answer rows, "
        f"{rows:,} gap rows ({hidden_items} item indices hidden in shown units); k = {args.k}"
    )
    print(f"{sys.platform}, {cpu_model()}")
    total = None
    for label, function in (
        ("counts_from_answers × 2 (with checks)", counts),
        ("tree_results × 2", results),
        ("gap_analyses (every shown unit)", gaps),
        ("all of it", everything),
    ):
        median, worst = median_ms(function, args.repeat)
        total = median
        print(f"{label:40} median {median:6.0f} ms, max {worst:6.0f} ms")
    print(f"peak {peak_mb():.0f} MB")
    return 0 if total is not None and total < 2000 else 1


if __name__ == "__main__":
    sys.exit(main())
