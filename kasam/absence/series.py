"""The refill of the stored sick-leave series (docs/definitions.md "Series and rolling 12 months"; the tables
are in kasam.absence.models). The engine (kasam.metrics.sickleave) computes; this module decides what to
recompute and writes it.

What is stored:
- a row per unit (with its subtree) and calendar month, from `history_start` (the first whole year
  of the absence data) to the month of `today()`; the current month covers its days up to today.
  Not from the employments: months before the absence data would show a sick leave of 0 that
  nobody recorded (employments often go back decades);
- per unit and group, every calendar year from the first year of the history to today's year
  (the current year up to today), and the rolling 12 months: the 12 complete calendar months ending
  with the month before today's month. Complete months only, so that the rolling figure does not
  dip on the 1st of every month and is the same all month long;
- with each period's rows, the disclosure gate's decision for the period (kasam.metrics.sickleave_gate):
  it needs each person's sick hours, which only the refill has, so it is made here once and the pages
  read it (kasam.absence.figures.hidden_units).

Retention (kasam.gdpr.retention, docs/gdpr/lagring.md): once old absences are deleted, the months
and calendar years before the retention floor (`absence_floor`, a 1 January, which the GDPR app
registers from kasam.gdpr.horizons in RETENTION_FLOORS) stay
as stored – the aggregates outlive the records – and no refill deletes or rewrites them; a refill
recomputes from the floor at the earliest. The retention job deletes only whole sick cases that ended
before the floor, so every figure from the floor on is computed from the same records as before.

A refill is atomic: the rows it replaces are deleted and the new ones inserted in one transaction,
so a crash or an error leaves the previous complete figures, and the run is recorded in
`SeriesRefill` as failed. The next refill takes on the months of every refill that did not finish
since the last one that did; a change of settings or definition refills everything.

A running refill renews its heartbeat (`SeriesRefill.heartbeat_at`) from a thread with a connection of
its own. One left "running" by a killed process stops beating: once its heartbeat is older than
`KASAM_REFILL_STALE_SECONDS` it no longer holds the nightly refill back (kasam.absence.tasks), and the
next refill, once it holds the lock, records it as failed and takes on its months. On SQLite the
refill's write transaction holds the database's only write lock, so no heartbeat gets through while it
writes and the start time serves as the heartbeat: a refill there takes seconds, not minutes.
"""

import json
import logging
import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta

import polars as pl
from django.conf import settings as django_settings
from django.db import IntegrityError, connection, connections, transaction
from django.db.models import Min, Q
from django.utils import timezone

from kasam.absence import frames as absence_frames
from kasam.absence.conf import sick_leave_settings
from kasam.absence.models import Absence, SeriesRefill, SickLeaveMonth, SickLeavePeriod
from kasam.core import generations
from kasam.core.dates import today
from kasam.metrics import sickleave
from kasam.metrics.definitions import SickLeaveSettings
from kasam.metrics.sickleave_gate import GateDecision

logger = logging.getLogger(__name__)

# Where the retention floor comes from: kasam.gdpr.horizons.absence_floor, registered by the GDPR
# app's AppConfig.ready (the GDPR app sits above this one and deletes old absences; this app never
# imports it).
RETENTION_FLOORS: list[Callable[[], date | None]] = []


# What is computed from the stored series and written with them, in the refill's transaction once its
# rows are in (a failure fails the refill): the economy's stored cost of sick leave
# (kasam.economy.stored.refresh), registered by the economy app's AppConfig.ready (that app sits above
# this one; this app never imports it).
AFTER_REFILL: list[Callable[[], object]] = []

# The generation (kasam.core.generations) of the stored series: bumped by every refill.
GENERATION = "absence"


def absence_floor() -> date | None:
    """The first day (a 1 January) from which the stored series may be recomputed; None when no
    absence has been deleted for retention."""
    floors = [floor for floor in (source() for source in RETENTION_FLOORS) if floor is not None]
    return max(floors) if floors else None


