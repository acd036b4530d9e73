"""The systematic work-environment cycle (docs/definitions.md "The systematic work-environment
cycle"), hand-worked."""

import random
import time
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kasam.metrics.sam import (
    ANSWERS,
    AREAS,
    COUNTS,
    FIGURES_BESIDE,
    HME_LEDARSKAP,
    HME_STYRNING,
    LEVELS,
    PULSE_DIMENSIONS,
    Action,
    Counts,
    Delegation,
    Risk,
    Round,
    Unit,
    act_by,
    areas_of_dimension,
    check_answer,
    check_area,
    check_level,
    figures_beside,
    followup,
    level,
    matrix,
    round_due,
    round_due_within_a_month,
    score,
)
from kasam.metrics.survey.items import HME_SUBINDICES

# ------------------------------------------------------------------------- areas and answers


def test_the_areas_and_answers_are_the_stable_ids():
    assert AREAS == ("workload", "working_hours", "victimisation", "goals", "knowledge", "cooperation")
    assert ANSWERS == ("works_well", "needs_attention", "risk")
    assert check_area("goals") == "goals"
    assert check_answer("risk") == "risk"
    with pytest.raises(ValueError, match="unknown area 'stress'; expected one of workload"):
        check_area("stress")
    with pytest.raises(ValueError, match="unknown answer 'ok'"):
        check_answer("ok")


# ------------------------------------------------------------------ the figures beside the areas


def test_the_copied_dimension_ids_are_the_question_banks():
    from kasam.pulse.question_bank import DIMENSION_IDS  # the metrics may not import it; a test may

    assert PULSE_DIMENSIONS == DIMENSION_IDS
    assert {HME_LEDARSKAP, HME_STYRNING} <= set(HME_SUBINDICES)


def test_each_area_has_its_figures_and_knowledge_has_none():
    assert tuple(FIGURES_BESIDE) == AREAS
    assert figures_beside("workload").pulse_dimensions == ("arbetsbelastning", "hanterbarhet")
    assert figures_beside("workload").sick_leave == ("sick_leave",)
    assert figures_beside("working_hours").pulse_dimensions == ("aterhamtning",)
    assert figures_beside("victimisation").pulse_dimensions == ("psykologisk_trygghet",)
    assert figures_beside("goals").pulse_dimensions == ("begriplighet",)
    assert figures_beside("goals").hme_subindices == ("styrning",)
    assert figures_beside("cooperation").hme_subindices == ("ledarskap",)
    assert figures_beside("knowledge").empty
    assert [a for a in AREAS if figures_beside(a).empty] == ["knowledge"]
    with pytest.raises(ValueError, match="unknown area"):
        figures_beside("noise")


def test_every_area_shows_known_figures_and_a_dimension_knows_its_areas():
    for area in AREAS:
        figures = figures_beside(area)
        assert figures.area == area
        assert set(figures.pulse_dimensions) <= set(PULSE_DIMENSIONS)
        assert set(figures.hme_subindices) <= set(HME_SUBINDICES)
    assert areas_of_dimension("psykologisk_trygghet") == ("victimisation", "cooperation")
    assert areas_of_dimension("hanterbarhet") == ("workload",)
    assert areas_of_dimension("meningsfullhet") == ()
    with pytest.raises(ValueError, match="unknown pulse dimension 'kasam'"):
        areas_of_dimension("kasam")


# -------------------------------------------------------------------------------- the matrix

# The matrix as drawn: likelihood 4 (very likely) at the top, consequence 1 (minor) on the left.
DRAWN = (
    ("medium", "high", "very_high", "very_high"),  # very likely: 4, 8, 12, 16
    ("low", "medium", "high", "very_high"),  # likely: 3, 6, 9, 12
    ("low", "medium", "medium", "high"),  # possible: 2, 4, 6, 8
    ("low", "low", "low", "medium"),  # unlikely: 1, 2, 3, 4
)


