"""The rehabilitation chain (docs/definitions.md "Rehabilitation"), hand-worked."""

from datetime import date

import polars as pl
import pytest

from kasam.metrics import rehab
from kasam.metrics.rehab import (
    DONE,
    NOT_APPLICABLE,
    NOT_DONE,
    OPEN,
    Step,
    add_months,
    case_state,
    chain,
    closes_itself,
)
from kasam.metrics.sickcases import sick_cases


def absences(*rows) -> pl.DataFrame:
    """(first day, last day, extent) of person P1's sick periods."""
    return pl.DataFrame(
        [{"person_id": "P1", "start_date": s, "end_date": e, "extent": x, "kind": "sjuk"} for s, e, x in rows]
    )


def only_case(frame: pl.DataFrame) -> tuple[date, date]:
    (row,) = sick_cases(frame).select("start_date", "end_date").rows()
    return row


def by_name(steps) -> dict[str, Step]:
    return {s.step: s for s in steps}


def test_a_long_case_has_every_step_of_the_chain_with_its_due_date():
    # 2 March – 30 June 2026: 30 + 30 + 31 + 30 = 121 days, so the return plan applies (≥ 60).
    steps = chain("long_term", date(2026, 3, 2), date(2026, 6, 30))
    assert [(s.step, s.due, s.status) for s in steps] == [
        ("first_contact", date(2026, 3, 8), OPEN),  # day 7 = 2 March + 6
        ("certificate", date(2026, 3, 9), OPEN),  # day 8 = 2 March + 7
        ("fk_report", date(2026, 3, 22), OPEN),  # day 21 = 2 March + 20
        ("return_plan", date(2026, 3, 31), OPEN),  # day 30 = 2 March + 29
        ("day_90", date(2026, 5, 30), OPEN),  # 2 March + 89 = 31 March + 60 = 30 May
        ("day_180", date(2026, 8, 28), NOT_APPLICABLE),  # 30 May + 90 = 28 August, after 30 June
        ("day_365", date(2027, 3, 1), NOT_APPLICABLE),  # 2 March 2026 + 364 = 1 March 2027
        ("follow_up", date(2026, 7, 29), OPEN),  # back on 1 July, + 28 = 29 July
    ]
    assert all(s.done_on is None and s.on_time is None for s in steps)


def test_a_case_made_long_by_a_later_import_has_its_plan_due_7_days_after_it_was_learned():
    # First import: 2–20 March, 19 days, no plan; day 30 (31 March) is after the case anyway.
    first = by_name(chain("long_term", date(2026, 3, 2), date(2026, 3, 20)))
    assert first["return_plan"].status == NOT_APPLICABLE
    # An import on 3 April extends it to 31 May (30 + 30 + 31 = 91 days ≥ 60): the plan is due on
    # max(day 30 = 31 March, 3 April + 7 = 10 April) = 10 April.
    later = by_name(chain("long_term", date(2026, 3, 2), date(2026, 5, 31), learned_long_on=date(2026, 4, 3)))
    assert later["return_plan"] == Step("return_plan", date(2026, 4, 10), OPEN)
    # Learned on 20 March: max(31 March, 20 + 7 = 27 March) = 31 March, day 30 stands.
    early = by_name(
        chain("long_term", date(2026, 3, 2), date(2026, 5, 31), learned_long_on=date(2026, 3, 20))
    )
    assert early["return_plan"].due == date(2026, 3, 31)


def test_steps_whose_day_comes_after_the_case_ended_are_not_applicable():
    # 2–19 March, 18 days: days 7 and 8 fall inside, day 21 (22 March) and later do not.
    steps = by_name(chain("long_term", date(2026, 3, 2), date(2026, 3, 19)))
    statuses = {name: s.status for name, s in steps.items()}
    assert statuses == {
        "first_contact": OPEN,
        "certificate": OPEN,
        "fk_report": NOT_APPLICABLE,
        "return_plan": NOT_APPLICABLE,
        "day_90": NOT_APPLICABLE,
        "day_180": NOT_APPLICABLE,
        "day_365": NOT_APPLICABLE,
        "follow_up": OPEN,
    }
    assert steps["follow_up"].due == date(2026, 4, 17)  # back on 20 March, + 28 = 17 April


def test_a_step_done_late_is_done_but_not_on_time():
    done = {"first_contact": date(2026, 3, 8), "certificate": date(2026, 3, 12)}
    steps = by_name(chain("long_term", date(2026, 3, 2), date(2026, 6, 30), done=done))
    # Due 8 March (day 7), done that day: on time.
    assert steps["first_contact"] == Step("first_contact", date(2026, 3, 8), DONE, date(2026, 3, 8), True)
    # Due 9 March (day 8), done 12 March: done, late.
    assert steps["certificate"] == Step("certificate", date(2026, 3, 9), DONE, date(2026, 3, 12), False)


