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
(benchmarks/bench_demo.py), where a helper process draws the next round's simulated answers while
this one is stored (the simulation is pure: the same answers wherever it runs).
"""

import multiprocessing
import os
import secrets
from collections import defaultdict, deque
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection, transaction

from kasam.core.dates import today
from kasam.org.models import Person, Unit
from kasam.pulse import actions, rotation, schedule, simulation
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
# From this many invited a round, a helper process draws the simulated answers (docs/performance.md).
HELPER_FROM = 5000


def ensure_demo_pulse(
    seed: int = 1, rounds: int = ROUNDS, day: date | None = None, helper_from: int | None = HELPER_FROM
) -> Programme | None:
    """Create the demo programme and its rounds unless it exists; None when it did (or when there is no
    organisation). From `helper_from` invited a round (None: never) the simulated answers are drawn in
    a helper process, one round ahead of the one being stored."""
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
    plans = _RoundPlans(programme, rounds, first_opens, day, seed, _first_names_by_unit())
    first = plans.invitees(0)
    with _round_in_memory(), _helper(helper_from is not None and len(first) >= helper_from) as pool:
        pending = deque([plans.drawn(0, pool, first)])
        for number in range(rounds):
            if number + 1 < rounds:  # drawn by the helper while this round is stored
                pending.append(plans.drawn(number + 1, pool, plans.invitees(number + 1)))
            _run_round(programme, plans, number, *pending.popleft())
    # The next round is planned, as the tick would: `kasam tick` right after the demo has nothing to do.
    schedule.plan(programme, until=day + timedelta(days=CADENCE_DAYS))
    return programme


@dataclass(frozen=True)
class _RoundPlans:
    """What the demo's rounds are made of: who each invites and the simulated answers to it."""

    programme: Programme
    rounds: int
    first_opens: date
    day: date
    seed: int
    first_names: dict[str, list[str]]

    def opens_on(self, number: int) -> date:
        return self.first_opens + timedelta(days=CADENCE_DAYS * number)

    def invitees(self, number: int) -> list[tuple[str, str]]:
        """(person id, unit id) as open_round will invite them (actions.select_invitees)."""
        return actions.select_invitees(self.programme, self.opens_on(number))

    def simulation(self, number: int, statement_ids: list[str], invitees: list[tuple[str, str]]) -> tuple:
        """simulation.simulate_round's arguments for round `number`."""
        opens_on = self.opens_on(number)
        last_day = min(opens_on + timedelta(days=WINDOW_DAYS - 1), self.day)
        return (
            self.seed,
            number,
            self.rounds,
            statement_ids,
            invitees,
            WINDOW_DAYS,
            (last_day - opens_on).days,
            self.first_names,
        )

    def drawn(self, number: int, pool: Executor | None, invitees: list[tuple[str, str]]):
        """(invitees, statement ids, answers or their future) of round `number`, asked the rotation's
        statements (kasam.pulse.schedule.plan)."""
        statement_ids = rotation.statements_for_round(number, self.programme.per_round)
        arguments = self.simulation(number, statement_ids, invitees)
        if pool is None:
            return invitees, statement_ids, simulation.simulate_round(*arguments)
        return invitees, statement_ids, pool.submit(simulation.simulate_round, *arguments)


@contextmanager
def _helper(wanted: bool):
    """One helper process for the simulation (a second core draws round n + 1 while round n is stored),
    or None. Started fresh (spawn): the simulation is pure and needs neither Django nor a database
    connection of the parent's."""
    if not wanted or (os.cpu_count() or 1) < 2:
        yield None
        return
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield pool


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
    plans: _RoundPlans,
    number: int,
    invitees: list[tuple[str, str]],
    statement_ids: list[str],
    drawn: list[simulation.Simulated] | Future,
) -> None:
    opens_on = plans.opens_on(number)
    closes_on = opens_on + timedelta(days=WINDOW_DAYS - 1)
    answered = drawn.result() if isinstance(drawn, Future) else drawn
    with transaction.atomic():
        # Planned as the tick plans (kasam.pulse.schedule): number + 1, the rotation's statements.
        [round] = schedule.plan(programme, until=opens_on, start=opens_on)
        issued = actions.open_round(round, day=opens_on)
        token_of = {invitation.person_id: token for invitation, token in issued}
        if token_of.keys() != {person_id for person_id, _ in invitees}:
            raise RuntimeError(f"round {round.number} invited others than its answers were drawn for")
        if round.statement_ids != statement_ids:  # a statement tracked by a health plan was added
            answered = simulation.simulate_round(*plans.simulation(number, round.statement_ids, invitees))
        submissions = [
            actions.Submitted(
                token_of[person_id],
                values,
                text,
                secrets.token_urlsafe(16),
                day=opens_on + timedelta(days=offset),
            )
            for _unit_id, person_id, values, text, offset in answered
        ]
        # All of the round's answers at once, each checked and stored as the answer page stores it
        # (kasam.pulse.actions.submit_many): sealed in the buffer for the open round; handed straight to
        # the close for a past round, closed in this transaction before anyone could read its buffer.
        closing = closes_on < plans.day
        handed: list[tuple[int, str, dict]] | None = [] if closing else None
        for result in actions.submit_many(submissions, handed=handed):
            if not result.stored:
                raise RuntimeError(f"the demo's pulse answer was not stored: {result}")
        if closing:
            actions.close_round(round, handed=handed)