def test_every_cell_has_the_level_of_its_product():
    for row, likelihood in enumerate((4, 3, 2, 1)):
        for column, consequence in enumerate((1, 2, 3, 4)):
            assert level(likelihood, consequence) == DRAWN[row][column], (likelihood, consequence)


def test_the_matrix_is_the_sixteen_cells_in_drawing_order():
    cells = matrix()
    assert len(cells) == 16
    assert tuple(tuple(c.level for c in cells[i : i + 4]) for i in range(0, 16, 4)) == DRAWN
    first, last = cells[0], cells[-1]
    assert (first.likelihood, first.likelihood_id, first.consequence, first.consequence_id) == (
        4,
        "very_likely",
        1,
        "minor",
    )
    assert (first.score, first.level) == (4, "medium")
    assert (last.likelihood_id, last.consequence_id, last.score, last.level) == (
        "unlikely",
        "very_serious",
        4,
        "medium",
    )
    # Five low cells, five medium, three high, three very high.
    assert [sum(c.level == name for c in cells) for name in LEVELS] == [5, 5, 3, 3]


def test_the_level_never_falls_when_a_step_rises_and_is_symmetric():
    rank = {name: i for i, name in enumerate(LEVELS)}
    for a in range(1, 5):
        for b in range(1, 5):
            assert level(a, b) == level(b, a)
            if a < 4:
                assert rank[level(a + 1, b)] >= rank[level(a, b)]


@pytest.mark.parametrize("bad", [0, 5, -1, 2.0, "3", True, None])
def test_a_step_outside_1_to_4_is_refused(bad):
    with pytest.raises(ValueError, match="likelihood is a whole number from 1 to 4"):
        level(bad, 2)
    with pytest.raises(ValueError, match="consequence is a whole number from 1 to 4"):
        score(2, bad)


@pytest.mark.parametrize(
    ("risk_level", "found_on", "expected"),
    [
        ("very_high", date(2026, 3, 30), date(2026, 4, 6)),  # a week
        ("high", date(2026, 1, 31), date(2026, 2, 28)),  # a month: February has no 31st
        ("medium", date(2026, 11, 30), date(2027, 2, 28)),  # three months, over the year's end
        ("low", date(2024, 2, 29), date(2025, 2, 28)),  # the next round, 12 months on
    ],
)
def test_each_level_gives_its_time_to_act(risk_level, found_on, expected):
    assert act_by(risk_level, found_on) == expected


def test_an_unknown_level_is_refused():
    assert check_level("high") == "high"
    with pytest.raises(ValueError, match="unknown risk level 'severe'; expected one of low, medium"):
        act_by("severe", date(2026, 1, 1))


# ---------------------------------------------------------------------------------- the next round


def test_the_next_round_is_due_12_months_after_the_last_signed_one_or_now():
    today = date(2026, 2, 10)
    assert round_due(None, today) == today
    assert round_due(date(2025, 3, 10), today) == date(2026, 3, 10)
    assert round_due(date(2024, 2, 29), today) == date(2025, 2, 28)


def test_the_reminder_covers_a_month_ahead_and_everything_overdue():
    today = date(2026, 2, 10)
    assert round_due_within_a_month(date(2025, 3, 10), today)  # due 10 March: a month ahead, exactly
    assert not round_due_within_a_month(date(2025, 3, 11), today)  # due 11 March
    assert round_due_within_a_month(date(2024, 12, 1), today)  # overdue since 1 December
    assert round_due_within_a_month(None, today)  # never held: due now
    assert round_due_within_a_month(date(2025, 2, 28), date(2026, 1, 31))  # 31 Jan + 1 month = 28 Feb


# --------------------------------------------------------------------------- the yearly follow-up

