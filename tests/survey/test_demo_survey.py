"""The demo's employee survey: the two years before today's imported through the real import, with
realistic figures, small units hidden by the gate, strengths and gaps, a change from the year before –
and nothing more on a second run."""

from datetime import date
from pathlib import Path

import pytest

from kasam.org.models import Person, Unit
from kasam.plans.demo_plans import ensure_demo_health_plans
from kasam.plans.models import HealthPlan
from kasam.site.imports import import_file
from kasam.survey.demo import SURVEY_NAME, employees_on, ensure_demo_survey
from kasam.survey.models import Distribution, Survey, UnitRespondents
from kasam.survey.results import load_survey
from kasam.synth import generate_municipality, write_files
from kasam.synth import survey as simulation
from kasam.targets.demo import ensure_demo_targets

TODAY = date(2026, 11, 25)  # tests/conftest.py's KASAM_TODAY


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    """A small generated municipality: about 200 employees in 18 units, some of them tiny."""
    return write_files(generate_municipality(200, 1, 1, until=TODAY), tmp_path_factory.mktemp("demo"))


@pytest.fixture
def municipality(db, files) -> None:
    """The municipality through the real organisation imports; its absences are not needed here."""
    for kind in ("units", "people", "employments"):
        result = import_file(kind, files[kind].read_bytes(), files[kind].name)
        assert result.ok, result.errors[:3]


def counts() -> tuple[int, int, int]:
    return Survey.objects.count(), UnitRespondents.objects.count(), Distribution.objects.count()


def test_the_demo_has_two_years_of_survey_once(municipality):
    ensure_demo_survey(seed=1)
    surveys = list(Survey.objects.order_by("year"))
    assert [(s.name, s.year, s.source) for s in surveys] == [
        (SURVEY_NAME, 2024, "items"),
        (SURVEY_NAME, 2025, "items"),
    ]  # today is 2026-11-25 in the tests
    before = counts()
    ensure_demo_survey(seed=1)
    assert counts() == before

    previous, current = (load_survey(survey) for survey in surveys)
    for survey, loaded in zip(surveys, (previous, current), strict=True):
        organisation = loaded.organisation_row()
        assert 73 <= organisation.total <= 82, organisation
        assert 68 <= organisation.nmi <= 80, organisation
        assert -30 <= organisation.enps <= 40, organisation
        employed = len(employees_on(date(survey.year, 10, 1)))
        assert 0.55 <= organisation.respondents / employed <= 0.8

    units = current.results.units
    hidden = [unit for unit, figures in units.items() if not figures["shown"]]
    # Small units' answers are pooled into a group above them: they show nothing, not even a count.
    assert any(units[unit]["respondents"] == 0 for unit in hidden)
    enough = [unit for unit, figures in units.items() if figures["respondents"] >= 5]
    assert sum(units[unit]["shown"] for unit in enough) >= 0.75 * len(enough)

    # A unit's gap analysis shows strengths and gaps, and the change since last year.
    both = []
    for unit in Unit.objects.filter(kind=Unit.Kind.UNIT).values_list("pk", flat=True):
        rows = current.gaps(unit, previous)
        if any(row.strength for row in rows) and any(not row.strength for row in rows):
            both.append(rows)
    assert both
    assert any(row.change is not None for rows in both for row in rows)
    assert current.organisation_row().total != previous.organisation_row().total


def test_targets_and_health_plans_work_with_the_demo_survey(municipality):
    ensure_demo_survey(seed=1)
    assert ensure_demo_targets()
    assert ensure_demo_health_plans(seed=1) > 0
    snapshots = [plan.snapshot["survey"] for plan in HealthPlan.objects.all()]
    assert snapshots and all(
        s is not None and s["title"].startswith(f"{SURVEY_NAME} 2025") for s in snapshots
    )


def test_without_an_organisation_there_is_no_demo_survey(db):
    ensure_demo_survey(seed=1)
    assert not Survey.objects.exists()


def test_the_simulation_is_deterministic_and_ids_are_not_person_ids(municipality):
    staff = employees_on(date(2025, 10, 1))
    first = simulation.answers(1, 2025, staff, first_year=2024)
    assert first.equals(simulation.answers(1, 2025, list(reversed(staff)), first_year=2024))
    assert not first.equals(simulation.answers(2, 2025, staff, first_year=2024))
    persons = set(Person.objects.values_list("pk", flat=True))
    ids = set(first["respondent_id"].to_list())
    assert ids and not ids & persons
    assert not ids & set(simulation.answers(1, 2024, staff, first_year=2024)["respondent_id"].to_list())
    assert set(first["unit_id"].to_list()) <= {unit for _person, unit, _gender in staff}
