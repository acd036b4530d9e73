"""Recording a dialog and a group's own evaluation.

Choices:
- The actions a group agrees on become activities of the unit's health plan for the current year
  (made with its snapshot when missing), without an area: they come from the dialog, and the plan
  page lists them with the others. Whoever may record the dialog adds them – a dialog coach too – since
  they are the group's decisions, not the recorder's; the unit's manager edits them afterwards.
- A record holds the number of participants, never names."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from kasam.core.dates import today
from kasam.dialogs.models import DialogRecord, Evaluation, Programme, Theme
from kasam.org.models import Unit
from kasam.plans.actions import get_or_create_plan
from kasam.plans.models import Activity

ACTION_FIELDS = ("what", "how", "why", "who", "when", "follow_up", "follow_up_on")


@dataclass(frozen=True)
class DialogInput:
    unit: Unit
    programme: Programme
    theme: Theme | None
    held_on: date
    participants: int
    reflections: str


_RECORDER = object()  # record_dialog's default leader: the user recording


@transaction.atomic
def record_dialog(dialog: DialogInput, actions: list[dict], user=None, led_by=_RECORDER) -> DialogRecord:
    """Record a dialog, led by `led_by` (by default the user recording it; None: someone not in Kasam),
    and its agreed actions as activities of the unit's health plan."""
    record = DialogRecord.objects.create(
        unit=dialog.unit,
        programme=dialog.programme,
        theme=dialog.theme,
        held_on=dialog.held_on,
        participants=dialog.participants,
        reflections=dialog.reflections,
        led_by=user if led_by is _RECORDER else led_by,
    )
    if actions:
        plan, _created = get_or_create_plan(dialog.unit, today().year, user)
        activities = [
            Activity.objects.create(plan=plan, **{field: action[field] for field in ACTION_FIELDS})
            for action in actions
        ]
        record.activities.set(activities)
    return record


def record_evaluation(
    unit: Unit, programme: Programme, written_on: date, participants: int, answers: list[dict], user=None
) -> Evaluation:
    return Evaluation.objects.create(
        unit=unit,
        programme=programme,
        written_on=written_on,
        participants=participants,
        answers=answers,
        written_by=user,
    )
