"""The tree's history (kasam.metrics.tree_history) and the engine on it: a unit's days count to the
parent it had that day (docs/definitions.md "The tree and its history"). Hand-worked: R is the root with U1
and U2 below it, and U1a below U1 until it moves under U2 on 1 July 2025 (its days from then on count to U2).
h of a 100 % employment at 40 h/week is 40/7 hours on every calendar day."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_frames import FILES, write
from test_sickleave_metrics import FULL_DAY, YEAR, d, figures, frames, job, sick

from kasam.metrics import sickleave as sl
from kasam.metrics.frames import Frames, ImportDirError, read_import_dir
from kasam.metrics.tree_history import (
    FAR_PAST,
    Version,
    ancestor_intervals,
    history_frame,
    lay_over,
    places,
    tree_on,
)

MOVE = d(7, 1)
HISTORY = {
    "R": [Version(date(1900, 1, 1), None)],
    "U1": [Version(date(1900, 1, 1), "R")],
    "U2": [Version(date(1900, 1, 1), "R")],
    "U1a": [Version(date(1900, 1, 1), "U1"), Version(MOVE, "U2")],
}


def with_history(fr: Frames, history=HISTORY) -> Frames:
    return Frames(fr.units, fr.people, fr.employments, fr.absences, history_frame(history))


def day(value: date) -> int:
    return (value - date(1970, 1, 1)).days


# --- the history as versions --------------------------------------------------------------------


def test_the_tree_of_a_day_follows_the_versions_and_a_first_version_holds_before_it():
    assert tree_on(HISTORY, d(6, 30))["U1a"] == "U1"
    assert tree_on(HISTORY, MOVE)["U1a"] == "U2"
    assert tree_on(HISTORY, date(2030, 1, 1))["U1a"] == "U2"
    late = {"R": [Version(d(3, 1), None)], "N": [Version(d(5, 1), "R")]}
    assert tree_on(late, date(2000, 1, 1)) == {"R": None, "N": "R"}


def test_an_import_replaces_the_history_from_its_first_row_and_a_repeat_changes_nothing():
    stored = {"A": [Version(date(1900, 1, 1), "R", "A"), Version(d(3, 1), "X", "A")]}
    # A row from 1 February replaces the move of 1 March; the version of 1900 ends on 31 January.
    moved = lay_over(stored, {"A": [Version(d(2, 1), "Y", "A")]})
    assert moved == {"A": [Version(date(1900, 1, 1), "R", "A"), Version(d(2, 1), "Y", "A")]}
    # A row that repeats the version in force (an export without valid_from, today) changes nothing.
    assert lay_over(moved, {"A": [Version(d(11, 25), "Y", "A")]}) == moved
    assert history_frame(moved).rows() == [
        ("A", "R", date(1900, 1, 1), d(1, 31)),
        ("A", "Y", d(2, 1), None),
    ]


# --- the time-dependent ancestor map ---------------------------------------------------------------


def test_ancestor_intervals_follow_the_move():
    targets = ancestor_intervals(history_frame(HISTORY)).filter(unit_id="U1a").sort("target", "s")
    assert targets.rows() == [
        ("U1a", "R", FAR_PAST, 2**30),  # the root on every day: the two intervals are joined
        ("U1a", "U1", FAR_PAST, day(MOVE) - 1),
        ("U1a", "U1a", FAR_PAST, 2**30),
        ("U1a", "U2", day(MOVE), 2**30),
    ]


def test_a_unit_that_never_moves_is_one_place_named_as_itself():
    place_of, place_targets = places(ancestor_intervals(history_frame(HISTORY)))
    assert place_of.filter(unit_id="U1")["place"].to_list() == ["U1"]
    assert sorted(place_of.filter(unit_id="U1a")["s"].to_list()) == [FAR_PAST, day(MOVE)]
    after = place_of.filter(unit_id="U1a", s=day(MOVE))["place"][0]
    assert sorted(place_targets.filter(unit_id=after)["target"].to_list()) == ["R", "U1a", "U2"]


def test_a_cycle_on_some_day_is_an_error():
    # U1a stays below U1, and U1 goes below U1a from September: a circle from then on.
    cyclic = {
        **HISTORY,
        "U1a": [Version(date(1900, 1, 1), "U1")],
        "U1": [Version(date(1900, 1, 1), "R"), Version(d(9, 1), "U1a")],
    }
    with pytest.raises(ValueError, match="circle"):
        ancestor_intervals(history_frame(cyclic))


# --- figures over a move ---------------------------------------------------------------------------


def moved_frames() -> Frames:
    # P1 works full time in U1a all year; sick 2–6 June (5 days, before the move) and 1–3 September
    # (3 days, after). P2 works full time in U1, sick 10 March (1 day).
    return with_history(
        frames(
            [job("P1", "U1a"), job("P2", "U1")],
            [sick("P1", d(6, 2), d(6, 6)), sick("P1", d(9, 1), d(9, 3)), sick("P2", d(3, 10), d(3, 10))],
        )
    )


def test_a_unit_moved_mid_year_counts_to_its_old_parent_before_and_to_the_new_after():
    fr = moved_frames()
    # U1: P2's year (365 days) and P1's 181 days to 30 June; sick: P2's day and P1's 5 June days.
    u1 = figures(fr, *YEAR, unit="U1")
    assert u1["persons"] == 2
    assert u1["ordinary_hours"] == pytest.approx((365 + 181) * FULL_DAY)
    assert u1["sick_hours"] == pytest.approx((1 + 5) * FULL_DAY)
    assert u1["max_person_sick_hours"] == pytest.approx(5 * FULL_DAY)
    # U2: P1's 184 days from 1 July and the 3 September days; one person, one occasion.
    u2 = figures(fr, *YEAR, unit="U2")
    assert (u2["persons"], u2["occasions"]) == (1, 1)
    assert u2["ordinary_hours"] == pytest.approx(184 * FULL_DAY)
    assert u2["sick_hours"] == pytest.approx(3 * FULL_DAY)
    # U1a itself and the root do not care where U1a hung: all of P1's year, all sick days.
    assert figures(fr, *YEAR, unit="U1a")["sick_hours"] == pytest.approx(8 * FULL_DAY)
    root = figures(fr, *YEAR)
    assert (root["persons"], root["occasions"]) == (2, 3)
    assert root["ordinary_hours"] == pytest.approx(2 * 365 * FULL_DAY)
    assert root["sick_hours"] == pytest.approx(9 * FULL_DAY)


def test_the_months_follow_the_move_too():
    months = sl.monthly_series(moved_frames(), *YEAR)
    row = {(r["unit_id"], r["month"].month): r for r in months.iter_rows(named=True)}
    assert row[("U1", 6)]["sick_hours"] == pytest.approx(5 * FULL_DAY)
    assert row[("U2", 6)]["persons"] == 0
    assert row[("U1", 9)]["persons"] == 1  # P2 only
    assert row[("U2", 9)]["sick_hours"] == pytest.approx(3 * FULL_DAY)
    assert row[("U2", 9)]["ordinary_hours"] == pytest.approx(30 * FULL_DAY)
    assert row[("U2", 9)]["occasions"] == 1
    assert row[("R", 7)]["persons"] == 2


def test_a_period_before_the_move_does_not_see_it():
    fr, static = (
        moved_frames(),
        frames(
            [job("P1", "U1a"), job("P2", "U1")],
            [sick("P1", d(6, 2), d(6, 6)), sick("P1", d(9, 1), d(9, 3)), sick("P2", d(3, 10), d(3, 10))],
        ),
    )
    first_half = (d(1, 1), d(6, 30))
    assert sl.period_figures(fr, *first_half).equals(sl.period_figures(static, *first_half))


def test_the_report_of_one_unit_follows_each_days_subtree():
    report = sl.statutory_report(moved_frames(), *YEAR, unit_id="U2")
    assert report["ordinary_hours"] == round(184 * FULL_DAY, 2)
    assert report["sick_hours"] == round(3 * FULL_DAY, 2)


@given(st.integers(min_value=0, max_value=364))
def test_wherever_the_move_falls_the_old_and_new_parent_share_the_movers_hours(offset):
    """The hours of U1a split between U1 and U2 at the move, and the root's figures do not change."""
    move = date.fromordinal(date(2025, 1, 1).toordinal() + offset)
    history = {**HISTORY, "U1a": [Version(date(1900, 1, 1), "U1"), Version(move, "U2")]}
    base = frames([job("P1", "U1a")], [sick("P1", d(3, 1), d(3, 20)), sick("P1", d(8, 1), d(8, 10))])
    static = sl.period_figures(base, *YEAR)
    moved = sl.period_figures(with_history(base, history), *YEAR)
    by = {(r["unit_id"], r["group"]): r for r in moved.iter_rows(named=True)}
    before = {(r["unit_id"], r["group"]): r for r in static.iter_rows(named=True)}
    for column in ("ordinary_hours", "sick_hours"):
        assert by[("U1", "all")][column] + by[("U2", "all")][column] == pytest.approx(
            before[("U1", "all")][column]
        )
        assert by[("R", "all")][column] == pytest.approx(before[("R", "all")][column])
    assert by[("U1", "all")]["ordinary_hours"] == pytest.approx(offset * FULL_DAY)


