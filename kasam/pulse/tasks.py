"""Background work of the pulse (ADR 006, ADR 008): thin task wrappers around kasam.pulse.actions. Their
arguments are round ids only – never a token, which must not wait in the database queue."""

from django.db import transaction
from django_tasks import task

from kasam.pulse.actions import close_round, flush_buffer
from kasam.pulse.models import Round


@task()
def flush_pulse_buffer(round_id: int) -> int:
    """Move a round's waiting submissions into the answer table if at least k wait (a closed round's:
    all). Idempotent: a second run finds fewer than k, or nothing, waiting."""
    round = Round.objects.filter(pk=round_id).first()
    if round is None or round.k is None:
        return 0
    return flush_buffer(round, round.k, at_close=round.status == Round.Status.CLOSED)


@task()
def close_pulse_round(round_id: int) -> list[str]:
    """Close a round (flush, rewrite, decide the shown nodes once); a closed round stays as it is."""
    return close_round(Round.objects.get(pk=round_id)).shown_nodes


def enqueue_flush(round_id: int) -> None:
    """Flush once the submitting transaction has committed, so the flush sees the new buffer row."""
    transaction.on_commit(lambda: flush_pulse_buffer.enqueue(round_id))
