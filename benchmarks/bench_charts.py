"""Time the server-side charts (kasam.core.charts): a line chart of 12 months × 5 series and a heat
map of 40 units × 36 months, uncached and from the cache, after the renderer has started.

    .venv/bin/python benchmarks/bench_charts.py

A page must answer in under 200 ms; prints one line per chart (the median of `--runs` renders, each
with new figures so that the cache does not answer) and exits non-zero when an uncached render
alone takes more than 150 ms, which would leave too little for the rest of the page."""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date

import django
from machine import cpu_model, peak_mb

BUDGET_MS = 150.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kasam.settings")
    django.setup()
    from django.utils import translation

    from kasam.core import charts

    translation.activate("sv")
    rng = random.Random(1)
    started = time.perf_counter()
    charts.warm_up()
    print(f"renderer start {1000 * (time.perf_counter() - started):.0f} ms")

    def line(scale):
        months = [date(2025, m, 1) for m in range(1, 13)]
        rows = [{"m": m, "u": f"Enhet {u}", "v": scale * rng.random() * 12} for m in months for u in range(5)]
        return charts.line_chart(rows, "m", "v", "u", title="Sjukfrånvaro", y_title="Procent")

    def heat(scale):
        months = [date(2023 + i // 12, i % 12 + 1, 1) for i in range(36)]
        rows = [
            {"m": m, "u": f"Enhet {u:02d}", "v": scale * rng.random() * 15} for u in range(40) for m in months
        ]
        return charts.heatmap(rows, "m", "u", "v", title="Sjukfrånvaro per enhet", value_title="Procent")

    over = False
    for name, draw in (("line chart 12 × 5", line), ("heat map 40 × 36", heat)):
        uncached, cached, size = [], [], 0
        for run in range(args.runs):
            rng.seed(run)
            started = time.perf_counter()
            chart = draw(1 + run)
            uncached.append(1000 * (time.perf_counter() - started))
            rng.seed(run)
            started = time.perf_counter()
            draw(1 + run)
            cached.append(1000 * (time.perf_counter() - started))
            size = len(chart.svg)
        median = statistics.median(uncached)
        over |= median > BUDGET_MS
        print(
            f"{name}: uncached median {median:.0f} ms (min {min(uncached):.0f}, max {max(uncached):.0f}), "
            f"cached median {statistics.median(cached):.1f} ms, SVG {size / 1024:.0f} KB"
        )
    print(f"peak {peak_mb():.0f} MB; {os.cpu_count()} CPUs, {cpu_model()}")
    if over:
        print(f"over budget: an uncached chart takes more than {BUDGET_MS:.0f} ms", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