# O (the organisation) → A1 → U1, U2; O → A2 → U3. The organisation and A1 hold no rounds; A2 does not
# either, but signs one in 2026, so it is counted then.
UNITS = (
    Unit("O", None, holds_rounds=False),
    Unit("A1", "O", holds_rounds=False),
    Unit("U1", "A1"),
    Unit("U2", "A1"),
    Unit("A2", "O", holds_rounds=False),
    Unit("U3", "A2"),
)
ROUNDS = (
    Round("U1", date(2026, 3, 10), date(2026, 3, 12)),
    Round("U1", date(2026, 9, 1), date(2026, 9, 1)),  # a second round: still one unit
    Round("U2", date(2025, 12, 15), date(2026, 1, 10)),  # held in 2025, signed in 2026: counts in 2026
    Round("U3", date(2026, 5, 1)),  # not signed: not done
    Round("A2", date(2026, 4, 1), date(2026, 4, 2)),
)
RISKS = (
    # high, found 12 March: due 12 April (a month), closed that day: on time.
    Risk("R1", "U1", date(2026, 3, 12), "high", closed_on=date(2026, 4, 12), decision="action"),
    # very high: due 19 March (a week), accepted on the 25th: closed late.
    Risk("R2", "U1", date(2026, 3, 12), "very_high", closed_on=date(2026, 3, 25), decision="accepted"),
    # medium with the round's own due date: open.
    Risk("R3", "U1", date(2026, 9, 1), "medium", due_on=date(2026, 9, 30), decision="action"),
    # found in 2025, closed in 2026: open in 2025's follow-up, not in 2026's.
    Risk("R4", "U2", date(2025, 12, 15), "low", closed_on=date(2026, 1, 20), decision="action"),
    Risk("R5", "U3", date(2026, 5, 1), "high", decision="action"),
)
ACTIONS = (
    Action("R1", date(2026, 4, 10), "done"),
    Action("R3", date(2026, 10, 15), "planned"),  # due on the day itself: not overdue
    Action("R4", date(2025, 12, 20), "ongoing"),  # overdue at the end of 2025
    Action("R5", date(2026, 6, 1), "planned"),  # overdue
    Action("R5", date(2026, 6, 1), "cancelled"),  # cancelled: never overdue
)
DELEGATIONS = (
    Delegation("U1", "chef U1", date(2025, 1, 10), accepted_on=date(2025, 1, 15)),  # running since 2025
    Delegation("U1", "chef U1", date(2026, 2, 1)),  # not accepted
    # returned in May 2026: current at the end of 2025, returned in 2026.
    Delegation("U2", "chef U2", date(2025, 3, 1), accepted_on=date(2025, 3, 2), returned_on=date(2026, 5, 5)),
    # ends on the day of the count: still running that day.
    Delegation("U3", "chef U3", date(2026, 1, 1), date(2026, 1, 2), ends_on=date(2026, 10, 15)),
    Delegation("U3", "chef U3", date(2026, 1, 1), date(2026, 1, 2), ends_on=date(2026, 10, 14)),  # ended
)
TODAY = date(2026, 10, 15)


def counts(*values: int) -> Counts:
    return Counts(*values)


def test_the_follow_up_of_the_running_year_is_counted_on_today():
    result = followup(UNITS, ROUNDS, RISKS, ACTIONS, DELEGATIONS, 2026, TODAY)
    assert result.as_of == TODAY
    #                                units, round, found, closed, on time, overdue, current, returned
    assert result.own == {
        "O": counts(0, 0, 0, 0, 0, 0, 0, 0),
        "A1": counts(0, 0, 0, 0, 0, 0, 0, 0),
        "U1": counts(1, 1, 3, 2, 1, 0, 1, 0),
        "U2": counts(1, 1, 0, 0, 0, 0, 0, 1),
        "A2": counts(1, 1, 0, 0, 0, 0, 0, 0),
        "U3": counts(1, 0, 1, 0, 0, 1, 1, 0),
    }
    assert result.subtree["A1"] == counts(2, 2, 3, 2, 1, 0, 1, 1)
    assert result.subtree["A2"] == counts(2, 1, 1, 0, 0, 1, 1, 0)
    assert result.subtree["O"] == counts(4, 3, 4, 2, 1, 1, 2, 1)
    assert result.roots == ("O",)
    assert result.children["O"] == ("A1", "A2")
    assert result.subtree["O"].as_dict() == {
        "units": 4,
        "units_with_round": 3,
        "risks_found": 4,
        "risks_closed": 2,
        "risks_closed_on_time": 1,
        "actions_overdue": 1,
        "delegations_current": 2,
        "delegations_returned": 1,
    }


