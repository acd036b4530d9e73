"""The default municipality lands on Swedish municipal levels in every full calendar year of its
history, measured with kasam.metrics (DOMAIN.md "The statutory annual-report figures", "Healthy
attendance")."""

from datetime import date

import polars as pl
import pytest

from kasam.metrics import sickleave as sl
from kasam.synth import generate_municipality

UNTIL = date(2026, 11, 25)
FULL_YEARS = (2024, 2025)  # the history is 2024-01-01 … 2026-11-25


@pytest.fixture(scope="module")
def town():
    return generate_municipality(800, 3, 1, until=UNTIL)


@pytest.mark.parametrize("year", FULL_YEARS)
def test_calibration(town, year):
    start, end = date(year, 1, 1), date(year, 12, 31)
    daily = sl.daily_hours(town.employments, town.absences, start, end)
    total = sl.summarise(daily)
    assert 7 <= total.sick_leave_pct <= 9
    assert 40 <= total.long_term_share_pct <= 50
    assert 25 <= sl.healthy_attendance(daily, start, end, n=0) <= 35
    assert sl.healthy_attendance(daily, start, end, n=5) > sl.healthy_attendance(daily, start, end, n=0)

    elderly_care = town.units.filter(pl.col("name") == "Äldreomsorg")["unit_id"].item()
    in_elderly_care = sl.subtree_unit_ids(town.units, elderly_care)
    elderly = sl.compute_sick_leave(town.employments, town.absences, start, end, unit_ids=in_elderly_care)
    assert elderly.sick_leave_pct > total.sick_leave_pct

    def of(gender):
        persons = town.people.filter(pl.col("gender") == gender)["person_id"]
        return sl.compute_sick_leave(
            town.employments, town.absences, start, end, person_ids=persons
        ).sick_leave_pct

    assert of("K") > of("M")
