"""Background work of the pulse (ADR 006, ADR 008). A task's arguments are round ids only – never a token,
which must not wait in the database queue. Rounds close in kasam.pulse.actions.close_round, called by the
schedule (kasam.pulse.schedule)."""

from django_tasks import task


@task()
def flush_pulse_buffer(round_id: int) -> int:
    """Does nothing: submissions wait sealed until their round closes (docs/definitions.md "Anonymity rules"
    6). Kept so that flush tasks queued by an earlier version run out harmlessly."""
    return 0