# --- --from-dir reads the history from valid_from -------------------------------------------------


def test_the_import_dir_reads_the_history_from_valid_from(tmp_path):
    units = (
        "unit_id,parent_id,name,kind,activity,valid_from\n"
        "R,,Förvaltningen,förvaltning,,\n"
        "U2,R,Enhet 2,enhet,,2020-01-01\n"
        "U1,R,Enhet 1,enhet,hemtjänst,2020-01-01\n"
        "U1,U2,Enhet 1,enhet,hemtjänst,2025-01-01\n"
    )
    fr = read_import_dir(write(tmp_path, {**FILES, "units": units}), today=date(2025, 11, 25))
    assert fr.units.filter(unit_id="U1")["parent_id"].to_list() == ["U2"]  # today's tree
    assert fr.tree.filter(unit_id="U1").rows() == [
        ("U1", "R", date(2020, 1, 1), date(2024, 12, 31)),
        ("U1", "U2", date(2025, 1, 1), None),
    ]
    # P2's sick days of February 2025 count to U2, those of 2024 would not.
    assert figures(fr, d(2, 1), d(2, 28), unit="U2")["sick_hours"] == pytest.approx(3 * FULL_DAY)
    assert figures(fr, date(2024, 6, 1), date(2024, 6, 30), unit="U2")["ordinary_hours"] == 0


