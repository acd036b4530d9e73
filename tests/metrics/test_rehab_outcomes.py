"""What rehabilitation cases add up to (docs/definitions.md "What rehabilitation cases add up to"),
hand-worked."""

from datetime import date, timedelta

import polars as pl
import pytest

from kasam.metrics.rehab_outcomes import (
    COLUMNS,
    DaysToPlan,
    Share,
    by_group,
    days_to_plan,
    early_signal_cases_not_long,
    plan_on_time_share,
    returned_by,
    with_group,
)

TODAY = date(2026, 6, 1)
SCHEMA = {name: dtype or pl.String for name, dtype in COLUMNS.items()}


def case(person="P1", **values) -> dict:
    row = dict.fromkeys(COLUMNS)
    row.update(person_id=person, source="long_term", returned=False, plan_required=False, adjustment_kinds=[])
    row.update(values)
    return row


def frame(*rows: dict) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=SCHEMA)


def sick(person: str, start: date, days: int, *, back: bool = True, **values) -> dict:
    """A case whose sick case has lasted `days` days: ended and the person back (`back`), or ongoing
    through today (its first day is then today − days + 1, its expected end later)."""
    if not back:
        start = TODAY - timedelta(days=days - 1)
        end = TODAY + timedelta(days=30)
    else:
        end = start + timedelta(days=days - 1)
    return case(person, sick_case_start=start, sick_case_end=end, returned=back, **values)


# ----------------------------------------------------------------------------------- plans on time


def test_the_plans_on_time_are_the_judged_plans_done_on_or_before_their_due_day():
    due = date(2026, 3, 31)
    cases = frame(
        case("A", plan_required=True, return_plan_due=due, return_plan_done_on=due),  # on its due day
        case("B", plan_required=True, return_plan_due=due, return_plan_done_on=date(2026, 4, 2)),  # late
        case("C", plan_required=True, return_plan_due=date(2026, 5, 1)),  # not done, past due: late
        case("D", plan_required=True, return_plan_due=TODAY),  # due today: can still be on time
        case(
            "E", plan_required=True, return_plan_due=date(2026, 6, 10), return_plan_done_on=date(2026, 5, 20)
        ),
        case("F", return_plan_due=due, return_plan_done_on=due),  # no plan required: not counted
        case("G", plan_required=True, return_plan_done_on=due),  # no due date: cannot be judged
    )
    # Judged A, B, C, E; on time A and E: 2 of 4.
    assert plan_on_time_share(cases, TODAY) == Share(2, 4, 0.5)
    assert plan_on_time_share(frame(case("D", plan_required=True, return_plan_due=TODAY)), TODAY) == Share(
        0, 0, None
    )


def test_days_to_plan_is_the_day_of_the_sick_case_the_plan_was_done_on():
    cases = frame(
        # 2 March → 31 March: 29 days later, day 30 (the due day).
        case(
            "A", plan_required=True, sick_case_start=date(2026, 3, 2), return_plan_done_on=date(2026, 3, 31)
        ),
        # 1 → 20 January: day 20.
        case(
            "B", plan_required=True, sick_case_start=date(2026, 1, 1), return_plan_done_on=date(2026, 1, 20)
        ),
        # 1 February → 15 March 2026: 28 + 14 = 42 days later, day 43.
        case(
            "C", plan_required=True, sick_case_start=date(2026, 2, 1), return_plan_done_on=date(2026, 3, 15)
        ),
        # Not required, not done, or without a sick case: not counted.
        case("D", sick_case_start=date(2026, 3, 2), return_plan_done_on=date(2026, 3, 5)),
        case("E", plan_required=True, sick_case_start=date(2026, 3, 2)),
        case("F", plan_required=True, return_plan_done_on=date(2026, 3, 5)),
    )
    # Days 20, 30, 43: median 30, mean 93 / 3 = 31.
    assert days_to_plan(cases) == DaysToPlan(3, 30.0, 31.0)
    assert days_to_plan(frame(case("E", plan_required=True))) == DaysToPlan(0, None, None)


# ------------------------------------------------------------------------------------ Kaplan–Meier


def test_back_at_work_counts_an_ongoing_case_as_censored_by_the_product_limit_formula():
    cases = frame(
        sick("P1", date(2026, 1, 5), 10),  # back after 10 days
        sick("P2", None, 20, back=False),  # still sick on its 20th day: censored at 20
        sick("P3", date(2026, 2, 2), 30),
        sick("P4", date(2026, 3, 2), 40),
    )
    # S(t) = Π over the durations t_i ≤ t of (1 − d_i / r_i):
    #   t = 10: r = 4 (all), d = 1            S = 3/4
    #   t = 20: r = 3, d = 0 (P2 is censored) S = 3/4
    #   t = 30: r = 2 (P3, P4), d = 1         S = 3/4 × 1/2 = 3/8
    #   t = 40: r = 1, d = 1                  S = 0
    # Back by day n = 1 − S(n). Counting P2 as not back would give 2/4 on day 30, not 5/8; dropping P2
    # would give 2/3.
    assert returned_by(cases, TODAY, days=(9, 10, 20, 30, 35, 40, 50)) == {
        9: 0.0,
        10: 0.25,
        20: 0.25,
        30: 0.625,
        35: 0.625,
        40: 1.0,
        50: 1.0,  # the longest case ended: everyone is back
    }


