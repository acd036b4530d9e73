"""Time generating and writing a large fictitious municipality: by default 50,000 employees with
5 years of history, which must take under two minutes and under 2 GB of memory
(docs/performance.md, "Generating a municipality").

    .venv/bin/python benchmarks/bench_generate.py --employees 50000 --years 5 --seed 1 --out /tmp/synth50k

Pure NumPy and Polars (no Django, no database). Prints one result line and exits non-zero when a
budget is exceeded."""

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

from machine import cpu_model, peak_mb

from kasam.synth import generate_municipality, write_files

BUDGET_SECONDS = 120.0
BUDGET_MB = 2048.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--until", type=date.fromisoformat, default=date(2026, 11, 25))
    parser.add_argument("--out", type=Path, default=Path("/tmp/synth50k"))
    args = parser.parse_args()

    started = time.perf_counter()
    municipality = generate_municipality(args.employees, args.years, args.seed, until=args.until)
    generated = time.perf_counter()
    write_files(municipality, args.out)
    written = time.perf_counter()

    total, memory = written - started, peak_mb()
    rows = ", ".join(f"{kind} {frame.height:,}" for kind, frame in municipality.tables().items())
    print(
        f"generate {args.employees:,} employees × {args.years} years (seed {args.seed}, until {args.until}): "
        f"generation {generated - started:.1f} s, writing {written - generated:.1f} s, total {total:.1f} s, "
        f"peak {memory:.0f} MB; {rows}; {os.cpu_count()} CPUs, {cpu_model()}; files in {args.out}"
    )
    if total > BUDGET_SECONDS or memory > BUDGET_MB:
        print(f"over budget: {BUDGET_SECONDS:.0f} s and {BUDGET_MB:.0f} MB", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
