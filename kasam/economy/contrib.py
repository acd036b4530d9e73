"""What the economy contributes to the site (kasam.core.contrib): the budget, costs and salaries
files, and the demo's economy."""

from functools import partial

import polars as pl

from kasam.core.contrib import DemoRun, DemoStep, ImportKind, frame_keys
from kasam.core.validation import Counts, ImportScope, Validated
from kasam.economy import actions
from kasam.economy.demo import ensure_demo_economy


def _validate(kind: str, data: bytes, filename: str, scope: ImportScope | None) -> Validated:
    return actions.validate(kind, data, filename, scope)


def _apply(kind: str, frame: pl.DataFrame, dry_run: bool) -> tuple[Counts, list[str]]:
    return actions.apply(kind, frame, dry_run), frame_keys(frame, "unit_id")


def _demo(run: DemoRun) -> None:
    ensure_demo_economy(seed=run.seed)  # the Kalix budget table, overtime, substitutes, salaries


IMPORT_KINDS = tuple(
    ImportKind(kind, partial(_validate, kind), partial(_apply, kind)) for kind in actions.KINDS
)
DEMO_STEPS = (DemoStep(30, _demo),)
