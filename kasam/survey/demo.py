"""The demo's employee survey: Exempelkommun gets the annual survey "Medarbetarenkät" of the two years
before today's, so that the survey pages show figures, gap analyses and a change from the year before,
and the NMI target ("75 in every unit", kasam.targets.demo) has something to be measured against.

Each year goes through the real import (kasam.survey.actions.import_survey, layout `long`), as a file
from the vendor would: the respondents are the employees on 1 October of the year – each person once,
in the unit of their employment with the highest rate that day (tie: the earliest start, then the lowest
unit id), as the pulse invites them – and kasam.synth.survey simulates who of them answers and what.
Both years are imported in one transaction: all or nothing.
"""

from datetime import date

from django.db import transaction
from django.db.models import Q

from kasam.core.dates import today
from kasam.org.models import Employment, Unit
from kasam.survey.actions import import_survey
from kasam.survey.models import Survey
from kasam.synth import survey as simulation

SURVEY_NAME = "Medarbetarenkät"
YEARS = 2
SURVEY_DAY = (10, 1)  # the employees of 1 October are asked


def ensure_demo_survey(seed: int = 1) -> None:
    """Import the surveys of the two years before today's unless any survey exists (or there is no
    organisation). RuntimeError when an import reports errors; then nothing is stored."""
    if Survey.objects.exists() or not Unit.objects.exists():
        return
    first_year = today().year - YEARS
    with transaction.atomic():
        for year in range(first_year, first_year + YEARS):
            staff = employees_on(date(year, *SURVEY_DAY))
            if not staff:
                continue
            rows = simulation.answers(seed, year, staff, first_year=first_year)
            result = import_survey(
                simulation.to_csv(rows),
                f"medarbetarenkat-{year}.csv",
                name=SURVEY_NAME,
                year=year,
                layout="long",
            )
            if not result.ok:
                problems = "; ".join(str(message) for message in result.errors[:5])
                raise RuntimeError(f"the demo's survey {year} was not imported: {problems}")


def employees_on(day: date) -> list[tuple[str, str, str]]:
    """(person id, unit id, gender) of everyone employed on `day`, each in the unit of their employment
    with the highest rate (tie: the earliest start, then the lowest unit id)."""
    employments = Employment.objects.filter(start_date__lte=day).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day)
    )
    best: dict[str, tuple] = {}
    for person_id, unit_id, rate, start, gender in employments.values_list(
        "person_id", "unit_id", "rate", "start_date", "person__gender"
    ):
        key = (-rate, start, unit_id, gender)
        if person_id not in best or key < best[person_id]:
            best[person_id] = key
    return sorted((person_id, key[2], key[3]) for person_id, key in best.items())
