"""Background work of the pulse (ADR 006, ADR 008): thin task wrappers around kasam.pulse.actions. Their
arguments are round ids only – never a token, which must not wait in the database queue."""

from django_tasks import task

from kasam.pulse.actions import close_round
from kasam.pulse.models import Round


@task()
def flush_pulse_buffer(round_id: int) -> int:
    """Does nothing: submissions wait sealed until their round closes (docs/definitions.md "Anonymity rules"
    6). Kept so that flush tasks queued by an earlier version run out harmlessly."""
    return 0


@task()
def close_pulse_round(round_id: int) -> list[str]:
    """Close a round (re-pool, move the buffer, forget who answered, decide the shown nodes once); a
    closed round stays as it is."""
    return close_round(Round.objects.get(pk=round_id)).shown_nodes