def test_there_is_no_estimate_beyond_the_longest_case_when_it_is_still_open():
    cases = frame(sick("P1", date(2026, 1, 5), 10), sick("P2", None, 50, back=False))
    # t = 10: r = 2, d = 1, S = 1/2; t = 50: censored, S stays 1/2; after 50 nothing is known.
    assert returned_by(cases, TODAY, days=(30, 50, 90)) == {30: 0.5, 50: 0.5, 90: None}
    assert returned_by(frame(case("P1")), TODAY) == {30: None, 90: None, 180: None, 365: None}


def test_a_sick_case_followed_by_two_rehabilitation_cases_counts_once():
    # P1's 90 days (1 January – 31 March: 31 + 28 + 31) opened a long-term case and, on the return, a
    # returning case: one sick case. P2 is still sick on day 100.
    first, last = date(2026, 1, 1), date(2026, 3, 31)
    cases = frame(
        case("P1", sick_case_start=first, sick_case_end=last, returned=True),
        case("P1", source="returning", sick_case_start=first, sick_case_end=last, returned=True),
        sick("P2", None, 100, back=False),
        case("P3", source="manual"),  # no sick case: not counted
        case("P4", sick_case_start=TODAY + timedelta(days=1), sick_case_end=TODAY + timedelta(days=9)),
    )
    # t = 90: r = 2, d = 1, S = 1/2 (counted twice it would be r = 3, d = 2, S = 1/3).
    assert returned_by(cases, TODAY, days=(90, 100)) == {90: 0.5, 100: 0.5}


# ---------------------------------------------------------------------------------- early signals


def test_early_signal_cases_that_never_became_long():
    cases = frame(
        case("A", source="repeated_short_term", became_long=True),
        case("B", source="repeated_short_term", became_long=False),
        case("C", source="repeated_short_term", became_long=False),
        case("D", source="returning", became_long=False),
        case("E", source="returning"),  # not known to have become long: counts as not long
        case("F", source="long_term", became_long=True),  # not an early signal
        case("G", source="manual", became_long=True),
    )
    assert early_signal_cases_not_long(cases) == Share(4, 5, 0.8)


# ----------------------------------------------------------------------------------------- groups


def plan_case(person: str, kinds: list[str], start: date = date(2026, 3, 2)) -> dict:
    """A 60-day sick case, back; its plan due and done on day 30."""
    return sick(
        person,
        start,
        60,
        plan_required=True,
        return_plan_due=start + timedelta(days=29),
        return_plan_done_on=start + timedelta(days=29),
        adjustment_kinds=kinds,
    )


def persons(prefix: str, n: int, kinds: list[str]) -> list[dict]:
    return [plan_case(f"{prefix}{i}", kinds) for i in range(n)]


def test_a_group_is_shown_with_11_persons_and_hidden_with_10_counting_persons_not_cases():
    rows = [
        *persons("a", 11, ["aids"]),
        plan_case("a0", ["aids"], start=date(2025, 1, 1)),  # a0's second case: 11 persons, 12 cases
        *persons("w", 10, ["working_hours"]),
        plan_case("w0", ["working_hours"], start=date(2025, 1, 1)),  # 10 persons, 11 cases: hidden
        *persons("p", 3, ["pace"]),  # hidden
        *persons("n", 12, []),
    ]
    result = by_group(frame(*rows), "adjustment_kind", TODAY)
    groups = {g.group: g for g in result.groups}
    assert [g.group for g in result.groups] == [
        "working_hours",
        "tasks",
        "aids",
        "place",
        "pace",
        "schedule",
        "none",
    ]
    aids = groups["aids"]
    assert (aids.hidden, aids.persons, aids.cases) == (False, 11, 12)
    assert aids.plan_on_time == Share(12, 12, 1.0)
    assert aids.days_to_plan == DaysToPlan(12, 30.0, 30.0)
    assert aids.returned_by == {30: 0.0, 90: 1.0, 180: 1.0, 365: 1.0}  # every sick case lasted 60 days
    assert aids.early_signal_not_long == Share(0, 0, None)
    assert aids.hidden_figures == ()
    # Two groups fail on their own (10 and 3 persons), so no pairing is needed.
    for name in ("working_hours", "pace"):
        g = groups[name]
        assert g.hidden and g.persons is None and g.cases is None
        assert (g.plan_on_time, g.days_to_plan, g.returned_by, g.early_signal_not_long) == (None,) * 4
    assert (groups["tasks"].hidden, groups["tasks"].persons) == (False, 0)  # empty: not hidden
    assert (groups["none"].hidden, groups["none"].persons) == (False, 12)
    # The total: 11 + 10 + 3 + 12 = 36 persons, 12 + 11 + 3 + 12 = 38 cases.
    assert (result.total.hidden, result.total.persons, result.total.cases) == (False, 36, 38)


