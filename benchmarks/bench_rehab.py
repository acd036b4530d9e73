"""Time the rehabilitation pages at 50,000 employees (docs/performance.md "Rehabilitation at 50,000
employees"; target: each under 300 ms, the median of --repeat runs, on PostgreSQL): HR's list of open
cases (`rehab:list`), of closed ones (`?visa=avslutade`) and the page of what the cases add up to
(`rehab:outcomes`, live for HR: the last 12 months and the year 2025), and the same page for the
health strategist from the release of 2025.

    .venv/bin/python benchmarks/bench_rehab.py --database-url postgres://kasam:kasam@127.0.0.1/kasam_bench_rehab

The database named is dropped and made again (unless --reuse), the generated municipality (kasam.synth,
--employees × 5 years until 2026-11-25) imported through the real imports, and the cases made the way
managers open and work them: a case from every long sick case (60 days or more) of the 5 years, opened
2–8 days in; a case from repeated short-term absence for 40 % of the persons who have it at the end of
each quarter (at most one open case per person); a case after a return from long absence for a
quarter of the long cases that ended. Steps are done mostly on time (85 %, a fifth of them late), the
plans with 1–3 adjustments; a case whose person has been back for 28 days is closed by itself.
Everything is written with bulk inserts. Exits non-zero when a page misses its target."""

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import django
from machine import cpu_model, peak_mb

UNTIL = date(2026, 11, 25)
YEARS = 5


def timed(client, url: str, repeat: int) -> tuple[float, float, int]:
    response = client.get(url)  # warm: the chart's SVG is rendered once and cached
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), max(times), len(response.content)


