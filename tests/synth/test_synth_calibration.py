"""The default municipality lands on Swedish municipal levels in every full calendar year of its
history, measured with kasam.metrics (docs/definitions.md "Sick-leave percentage", "Healthy
attendance")."""

from datetime import date

import polars as pl
import pytest

from kasam.metrics import sickleave as sl
from kasam.metrics.frames import normalise
from kasam.synth import generate_municipality

UNTIL = date(2026, 11, 25)
FULL_YEARS = (2024, 2025)  # the history is 2024-01-01 … 2026-11-25


@pytest.fixture(scope="module")
def town():
    return generate_municipality(800, 3, 1, until=UNTIL)


@pytest.fixture(scope="module")
def frames(town):
    return normalise(town.units, town.people, town.employments, town.absences)


@pytest.mark.parametrize("year", FULL_YEARS)
def test_calibration(town, frames, year):
    start, end = date(year, 1, 1), date(year, 12, 31)
    total = sl.statutory_report(frames, start, end)
    assert 7 <= total["sick_leave_pct"] <= 9
    assert 40 <= total["long_term_share_pct"] <= 50
    healthy = total["healthy_attendance_pct"]
    assert 25 <= healthy["0"] <= 35
    assert healthy["5"] > healthy["0"]

    elderly_care = town.units.filter(pl.col("name") == "Äldreomsorg")["unit_id"].item()
    elderly = sl.statutory_report(frames, start, end, unit_id=elderly_care)
    assert elderly["sick_leave_pct"] > total["sick_leave_pct"]

    # Women's sick leave above men's, read unsuppressed: the report pairs a small "not stated" group
    # with men's, as the split rule says.
    groups = sl.period_figures(frames, start, end).filter(pl.col("unit_id") == total_root(town))
    pct = {g: 100 * s / o for g, s, o in groups.select("group", "sick_hours", "ordinary_hours").iter_rows()}
    assert pct["K"] > pct["M"]


def total_root(town) -> str:
    return town.units.filter(pl.col("parent_id").is_null())["unit_id"].item()