def test_the_import_dir_refuses_a_day_with_two_roots(tmp_path):
    units = (
        "unit_id,parent_id,name,kind,activity,valid_from\n"
        "R,,Förvaltningen,förvaltning,,2020-01-01\n"
        "U1,R,Enhet 1,enhet,,2020-01-01\n"
        "U1,,Enhet 1,enhet,,2024-01-01\n"
        "U1,R,Enhet 1,enhet,,2025-01-01\n"
    )
    with pytest.raises(ImportDirError, match="2 units without parent_id on 2024-01-01"):
        read_import_dir(write(tmp_path, {**FILES, "units": units}), today=date(2025, 11, 25))


def test_without_valid_from_there_is_no_history(tmp_path):
    assert read_import_dir(write(tmp_path, FILES)).tree is None


def test_the_gate_reads_the_tree_of_a_periods_last_day():
    """A unit moved on 1 July 2026: the first half's gate decides on the old parent, the year's on the
    new one; without a history, today's tree."""
    import polars as pl

    from kasam.metrics.tree_history import parents_on

    units = pl.DataFrame({"unit_id": ["R", "A", "B", "U"], "parent_id": [None, "R", "R", "B"]})
    tree = pl.DataFrame(
        {
            "unit_id": ["R", "A", "B", "U", "U"],
            "parent_id": [None, "R", "R", "A", "B"],
            "valid_from": [date(1900, 1, 1)] * 4 + [date(2026, 7, 1)],
            "valid_to": [None, None, None, date(2026, 6, 30), None],
        }
    )
    assert parents_on(units, tree, date(2026, 4, 30))["U"] == "A"
    assert parents_on(units, tree, date(2026, 12, 31))["U"] == "B"
    assert parents_on(units, None, date(2026, 4, 30))["U"] == "B"
