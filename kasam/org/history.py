"""The tree's history in the database (UnitVersion): read it as kasam.metrics.tree_history's
`History`, the tree of a day, and write an import's new history. `Unit` stays today's tree."""

from collections.abc import Iterable
from datetime import date

import polars as pl

from kasam.metrics import tree_history
from kasam.metrics.tree_history import Version
from kasam.org.models import Unit, UnitVersion

# A unit without any UnitVersion row (written before the tree had a history, or straight into Unit)
# holds its place from this day: the migration that brought the history gave every unit it.
FIRST_DAY = date(1900, 1, 1)
FIELDS = ("parent_id", "name", "kind", "activity")
CHUNK = 5000


def stored_history() -> dict[str, list[Version]]:
    """Every unit's versions in order of valid_from; today's Unit row for a unit without any."""
    history: dict[str, list[Version]] = {}
    rows = UnitVersion.objects.order_by("unit_id", "valid_from").values_list("unit_id", "valid_from", *FIELDS)
    for unit, valid_from, parent, *rest in rows:
        history.setdefault(unit, []).append(Version(valid_from, parent, *rest))
    without = Unit.objects.exclude(pk__in=UnitVersion.objects.values("unit_id"))
    for unit, *values in without.values_list("id", *FIELDS):
        history[unit] = [Version(FIRST_DAY, *values)]
    return history


def tree_on(day: date) -> dict[str, str | None]:
    """{unit: parent} as the tree stood on `day` (for freezing a pulse round's or survey's tree)."""
    return tree_history.tree_on(stored_history(), day)


def tree_frame() -> pl.DataFrame:
    """The history as the sick-leave engine's tree frame (kasam.metrics.frames.Frames.tree)."""
    return tree_history.history_frame(stored_history())


def write_history(history: dict[str, list[Version]], units: Iterable[str]) -> None:
    """Replace the stored versions of `units` by their versions in `history` (each version ends the
    day before the next begins). The units must exist."""
    units = list(units)
    for first in range(0, len(units), CHUNK):  # bounded lists of ids in one statement
        UnitVersion.objects.filter(unit_id__in=units[first : first + CHUNK]).delete()
    frame = tree_history.history_frame({unit: history[unit] for unit in units})
    details = {(unit, v.valid_from): v for unit in units for v in history[unit]}
    UnitVersion.objects.bulk_create(
        [
            UnitVersion(
                unit_id=unit,
                parent_id=parent,
                name=details[unit, valid_from].name,
                kind=details[unit, valid_from].kind,
                activity=details[unit, valid_from].activity,
                valid_from=valid_from,
                valid_to=valid_to,
            )
            for unit, parent, valid_from, valid_to in frame.iter_rows()
        ],
        batch_size=CHUNK,
    )
