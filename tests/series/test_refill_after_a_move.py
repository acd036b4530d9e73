"""The stored series follow each day's tree (docs/anonymity.md, docs/import-formats.md: units keep
their history): moving a unit changes the figures of the days after the move only."""

from datetime import date

import pytest

from kasam.absence.models import Absence, SickLeavePeriod
from kasam.absence.series import refill_series
from kasam.org.models import Employment, Person
from kasam.site.imports import import_file

pytestmark = pytest.mark.django_db

H = 40 / 7  # ordinary hours per day of a full-time 40-hour employment
HIDDEN = "IFO-BU"  # five persons: below the 10 a committee member may see
YEAR_2025 = (date(2025, 1, 1), date(2025, 12, 31))
HEADER = "unit_id,parent_id,name,kind,activity,valid_from\n"


@pytest.fixture
def hidden_unit(org):
    """IFO-BU holds P4 and four more full-time persons; two of them were sick in 2025: 5 days in
    March and 10 days in September, 15 sick days = 15 × 40/7 sick hours."""
    for number in range(1, 5):
        person = Person.objects.create(id=f"Q{number}", birth_year=1980, gender="M")
        Employment.objects.create(
            person=person,
            unit_id=HIDDEN,
            start_date=date(2020, 1, 1),
            rate=100,
            weekly_hours=40,
            pay="monthly",
        )
    Absence.objects.create(person_id="Q1", start_date=date(2025, 3, 3), end_date=date(2025, 3, 7))
    Absence.objects.create(person_id="Q2", start_date=date(2025, 9, 1), end_date=date(2025, 9, 10))
    # A January record in AO: the stored history starts on 1 January 2025.
    Absence.objects.create(person_id="P3", start_date=date(2025, 1, 13), end_date=date(2025, 1, 14))


def move(text: str) -> tuple[int, int, int]:
    result = import_file("units", (HEADER + text).encode(), "units.csv")
    assert result.ok, result.errors
    return result.created, result.updated, result.unchanged


def year_row(unit_id: str) -> tuple[int, float, float]:
    row = SickLeavePeriod.objects.get(unit_id=unit_id, start=YEAR_2025[0], end=YEAR_2025[1], group="all")
    return row.persons, row.ordinary_hours, row.sick_hours


def test_a_move_dated_today_leaves_last_years_figures_of_the_new_parent_alone(hidden_unit):
    """Attack: the committee sees AO's released 2025 sick leave, then an import moves the hidden
    five-person unit IFO-BU under AO with a row without valid_from (today). On the old code the import
    overwrote the parent and the refill computed 2025 on today's tree: AO's 2025 row grew by exactly
    IFO-BU's 15 sick days (15 × 40/7 hours) and five persons' year of hours, so last year's AO minus
    this year's AO gave the hidden unit's sick leave. Now a move dated today changes no earlier day."""
    refill_series()
    before = year_row("AO")
    assert move(f"{HIDDEN},AO,Barn och unga,enhet,IFO,\n") == (0, 1, 0)
    refill_series()
    assert year_row("AO") == pytest.approx(before)
    assert year_row("IFO") == pytest.approx((5, 5 * 365 * H, 15 * H))


def test_a_backdated_move_changes_the_days_it_covers(hidden_unit):
    """A move dated 2025-07-01: IFO-BU's days from July on count to AO, those before to IFO. AO
    gains the five persons, their 184 days of ordinary hours and the 10 September sick days."""
    refill_series()
    persons, ordinary, sick = year_row("AO")
    root = year_row("SOC")
    move(f"{HIDDEN},AO,Barn och unga,enhet,IFO,2025-07-01\n")
    refill_series()
    assert year_row("AO") == pytest.approx((persons + 5, ordinary + 5 * 184 * H, sick + 10 * H))
    assert year_row("IFO") == pytest.approx((5, 5 * 181 * H, 5 * H))
    assert year_row("SOC") == pytest.approx(root)  # the whole organisation is the same people
