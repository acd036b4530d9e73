"""The shapes of what an app contributes to the site on top (kasam.site, docs/architecture.md "Layers").

An app lists its contributions in its own `contrib.py` (IMPORT_KINDS, AFTER_IMPORT with
PENDING_AFTER_IMPORT and WAIT_AFTER_IMPORT, TICK_TASKS,
TICK_STEPS, DEMO_STEPS); kasam.site composes them into `kasam import`, the import page, `kasam tick` and
`kasam demo`. An app never imports the site, and the site never reaches into an app beyond its
`contrib.py`, its views and its templates."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

from kasam.core.validation import Counts, ImportScope, Validated


@dataclass(frozen=True)
class ImportKind:
    """One kind of import file (docs/import-formats.md): `validate(data, filename, scope)` reads the
    database it needs and checks the file; `apply(frame, dry_run)` writes it and returns the counts and
    the ids created or changed, as the audit entry lists them."""

    name: str
    validate: Callable[[bytes, str, ImportScope | None], Validated]
    apply: Callable[[pl.DataFrame, bool], tuple[Counts, list[str]]]


@dataclass(frozen=True)
class TickTask:
    """A background task `kasam tick` enqueues (without arguments) when `is_due()`; `order` places it
    among the other apps' tasks."""

    order: int
    name: str
    is_due: Callable[[], bool]
    task: Any


@dataclass(frozen=True)
class TickStep:
    """Work `kasam tick` does itself after the tasks, in `order`: `run(today)` returns the names of
    what it enqueued or sent."""

    order: int
    run: Callable[[date], list[str]]


@dataclass
class DemoRun:
    """What `kasam demo` hands from step to step: the seed, and what a step leaves for a later one
    (e.g. the logins it made)."""

    seed: int
    kept: dict[str, Any]


@dataclass(frozen=True)
class DemoStep:
    """One step of `kasam demo`, run in `order` after the municipality is generated; each does
    nothing when its data exists already."""

    order: int
    run: Callable[[DemoRun], None]


# The import dispatcher (kasam.site.imports.import_file), installed by the site's AppConfig.ready: an
# app whose demo imports its files through the real imports (kasam.economy.demo) calls it here rather
# than importing the site above it.
_dispatcher: Callable[..., Any] | None = None


def install_import_dispatcher(dispatcher: Callable[..., Any]) -> None:
    global _dispatcher
    _dispatcher = dispatcher


def import_file(*args, **kwargs):
    """kasam.site.imports.import_file, as the site installed it."""
    if _dispatcher is None:
        raise RuntimeError("kasam.site is not installed: no import dispatcher")
    return _dispatcher(*args, **kwargs)


def frame_keys(frame: pl.DataFrame, column: str) -> list[str]:
    """The ids of a file whose changes are not told one by one (absences, economics): its persons or
    units, whose rows the import may have changed."""
    return sorted({value for value in frame[column].to_list() if value})