def test_a_past_year_is_counted_on_its_last_day():
    result = followup(UNITS, ROUNDS, RISKS, ACTIONS, DELEGATIONS, 2025, TODAY)
    assert result.as_of == date(2025, 12, 31)
    # No round signed in 2025; R4 found and not closed by 31 December, its action overdue; the
    # delegations of U1 and U2 running (U2's returned only in 2026).
    assert result.own["U2"] == counts(1, 0, 1, 0, 0, 1, 1, 0)
    assert result.subtree["O"] == counts(3, 0, 1, 0, 0, 1, 2, 0)


def test_the_order_of_the_units_does_not_matter():
    shuffled = (UNITS[5], UNITS[2], UNITS[0], UNITS[3], UNITS[4], UNITS[1])
    assert (
        followup(shuffled, ROUNDS, RISKS, ACTIONS, DELEGATIONS, 2026, TODAY).subtree
        == followup(UNITS, ROUNDS, RISKS, ACTIONS, DELEGATIONS, 2026, TODAY).subtree
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"year": 2027}, "the year 2027 has not begun on 2026-10-15"),
        ({"units": (*UNITS, Unit("U1", "A1"))}, "unit 'U1' is given twice"),
        ({"units": (*UNITS, Unit("X", "Y"))}, "unit 'X' has an unknown parent 'Y'"),
        ({"units": (*UNITS, Unit("X", "Z"), Unit("Z", "X"))}, "cycle"),
        ({"rounds": (Round("X", date(2026, 1, 1)),)}, "a round of an unknown unit 'X'"),
        ({"rounds": (Round("U1", date(2026, 1, 2), date(2026, 1, 1)),)}, "signed before it was held"),
        ({"risks": (Risk("R", "U1", date(2026, 1, 1), "severe"),)}, "unknown risk level 'severe'"),
        ({"risks": (Risk("R", "U1", date(2026, 1, 1), "low", decision="ignored"),)}, "unknown decision"),
        ({"risks": (*RISKS, RISKS[0])}, "risk 'R1' is given twice"),
        ({"risks": (Risk("R", "U1", date(2026, 2, 1), "low", closed_on=date(2026, 1, 1)),)}, "closed before"),
        ({"risks": (Risk("R", "U1", date(2026, 2, 1), "low", due_on=date(2026, 1, 1)),)}, "due before"),
        ({"actions": (Action("R9", date(2026, 1, 1), "done"),)}, "an action of an unknown risk 'R9'"),
        ({"actions": (Action("R1", date(2026, 1, 1), "finished"),)}, "unknown action status 'finished'"),
        ({"delegations": (Delegation("X", "h", date(2026, 1, 1)),)}, "a delegation of an unknown unit"),
        (
            {"delegations": (Delegation("U1", "h", date(2026, 2, 1), date(2026, 1, 1)),)},
            "is accepted before it was given",
        ),
    ],
)
def test_bad_rows_are_refused_with_a_reason(change, message):
    arguments = {
        "units": UNITS,
        "rounds": ROUNDS,
        "risks": RISKS,
        "actions": ACTIONS,
        "delegations": DELEGATIONS,
        "year": 2026,
        "today": TODAY,
    }
    arguments.update(change)
    with pytest.raises(ValueError, match=message):
        followup(**arguments)


# ------------------------------------------------------------------ the sums over the tree

DAYS = st.dates(min_value=date(2025, 6, 1), max_value=date(2027, 6, 30))
LATER = st.integers(min_value=0, max_value=400)
MAYBE_LATER = st.none() | LATER
DECIDED = st.sampled_from((None, "action", "accepted"))
STATUSES = st.sampled_from(("planned", "ongoing", "done", "cancelled"))


def _after(day: date, days: int | None) -> date | None:
    return None if days is None else day + timedelta(days=days)


