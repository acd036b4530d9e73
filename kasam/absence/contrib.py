"""What sick leave contributes to the site (kasam.core.contrib): the absences file, the refill of the
stored series after an import that changed what they hold, and the nightly refill for `kasam tick`."""

import polars as pl

from kasam.absence.actions import apply_absences
from kasam.absence.imports import validate_absences
from kasam.absence.series import refill_pending
from kasam.absence.tasks import (
    enqueue_refill_after_import,
    is_refill_due,
    refill_sick_leave_series,
    wait_for_refill,
)
from kasam.core.contrib import ImportKind, TickTask, frame_keys
from kasam.core.validation import Counts, ImportScope, Validated
from kasam.org.models import Person


def _validate(data: bytes, filename: str, scope: ImportScope | None) -> Validated:
    persons = set(Person.objects.values_list("id", flat=True))
    return validate_absences(data, filename, persons, scope)


def _apply(frame: pl.DataFrame, dry_run: bool) -> tuple[Counts, list[str]]:
    return apply_absences(frame, dry_run), frame_keys(frame, "person_id")


IMPORT_KINDS = (ImportKind("absences", _validate, _apply),)
# After a saved import that changed something: the series build on units, persons, employments and
# absences (kasam.absence.tasks.REFILLED_BY says which, and from which month).
AFTER_IMPORT = (enqueue_refill_after_import,)
# Whether that refill still waits or runs, and how `kasam import --wait` runs it or waits for it.
PENDING_AFTER_IMPORT = (refill_pending,)
WAIT_AFTER_IMPORT = (wait_for_refill,)
# The refill runs before the retention job (kasam.gdpr.contrib), which freezes the stored series'
# months before its floor.
TICK_TASKS = (TickTask(10, "refill_sick_leave_series", is_refill_due, refill_sick_leave_series),)
