"""The demo's pulse: Exempelkommun's whole organisation gets a programme with a year of rounds up to
today – every second week, four statements a round, open for seven days – the past rounds closed with
results, the current one open.

Everything goes through the real actions (ADR 008): each round is opened with `open_round` on its own
opening day, the simulated respondents (kasam.pulse.simulation) answer with their one-time tokens on a day
inside the window – all of a round's answers at once through `submit_many`, which checks and stores each
as `submit` does – and the round is closed with `close_round`, which re-pools, gates and stores them as
any close does. A past round opens, is answered and closes in one transaction, so its answers are handed
from the one to the other rather than sealed into a buffer no one else could read before it is emptied;
the open round's answers wait sealed in the buffer. The rounds are planned by kasam.pulse.schedule.plan,
as the tick plans them. One transaction per round; a year for 50,000 employees in a few minutes
(benchmarks/bench_demo.py).
"""

import secrets
from collections import defaultdict
from contextlib import contextmanager
from datetime import date, timedelta

from django.db import connection, transaction

from kasam.core.dates import today
from kasam.org.models import Person, Unit
from kasam.pulse import actions, schedule, simulation
from kasam.pulse.models import Programme

PROGRAMME_NAME = "Pulsen – hela förvaltningen"
CADENCE_DAYS = 14
WINDOW_DAYS = 7
PER_ROUND = 4
# 29 closed rounds and the open one: a little over a year, so that every statement has been asked in
# at least three earlier rounds when it returns – enough for an early signal.
ROUNDS = 30
# The current round opened this many days before today.
CURRENT_ROUND_AGE = 2
# SQLite's page cache while the rounds are built: at most 1 GiB, used only as a round needs it.
ROUND_CACHE_KIB = 1024 * 1024


def ensure_demo_pulse(seed: int = 1, rounds: int = ROUNDS, day: date | None = None) -> Programme | None:
    """Create the demo programme and its rounds unless it exists; None when it did (or when there is no
    organisation)."""
    if Programme.objects.filter(name=PROGRAMME_NAME).exists():
        return None
    root = Unit.objects.filter(parent__isnull=True).order_by("path").first()
    if root is None:
        return None
    day = day or today()
    programme = Programme.objects.create(
        name=PROGRAMME_NAME,
        root_unit=root,
        cadence_days=CADENCE_DAYS,
        per_round=PER_ROUND,
        window_days=WINDOW_DAYS,
    )
    first_opens = day - timedelta(days=CURRENT_ROUND_AGE + CADENCE_DAYS * (rounds - 1))
    first_names = _first_names_by_unit()
    with _round_in_memory():
        for number in range(rounds):
            opens_on = first_opens + timedelta(days=CADENCE_DAYS * number)
            _run_round(programme, number, rounds, opens_on, day, seed, first_names)
    # The next round is planned, as the tick would: `kasam tick` right after the demo has nothing to do.
    schedule.plan(programme, until=day + timedelta(days=CADENCE_DAYS))
    return programme


@contextmanager
def _round_in_memory():
    """On SQLite, a page cache that holds a whole round (its invitations and participations are written,
    updated and deleted within the round's transaction; the open round's sealed buffer rows are 11 kB
    each): without it SQLite writes them out to the WAL and reads them back as the default 2 MB cache
    overflows. Given back afterwards."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        [configured] = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{ROUND_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(configured)}")


def _first_names_by_unit() -> dict[str, list[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    for unit_id, first_name in Person.objects.values_list("employments__unit_id", "first_name"):
        if unit_id:
            names[unit_id].add(first_name)
    return {unit_id: sorted(found) for unit_id, found in names.items()}


def _run_round(
    programme: Programme,
    number: int,
    rounds: int,
    opens_on: date,
    day: date,
    seed: int,
    first_names: dict[str, list[str]],
) -> None:
    closes_on = opens_on + timedelta(days=WINDOW_DAYS - 1)
    with transaction.atomic():
        # Planned as the tick plans (kasam.pulse.schedule): number + 1, the rotation's statements.
        [round] = schedule.plan(programme, until=opens_on, start=opens_on)
        unit_of = dict(actions.select_invitees(programme, opens_on))
        issued = actions.open_round(round, day=opens_on)
        tokens_by_unit: dict[str, dict[str, str]] = defaultdict(dict)
        for invitation, token in issued:
            tokens_by_unit[unit_of[invitation.person_id]][invitation.person_id] = token
        last_day = min(closes_on, day)
        window = (last_day - opens_on).days
        submissions = []
        for unit_id in sorted(tokens_by_unit):
            by_person = tokens_by_unit[unit_id]
            chosen = simulation.respondents(seed, unit_id, number, list(by_person))
            for index, person_id in enumerate(chosen):
                # Answers spread over the whole window; in the open round only the days so far count.
                offset = round_offset(seed, unit_id, number, index, WINDOW_DAYS)
                if offset > window:
                    continue
                values, text = simulation.answers(
                    seed, unit_id, number, rounds, round.statement_ids, index, first_names.get(unit_id, ())
                )
                submissions.append(
                    actions.Submitted(
                        by_person[person_id],
                        values,
                        text,
                        secrets.token_urlsafe(16),
                        day=opens_on + timedelta(days=offset),
                    )
                )
        # All of the round's answers at once, each checked and stored as the answer page stores it
        # (kasam.pulse.actions.submit_many): sealed in the buffer for the open round; handed straight to
        # the close for a past round, closed in this transaction before anyone could read its buffer.
        closing = closes_on < day
        handed: list[tuple[int, str, dict]] | None = [] if closing else None
        for result in actions.submit_many(submissions, handed=handed):
            if not result.stored:
                raise RuntimeError(f"the demo's pulse answer was not stored: {result}")
        if closing:
            actions.close_round(round, handed=handed)


def round_offset(seed: int, unit_id: str, number: int, index: int, window_days: int) -> int:
    """The day (0-based within the window) a respondent answers: most on the first days."""
    rng = simulation._rng(seed, "day", unit_id, number, index)
    return min(window_days - 1, int(rng.expovariate(1 / 1.6)))
