"""The economics figures on hand-worked cases (docs/definitions.md "Economics")."""

from datetime import date

import polars as pl
import pytest

from kasam.metrics.economics import CostSettings, deviation, own_sick_days, salary_of, sick_leave_costs

PARENT = {"ROOT": None, "A": "ROOT", "B": "ROOT"}
SETTINGS = CostSettings(short_factor=0.10, mid_factor=0.025, default_salary=40_000)


def employments(*rows) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "person_id": person,
                "unit_id": unit,
                "start_date": date(2024, 1, 1),
                "end_date": None,
                "rate": rate,
                "weekly_hours": 40.0,
                "pay": pay,
            }
            for person, unit, rate, pay in rows
        ],
        schema={
            "person_id": pl.String,
            "unit_id": pl.String,
            "start_date": pl.Date,
            "end_date": pl.Date,
            "rate": pl.Float64,
            "weekly_hours": pl.Float64,
            "pay": pl.String,
        },
    )


def absences(*rows) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {"person_id": p, "start_date": s, "end_date": e, "extent": x, "kind": "sjuk"}
            for p, s, e, x in rows
        ],
        schema={
            "person_id": pl.String,
            "start_date": pl.Date,
            "end_date": pl.Date,
            "extent": pl.Float64,
            "kind": pl.String,
        },
    )


def days(frame: pl.DataFrame) -> dict[str, tuple[float, float]]:
    return {row["unit_id"]: (row["short_days"], row["mid_days"]) for row in frame.iter_rows(named=True)}


YEAR = (date(2025, 1, 1), date(2025, 12, 31))
JOBS = employments(("P1", "A", 100.0, "monthly"), ("P2", "B", 50.0, "monthly"))
SICK = absences(
    ("P1", date(2025, 3, 1), date(2025, 3, 20), 100.0),  # days 1–14 and 15–20
    ("P2", date(2025, 5, 1), date(2025, 5, 10), 50.0),  # 10 days, half sick, half time: 2.5 days
)


def test_the_deviation_is_budget_minus_outcome():
    assert deviation(415_288, 428_227) == -12_939  # Kalix 2018: an overspend
    assert deviation(441_993, 441_719) == 274


def test_sick_days_are_counted_by_their_place_in_the_case_weighed_by_extent_and_rate():
    assert days(own_sick_days(JOBS, SICK, *YEAR)) == {"A": (14.0, 6.0), "B": (2.5, 0.0)}


def test_a_case_that_began_before_the_period_continues_its_day_count():
    sick = absences(("P1", date(2024, 12, 25), date(2025, 1, 5), 100.0))  # days 8–12 fall in 2025
    assert days(own_sick_days(JOBS, sick, *YEAR))["A"] == (5.0, 0.0)


def test_the_resickness_rule_joins_the_count():
    # 1–10 January, then 14–20 January: back within 5 days, so 14 January is day 14 of the same case.
    sick = absences(
        ("P1", date(2025, 1, 1), date(2025, 1, 10), 100.0),
        ("P1", date(2025, 1, 14), date(2025, 1, 20), 100.0),
    )
    assert days(own_sick_days(JOBS, sick, *YEAR))["A"] == (11.0, 6.0)


def test_days_after_day_90_and_hourly_staff_cost_nothing():
    sick = absences(
        ("P1", date(2025, 1, 1), date(2025, 6, 30), 100.0), ("P9", date(2025, 1, 1), date(2025, 1, 5), 100.0)
    )
    jobs = employments(("P1", "A", 100.0, "monthly"), ("P9", "B", 100.0, "hourly"))
    assert days(own_sick_days(jobs, sick, *YEAR)) == {"A": (14.0, 76.0)}


