"""The steps of a rehabilitation case, their due dates and statuses, and when a case closes by itself
(docs/definitions.md "Rehabilitation"). Pure Python on dates, no Django.

The sick case a rehabilitation case follows is formed elsewhere (`sickcases.sick_cases`, the
re-sickness rule of "Sick cases"); here it is only its first and last day. Everything is recomputed
from those days: when a later import extends the sick case, the steps, the follow-up and the closing
move with it.
"""

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from kasam.metrics.definitions import SickLeaveSettings

# Sources a case is opened from.
LONG_TERM = "long_term"
REPEATED_SHORT_TERM = "repeated_short_term"
RETURNING = "returning"
MANUAL = "manual"
SOURCES = (LONG_TERM, REPEATED_SHORT_TERM, RETURNING, MANUAL)

# Statuses of a step.
OPEN = "open"
DONE = "done"
NOT_APPLICABLE = "not_applicable"
NOT_DONE = "not_done"

# The steps tied to a day of the sick case, with that day (day n = first day + (n − 1)).
CASE_DAY_STEPS = {
    "first_contact": 7,
    "certificate": 8,
    "fk_report": 21,  # within 7 days after day 14
    "return_plan": 30,  # only when the absence is expected to last `long_case_days` days or more
    "day_90": 90,
    "day_180": 180,
    "day_365": 365,
}
FOLLOW_UP = "follow_up"
HEALTH_CONVERSATION = "health_conversation"
STEPS = (*CASE_DAY_STEPS, HEALTH_CONVERSATION, FOLLOW_UP)

CHAIN_STEPS = (*CASE_DAY_STEPS, FOLLOW_UP)  # a case opened from a long sick case
CONVERSATION_STEPS = (HEALTH_CONVERSATION, FOLLOW_UP)  # repeated short-term absence, returning

FOLLOW_UP_DAYS = 28  # the chain's follow-up: 4 weeks after the return
LEARNED_LONG_DAYS = 7  # a plan learned to be needed late is due at least 7 days after it was learned
CONVERSATION_DAYS = 14  # the health conversation: within 14 days of the opening or the return
FOLLOW_UP_MONTHS = 3  # the conversation's follow-up: 3 calendar months after the opening or the return
QUIET_DAYS = 28  # a case closes by itself after this many days without a sick day


@dataclass(frozen=True)
class Step:
    """One step of a case: its due date, status, the day it was done and whether that was on time
    (None unless done)."""

    step: str
    due: date | None
    status: str
    done_on: date | None = None
    on_time: bool | None = None


def case_day(first_day: date, n: int) -> date:
    """Day n of a sick case: its first day + (n − 1)."""
    return first_day + timedelta(days=n - 1)


def add_months(day: date, months: int) -> date:
    """The same calendar day `months` months later; a day the month lacks becomes its last day
    (30 November + 3 months = 28 or 29 February).

    Choice: the follow-up "after 3 months" is this date, not the opening + 91 days: it is a meeting
    agreed with the person, and "on 2 June" is the date both write down when they meet on 2 March.
    """
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def _require(value: date | None, name: str, source: str) -> date:
    if value is None:
        raise ValueError(f"a {source} case needs {name}")
    return value


def _due(
    step: str,
    source: str,
    case_first_day: date | None,
    case_last_day: date | None,
    opened_on: date | None,
    learned_long_on: date | None,
) -> date:
    """The due date of `step` in a case from `source` (see `chain`)."""
    if step in CASE_DAY_STEPS:
        due = case_day(_require(case_first_day, "its sick case's first day", source), CASE_DAY_STEPS[step])
        if step == "return_plan" and learned_long_on is not None:
            due = max(due, learned_long_on + timedelta(days=LEARNED_LONG_DAYS))
        return due
    if source == REPEATED_SHORT_TERM:
        start = _require(opened_on, "the day it was opened", source)
    elif source == RETURNING:
        start = _require(case_last_day, "its sick case's last day", source) + timedelta(days=1)
    elif step == HEALTH_CONVERSATION:  # a manual case: within 14 days of opening
        start = _require(opened_on, "the day it was opened", source)
    else:  # a manual or long-term case's follow-up: 4 weeks after the return
        return _require(case_last_day, "its sick case's last day", source) + timedelta(
            days=1 + FOLLOW_UP_DAYS
        )
    if step == HEALTH_CONVERSATION:
        return start + timedelta(days=CONVERSATION_DAYS)
    return add_months(start, FOLLOW_UP_MONTHS)


def _applies(step: str, case_first_day: date | None, case_last_day: date | None, long: int) -> bool:
    """Whether a step tied to a day of the sick case applies: its day is on or before the case's
    last recorded day, and a return plan needs `long` days or more expected."""
    if step not in CASE_DAY_STEPS or case_first_day is None or case_last_day is None:
        return True
    if step == "return_plan":
        return (case_last_day - case_first_day).days + 1 >= long
    return case_day(case_first_day, CASE_DAY_STEPS[step]) <= case_last_day