CHUNK = 20_000
# pg_advisory_xact_lock key ("kasam" + series): two refills never write at the same time.
LOCK_KEY = 4_246_534_001
MONTH_FIELDS = [
    "persons",
    "ordinary_hours",
    "sick_hours",
    "long_sick_hours",
    "sick_hours_1_14",
    "sick_hours_15_59",
    "sick_hours_60_89",
    "sick_hours_90_179",
    "sick_hours_180_364",
    "sick_hours_365",
    "occasions",
]
PERIOD_FIELDS = [
    "persons",
    "ordinary_hours",
    "sick_hours",
    "long_sick_hours",
    "max_person_sick_hours",
    "occasions",
    "repeated_short_term_persons",
    "ha_persons",
    "ha_healthy_0",
    "ha_healthy_5",
    "split_hidden",
    "gated_hidden",
]
# The gate's decision per row; a row without one is hidden (never happens: every row gets one).
BOOLEAN_FIELDS = {"split_hidden", "gated_hidden"}
INTEGER_FIELDS = {
    "persons",
    "occasions",
    "repeated_short_term_persons",
    "ha_persons",
    "ha_healthy_0",
    "ha_healthy_5",
}


def refill_series(from_month: date | None = None) -> SeriesRefill:
    """Recompute the stored series from `from_month` (None: everything) up to today.

    The first month rewritten may be earlier than asked: a refill that failed since the last
    finished one is taken on, and a sick case that reaches into the refilled months (or ended at
    most the re-sickness gap before them, so that a removed spell may have belonged to it) is
    recomputed from its first month, since its length decides the bands and the long-term hours of
    every month it covers. Returns the finished `SeriesRefill`; on an error the previous rows stay,
    the run is recorded as failed, and the error is raised again.
    """
    return _run(_start(_month_start(from_month) if from_month else None))


def request_refill(from_month: date | None) -> bool:
    """Ask for a refill from `from_month` (None: everything) by the background queue. Returns True when
    a new request was recorded (the caller enqueues the task that runs it), False when one was already
    waiting: that one now starts at the earlier month, and no second refill is queued. A refill
    already running does not count: it may have read the data before the change that asks."""
    month = _month_start(from_month) if from_month else None
    with transaction.atomic():
        queued = SeriesRefill.objects.select_for_update().filter(status=SeriesRefill.Status.QUEUED).first()
        if queued is not None:
            earliest = _earliest(queued.from_month, month)
            if earliest != queued.from_month:
                queued.from_month = earliest
                queued.save(update_fields=["from_month"])
            return False
        try:
            with transaction.atomic():  # another import may queue one at the same moment
                SeriesRefill.objects.create(
                    status=SeriesRefill.Status.QUEUED, started_at=timezone.now(), from_month=month
                )
        except IntegrityError:
            return request_refill(from_month)
    return True


def run_queued_refill() -> SeriesRefill | None:
    """Run the refill an import asked for (request_refill); None when none waits (it has already run,
    or another refill took it on)."""
    refill = _start(None, queued_only=True)
    return _run(refill) if refill is not None else None


def refill_pending() -> bool:
    """A refill waits in the queue or runs (and still beats)."""
    waiting = SeriesRefill.objects.filter(
        status__in=[SeriesRefill.Status.QUEUED, SeriesRefill.Status.RUNNING]
    )
    return waiting.exclude(id__in=abandoned_refills().values("id")).exists()


def _earliest(first: date | None, second: date | None) -> date | None:
    """The earlier of two first months, None (everything) winning."""
    return None if first is None or second is None else min(first, second)


