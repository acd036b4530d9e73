"""Time the sick-leave engine (docs/performance.md, "Sick-leave report").

    .venv/bin/python benchmarks/bench_sickleave.py

1. Scale: for 10,000, 50,000 and 100,000 employees × 5 years (kasam.synth, seed 1, until
   2026-11-25), each in a fresh process: read the four CSV files (kasam.metrics.frames), the
   statutory report of the organisation for 2025 and `monthly_series` for every unit over the whole
   history (2022-01-01 … 2026-11-25). Budget at 50,000: under 5 s (reading included) and 4 GB.
2. Peer: at 30,000 employees × 5 years, the whole `kasam sickleave report --from-dir DIR --year 2025
   --format json` process against `benchmarks/peer_pandas_sickleave.py DIR --year 2025`, one after
   the other in this run, wall time of each process; the key figures must be equal and Kasam at
   least 6 times faster.

Exits non-zero when a budget is missed or the figures differ. Generated files are kept in --workdir
(default /tmp/kasam-bench-sickleave) and reused when present.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from machine import cpu_model, peak_mb

ROOT = Path(__file__).resolve().parents[1]
UNTIL = date(2026, 11, 25)
YEARS = 5
KEY_FIGURES = (
    "persons",
    "ordinary_hours",
    "sick_hours",
    "sick_leave_pct",
    "long_term_share_pct",
    "by_gender",
    "by_age",
    "healthy_attendance_pct",
    "occasions",
    "repeated_short_term_persons",
)


def files(workdir: Path, employees: int, seed: int) -> Path:
    """The generated municipality's import files, written once."""
    from kasam.synth import generate_municipality, write_files

    directory = workdir / f"e{employees}-y{YEARS}-s{seed}"
    if not (directory / "absences.csv").exists():
        started = time.perf_counter()
        write_files(generate_municipality(employees, YEARS, seed, until=UNTIL), directory)
        print(f"  generated {directory} in {time.perf_counter() - started:.1f} s", flush=True)
    return directory


def engine(directory: Path) -> dict:
    """One measurement, in this (fresh) process: read, report, monthly series."""
    from kasam.metrics.frames import read_import_dir
    from kasam.metrics.sickleave import monthly_series, statutory_report
    from kasam.synth import history_start

    started = time.perf_counter()
    frames = read_import_dir(directory)
    read = time.perf_counter()
    report = statutory_report(frames, date(2025, 1, 1), date(2025, 12, 31))
    reported = time.perf_counter()
    series = monthly_series(frames, history_start(UNTIL, YEARS), UNTIL)
    done = time.perf_counter()
    return {
        "absence_rows": frames.absences.height,
        "employment_rows": frames.employments.height,
        "units": frames.units.height,
        "series_rows": series.height,
        "read_s": read - started,
        "report_s": reported - read,
        "series_s": done - reported,
        "engine_s": done - read,
        "total_s": done - started,
        "peak_mb": peak_mb(),
        "sick_leave_pct": report["sick_leave_pct"],
    }


def measure_engine(directory: Path) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--engine-only", str(directory)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def timed(command: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr}")
    return elapsed, result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--budget-employees", type=int, default=50_000)
    parser.add_argument("--budget", type=float, default=5.0, help="seconds at --budget-employees")
    parser.add_argument("--memory-budget", type=float, default=4096, help="MB at --budget-employees")
    parser.add_argument("--peer-employees", type=int, default=30_000)
    parser.add_argument("--peer-factor", type=float, default=6.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kasam-bench-sickleave"))
    parser.add_argument("--engine-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine_only:
        print(json.dumps(engine(args.engine_only)))
        return 0

    import pandas
    import polars

    print(
        f"machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu_model()}; "
        f"Python {sys.version.split()[0]}, Polars {polars.__version__}, pandas {pandas.__version__}"
    )
    failures = []
    print(
        "\n1. read + statutory report 2025 + monthly series of every unit over 5 years (fresh process each)"
    )
    rows = []
    for employees in args.employees:
        measured = measure_engine(files(args.workdir, employees, args.seed))
        rows.append((employees, measured))
        m = measured
        print(
            f"  {employees:>7,} employees: {m['absence_rows']:>9,} absence rows, {m['units']:,} units, "
            f"{m['series_rows']:,} series rows | read {m['read_s']:.2f} s, report {m['report_s']:.2f} s, "
            f"series {m['series_s']:.2f} s | engine {m['engine_s']:.2f} s, total {m['total_s']:.2f} s | "
            f"peak {m['peak_mb']:,.0f} MB | {1e6 * m['total_s'] / m['absence_rows']:.2f} µs per absence row",
            flush=True,
        )
        if employees == args.budget_employees:
            if measured["total_s"] >= args.budget:
                failures.append(
                    f"{employees} employees took {measured['total_s']:.2f} s (budget {args.budget} s)"
                )
            if measured["peak_mb"] >= args.memory_budget:
                failures.append(f"{employees} employees peaked at {measured['peak_mb']:.0f} MB")

    print(
        f"\n2. whole processes at {args.peer_employees:,} employees × {YEARS} years, report for 2025, "
        "side by side"
    )
    directory = files(args.workdir, args.peer_employees, args.seed)
    kasam = [
        str(Path(sys.executable).with_name("kasam")),
        "sickleave",
        "report",
        "--from-dir",
        str(directory),
    ]
    kasam += ["--year", "2025", "--format", "json"]
    peer = [
        sys.executable,
        str(ROOT / "benchmarks" / "peer_pandas_sickleave.py"),
        str(directory),
        "--year",
        "2025",
    ]
    kasam_s, kasam_out = timed(kasam)
    peer_s, peer_out = timed(peer)
    print(f"  kasam sickleave report --from-dir: {kasam_s:.2f} s")
    print(f"  pandas peer:                       {peer_s:.2f} s")
    print(f"  Kasam is {peer_s / kasam_s:.1f} times faster (required: {args.peer_factor})")
    ours, theirs = json.loads(kasam_out), json.loads(peer_out)
    differing = [key for key in KEY_FIGURES if ours[key] != theirs[key]]
    print(f"  key figures equal: {not differing} ({', '.join(f'{k}={ours[k]}' for k in KEY_FIGURES[:5])})")
    if differing:
        failures.append(f"key figures differ: {differing}")
    if peer_s / kasam_s < args.peer_factor:
        failures.append(f"only {peer_s / kasam_s:.1f} times faster than the peer")
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