@st.composite
def worlds(draw):
    n = draw(st.integers(min_value=1, max_value=25))
    parents = [None] + [draw(st.integers(min_value=0, max_value=i - 1)) for i in range(1, n)]
    units = [Unit(i, parents[i], draw(st.booleans())) for i in range(n)]
    units = draw(st.permutations(units))
    unit = st.integers(min_value=0, max_value=n - 1)
    rounds = [
        Round(u, day, _after(day, later))
        for u, day, later in draw(st.lists(st.tuples(unit, DAYS, MAYBE_LATER), max_size=20))
    ]
    risks = [
        Risk(
            i,
            u,
            day,
            lvl,
            _after(day, due),
            _after(day, closed),
            draw(DECIDED),
        )
        for i, (u, day, lvl, due, closed) in enumerate(
            draw(
                st.lists(
                    st.tuples(unit, DAYS, st.sampled_from(LEVELS), MAYBE_LATER, MAYBE_LATER), max_size=20
                )
            )
        )
    ]
    actions = (
        [
            Action(r, day, status)
            for r, day, status in draw(
                st.lists(
                    st.tuples(
                        st.integers(0, len(risks) - 1),
                        DAYS,
                        STATUSES,
                    ),
                    max_size=20,
                )
            )
        ]
        if risks
        else []
    )
    delegations = [
        Delegation(u, "h", day, _after(day, a), _after(day, r), _after(day, e))
        for u, day, a, r, e in draw(
            st.lists(st.tuples(unit, DAYS, MAYBE_LATER, MAYBE_LATER, MAYBE_LATER), max_size=20)
        )
    ]
    return units, rounds, risks, actions, delegations


@settings(max_examples=150, deadline=None)
@given(worlds(), st.sampled_from((2025, 2026)), DAYS)
def test_every_subtree_is_its_own_counts_plus_its_childrens_subtrees(world, year, today):
    units, rounds, risks, actions, delegations = world
    today = max(today, date(year, 1, 1))
    result = followup(units, rounds, risks, actions, delegations, year, today)
    for unit in units:
        below = sum((result.subtree[c] for c in result.children[unit.id]), Counts())
        assert result.subtree[unit.id] == result.own[unit.id] + below
    # The organisation's figures are its own and its areas' (the root's children's subtrees), and
    # every unit's own counts once in it.
    (root,) = result.roots
    assert result.subtree[root] == result.own[root] + sum(
        (result.subtree[c] for c in result.children[root]), Counts()
    )
    assert result.subtree[root] == sum(result.own.values(), Counts())
    total = result.subtree[root]
    assert total.units_with_round <= total.units
    assert total.risks_closed_on_time <= total.risks_closed <= total.risks_found


def test_three_thousand_units_are_counted_quickly():
    rng = random.Random(7)
    # The organisation, which holds no round, and 2,999 units below it, each under an earlier one.
    units = [Unit(0, None, False)] + [Unit(i, rng.randrange(i // 10, i)) for i in range(1, 3000)]
    start = date(2026, 1, 1)

    def day() -> date:
        return start + timedelta(days=rng.randrange(365))

    rounds = [Round(u.id, d, d) for u in units[1:] for d in (day(), day())]
    risks = [
        Risk((u.id, k), u.id, d, rng.choice(LEVELS), closed_on=d + timedelta(days=rng.randrange(60)))
        for u in units
        for k, d in enumerate((day(), day(), day(), day()))
    ]
    actions = [Action(r.id, r.found_on + timedelta(days=30), rng.choice(("planned", "done"))) for r in risks]
    delegations = [Delegation(u.id, "h", day(), None) for u in units for _ in range(2)]
    began = time.perf_counter()
    result = followup(units, rounds, risks, actions, delegations, 2026, date(2026, 12, 31))
    assert time.perf_counter() - began < 2.0
    assert result.subtree[0].risks_found == 4 * 3000
    assert result.subtree[0].units == 2999
    assert set(result.subtree[0].as_dict()) == set(COUNTS)