def _start(from_month: date | None, *, queued_only: bool = False) -> SeriesRefill | None:
    """Record a refill as running: the one an import queued, if any (its months are taken on), else a
    new one. With `queued_only`, None when none is queued."""
    settings = sick_leave_settings()
    definition = json.loads(json.dumps(settings.as_dict()))
    now = timezone.now()
    with transaction.atomic():
        queued = SeriesRefill.objects.select_for_update().filter(status=SeriesRefill.Status.QUEUED).first()
        if queued is None and queued_only:
            return None
        if queued is None:
            wanted = from_month
        else:
            wanted = queued.from_month if queued_only else _earliest(queued.from_month, from_month)
        refill = queued or SeriesRefill()
        refill.from_month = _first_month_due(wanted, definition)
        refill.status, refill.started_at, refill.heartbeat_at = SeriesRefill.Status.RUNNING, now, now
        refill.definition = definition
        refill.save()
    return refill


def _run(refill: SeriesRefill) -> SeriesRefill:
    """Refill the series from the refill's first month (None: everything) and record how it ended."""
    settings = sick_leave_settings()
    asked = refill.from_month
    try:
        with _Heartbeat(refill.pk), transaction.atomic():
            _lock()
            _take_over_abandoned(refill.pk)
            refill.from_month, refill.rows = _refill(asked, settings)
            for step in AFTER_REFILL:
                step()
            generations.bump(GENERATION)
    except Exception as error:
        logger.exception("Refill %s of the sick-leave series failed", refill.pk)
        refill.status, refill.finished_at = SeriesRefill.Status.FAILED, timezone.now()
        refill.error = f"{type(error).__name__}: {error}"
        refill.save(update_fields=["status", "finished_at", "error"])
        raise
    refill.status, refill.finished_at = SeriesRefill.Status.FINISHED, timezone.now()
    refill.save(update_fields=["status", "finished_at", "from_month", "rows"])
    return refill


def stale_after() -> timedelta:
    """How long a running refill may go without a heartbeat before it counts as abandoned."""
    return timedelta(seconds=int(django_settings.KASAM_REFILL_STALE_SECONDS))


def abandoned_refills():
    """Refills still recorded as running whose heartbeat (or start, before heartbeats) is stale."""
    stale = timezone.now() - stale_after()
    return SeriesRefill.objects.filter(status=SeriesRefill.Status.RUNNING).filter(
        Q(heartbeat_at__lt=stale) | Q(heartbeat_at__isnull=True, started_at__lt=stale)
    )


def _take_over_abandoned(own_id: int) -> None:
    """Under the refill lock no other refill writes: a stale running one was left by a killed process.
    It is recorded as failed; this refill has already taken on its months (_first_month_due)."""
    abandoned = abandoned_refills().filter(id__lt=own_id)
    for refill_id in abandoned.values_list("id", flat=True):
        logger.warning(
            "Refill %s of the sick-leave series was abandoned; refill %s takes over", refill_id, own_id
        )
    abandoned.update(
        status=SeriesRefill.Status.FAILED,
        finished_at=timezone.now(),
        error=f"Abandoned: no heartbeat for {stale_after()}; taken over by refill {own_id}.",
    )


class _Heartbeat:
    """Renews the refill's heartbeat every third of the stale time, from a thread with its own
    database connection (outside the refill's transaction), until the refill ends. Not on SQLite:
    see the module's docstring."""

    def __init__(self, refill_id: int):
        self.refill_id = refill_id
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None

    def __enter__(self):
        if connection.vendor != "sqlite":
            self.thread = threading.Thread(target=self._run, name="kasam-refill-heartbeat", daemon=True)
            self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop.set()
        if self.thread is not None:
            self.thread.join()

    def _run(self) -> None:
        interval = max(stale_after().total_seconds() / 3, 0.01)
        try:
            while not self.stop.wait(interval):
                beat(self.refill_id)
        finally:
            connections.close_all()


