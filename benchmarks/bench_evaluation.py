"""Time the evaluation estimators (docs/performance.md, "Evaluation"): 600 units × 60 months with the
multiplier bootstrap; target under 30 s on 2 cores.

    .venv/bin/python benchmarks/bench_evaluation.py [--units 600] [--months 60] [--draws 999] [--repeat 3]

The panel comes from kasam.synth.evaluation.planted_panel (30 % never treated, starts spread over months
7 … months − 6, a planted drop of 1 percentage point), so the number of cohorts – and of group-time
effects – is about as large as such a panel allows. Timed, each the median of --repeat runs:

- `evaluate` with Callaway & Sant'Anna (not-yet-treated comparisons), analytic and with --draws
  bootstrap draws (every group-time effect and every aggregate bootstrapped, as R's did);
- the same with never-treated comparisons, and on an unbalanced panel (5 % of unit-months missing);
- `evaluate` with the imputation estimator, analytic and bootstrapped;
- the command end to end (`kasam evaluate … --bootstrap N --format json` on a CSV file, in a new process:
  start, imports, reading, estimation, output).

Exits non-zero when any of them takes 30 s or more.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import cpu_model, peak_mb

from kasam.metrics.evaluation import evaluate
from kasam.synth.evaluation import planted_panel

BUDGET_S = 30.0
COLUMNS = {"unit": "unit", "time": "month", "outcome": "sick_leave", "cohort": "start"}


def median_s(function, repeat: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=600)
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--draws", type=int, default=999)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    planted = planted_panel(args.seed, units=args.units, months=args.months)
    unbalanced = planted_panel(args.seed, units=args.units, months=args.months, missing_share=0.05)
    frame = planted.frame
    probe = evaluate(frame, **COLUMNS)
    print(
        f"{args.units} units × {args.months} months ({frame.height:,} rows), {len(probe.by_cohort)} cohorts, "
        f"{len(probe.group_time):,} group-time effects, {len(probe.event_study)} event times; "
        f"bootstrap {args.draws} draws; planted effect {planted.effect:+.2f}"
    )
    print(f"{sys.platform}, {cpu_model()}, {os.cpu_count()} cores")
    worst = 0.0
    runs = (
        ("cs not-yet, analytic", lambda: evaluate(frame, **COLUMNS)),
        ("cs not-yet, bootstrap", lambda: evaluate(frame, **COLUMNS, bootstrap=args.draws, seed=1)),
        (
            "cs never, bootstrap",
            lambda: evaluate(frame, **COLUMNS, control="never", bootstrap=args.draws, seed=1),
        ),
        (
            "cs not-yet, bootstrap, unbalanced 5 %",
            lambda: evaluate(unbalanced.frame, **COLUMNS, bootstrap=args.draws, seed=1),
        ),
        ("bjs, analytic", lambda: evaluate(frame, **COLUMNS, estimator="bjs")),
        ("bjs, bootstrap", lambda: evaluate(frame, **COLUMNS, estimator="bjs", bootstrap=args.draws, seed=1)),
    )
    for label, function in runs:
        median, slowest, result = median_s(function, args.repeat)
        worst = max(worst, slowest)
        overall = result.overall
        print(
            f"{label:40} median {median:6.2f} s, max {slowest:6.2f} s   "
            f"overall {overall.att:+.3f} [{overall.ci_low:+.3f}, {overall.ci_high:+.3f}]"
        )
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "panel.csv"
        frame.write_csv(path)
        kasam = str(Path(sys.executable).with_name("kasam"))
        argv = [kasam, "evaluate", "--panel", str(path)]
        argv += [f"--{option}={column}" for option, column in COLUMNS.items()]
        argv += ["--bootstrap", str(args.draws), "--format", "json"]

        def command():
            return subprocess.run(argv, capture_output=True, check=True)

        median, slowest, _ = median_s(command, args.repeat)
        worst = max(worst, slowest)
        print(
            f"{'kasam evaluate (cs, bootstrap), CSV → JSON':40} median {median:6.2f} s, max {slowest:6.2f} s"
        )
    print(f"peak {peak_mb():.0f} MB (this process; the command's own process not included)")
    return 0 if worst < BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
