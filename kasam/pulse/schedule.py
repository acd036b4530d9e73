"""Rounds that plan, open and close by themselves, called from `kasam tick`.

- plan: a programme's rounds follow each other every `cadence_days`, each open `window_days`, its
  statements from the rotation (kasam.pulse.rotation) by the round's number. A programme without
  rounds starts on the day it is first planned.
- open: a planned round whose window has begun (opens_on ≤ today ≤ closes_on) is opened
  (actions.open_round: freezes k and the tree, invites). The raw link tokens exist only in memory here
  and go straight to kasam.pulse.messaging.send_invitations; they are never stored or logged.
- close: an open round whose last day has passed (closes_on < today) is closed (actions.close_round),
  and its early signals are mailed (kasam.pulse.notify); a failure to send is logged, not raised.

Idempotent: a second call on the same day plans, opens and closes nothing. A planned round whose
whole window passed without a tick (the tick did not run) is not opened – sending links that have
already expired helps no one – and is reported as missed in the log.
"""

import logging
from datetime import date, timedelta

from django.db import transaction

from kasam.core import generations
from kasam.pulse import actions, notify, rotation
from kasam.pulse.models import Programme, Round

log = logging.getLogger(__name__)


def _window(programme: Programme, opens_on: date) -> date:
    return opens_on + timedelta(days=programme.window_days - 1)


@transaction.atomic
def plan(programme: Programme, until: date, start: date | None = None) -> list[Round]:
    """Plan the programme's rounds that open on or before `until`, after its last round (or from
    `start`, default `until`'s … the first planning day, when it has none). Returns the new rounds."""
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    last = programme.rounds.order_by("-number").first()
    if last is None:
        number, opens_on = 1, start or until
    else:
        number, opens_on = last.number + 1, last.opens_on + timedelta(days=programme.cadence_days)
    created = []
    while opens_on <= until:
        created.append(
            Round.objects.create(
                programme=programme,
                number=number,
                opens_on=opens_on,
                closes_on=_window(programme, opens_on),
                statement_ids=rotation.statements_for_round(number - 1, programme.per_round),
            )
        )
        number += 1
        opens_on += timedelta(days=programme.cadence_days)
    if created:
        generations.bump("pulse")  # new rounds (docs/architecture.md "Caches")
    return created


def send(round: Round, issued) -> bool:
    """Hand the fresh (invitation, token) pairs to the messaging module; False when it is not there."""
    try:
        from kasam.pulse.messaging import send_invitations
    except ImportError:
        log.warning(
            "round %s opened with %d invitations, but no messaging module sends them", round.pk, len(issued)
        )
        return False
    send_invitations(round, issued)
    return True


def open_due(today: date) -> list[Round]:
    opened = []
    for round in Round.objects.filter(status=Round.Status.PLANNED, opens_on__lte=today).select_related(
        "programme"
    ):
        if round.closes_on < today:
            log.warning(
                "pulse round %s (%s–%s) was never opened: missed", round.pk, round.opens_on, round.closes_on
            )
            continue
        try:
            issued = actions.open_round(round, today)
        except actions.RoundStateError:
            continue  # opened meanwhile by someone else
        send(round, issued)
        opened.append(round)
    return opened


def close_due(today: date) -> list[Round]:
    closed = []
    for round in Round.objects.filter(status=Round.Status.OPEN, closes_on__lt=today):
        actions.close_round(round)
        closed.append(round)
        try:
            notify.notify_early_signals(round)
        except Exception:  # a closed round stays closed; the signals are still on the dashboard
            log.exception("pulse round %s: early signals could not be mailed", round.pk)
    return closed


def tick(today: date) -> list[str]:
    """Plan up to today + one cadence, close what is due, open what is due. Returns the names of
    what was done (for `kasam tick`'s output): "pulse_plan", "pulse_close", "pulse_open"."""
    done = []
    for programme in Programme.objects.filter(active=True):
        if plan(programme, today + timedelta(days=programme.cadence_days), start=today):
            done.append("pulse_plan")
    if close_due(today):
        done.append("pulse_close")
    if open_due(today):
        done.append("pulse_open")
    return sorted(set(done), key=done.index)
