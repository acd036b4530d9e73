"""Time the committee's health account for a 50,000-employee organisation (target: the PDF in under
30 s in the background). docs/performance.md, "Reports".

    .venv/bin/python benchmarks/bench_report_health.py [--employees 50000] [--database-url postgres://…]

A municipality from kasam.synth (two years of absences) through the real imports, its series refilled,
the demo's economy and Kolada comparison; then timed, each the median of --repeat runs after one
warm-up: the health account's content (every section through its gate), its PDF, and its Excel file.
The database named by --database-url is emptied first (flush), so give it one of its own."""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date

import django
from machine import cpu_model, peak_mb


def median_s(function, repeat: int) -> float:
    function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="kasam.settings",
        KASAM_VAR_DIR=tempfile.mkdtemp(prefix="kasam-bench-report-"),
        KASAM_TODAY="2026-11-25",
        DATABASE_URL=args.database_url,
    )
    django.setup()
    from django.core.management import call_command

    from kasam.absence.series import refill_series
    from kasam.economy.demo import ensure_demo_economy
    from kasam.kolada.demo import ensure_demo_kolada
    from kasam.releases.publish import publish
    from kasam.reports.build import build_document, render
    from kasam.site.imports import ORGANISATION_KINDS, import_file
    from kasam.synth import generate_municipality, write_files

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    started = time.perf_counter()
    files = write_files(
        generate_municipality(args.employees, 2, 1, until=date(2026, 11, 25)), tempfile.mkdtemp()
    )
    for kind in ORGANISATION_KINDS:
        result = import_file(kind, files[kind].read_bytes(), files[kind].name)
        assert result.ok, result.errors[:3]
    refill_series()
    ensure_demo_economy()
    ensure_demo_kolada()
    publish("sick-leave", "2025")  # reports read the year's release (docs/definitions.md "Releases")
    print(
        f"{args.employees:,} employees set up in {time.perf_counter() - started:.0f} s; "
        f"{os.environ['DATABASE_URL'] or 'SQLite'}; {sys.platform}, {cpu_model()}"
    )
    document = build_document("health", 2025)
    content = median_s(lambda: build_document("health", 2025), args.repeat)
    pdf = median_s(lambda: render(document, "pdf"), args.repeat)
    xlsx = median_s(lambda: render(document, "xlsx"), args.repeat)
    print(f"health account content {content:6.1f} s")
    print(f"PDF                    {pdf:6.1f} s ({len(render(document, 'pdf')) // 1024} KiB)")
    print(f"Excel                  {xlsx:6.1f} s")
    print(f"content + PDF          {content + pdf:6.1f} s (target 30 s); peak {peak_mb():.0f} MB")
    return 0 if content + pdf < 30 else 1


if __name__ == "__main__":
    sys.exit(main())
