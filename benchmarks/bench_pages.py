"""Time the sick-leave pages at 50,000 employees (target: under 200 ms with PostgreSQL): the
organisation overview as leadership sees it, a unit page as its manager sees it, and the annual
report, each requested through Django's test client after the generator's files (by default
/tmp/synth50k from bench_generate.py) are imported and the series refilled.

    .venv/bin/python benchmarks/bench_pages.py --files /tmp/synth50k --database-url postgres://…

The database named by --database-url is emptied first (flush), so give it one of its own."""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import django
from machine import cpu_model, peak_mb


def timed(client, url: str, repeat: int) -> tuple[float, float, int]:
    client.get(url)  # warm: the first view renders and caches the chart SVG
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), max(times), len(response.content)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=Path, default=Path("/tmp/synth50k"))
    parser.add_argument("--database-url", default="")
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 25))
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--reuse", action="store_true", help="keep the database's data (already loaded)")
    args = parser.parse_args()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="kasam.settings",
        KASAM_VAR_DIR=tempfile.mkdtemp(prefix="kasam-bench-pages-"),
        KASAM_TASKS_BACKEND="database",
        KASAM_TODAY=args.today.isoformat(),
        DATABASE_URL=args.database_url,
        ALLOWED_HOSTS="testserver",
        # force_login gives no second factor; for a session that gave one, the check costs the same
        # (one look at the session), so the pages are timed as a confirmed session sees them.
        KASAM_MFA_REQUIRED_ROLES="",
    )
    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from kasam.absence.series import refill_series
    from kasam.accounts.models import User
    from kasam.org.models import Role, RoleAssignment, Unit
    from kasam.site.imports import import_file

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if not args.reuse:
        call_command("flush", interactive=False, verbosity=0)
        for kind in ("units", "people", "employments", "absences"):
            path = args.files / f"{kind}.csv"
            result = import_file(kind, path.read_bytes(), path.name)
            if not result.ok:
                print(f"{path}: {result.errors[0]}", file=sys.stderr)
                return 1
        refill_series()
    root = Unit.objects.get(parent__isnull=True)
    unit = Unit.objects.filter(kind=Unit.Kind.UNIT).order_by("path").first()
    users = {}
    for name, role, target in (("ledning", Role.LEADERSHIP, root), ("enhetschef", Role.UNIT_MANAGER, unit)):
        users[name], _ = User.objects.get_or_create(username=f"bench-{name}")
        RoleAssignment.objects.get_or_create(user=users[name], role=role, unit=target)
    client = Client()
    print(f"{Unit.objects.count():,} units; {os.cpu_count()} CPUs, {cpu_model()}")
    for label, user, url in (
        ("overview (ledning)", users["ledning"], "/sjukfranvaro/"),
        ("overview sorted by sick leave", users["ledning"], "/sjukfranvaro/?sort=sick_leave"),
        ("unit page (enhetschef)", users["enhetschef"], f"/sjukfranvaro/enheter/{unit.pk}/"),
        ("annual report (ledning)", users["ledning"], "/sjukfranvaro/arsredovisning/"),
    ):
        client.force_login(user)
        median, worst, size = timed(client, url, args.repeat)
        print(f"{label:32} median {median:6.0f} ms, max {worst:6.0f} ms, {size / 1024:,.0f} KB")
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"{database}; peak {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
