"""Working time from worked shifts, per person (docs/definitions.md "Working time from schedules").
Pure: no Django.

A shift is (start, end, kind) with naive local times in Europe/Stockholm, as an import file gives
them. Durations are real elapsed time (computed in UTC): a night shift 22–06 lasts 7 hours on the
night the clock moves forward and 9 hours on the night it moves back. A local time that does not
exist is an error (`to_utc` raises ValueError); an ambiguous one means its first occurrence.

Kinds: ordinary (ordinarie), overtime (övertid), extra (mertid) and jour are work; standby
(beredskap) is not, so it counts as free time. A person's work periods are their work shifts
merged where they overlap or touch. Days and weeks are local calendar days and ISO weeks.

Choice: every event counts in the day, week and period in which the work period that makes it
starts – a work day and a split-shift day on that day, a short turnaround on the later work period's
start, a week (short of weekly rest or with work) in the week in which a work period starts, a long
run on its seventh day. Hours (worked, night, overtime plus extra) count in the period in which
their own shift starts, so a shift crossing the period's last midnight counts whole in the period.
Choice: the caller passes all of the person's shifts it has, also those just outside the period;
gaps, weeks and runs are judged on all of them, and time before the first or after the last shift
given is free.
Choice: overlapping work shifts are an import error; should they reach this code anyway, time is
counted once (the earlier-starting shift keeps the common time).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from unicodedata import normalize
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
WORK_KINDS = frozenset({"ordinary", "overtime", "extra", "jour"})
OVERTIME_KINDS = frozenset({"overtime", "extra"})
SHORT_TURNAROUND = timedelta(hours=11)  # daily rest, Arbetstidslagen 13 §
WEEKLY_REST = timedelta(hours=36)  # weekly rest, Arbetstidslagen 14 §
LONG_RUN_DAYS = 7  # more than 6 consecutive days
_NIGHT_START, _NIGHT_END = time(22), time(6)

_KINDS = {
    "ordinary": "ordinary",
    "ordinarie": "ordinary",
    "overtime": "overtime",
    "övertid": "overtime",
    "extra": "extra",
    "mertid": "extra",
    "jour": "jour",
    "standby": "standby",
    "beredskap": "standby",
}


def to_utc(local: datetime) -> datetime:
    """A naive Stockholm local time → an aware UTC time. A time in the spring-forward gap raises
    ValueError; an ambiguous autumn time means its first occurrence (summer time, fold=0)."""
    if local.tzinfo is not None:
        raise ValueError(f"{local.isoformat()}: expected a local time without a time zone")
    aware = local.replace(tzinfo=STOCKHOLM, fold=0)
    utc = aware.astimezone(UTC)
    if utc.astimezone(STOCKHOLM).replace(tzinfo=None) != local.replace(fold=0):
        raise ValueError(
            f"{local.isoformat(sep=' ')} does not exist in Swedish time (the clock moves forward)"
        )
    return utc


def kind_of(text: str) -> str:
    """'ordinarie', 'Övertid', 'extra', … → one of ordinary, overtime, extra, jour, standby."""
    key = normalize("NFC", str(text)).strip().casefold()
    try:
        return _KINDS[key]
    except KeyError:
        raise ValueError(
            f"unknown kind of shift {text!r}: expected one of "
            "ordinarie, övertid, mertid, jour, beredskap (or ordinary, overtime, extra, standby)"
        ) from None


def is_work(kind: str) -> bool:
    return kind_of(kind) in WORK_KINDS


@dataclass(frozen=True)
class Shift:
    """A shift in UTC (aware), with its normalised kind and local start day."""

    start: datetime
    end: datetime
    kind: str

    @property
    def day(self) -> date:
        return _local_day(self.start)


@dataclass(frozen=True)
class WorkPeriod:
    start: datetime  # aware UTC
    end: datetime

    @property
    def hours(self) -> float:
        return _hours(self.end - self.start)

    @property
    def day(self) -> date:
        return _local_day(self.start)


@dataclass(frozen=True)
class PersonFigures:
    hours_worked: float
    work_periods: int
    work_days: int
    short_turnarounds: int
    split_shift_days: int
    weeks_short_of_rest: int
    person_weeks_with_work: int
    night_hours: float
    long_runs: int
    overtime_extra_hours: float


def _local_day(instant: datetime) -> date:
    return instant.astimezone(STOCKHOLM).date()


def _hours(span: timedelta) -> float:
    return span.total_seconds() / 3600


def _at(day: date, clock: time) -> datetime:
    return to_utc(datetime.combine(day, clock))


def shifts_of(rows: Iterable[tuple[datetime, datetime, str]]) -> list[Shift]:
    """(start, end, kind) rows in local time → Shifts in UTC, sorted. ValueError on a time that
    does not exist, an unknown kind, or an end not after its start."""
    shifts = []
    for start, end, kind in rows:
        shift = Shift(to_utc(start), to_utc(end), kind_of(kind))
        if shift.end <= shift.start:
            raise ValueError(f"shift {start} – {end}: the end must come after the start")
        shifts.append(shift)
    return sorted(shifts, key=lambda s: (s.start, s.end))


def work_periods(rows: Iterable[tuple[datetime, datetime, str]]) -> list[WorkPeriod]:
    """The work shifts (not standby) merged where they overlap or touch, sorted, in UTC."""
    return _merge(shifts_of(rows))


def _night_overlap(start: datetime, end: datetime) -> timedelta:
    total = timedelta(0)
    day = _local_day(start) - timedelta(days=1)
    while day <= _local_day(end):
        lo = max(start, _at(day, _NIGHT_START))
        hi = min(end, _at(day + timedelta(days=1), _NIGHT_END))
        if hi > lo:
            total += hi - lo
        day += timedelta(days=1)
    return total


def person_figures(rows: Iterable[tuple[datetime, datetime, str]], first: date, last: date) -> PersonFigures:
    """One person's working-time figures over the calendar days first … last (local)."""
    shifts = shifts_of(rows)
    periods = _merge(shifts)

    def inside(day: date) -> bool:
        return first <= day <= last

    # Hours: each work shift's own time (time already covered by an earlier shift counted once),
    # in the period in which the shift starts.
    worked = night = overtime = timedelta(0)
    covered: datetime | None = None
    for shift in shifts:
        if shift.kind not in WORK_KINDS:
            continue
        lo = shift.start if covered is None else max(shift.start, covered)
        covered = shift.end if covered is None else max(covered, shift.end)
        if shift.end <= lo or not inside(shift.day):
            continue
        worked += shift.end - lo
        night += _night_overlap(lo, shift.end)
        if shift.kind in OVERTIME_KINDS:
            overtime += shift.end - lo

    starts_per_day: dict[date, int] = {}
    for period in periods:
        starts_per_day[period.day] = starts_per_day.get(period.day, 0) + 1

    short_turnarounds = sum(
        1
        for before, after in zip(periods, periods[1:], strict=False)
        if inside(after.day) and after.day != before.day and after.start - before.end < SHORT_TURNAROUND
    )

    weeks = {(p.day - timedelta(days=p.day.weekday())) for p in periods if inside(p.day)}  # Mondays
    weeks_short = sum(1 for monday in weeks if not _has_weekly_rest(periods, monday))

    long_runs = 0
    days = sorted(starts_per_day)
    run_start = None
    for i, day in enumerate(days):
        if i == 0 or day - days[i - 1] != timedelta(days=1):
            run_start = day
        if day - run_start == timedelta(days=LONG_RUN_DAYS - 1) and inside(day):
            long_runs += 1

    return PersonFigures(
        hours_worked=_hours(worked),
        work_periods=sum(1 for p in periods if inside(p.day)),
        work_days=sum(1 for d in starts_per_day if inside(d)),
        short_turnarounds=short_turnarounds,
        split_shift_days=sum(1 for d, n in starts_per_day.items() if inside(d) and n >= 2),
        weeks_short_of_rest=weeks_short,
        person_weeks_with_work=len(weeks),
        night_hours=_hours(night),
        long_runs=long_runs,
        overtime_extra_hours=_hours(overtime),
    )


def _merge(shifts: list[Shift]) -> list[WorkPeriod]:
    periods: list[WorkPeriod] = []
    for shift in shifts:
        if shift.kind not in WORK_KINDS:
            continue
        if periods and shift.start <= periods[-1].end:
            periods[-1] = WorkPeriod(periods[-1].start, max(periods[-1].end, shift.end))
        else:
            periods.append(WorkPeriod(shift.start, shift.end))
    return periods


def _has_weekly_rest(periods: list[WorkPeriod], monday: date) -> bool:
    """Whether a free gap of at least 36 hours lies inside the week (Monday 00:00 to Sunday 24:00
    local, real elapsed time), gaps clipped to the week."""
    week_start, week_end = _at(monday, time()), _at(monday + timedelta(days=7), time())
    free_from = week_start
    for period in periods:
        if period.end <= week_start:
            continue
        if period.start >= week_end:
            break
        if period.start - free_from >= WEEKLY_REST:
            return True
        free_from = max(free_from, period.end)
    return week_end - free_from >= WEEKLY_REST
