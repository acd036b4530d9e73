"""Time `kasam demo` for a large municipality: by default 50,000 employees, which must be ready in
under five minutes on two cores (docs/performance.md) – the generated organisation and every app's
demo step (a year of pulse rounds, the surveys, the economy, targets, plans, dialogs, releases …).

    .venv/bin/python benchmarks/bench_demo.py --employees 50000 --seed 1
    .venv/bin/python benchmarks/bench_demo.py --database-url postgres://kasam:kasam@127.0.0.1/kasam_bench_demo

`kasam demo --no-serve` runs as its own process in a fresh database: a new SQLite file in a temporary
directory, or the PostgreSQL database named by --database-url, which is emptied first (flush), so give
it one of its own. Prints one result line – the total, each demo step's seconds, the CPU seconds of the
processes it ran, the peak memory and the load of the machine – and exits non-zero over budget."""

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date

from machine import cpu_model

BUDGET_SECONDS = 300.0
STEP = re.compile(r"^\s*steg (\d+) (\S+): ([\d.]+) s$")


def kasam(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kasam", *args], env=env, capture_output=True, text=True, check=False
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default="", help="PostgreSQL (emptied first); default SQLite")
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 25))
    parser.add_argument("--budget", type=float, default=BUDGET_SECONDS, help="seconds")
    args = parser.parse_args()

    var_dir = tempfile.mkdtemp(prefix="kasam-bench-demo-")
    env = {
        **os.environ,
        "KASAM_VAR_DIR": var_dir,
        "DATABASE_URL": args.database_url,
        "KASAM_TODAY": args.today.isoformat(),
    }
    if args.database_url:
        for command in (("migrate", "--verbosity", "0"), ("flush", "--no-input", "--verbosity", "0")):
            done = kasam(*command, env=env)
            if done.returncode:
                print(done.stderr, file=sys.stderr)
                return 1

    started = time.perf_counter()
    done = kasam(
        "demo",
        "--no-serve",
        "--employees",
        str(args.employees),
        "--seed",
        str(args.seed),
        "--verbosity",
        "2",
        env=env,
    )
    total = time.perf_counter() - started
    if done.returncode:
        print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
        return 1
    steps = [match.groups() for line in done.stdout.splitlines() if (match := STEP.match(line))]
    step_seconds = sum(float(seconds) for _order, _app, seconds in steps)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = children.ru_maxrss / 1024  # KiB on Linux
    # CPU seconds tell the work apart from the waiting on a machine shared with others.
    cpu = children.ru_utime + children.ru_stime
    load = os.getloadavg()[0]
    database = "PostgreSQL" if args.database_url else f"SQLite in {var_dir}"
    print(
        f"demo {args.employees:,} employees (seed {args.seed}, today {args.today}): total {total:.1f} s "
        f"(generating and migrating {total - step_seconds:.1f} s; "
        + ", ".join(f"{app} {float(seconds):.1f}" for _order, app, seconds in steps)
        + f"), CPU {cpu:.1f} s, peak {peak:.0f} MB; {database}; "
        f"{os.cpu_count()} CPUs, {cpu_model()}, load {load:.1f}"
    )
    if total > args.budget:
        print(f"over budget: {args.budget:.0f} s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
