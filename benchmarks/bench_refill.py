"""Time the refill of the stored sick-leave series (kasam.absence.series) at the sick-leave scale:
the generator's files (by default /tmp/synth50k from bench_generate.py: 50,000 employees × 5 years)
imported into a fresh database, then a full refill and a refill of the last two months (each also
stores the cost of sick leave per unit), and the cost as /ekonomi/ computed it on every view before
against reading the stored rows.

    .venv/bin/python benchmarks/bench_refill.py --files /tmp/synth50k [--database-url postgres://…]

Without --database-url a new SQLite file in a temporary directory is used. The imports only enqueue
their refills here (KASAM_TASKS_BACKEND=database), so that each refill is timed on its own."""

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import django
from machine import cpu_model, peak_mb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=Path, default=Path("/tmp/synth50k"))
    parser.add_argument("--database-url", default="")
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 25))
    args = parser.parse_args()
    var = tempfile.mkdtemp(prefix="kasam-bench-refill-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="kasam.settings",
        KASAM_VAR_DIR=var,
        KASAM_TASKS_BACKEND="database",
        KASAM_TODAY=args.today.isoformat(),
        DATABASE_URL=args.database_url,
    )
    django.setup()
    from django.core.management import call_command

    from kasam.absence.models import SickLeaveMonth, SickLeavePeriod
    from kasam.absence.series import refill_series
    from kasam.site.imports import import_file

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    for kind in ("units", "people", "employments", "absences"):
        path = args.files / f"{kind}.csv"
        result = import_file(kind, path.read_bytes(), path.name)
        if not result.ok:
            print(f"{path}: {result.errors[0]}", file=sys.stderr)
            return 1
    print(f"imported {args.files} in {time.perf_counter() - started:.1f} s")

    for label, from_month in (("full refill", None), ("refill of the last two months", date(2026, 10, 1))):
        started = time.perf_counter()
        refill = refill_series(from_month)
        seconds, first = time.perf_counter() - started, refill.from_month or "the start"
        print(
            f"{label}: {seconds:.1f} s, {refill.rows:,} rows written (from {first}); "
            f"{SickLeaveMonth.objects.count():,} month rows, {SickLeavePeriod.objects.count():,} period rows"
        )
    # The cost of sick leave on /ekonomi/: computed for the whole organisation on every view before,
    # read from the rows the refill stores (kasam.economy.stored) now – whole organisation, 4 units.
    from kasam.absence.figures import latest_rolling_period
    from kasam.economy.figures import all_costs, cost_settings, stored_costs

    period, settings = latest_rolling_period(), cost_settings()
    started = time.perf_counter()
    live = all_costs(period, settings)
    print(f"cost of sick leave computed live (every view before): {time.perf_counter() - started:.3f} s")
    for label, units in (("whole organisation", set(live)), ("4 units", set(sorted(live)[:4]))):
        started = time.perf_counter()
        stored = stored_costs(period, settings, units)
        print(f"cost of sick leave read from stored rows, {label}: {time.perf_counter() - started:.3f} s")
        assert stored is not None and set(stored) == units
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"{database}; peak {peak_mb():.0f} MB; {os.cpu_count()} CPUs, {cpu_model()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