def test_when_one_group_alone_is_hidden_the_smallest_other_is_hidden_too():
    rows = [*persons("t", 10, ["tasks"]), *persons("a", 11, ["aids"]), *persons("n", 15, [])]
    groups = {g.group: g for g in by_group(frame(*rows), "adjustment_kind", TODAY).groups}
    # tasks (10) alone would follow from the total (36) minus aids and none: aids (11) is hidden too.
    assert groups["tasks"].hidden and groups["aids"].hidden
    assert not groups["none"].hidden and groups["none"].persons == 15


def test_a_case_counts_in_each_kind_it_used():
    rows = [*persons("x", 11, ["aids", "pace"]), *persons("y", 12, ["pace"])]
    groups = {g.group: g for g in by_group(frame(*rows), "adjustment_kind", TODAY).groups}
    assert (groups["aids"].persons, groups["pace"].persons, groups["none"].persons) == (11, 23, 0)


def test_a_figure_with_too_few_persons_behind_it_is_hidden_with_its_pair():
    no_plan = {"plan_required": False, "return_plan_due": None, "return_plan_done_on": None}
    rows = [
        *persons("n", 5, []),  # none: 5 of its 20 persons have a plan
        *[{**plan_case(f"m{i}", []), **no_plan} for i in range(15)],
        *persons("a", 12, ["aids"]),  # aids: all 12 have a plan
        *[{**plan_case(f"t{i}", ["tasks"]), **no_plan} for i in range(11)],  # tasks: no plan at all
    ]
    result = by_group(frame(*rows), "adjustment_kind", TODAY)
    groups = {g.group: g for g in result.groups}
    # The plans: none 5 persons (hidden), aids 12 (the smallest other with persons: hidden too), tasks 0.
    assert groups["none"].plan_on_time is None and groups["none"].days_to_plan is None
    assert groups["none"].hidden_figures == ("plan_on_time", "days_to_plan")
    assert groups["aids"].plan_on_time is None and groups["aids"].hidden_figures == (
        "plan_on_time",
        "days_to_plan",
    )
    assert groups["aids"].returned_by == {30: 0.0, 90: 1.0, 180: 1.0, 365: 1.0}
    assert groups["tasks"].plan_on_time == Share(0, 0, None)
    # The total's plans: 17 persons, shown.
    assert result.total.plan_on_time == Share(17, 17, 1.0)
    assert result.total.persons == 43


def test_the_total_of_10_persons_or_fewer_is_hidden():
    result = by_group(frame(*persons("a", 10, ["aids"])), "adjustment_kind", TODAY)
    assert result.total.hidden and result.total.persons is None and result.total.plan_on_time is None
    assert all(g.hidden for g in result.groups if g.group == "aids")


def test_the_length_band_is_the_length_so_far_of_an_ongoing_case():
    cases = frame(
        sick("A", date(2026, 1, 1), 14),  # 1-14
        sick("B", date(2026, 1, 1), 15),  # 15-59
        sick("C", None, 60, back=False),  # 60 days so far, whatever its expected end: 60-89
        sick("D", None, 59, back=False),  # 15-59 so far
        sick("E", date(2024, 1, 1), 365),  # 365-
        case("F", source="manual"),  # no sick case: none
    )
    grouped = with_group(cases, "length_band", TODAY)
    assert dict(grouped.select("person_id", "_group").iter_rows()) == {
        "A": "1-14",
        "B": "15-59",
        "C": "60-89",
        "D": "15-59",
        "E": "365-",
        "F": "none",
    }


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="unknown sources"):
        plan_on_time_share(frame(case(source="sick")), TODAY)
    with pytest.raises(ValueError, match="unknown adjustment kinds"):
        days_to_plan(frame(case(adjustment_kinds=["massage"])))
    with pytest.raises(ValueError, match="needs its sick case's last day"):
        returned_by(frame(case(sick_case_start=date(2026, 1, 1), returned=True)), TODAY)
    with pytest.raises(ValueError, match="missing columns"):
        returned_by(frame(case()).drop("became_long"), TODAY)
    with pytest.raises(ValueError, match="unknown group key"):
        by_group(frame(case()), "unit", TODAY)