def test_the_salary_is_the_units_own_else_the_nearest_ancestors_else_the_default():
    parent = {"ROOT": None, "AREA": "ROOT", "U1": "AREA", "U2": "AREA", "U3": "ROOT"}
    assert salary_of(parent, {"AREA": 31_000, "U2": 35_000}, 40_000) == {
        "ROOT": 40_000,
        "AREA": 31_000,
        "U1": 31_000,
        "U2": 35_000,
        "U3": 40_000,
    }


def test_the_cost_and_what_one_percentage_point_is_worth():
    """A: 14 × 10 % × 30,000 + 6 × 2.5 % × 30,000 = 42,000 + 4,500 = 46,500. Its ordinary hours are
    40/7 × 365 = 2,085.71, sick hours 20 × 40/7 = 114.29: one point lower removes 20.86 of them, 18.25 %
    (365 / 2,000), worth 8,486.25. B (the default 40,000): 2.5 × 10 % × 40,000 = 10,000; ordinary
    20/7 × 365, sick 10 × 20/7 × ½: one point removes 73 % of them, worth 7,300."""
    costs = sick_leave_costs(own_sick_days(JOBS, SICK, *YEAR), PARENT, {"A": 30_000}, SETTINGS)
    a, b, root = costs["A"], costs["B"], costs["ROOT"]
    assert (a.cost_short, a.cost_mid, a.cost) == pytest.approx((42_000, 4_500, 46_500))
    assert a.worth_one_point == pytest.approx(8_486.25)
    assert a.sick_leave_pct == pytest.approx(100 * 20 / 365)
    assert (b.salary, b.cost, b.worth_one_point) == pytest.approx((40_000, 10_000, 7_300))
    assert (root.cost, root.worth_one_point) == pytest.approx((56_500, 15_786.25))
    assert root.short_days == pytest.approx(16.5) and root.mid_days == pytest.approx(6)


def test_a_unit_below_one_percent_is_worth_all_of_its_cost():
    sick = absences(("P1", date(2025, 3, 3), date(2025, 3, 3), 100.0))  # one day: 0.27 % sick leave
    costs = sick_leave_costs(own_sick_days(JOBS, sick, *YEAR), PARENT, {}, SETTINGS)
    assert costs["A"].cost == pytest.approx(4_000) and costs["A"].worth_one_point == pytest.approx(4_000)
    assert costs["B"].cost == 0 and costs["B"].sick_leave_pct == 0.0


def test_a_units_cost_counts_to_the_parent_it_had_on_the_sick_days():
    """A moves from ROOT to below B on 1 April 2025 (history as kasam.metrics.tree_history reads it).
    P1's March case (42,000 + 4,500 at 30,000, see above) counts to ROOT only, not to B; P1's five
    sick days in June (days 1–5 of a new case: 5 × 3,000) count to B as well. On today's tree alone,
    B's cost would hold the March case too: last year's cost of B would change with a move today."""
    from kasam.metrics.tree_history import Version, history_frame

    history = {
        "ROOT": [Version(date(1900, 1, 1), None)],
        "A": [Version(date(1900, 1, 1), "ROOT"), Version(date(2025, 4, 1), "B")],
        "B": [Version(date(1900, 1, 1), "ROOT")],
    }
    tree = history_frame(history)
    sick = absences(
        ("P1", date(2025, 3, 1), date(2025, 3, 20), 100.0), ("P1", date(2025, 6, 2), date(2025, 6, 6), 100.0)
    )
    today = {"ROOT": None, "A": "B", "B": "ROOT"}
    own = own_sick_days(JOBS, sick, *YEAR, tree=tree)
    costs = sick_leave_costs(own, today, {"A": 30_000}, SETTINGS, tree=tree)
    assert costs["A"].cost == pytest.approx(46_500 + 15_000)
    assert costs["B"].cost == pytest.approx(15_000)
    assert costs["ROOT"].cost == pytest.approx(46_500 + 15_000)
    static = sick_leave_costs(own_sick_days(JOBS, sick, *YEAR), today, {"A": 30_000}, SETTINGS)
    assert static["B"].cost == pytest.approx(46_500 + 15_000)