def chain(
    source: str,
    case_first_day: date | None,
    case_last_day: date | None,
    *,
    opened_on: date | None = None,
    learned_long_on: date | None = None,
    chosen: Iterable[str] = (),
    done: Mapping[str, date] | None = None,
    settings: SickLeaveSettings = SickLeaveSettings(),
) -> tuple[Step, ...]:
    """The steps of a case opened from `source`, in the order of STEPS.

    `case_first_day`, `case_last_day`: the sick case's first and last recorded day (the expected end
    while it is open). `opened_on`: the day the case was opened (needed for repeated short-term absence
    and a manual health conversation). `learned_long_on`: the day an import first made the expected
    length ≥ `long_case_days`, when that came after the case started; the return plan is then due on
    day 30 or 7 days after it, whichever is later. `chosen`: the steps of a manual case. `done`:
    step → the day it was done.

    A step done is `done` (on time when done on or before its due date), also one that would not
    apply – what was done stays recorded. Otherwise a step tied to a day of the sick case that comes
    after the case's last recorded day is `not_applicable` (so is a return plan when less than
    `long_case_days` days are expected), and every other step is `open`, overdue or not.
    """
    done = done or {}
    if source == LONG_TERM:
        names = CHAIN_STEPS
    elif source in (REPEATED_SHORT_TERM, RETURNING):
        names = CONVERSATION_STEPS
    elif source == MANUAL:
        picked = set(chosen)
        if unknown := picked - set(STEPS):
            raise ValueError(f"unknown steps: {sorted(unknown)}")
        names = tuple(s for s in STEPS if s in picked)
    else:
        raise ValueError(f"unknown source: {source}")
    steps = []
    for name in names:
        due = _due(name, source, case_first_day, case_last_day, opened_on, learned_long_on)
        if name in done:
            steps.append(Step(name, due, DONE, done[name], done[name] <= due))
        elif _applies(name, case_first_day, case_last_day, settings.long_case_days):
            steps.append(Step(name, due, OPEN))
        else:
            steps.append(Step(name, due, NOT_APPLICABLE))
    return tuple(steps)


def closes_itself(
    case_last_day: date, today: date, steps: Iterable[Step], quiet_days: int = QUIET_DAYS
) -> bool:
    """Whether the case is closed on `today`: the `quiet_days` days after the case's last sick day
    (last + 1 … last + quiet_days) have all passed without a sick day – today is after them – and no
    step other than the follow-up is open. Choice: an open follow-up keeps the case open through its
    own due day (it falls on last + 29, the very day the 28 quiet days have passed), so that it can be
    done on time; the day after, the case closes and the follow-up is not done.

    Nothing is stored: when the same sick case continues (a later import, the re-sickness rule), its
    last day moves and the case is open again – it reopens.
    """
    steps = tuple(steps)
    quiet = today > case_last_day + timedelta(days=quiet_days)
    waiting = any(
        s.step == FOLLOW_UP and s.status == OPEN and s.due is not None and today <= s.due for s in steps
    )
    return quiet and not waiting and all(s.status != OPEN for s in steps if s.step != FOLLOW_UP)


def quiet_from(case_last_day: date, later: Iterable[tuple[date, date]], quiet_days: int = QUIET_DAYS) -> date:
    """The last sick day before the first run of `quiet_days` days without one, counted from the case's
    last sick day: a later sick period (start, end) that starts within `quiet_days` days after the
    last sick day so far moves it to that period's end; the first that starts later – or none – leaves
    it. `closes_itself` then asks whether those quiet days have passed.

    Choice: a new sick case soon after the return (not joined by the re-sickness rule) keeps the case
    open too – "no sick day for 28 days" is about the person – but once 28 quiet days have passed the
    case has closed, whatever sick leave comes later: the closing depends on the data alone, not on
    the day it is worked out, so a late import or a tick that did not run closes the case on the same
    day as a daily tick would have.
    """
    last = case_last_day
    for start, end in sorted(later):
        if end <= last:
            continue
        if start > last + timedelta(days=quiet_days):
            break
        last = end
    return last


def close(steps: Iterable[Step]) -> tuple[Step, ...]:
    """The steps of a case that has closed: an open follow-up is `not_done`."""
    return tuple(
        Step(s.step, s.due, NOT_DONE) if s.step == FOLLOW_UP and s.status == OPEN else s for s in steps
    )


@dataclass(frozen=True)
class CaseState:
    steps: tuple[Step, ...]
    closed: bool


def case_state(
    source: str,
    case_first_day: date | None,
    case_last_day: date,
    today: date,
    *,
    quiet_days: int = QUIET_DAYS,
    **chain_args,
) -> CaseState:
    """The steps (`chain`) and whether the case has closed by itself on `today` (`closes_itself`),
    with an open follow-up marked `not_done` once it has."""
    steps = chain(source, case_first_day, case_last_day, **chain_args)
    closed = closes_itself(case_last_day, today, steps, quiet_days)
    return CaseState(close(steps) if closed else steps, closed)
