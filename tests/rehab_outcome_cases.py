"""Hand-built rehabilitation cases for the tests of what cases add up to (the page, the release): many
persons, each with one case, its plan done or not and its adjustments."""

from datetime import date, timedelta

from kasam.org.models import Person
from kasam.rehab.models import Adjustment, Case, StepDone


def long_cases(
    prefix: str,
    n: int,
    unit_id: str,
    start: date,
    *,
    days: int = 80,
    plan_on_day: int | None = 25,
    kinds: tuple[str, ...] = ("tasks",),
) -> list[Case]:
    """`n` persons (ids PREFIX-1 …) with a case from a long sick case of `days` days beginning on
    `start` in `unit_id`; the plan done on day `plan_on_day` of the sick case (None: not done) and an
    adjustment of each of `kinds`."""
    made = []
    for i in range(1, n + 1):
        person = Person.objects.create(
            id=f"{prefix}-{i}", birth_year=1980, first_name=f"{prefix}{i}", last_name="Rehabsson"
        )
        case = Case.objects.create(
            person=person,
            source="long_term",
            opened_on=start + timedelta(days=3),
            sick_case_start=start,
            sick_case_end=start + timedelta(days=days - 1),
            unit_id=unit_id,
        )
        if plan_on_day is not None:
            StepDone.objects.create(
                case=case, step="return_plan", done_on=start + timedelta(days=plan_on_day - 1)
            )
        for kind in kinds:
            Adjustment.objects.create(case=case, kind=kind, description="Anpassning", starts_on=start)
        made.append(case)
    return made
