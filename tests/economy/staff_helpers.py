"""Staff and sick days written straight into the tables, for the economy's gate and release tests."""

from datetime import date

from kasam.absence.models import Absence
from kasam.org.models import Employment, Person


def hire(person_id: str, unit_id: str) -> None:
    Person.objects.create(id=person_id, birth_year=1980, gender="K")
    Employment.objects.create(
        person_id=person_id, unit_id=unit_id, start_date=date(2020, 1, 1), rate=100, weekly_hours=40,
        pay="monthly",
    )  # fmt: skip


def sick(person_id: str, first: date, days: int) -> None:
    Absence.objects.create(
        person_id=person_id, start_date=first, end_date=date.fromordinal(first.toordinal() + days - 1),
        extent=100, kind="sjuk",
    )  # fmt: skip
