"""Which units a release of rehabilitation outcomes shows (kasam.metrics.rehab_release) and the figures
of each value of a column (rehab_outcomes.by_column), hand-worked."""

from datetime import date, timedelta

import polars as pl

from kasam.metrics.disclosure import Tree
from kasam.metrics.rehab_outcomes import COLUMNS, behind, by_column, by_group
from kasam.metrics.rehab_release import MorePersons, decide, decide_figures

TODAY = date(2026, 6, 1)
TREE = Tree({"ORG": None, "A": "ORG", "A1": "A", "A2": "A", "B": "ORG"})


def persons(prefix: str, n: int) -> frozenset:
    return frozenset(f"{prefix}{i}" for i in range(n))


def test_more_persons_counts_a_person_once():
    rule = MorePersons()
    assert not rule.passes(persons("p", 10)) and rule.passes(persons("p", 11))
    assert rule.combine([persons("p", 6), persons("p", 6)]) == persons("p", 6)
    assert rule.is_empty(frozenset())


def test_a_unit_whose_remainder_is_small_hides_its_smallest_shown_child():
    # A1 12 and A2 3 persons: A (15) minus A1 would leave A2's 3, so A1 goes too.
    own = {"A1": persons("a", 12), "A2": persons("b", 3), "B": persons("c", 20)}
    shown = decide(TREE, own).shown
    assert shown == {"ORG", "A", "B"}
    # Two of A1's persons also have a case in A2: A has 11 persons, as A1 has, yet A minus A1 would
    # give those 2 persons' cases in A2 – the remainder is the persons of A2's cases, and A1 goes.
    own = {"A1": persons("a", 11), "A2": persons("a", 2)}
    assert decide(TREE, own).shown == {"ORG", "A"}


def test_each_figure_has_its_own_walk():
    own = {
        "plan_on_time": {"A1": persons("a", 12), "B": persons("c", 4)},
        "returned_by": {"A1": persons("a", 12), "B": persons("c", 12)},
    }
    shown = decide_figures(TREE, own)
    # The plans: ORG 16 minus A (12) leaves B's 4: A goes, then A1 for the same reason.
    assert shown["plan_on_time"] == {"ORG"}
    assert shown["returned_by"] == {"ORG", "A", "A1", "B"}


def _case(person: str, unit: str, *, done: int | None) -> dict:
    start = date(2026, 1, 5)
    row = dict.fromkeys(COLUMNS)
    row.update(
        person_id=person,
        source="long_term",
        sick_case_start=start,
        sick_case_end=start + timedelta(days=79),
        returned=True,
        return_plan_due=start + timedelta(days=29),
        return_plan_done_on=None if done is None else start + timedelta(days=done - 1),
        plan_required=True,
        adjustment_kinds=[],
        unit=unit,
    )
    return row


def test_by_column_gates_each_value_alone_and_agrees_with_by_group_on_the_total():
    rows = [_case(f"a{i}", "A1", done=20) for i in range(11)] + [
        _case(f"b{i}", "B", done=40) for i in range(4)
    ]
    schema = {name: dtype or pl.String for name, dtype in COLUMNS.items()} | {"unit": pl.String}
    frame = pl.DataFrame(rows, schema=schema)
    found = by_column(frame, "unit", TODAY)
    assert found["A1"].persons == 11 and found["A1"].plan_on_time.count == 11
    assert found["A1"].days_to_plan.median == 20.0
    assert found["B"].hidden and found["B"].persons is None  # 4 persons: nothing about them
    everyone = by_column(frame.with_columns(unit=pl.lit("ORG")), "unit", TODAY)["ORG"]
    assert everyone == by_group(frame, "length_band", TODAY).total.__class__(
        **{**by_group(frame, "length_band", TODAY).total.__dict__, "group": "ORG"}
    )
    assert everyone.plan_on_time.count == 11 and everyone.plan_on_time.of == 15
    assert frame.filter(behind(TODAY)["plan_on_time"]).height == 15
