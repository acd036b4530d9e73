"""Time the employee survey's overview and the target list at 50,000 employees (target: p95 under
200 ms warm on PostgreSQL, no page over ~150 KB): the generator's files (by default /tmp/synth50k from
bench_generate.py) imported, the series refilled, the demo's two surveys (kasam.survey.demo, through the
real import), optionally a few pulse rounds (kasam.pulse.demo, slow at this size) and the demo's
targets; then each page through Django's test client for the health strategist (the whole tree) and a
unit manager over a unit with three work groups (four units).

    .venv/bin/python benchmarks/bench_survey_targets.py --files /tmp/synth50k --var-dir /tmp/kasam-bench-st
    .venv/bin/python benchmarks/bench_survey_targets.py --var-dir /tmp/kasam-bench-st --reuse

Each timing: median and p95 of --repeat requests after one warm-up. The database named by
--database-url (or the SQLite file in --var-dir) is emptied first unless --reuse; --profile prints
cProfile's top functions of one request per page."""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import django
from machine import cpu_model, peak_mb


def timed(client, url: str, repeat: int) -> tuple[float, float, int]:
    client.get(url)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95, len(response.content)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=Path, default=Path("/tmp/synth50k"))
    parser.add_argument("--database-url", default="")
    parser.add_argument("--var-dir", type=Path, default=Path("/tmp/kasam-bench-survey-targets"))
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 25))
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pulse-rounds", type=int, default=0)
    parser.add_argument("--reuse", action="store_true", help="keep the database's data (already loaded)")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--html", type=Path, help="write each page's last response here")
    args = parser.parse_args()
    args.var_dir.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="kasam.settings",
        KASAM_VAR_DIR=str(args.var_dir),
        KASAM_TASKS_BACKEND="database",
        KASAM_TODAY=args.today.isoformat(),
        DATABASE_URL=args.database_url,
        ALLOWED_HOSTS="testserver",
        KASAM_MFA_REQUIRED_ROLES="",
        KASAM_INSECURE_HTTP="true",
    )
    django.setup()
    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client

    from kasam.absence.series import refill_series
    from kasam.accounts.models import User
    from kasam.org.models import Role, RoleAssignment, Unit
    from kasam.site.imports import import_file
    from kasam.survey.demo import ensure_demo_survey
    from kasam.targets.demo import ensure_demo_targets

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"migrate {time.perf_counter() - started:.1f} s")
    if not args.reuse:
        call_command("flush", interactive=False, verbosity=0)
        for kind in ("units", "people", "employments", "absences"):
            path = args.files / f"{kind}.csv"
            result = import_file(kind, path.read_bytes(), path.name)
            if not result.ok:
                print(f"{path}: {result.errors[0]}", file=sys.stderr)
                return 1
        refill_series()
        started = time.perf_counter()
        ensure_demo_survey()
        print(f"two surveys imported in {time.perf_counter() - started:.1f} s")
        if args.pulse_rounds:
            from kasam.pulse.demo import ensure_demo_pulse

            started = time.perf_counter()
            ensure_demo_pulse(rounds=args.pulse_rounds)
            print(f"{args.pulse_rounds} pulse rounds in {time.perf_counter() - started:.1f} s")
        ensure_demo_targets()
    root = Unit.objects.get(parent__isnull=True)
    # A unit with exactly three children (its work groups): a manager of four units.
    unit = (
        Unit.objects.filter(kind=Unit.Kind.UNIT)
        .annotate(n=Count("children"))
        .filter(n=3)
        .order_by("path")
        .first()
    )
    users = {}
    for name, role, target in (
        ("halsostrateg", Role.HEALTH_STRATEGIST, root),
        ("enhetschef", Role.UNIT_MANAGER, unit),
    ):
        users[name], _ = User.objects.get_or_create(username=f"bench-{name}")
        RoleAssignment.objects.get_or_create(user=users[name], role=role, unit=target)
    client = Client()
    print(f"{Unit.objects.count():,} units; {os.cpu_count()} CPUs, {cpu_model()}")
    area = Unit.objects.filter(parent=root).order_by("path").first()
    for label, user, url in (
        ("/medarbetarenkat/ (halsostrateg)", users["halsostrateg"], "/medarbetarenkat/"),
        (
            "/medarbetarenkat/?enhet=area (halsostrateg)",
            users["halsostrateg"],
            f"/medarbetarenkat/?enhet={area.pk}",
        ),
        ("/medarbetarenkat/ (enhetschef, 4 units)", users["enhetschef"], "/medarbetarenkat/"),
        ("/mal/ (halsostrateg)", users["halsostrateg"], "/mal/"),
        ("/mal/ (enhetschef, 4 units)", users["enhetschef"], "/mal/"),
    ):
        client.force_login(user)
        median, p95, size = timed(client, url, args.repeat)
        print(f"{label:42} median {median:6.0f} ms, p95 {p95:6.0f} ms, {size / 1024:,.0f} KB")
        if args.html:
            args.html.mkdir(parents=True, exist_ok=True)
            name = label.split(" (")[0].strip("/").replace("/", "-") + "-" + label.split("(")[1].split(",")[0]
            (args.html / f"{name.strip(')')}.html").write_bytes(client.get(url).content)
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            client.get(url)
            profile.disable()
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats("/kasam/", 40)
            print(out.getvalue())
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"{database}; peak {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