def beat(refill_id: int) -> None:
    """One heartbeat of a running refill; a failed one is logged, and the next one tries again."""
    try:
        SeriesRefill.objects.filter(pk=refill_id, status=SeriesRefill.Status.RUNNING).update(
            heartbeat_at=timezone.now()
        )
    except Exception:
        logger.warning("The heartbeat of refill %s could not be written", refill_id, exc_info=True)


def history_start(earliest_absence: date, until: date) -> date:
    """Where the stored history begins: the first 1 January on or after the earliest absence record,
    or – when that is still to come – the month of the earliest record. A record in January counts
    as the start of its year: in a small organisation nobody may be sick on the first days.

    Why: an HR export that starts at a date also carries the sick cases running into it, with their
    earlier start dates; months before the export's start would show almost no sick leave and a
    partial first year would understate it. A history that starts on 1 January is kept whole.
    """
    if earliest_absence.month == 1:
        return date(earliest_absence.year, 1, 1)
    new_year = date(earliest_absence.year + 1, 1, 1)
    return new_year if new_year <= until else _month_start(earliest_absence)


def last_finished_refill() -> SeriesRefill | None:
    """The refill whose figures the pages show (when and with which definition they were computed)."""
    return SeriesRefill.objects.filter(status=SeriesRefill.Status.FINISHED).order_by("-id").first()


def periods(first: date, until: date) -> list[tuple[str, date, date]]:
    """(kind, start, end) of every stored period for data from `first` up to `until` (see the module)."""
    found = [
        (SickLeavePeriod.Kind.YEAR.value, date(year, 1, 1), min(date(year, 12, 31), until))
        for year in range(first.year, until.year + 1)
    ]
    end = _month_start(until) - timedelta(days=1)
    if end >= first:
        found.append((SickLeavePeriod.Kind.ROLLING12.value, _add_months(_month_start(end), -11), end))
    return found


def _first_month_due(asked: date | None, definition: dict) -> date | None:
    """None (everything) after a change of definition or settings, or when nothing finished yet;
    else the earliest of `asked` and the months of the refills that did not finish since."""
    finished = last_finished_refill()
    if asked is None or finished is None or finished.definition != definition:
        return None
    done_or_waiting = [SeriesRefill.Status.FINISHED, SeriesRefill.Status.QUEUED]
    unfinished = SeriesRefill.objects.filter(id__gt=finished.id).exclude(status__in=done_or_waiting)
    months = [asked, *unfinished.values_list("from_month", flat=True)]
    return None if None in months else min(months)


def _lock() -> None:
    """Refills take turns. On SQLite the transaction's BEGIN IMMEDIATE already does this."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def _refill(asked: date | None, settings: SickLeaveSettings) -> tuple[date | None, int]:
    """Delete and insert inside the caller's transaction; returns (first month rewritten, rows)."""
    # Only the sick rows: the figures use nothing else, and vab, leave and the other kinds are most of
    # the rows. The history still starts from the earliest absence of any kind (history_start).
    frames = absence_frames.load_frames(sick_only=True)
    until = today()
    # The rows a refill may replace: not the months and calendar years before the retention floor,
    # whose absences are deleted (kasam.gdpr.retention); those stay as stored.
    floor = absence_floor()
    months_open, periods_open = SickLeaveMonth.objects.all(), SickLeavePeriod.objects.all()
    if floor is not None:
        months_open = months_open.filter(month__gte=floor)
        periods_open = periods_open.exclude(kind=SickLeavePeriod.Kind.YEAR, start__lt=floor)
    first = Absence.objects.aggregate(first=Min("start_date"))["first"]
    if first is None or first > until:
        months_open.delete()
        periods_open.delete()
        return None, 0
    # After a retention purge the history starts at the floor, whatever record is now the earliest.
    first = history_start(first, until) if floor is None else floor
    start = first if asked is None else max(first, _reach_of_cases(frames, asked, settings))
    full = start == first

    months = sickleave.monthly_series(frames, start, until, settings)
    due = [period for period in periods(first, until) if _is_due(period, start)]
    figures = [
        _with_decision(
            sickleave.period_figures(frames, period_start, end, settings),
            sickleave.gate_decision(frames, period_start, end, settings),
        ).with_columns(kind=pl.lit(kind), start=pl.lit(period_start), end=pl.lit(end))
        for kind, period_start, end in due
    ]

    stale_months = Q(month__gte=start) | Q(month__lt=first)
    stale_periods = (
        Q(kind=SickLeavePeriod.Kind.ROLLING12)
        | Q(start__gte=date(start.year, 1, 1))
        | Q(start__lt=date(first.year, 1, 1))
    )
    (months_open if full else months_open.filter(stale_months)).delete()
    (periods_open if full else periods_open.filter(stale_periods)).delete()
    rows = _insert(SickLeaveMonth, months, ["month"], MONTH_FIELDS)
    for frame in figures:
        rows += _insert(SickLeavePeriod, frame, ["kind", "start", "end", "group"], PERIOD_FIELDS)
    return (floor if full else start), rows


