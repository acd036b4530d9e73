"""Time the employee survey through the database (docs/performance.md, "Survey pages"): 50,000
respondents a year over about 600 units, two years, imported through the real import; then a unit's
page with its gap analysis against the organisation and the previous year (the target for the
gap analysis: under 2 s), the overview of every unit, and the export.

    .venv/bin/python benchmarks/bench_survey_pages.py [--database-url postgres://…]

The answers are those of bench_survey_gap.py (each respondent answers all 13 items around their unit's
level, skipping each with probability 3 %). Each timing is the median of --repeat runs after one
warm-up. The database named by --database-url is emptied first (flush), so give it one of its own."""

import argparse
import os
import statistics
import sys
import tempfile
import time

import django
import numpy as np
from bench_survey_gap import answers
from machine import cpu_model, peak_mb


def median_ms(function, repeat: int) -> tuple[float, float]:
    function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--respondents", type=int, default=50_000)
    parser.add_argument("--employees-for-tree", type=int, default=10_500, help="sizes the tree: ~600 units")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="kasam.settings",
        KASAM_VAR_DIR=tempfile.mkdtemp(prefix="kasam-bench-survey-"),
        KASAM_TODAY="2026-11-25",
        DATABASE_URL=args.database_url,
        ALLOWED_HOSTS="testserver",
        # force_login gives no second factor; for a session that gave one, the check costs the same
        # (one look at the session), so the pages are timed as a confirmed session sees them.
        KASAM_MFA_REQUIRED_ROLES="",
    )
    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from kasam.accounts.models import User
    from kasam.org.models import Role, RoleAssignment, Unit
    from kasam.org.tree import compute_paths
    from kasam.survey import results
    from kasam.survey.actions import import_survey
    from kasam.synth.organisation import build_organisation

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    rng = np.random.default_rng(args.seed)
    organisation = build_organisation(rng, args.employees_for_tree)
    parents = dict(
        zip(organisation.units["unit_id"].to_list(), organisation.units["parent_id"].to_list(), strict=True)
    )
    paths = compute_paths(parents)
    Unit.objects.bulk_create(
        [
            Unit(id=u, parent_id=p, name=f"Enhet {u}", kind="unit", path=paths[u])
            for u, p in sorted(parents.items(), key=lambda item: paths[item[0]])
        ],
        batch_size=2000,
    )
    root = next(u for u, p in parents.items() if p is None)
    level = {unit: rng.normal(0, 0.35) for unit in parents}
    moved = {unit: value + rng.normal(0, 0.15) for unit, value in level.items()}
    surveys = []
    for year, levels, prefix in ((2025, moved, "F"), (2026, level, "N")):
        frame = answers(rng, organisation.post_unit, args.respondents, levels, prefix)
        data = frame.write_csv().encode()
        started = time.perf_counter()
        result = import_survey(data, f"enkat-{year}.csv", name="Medarbetarenkät", year=year, layout="long")
        assert result.ok, result.errors[:5]
        print(f"import {year}: {frame.height:,} answer rows in {time.perf_counter() - started:.1f} s")
        surveys.append(result.survey_id)

    strategist = User.objects.create_user(username="halsostrateg", password="x")
    RoleAssignment.objects.create(user=strategist, role=Role.HEALTH_STRATEGIST, unit_id=root)
    client = Client()
    client.force_login(strategist)
    survey = results.Survey.objects.get(pk=surveys[-1])
    loaded = results.load_survey(survey)
    shown = [row.unit_id for row in loaded.rows(set(parents)) if row.shown and row.level > 1]
    unit = shown[len(shown) // 2]
    unit_url = reverse("survey:unit", kwargs={"survey_id": survey.pk, "unit_id": unit})
    overview_url = reverse("survey:survey", kwargs={"survey_id": survey.pk})
    export_url = reverse("survey:export", kwargs={"survey_id": survey.pk, "fmt": "xlsx"})

    def gate_and_gaps():
        this, last = results.load_survey(survey), results.load_survey(results.previous_survey(survey))
        return this.gaps(unit, last)

    def get(url):
        def call():
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        return call

    print(
        f"{len(parents):,} units ({len(loaded.results.shown)} shown), {args.respondents:,} respondents "
        f"a year, two years; {os.environ['DATABASE_URL'] or 'SQLite'}"
    )
    print(f"{sys.platform}, {cpu_model()}")
    worst_gap = None
    for label, function in (
        ("load both surveys + the unit's gaps", gate_and_gaps),
        ("unit page (figures, split, gap analysis)", get(unit_url)),
        ("overview page (every unit, heat map)", get(overview_url)),
        ("export (XLSX, every unit and split)", get(export_url)),
    ):
        median, worst = median_ms(function, args.repeat)
        if worst_gap is None:
            worst_gap = median
        print(f"{label:42} median {median:6.0f} ms, max {worst:6.0f} ms")
    print(f"peak {peak_mb():.0f} MB")
    return 0 if worst_gap is not None and worst_gap < 2000 else 1


if __name__ == "__main__":
    sys.exit(main())
