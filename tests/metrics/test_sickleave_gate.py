"""The sick-leave gate's decision at refill (kasam.metrics.sickleave_gate.decide), on hand-worked trees."""

from datetime import date

import polars as pl

from kasam.metrics.frames import normalise
from kasam.metrics.sickleave import gate_decision
from kasam.metrics.sickleave_gate import NOT_STATED_AGE, NOT_STATED_GENDER, OwnHours, decide

TREE = {"R": None, "A": "R", "H": "A", "S": "A", "B": "R"}


def staff(unit: str, count: int, hours: float = 10.0, gender: str | None = "K", age: str | None = "30-49"):
    return [OwnHours(unit, f"{unit}{i}", hours, gender, age) for i in range(count)]


def test_a_remainder_that_one_person_dominates_hides_the_shown_sibling():
    """A's remainder after H is A's 2 own staff (no sick hours) and S's 9 persons, one of whom has 100
    of S's 108 sick hours: 11 persons, but one holds more than half, so H is hidden as well. The old
    gate counted 11 persons and showed H, so A − H gave S away."""
    persons = [
        *staff("A", 2, hours=0.0),
        OwnHours("S", "S-top", 100.0, "K", "30-49"),
        *staff("S", 8, hours=1.0),
        *staff("H", 21),
        *staff("B", 15),
    ]
    assert decide(TREE, persons).hidden_units == {"S", "H"}


def test_a_remainder_of_more_than_ten_persons_without_a_dominant_one_passes():
    persons = [*staff("A", 2), *staff("S", 9), *staff("H", 21), *staff("B", 15)]
    assert decide(TREE, persons).hidden_units == {"S"}


def test_the_smallest_shown_descendant_goes_first_and_a_tie_takes_the_lowest_id():
    # R's remainder is its own 5 staff: the smaller of A (20) and B (15) is hidden, then it passes.
    persons = [*staff("R", 5), *staff("A", 20), *staff("B", 15)]
    assert decide(TREE, persons).hidden_units == {"B"}
    tied = [*staff("R", 5), *staff("A", 15), *staff("B", 15)]
    assert decide(TREE, tied).hidden_units == {"A"}


def test_the_root_is_always_shown_and_a_unit_without_persons_is_not_hidden():
    decision = decide(TREE, staff("B", 3))
    assert decision.hidden_units == {"B"}  # R (3 persons) shown anyway; A, H, S have no one


def test_persons_without_gender_form_a_group_counted_in_the_pairing():
    # R: 20 women, 12 men, 3 not stated. The not-stated group fails, so the smaller named group (men)
    # is hidden too: else all − women − men would give the three away.
    persons = [*staff("R", 20), *staff("R", 12, gender="M"), *staff("R", 3, gender=None)]
    persons = [
        OwnHours(p.unit_id, f"{p.person_id}{p.gender}", p.sick_hours, p.gender, p.age_group) for p in persons
    ]
    decision = decide({"R": None}, persons)
    assert {("R", "M"), ("R", NOT_STATED_GENDER)} <= decision.split_hidden
    assert ("R", "K") not in decision.split_hidden
    assert ("R", NOT_STATED_AGE) not in decision.split_hidden  # nobody lacks a birth year


def test_a_split_group_follows_the_remainder_rule_for_gated_viewers():
    """R's women are A's 15 and B's 5. B's women are hidden (and B's men, their pair), so R's women
    minus A's women would give B's 5 away: A's women are hidden from gated viewers, and A's men with
    them. Every viewer still sees A's groups (no remainder rule for the unit's managers)."""
    tree = {"R": None, "A": "R", "B": "R"}
    persons = [
        *staff("A", 15, age=None),
        *[OwnHours("A", f"AM{i}", 10.0, "M", None) for i in range(15)],
        *staff("B", 5, age=None),
        *[OwnHours("B", f"BM{i}", 10.0, "M", None) for i in range(20)],
    ]
    decision = decide(tree, persons)
    assert decision.hidden_units == set()
    assert {("B", "K"), ("B", "M")} <= decision.split_hidden
    assert ("A", "K") not in decision.split_hidden
    assert {("A", "K"), ("A", "M"), ("B", "K"), ("B", "M")} <= decision.gated_split_hidden
    assert ("R", "K") not in decision.gated_split_hidden and ("R", "M") not in decision.gated_split_hidden


def test_the_groups_of_a_hidden_unit_are_hidden_from_gated_viewers():
    persons = [*staff("A", 2, hours=0.0), OwnHours("S", "top", 100.0), *staff("S", 8, 1.0), *staff("H", 21)]
    decision = decide(TREE, [*persons, *staff("B", 15)])
    assert ("H", "K") in decision.gated_split_hidden and ("H", "K") not in decision.split_hidden


def test_the_engine_gives_the_decision_each_units_own_staff():
    """From frames: R has no staff, A 11 persons of whom one has all the sick hours; B 12, each sick a
    day. A is hidden (dominated); R's remainder is then A's 11 again, so B is hidden too."""
    units = pl.DataFrame(
        {"unit_id": ["R", "A", "B"], "parent_id": [None, "R", "R"], "name": ["R", "A", "B"],
         "kind": ["förvaltning", "enhet", "enhet"], "activity": ["", "", ""]}
    )  # fmt: skip
    ids = [f"A{i}" for i in range(11)] + [f"B{i}" for i in range(12)]
    people = pl.DataFrame({"person_id": ids, "birth_year": [1980] * 23, "gender": ["K"] * 23})
    employments = pl.DataFrame(
        {"person_id": ids, "unit_id": [i[0] for i in ids], "start_date": [date(2020, 1, 1)] * 23,
         "end_date": [None] * 23, "rate": [100.0] * 23, "weekly_hours": [40.0] * 23, "pay": ["monthly"] * 23},
        schema_overrides={"end_date": pl.Date},
    )  # fmt: skip
    sick = ["A0", *(f"B{i}" for i in range(12))]
    absences = pl.DataFrame(
        {"person_id": sick, "start_date": [date(2025, 3, 3 + i) for i in range(13)],
         "end_date": [date(2025, 3, 3 + i) for i in range(13)], "extent": [100.0] * 13, "kind": ["sjuk"] * 13}
    )  # fmt: skip
    frames = normalise(units, people, employments, absences)
    decision = gate_decision(frames, date(2025, 1, 1), date(2025, 12, 31))
    assert decision.hidden_units == {"A", "B"}