def _with_decision(figures: pl.DataFrame, decision: GateDecision) -> pl.DataFrame:
    """The period's rows with the gate's decision: `gated_hidden` for a unit's total ("all") is the
    unit hidden from viewers who see suppressed figures only; for a group of a split, `split_hidden`
    is hidden for every viewer and `gated_hidden` hidden from those viewers (docs/anonymity.md)."""
    keys = figures.select("unit_id", "group").rows()
    split = [group != "all" and (unit, group) in decision.split_hidden for unit, group in keys]
    gated = [
        unit in decision.hidden_units if group == "all" else (unit, group) in decision.gated_split_hidden
        for unit, group in keys
    ]
    return figures.with_columns(
        split_hidden=pl.Series(split, dtype=pl.Boolean), gated_hidden=pl.Series(gated, dtype=pl.Boolean)
    )


def _is_due(period: tuple[str, date, date], start: date) -> bool:
    kind, period_start, _end = period
    return kind == SickLeavePeriod.Kind.ROLLING12 or period_start >= date(start.year, 1, 1)


def _reach_of_cases(frames, month: date, settings: SickLeaveSettings) -> date:
    """The first month of the earliest sick case that reaches `month` or ends at most the
    re-sickness gap (plus a day) before it; `month` itself when there is none."""
    gap = settings.resickness_gap_days
    cases = sickleave.join_sick_cases(sickleave.sick_records(frames.absences), gap)
    reaching = cases.filter(
        (pl.col("start_date") < month) & (pl.col("end_date") >= month - timedelta(days=gap + 1))
    )
    earliest = reaching["start_date"].min() if reaching.height else None
    return _month_start(earliest) if earliest is not None else month


def _insert(model, frame: pl.DataFrame, keys: list[str], fields: list[str]) -> int:
    """Insert the frame's rows with executemany in chunks (missing numbers as 0). Model instances
    and bulk_create took three times as long: 8 s instead of 2.5 s for 180,000 month rows."""
    numbers = [
        pl.col(field).fill_null(True)
        if field in BOOLEAN_FIELDS
        else pl.col(field).fill_null(0).round(0).cast(pl.Int64)
        if field in INTEGER_FIELDS
        else pl.col(field).cast(pl.Float64).fill_nan(0.0).fill_null(0.0)
        for field in fields
    ]
    rows = frame.select(pl.col("unit_id"), *map(pl.col, keys), *numbers).rows()
    meta, quote = model._meta, connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in ["unit", *keys, *fields])
    marks = ", ".join(["%s"] * (1 + len(keys) + len(fields)))
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608 – names from the model
    with connection.cursor() as cursor:
        for first in range(0, len(rows), CHUNK):
            cursor.executemany(sql, rows[first : first + CHUNK])
    return len(rows)


def _month_start(day: date | datetime) -> date:
    return date(day.year, day.month, 1)


def _add_months(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