def fresh_database(database_url: str) -> None:
    admin = re.sub(r"/[^/]*$", "/postgres", database_url)
    name = database_url.rsplit("/", 1)[1]
    for sql in (f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'):
        subprocess.run(["psql", admin, "-X", "-q", "-c", sql], check=True)


def import_municipality(employees: int, seed: int, workdir: Path):
    """The generated municipality through the real imports; returns its frames."""
    from kasam.site.imports import import_file
    from kasam.synth import generate_municipality, write_files

    started = time.perf_counter()
    municipality = generate_municipality(employees, YEARS, seed, until=UNTIL)
    write_files(municipality, workdir)
    for kind in ("units", "people", "employments", "absences"):
        path = workdir / f"{kind}.csv"
        result = import_file(kind, path.read_bytes(), path.name)
        if not result.ok:
            sys.exit(f"{path}: {result.errors[0]}")
    print(f"generated and imported in {time.perf_counter() - started:.0f} s", flush=True)
    return municipality


def planned_cases(municipality, rng: random.Random, settings) -> list[tuple]:
    """The cases to make: (person, source, opened, sick case start, end, unit, closed on)."""
    import polars as pl

    from kasam.metrics import rehab
    from kasam.metrics.sickcases import repeated_short_term, sick_cases

    absences = municipality.absences.with_columns(pl.col("person_id").cast(pl.String))
    found = sick_cases(absences, settings)
    # Each person's unit: the employment with the highest rate (the latest on a tie).
    units = dict(
        municipality.employments.sort("rate", "start_date")
        .group_by("person_id")
        .agg(pl.col("unit_id").last())
        .select(pl.col("person_id").cast(pl.String), "unit_id")
        .iter_rows()
    )
    planned = []  # (person, source, opened, start, end)
    long = found.filter(pl.col("length") >= settings.long_case_days)
    for person, start, end in long.select("person_id", "start_date", "end_date").iter_rows():
        opened = start + timedelta(days=rng.randint(2, 8))
        if opened <= UNTIL:
            planned.append((person, rehab.LONG_TERM, opened, start, end))
        back = end + timedelta(days=rng.randint(1, 20))
        if back <= UNTIL and rng.random() < 0.25:
            planned.append((person, rehab.RETURNING, back, start, end))
    first = UNTIL.replace(year=UNTIL.year - YEARS + 1, month=3, day=31)
    quarter_ends = [first]
    while quarter_ends[-1] + timedelta(days=91) <= UNTIL:
        quarter_ends.append(quarter_ends[-1] + timedelta(days=91))
    starts = found.select("person_id", "start_date", "end_date").sort("person_id", "start_date")
    for window_end in quarter_ends:
        signal = repeated_short_term(found, window_end, settings).filter(pl.col("repeated"))
        chosen = [p for p in signal["person_id"].to_list() if rng.random() < 0.4]
        latest = (
            starts.filter(pl.col("person_id").is_in(chosen) & (pl.col("start_date") <= window_end))
            .group_by("person_id")
            .agg(pl.col("start_date").last(), pl.col("end_date").last())
        )
        for person, start, end in latest.iter_rows():
            planned.append(
                (
                    person,
                    rehab.REPEATED_SHORT_TERM,
                    window_end + timedelta(days=rng.randint(0, 20)),
                    start,
                    end,
                )
            )
    planned.sort(key=lambda row: (row[0], row[2]))
    rows, busy_until = [], {}
    for person, source, opened, start, end in planned:
        if opened > UNTIL or busy_until.get(person, date.min) >= opened or person not in units:
            continue  # one open case per person
        quiet = end + timedelta(days=settings_quiet())
        closed = quiet + timedelta(days=1) if quiet < UNTIL else None
        if source != rehab.LONG_TERM and closed is not None:
            closed = max(closed, opened + timedelta(days=100))
            closed = closed if closed < UNTIL else None
        busy_until[person] = closed or date.max
        rows.append((person, source, opened, start, end, units[person], closed))
    return rows


def make_cases(municipality, seed: int) -> dict[str, int]:
    """The cases, their steps and adjustments (see the module), with bulk inserts."""
    from kasam.absence.conf import sick_leave_settings
    from kasam.core import bulk, generations
    from kasam.metrics import rehab
    from kasam.rehab import outcomes
    from kasam.rehab.models import Adjustment, Case, StepDone

    rng = random.Random(seed)
    settings = sick_leave_settings()
    started = time.perf_counter()
    rows = planned_cases(municipality, rng, settings)
    cases = Case.objects.bulk_create(
        [
            Case(
                person_id=person, source=source, opened_on=opened, sick_case_start=start, sick_case_end=end,
                unit_id=unit, closed_on=closed, closing="by_itself" if closed else "",
            )
            for person, source, opened, start, end, unit, closed in rows
        ],
        batch_size=5000,
    )  # fmt: skip
    steps, adjustments = [], []
    for case in cases:
        for step in rehab.chain(
            case.source, case.sick_case_start, case.sick_case_end, opened_on=case.opened_on, settings=settings
        ):
            if step.status != rehab.OPEN or step.due is None or rng.random() > 0.85:
                continue
            late = rng.random() < 0.2
            on = max(
                case.opened_on, step.due + timedelta(days=rng.randint(1, 15) if late else rng.randint(-8, 0))
            )
            if on > UNTIL:
                continue
            steps.append((case.pk, step.step, on, ""))
            if step.step == "return_plan":
                for kind in rng.sample(
                    ["working_hours", "tasks", "aids", "place", "pace", "schedule"], rng.randint(1, 3)
                ):
                    adjustments.append((case.pk, kind, "Anpassning", "Enhetschefen", on, None, ""))
    bulk.insert_rows(StepDone, ["case_id", "step", "done_on", "note"], steps)
    generations.bump(outcomes.GENERATION)  # written in bulk: no signal tells the cache
    bulk.insert_rows(
        Adjustment,
        ["case_id", "kind", "description", "responsible", "starts_on", "ends_on", "helped"],
        adjustments,
    )
    counts = {
        "cases": len(cases),
        "open": sum(1 for c in cases if c.closed_on is None),
        "steps": len(steps),
        "adjustments": len(adjustments),
    }
    print(f"cases made in {time.perf_counter() - started:.0f} s: {counts}", flush=True)
    return counts


def settings_quiet() -> int:
    from django.conf import settings

    return settings.KASAM_REHAB_QUIET_DAYS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://kasam:kasam@127.0.0.1/kasam_bench_rehab")
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--target", type=float, default=300.0, help="ms, the median of each page")
    parser.add_argument("--reuse", action="store_true", help="time the database as it is")
    args = parser.parse_args()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="kasam.settings",
        KASAM_VAR_DIR=tempfile.mkdtemp(prefix="kasam-bench-rehab-"),
        KASAM_TASKS_BACKEND="database",
        KASAM_TODAY=UNTIL.isoformat(),
        DATABASE_URL=args.database_url,
        ALLOWED_HOSTS="testserver",
        # force_login gives no second factor; the pages are timed as a confirmed session sees them.
        KASAM_MFA_REQUIRED_ROLES="",
        KASAM_INSECURE_HTTP="true",  # the test client speaks plain HTTP
    )
    if not args.reuse:
        fresh_database(args.database_url)
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from kasam.accounts.models import User
    from kasam.org.models import Role, RoleAssignment, Unit
    from kasam.rehab.models import Case
    from kasam.releases.publish import publish

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if not args.reuse:
        municipality = import_municipality(args.employees, args.seed, Path(os.environ["KASAM_VAR_DIR"]))
        make_cases(municipality, args.seed)
        started = time.perf_counter()
        publish("rehab", "2025")
        print(f"release of 2025 published in {time.perf_counter() - started:.1f} s", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    root = Unit.objects.get(parent__isnull=True)
    area = Unit.objects.filter(parent=root).order_by("path").first()
    users = {}
    for name, role in (("hr", Role.HR), ("halsostrateg", Role.HEALTH_STRATEGIST)):
        users[name], _ = User.objects.get_or_create(username=f"bench-{name}")
        RoleAssignment.objects.get_or_create(user=users[name], role=role, unit=root)
    client = Client()
    print(
        f"{Unit.objects.count():,} units, {Case.objects.count():,} cases "
        f"({Case.objects.filter(closed_on__isnull=True).count():,} open); "
        f"{os.cpu_count()} CPUs, {cpu_model()}; PostgreSQL"
    )
    failures = []
    # (label, user, address, held to the target): the whole history at once is timed for the record.
    for label, user, url, target in (
        ("open cases (hr)", "hr", "/rehabilitering/", True),
        ("open cases, page 5 (hr)", "hr", "/rehabilitering/?sida=5", True),
        ("closed cases (hr)", "hr", "/rehabilitering/?visa=avslutade", True),
        ("closed cases, page 50 (hr)", "hr", "/rehabilitering/?visa=avslutade&sida=50", True),
        ("outcomes, last 12 months (hr)", "hr", "/rehabilitering/utfall/", True),
        ("outcomes, 2025 (hr)", "hr", "/rehabilitering/utfall/?ar=2025", True),
        ("outcomes, an area, 2025 (hr)", "hr", "/rehabilitering/utfall/?ar=2025&enhet={area}", True),
        ("outcomes, release (halsostrateg)", "halsostrateg", "/rehabilitering/utfall/", True),
        ("outcomes, 2021–2026 (hr, no target)", "hr", "/rehabilitering/utfall/?fran=2021-01-01", False),
    ):
        client.force_login(users[user])
        url = url.format(area=area.pk)
        median, worst, size = timed(client, url, args.repeat)
        print(f"{label:38} median {median:6.0f} ms, max {worst:6.0f} ms, {size / 1024:,.0f} KB", flush=True)
        if target and median >= args.target:
            failures.append(f"{label}: {median:.0f} ms")
    # The page keeps its figures until a case, a step, an adjustment or the absences change
    # (kasam.rehab.outcomes.cached_figures): the first view after a change computes them, timed here.
    from kasam.rehab import outcomes

    for label, period in (
        ("computing the last 12 months (first view)", outcomes.last_twelve_months(UNTIL)),
        ("computing 2025 (first view)", outcomes.year(2025)),
    ):
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            outcomes.figures(outcomes.load(period, UNTIL, [root.path]), UNTIL)
            times.append((time.perf_counter() - started) * 1000)
        median = statistics.median(times)
        print(f"{label:44} median {median:6.0f} ms, max {max(times):6.0f} ms", flush=True)
        if median >= args.target:
            failures.append(f"{label}: {median:.0f} ms")
    print(f"peak {peak_mb():.0f} MB")
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