def test_a_period_within_the_resickness_gap_continues_the_case_and_its_day_numbering():
    # 2–10 March, then 14 March – 15 May: 14 March is D + 4 after 10 March, so one case.
    first, last = only_case(
        absences((date(2026, 3, 2), date(2026, 3, 10), 100.0), (date(2026, 3, 14), date(2026, 5, 15), 100.0))
    )
    assert (first, last) == (date(2026, 3, 2), date(2026, 5, 15))
    steps = by_name(chain("long_term", first, last))
    # Numbered from 2 March: day 21 = 22 March, day 30 = 31 March; 75 days (30 + 30 + 15) ≥ 60.
    assert steps["fk_report"] == Step("fk_report", date(2026, 3, 22), OPEN)
    assert steps["return_plan"] == Step("return_plan", date(2026, 3, 31), OPEN)
    assert steps["day_90"].status == NOT_APPLICABLE  # 30 May, after 15 May
    # Starting on 17 March (D + 7) it is a new case, numbered from 17 March.
    cases = sick_cases(
        absences((date(2026, 3, 2), date(2026, 3, 10), 100.0), (date(2026, 3, 17), date(2026, 5, 15), 100.0))
    )
    assert cases["start_date"].to_list() == [date(2026, 3, 2), date(2026, 3, 17)]


def test_a_case_that_starts_part_time_is_numbered_from_its_first_part_time_day():
    # Half-time 2–15 March, full-time 16 March – 31 May: the sick-case rule ignores the extent.
    first, last = only_case(
        absences((date(2026, 3, 2), date(2026, 3, 15), 50.0), (date(2026, 3, 16), date(2026, 5, 31), 100.0))
    )
    assert first == date(2026, 3, 2)
    steps = by_name(chain("long_term", first, last))
    assert steps["first_contact"].due == date(2026, 3, 8)  # day 7 = 2 March + 6, a half-time day


CHAIN_DONE = {
    "first_contact": date(2026, 3, 8),
    "certificate": date(2026, 3, 9),
    "fk_report": date(2026, 3, 20),
}


def test_a_relapse_within_five_days_continues_the_case_and_moves_the_follow_up():
    before = only_case(absences((date(2026, 3, 2), date(2026, 3, 31), 100.0)))
    # 30 days: back on 1 April, follow-up 1 April + 28 = 29 April; the 28 quiet days 1–28 April have
    # passed and the follow-up's own day too on 30 April, so the case alone would close that day.
    state = case_state("long_term", *before, date(2026, 4, 30), done=CHAIN_DONE)
    assert state.closed
    # The person is sick again 5–20 April: 5 April is D + 5 after 31 March, the same case.
    after = only_case(
        absences((date(2026, 3, 2), date(2026, 3, 31), 100.0), (date(2026, 4, 5), date(2026, 4, 20), 100.0))
    )
    assert after == (date(2026, 3, 2), date(2026, 4, 20))
    state = case_state("long_term", *after, date(2026, 4, 30), done=CHAIN_DONE)
    assert not state.closed
    # Back on 21 April: the follow-up moves to 21 April + 28 = 19 May and is still open.
    assert by_name(state.steps)["follow_up"] == Step("follow_up", date(2026, 5, 19), OPEN)


def test_a_case_closes_after_28_quiet_days_with_the_follow_up_not_done():
    first, last = date(2026, 3, 2), date(2026, 3, 31)
    # 28 April = 31 March + 28: the 28th quiet day is today, not yet passed.
    assert not case_state("long_term", first, last, date(2026, 4, 28), done=CHAIN_DONE).closed
    # 29 April: 1–28 April have passed without a sick day, but the follow-up is due today and open:
    # the case waits for it through its own day (a choice, docs/definitions.md "Rehabilitation").
    assert not case_state("long_term", first, last, date(2026, 4, 29), done=CHAIN_DONE).closed
    # 30 April: the follow-up's day has passed undone; the case closes and the follow-up is not done.
    state = case_state("long_term", first, last, date(2026, 4, 30), done=CHAIN_DONE)
    assert state.closed
    assert by_name(state.steps)["follow_up"] == Step("follow_up", date(2026, 4, 29), NOT_DONE)
    # The quiet days are a setting: with 35, 29 April (31 March + 29) is not yet closed.
    assert not case_state("long_term", first, last, date(2026, 4, 29), quiet_days=35, done=CHAIN_DONE).closed


def test_a_done_follow_up_stays_done_when_the_case_closes():
    done = {**CHAIN_DONE, "follow_up": date(2026, 4, 27)}
    state = case_state("long_term", date(2026, 3, 2), date(2026, 3, 31), date(2026, 5, 1), done=done)
    assert state.closed
    assert by_name(state.steps)["follow_up"] == Step(
        "follow_up", date(2026, 4, 29), DONE, date(2026, 4, 27), True
    )


def test_a_case_does_not_close_while_another_step_is_open():
    done = {"first_contact": date(2026, 3, 8), "certificate": date(2026, 3, 9)}  # fk_report still open
    first, last = date(2026, 3, 2), date(2026, 3, 31)
    steps = chain("long_term", first, last, done=done)
    assert not closes_itself(last, date(2026, 6, 1), steps)  # 62 quiet days, fk_report open
    state = case_state("long_term", first, last, date(2026, 6, 1), done=done)
    assert not state.closed and by_name(state.steps)["follow_up"].status == OPEN


def test_a_closed_case_reopens_when_a_later_import_continues_its_sick_case():
    # Closed on 1 May (31 March + 28 = 28 April passed). A later import adds 3–10 April (D + 3).
    assert case_state(
        "long_term", date(2026, 3, 2), date(2026, 3, 31), date(2026, 5, 1), done=CHAIN_DONE
    ).closed
    first, last = only_case(
        absences((date(2026, 3, 2), date(2026, 3, 31), 100.0), (date(2026, 4, 3), date(2026, 4, 10), 100.0))
    )
    state = case_state("long_term", first, last, date(2026, 5, 1), done=CHAIN_DONE)
    # 10 April + 28 = 8 May is not yet passed: open again, follow-up 11 April + 28 = 9 May.
    assert not state.closed
    assert by_name(state.steps)["follow_up"] == Step("follow_up", date(2026, 5, 9), OPEN)


def test_repeated_short_term_absence_gets_a_health_conversation_and_a_follow_up_three_months_on():
    steps = chain("repeated_short_term", None, None, opened_on=date(2026, 3, 2))
    assert steps == (
        Step("health_conversation", date(2026, 3, 16), OPEN),  # 2 March + 14
        Step("follow_up", date(2026, 6, 2), OPEN),  # the same calendar day 3 months later
    )
    # Opened 30 November: 28 February 2027 (February has no 30th); conversation by 14 December.
    steps = by_name(chain("repeated_short_term", None, None, opened_on=date(2026, 11, 30)))
    assert steps["follow_up"].due == date(2027, 2, 28)
    assert steps["health_conversation"].due == date(2026, 12, 14)


def test_returning_after_long_absence_counts_from_the_return():
    # A long case 5 January – 31 March 2026 (86 days): back on 1 April.
    steps = by_name(chain("returning", date(2026, 1, 5), date(2026, 3, 31), opened_on=date(2026, 4, 7)))
    assert steps["health_conversation"] == Step(
        "health_conversation", date(2026, 4, 15), OPEN
    )  # 1 April + 14
    assert steps["follow_up"] == Step("follow_up", date(2026, 7, 1), OPEN)  # 1 April + 3 months
    assert set(steps) == {"health_conversation", "follow_up"}


def test_a_manual_case_has_the_chosen_steps_with_the_usual_due_dates():
    steps = chain(
        "manual",
        date(2026, 3, 2),
        date(2026, 3, 31),
        opened_on=date(2026, 3, 10),
        chosen=("health_conversation", "first_contact"),
    )
    assert steps == (
        Step("first_contact", date(2026, 3, 8), OPEN),  # day 7
        Step("health_conversation", date(2026, 3, 24), OPEN),  # opened 10 March + 14
    )
    with pytest.raises(ValueError, match="unknown steps"):
        chain("manual", date(2026, 3, 2), date(2026, 3, 31), chosen=("coffee",))
    with pytest.raises(ValueError, match="unknown source"):
        chain("by_chance", date(2026, 3, 2), date(2026, 3, 31))
    with pytest.raises(ValueError, match="needs the day it was opened"):
        chain("repeated_short_term", None, None)


def test_adding_months_keeps_the_calendar_day_or_takes_the_month_s_last():
    assert add_months(date(2026, 1, 31), 3) == date(2026, 4, 30)  # April has 30 days
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)  # 2028 is a leap year
    assert add_months(date(2026, 10, 15), 3) == date(2027, 1, 15)  # over the new year


def test_quiet_from_moves_on_with_sick_leave_within_the_quiet_days_and_stops_at_the_first_quiet_run():
    last = date(2027, 1, 31)
    # 19 days later (within 28): the new case's end is the last sick day; 40 days after that: quiet.
    later = [(date(2027, 2, 20), date(2027, 2, 22)), (date(2027, 4, 3), date(2027, 4, 5))]
    assert rehab.quiet_from(last, later) == date(2027, 2, 22)
    assert rehab.quiet_from(last, []) == last
    # Starting on the 28th day after the last sick day still counts; on the 29th it does not.
    assert rehab.quiet_from(last, [(date(2027, 2, 28), date(2027, 3, 1))]) == date(2027, 3, 1)
    assert rehab.quiet_from(last, [(date(2027, 3, 1), date(2027, 3, 2))]) == last
    # Periods within the followed case change nothing; the order given does not matter.
    shuffled = [(date(2027, 2, 20), date(2027, 2, 22)), (date(2027, 1, 10), date(2027, 1, 20))]
    assert rehab.quiet_from(last, shuffled) == date(2027, 2, 22)
