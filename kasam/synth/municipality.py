"""The generated municipality: four tables in the import formats of docs/import-formats.md."""

from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from kasam.synth.absences import generate_absences
from kasam.synth.days import day_number
from kasam.synth.organisation import build_organisation
from kasam.synth.people import generate_staff

COLUMNS = {
    "units": ("unit_id", "parent_id", "name", "kind", "activity"),
    "people": ("person_id", "birth_year", "gender", "first_name", "last_name", "email", "phone"),
    "employments": ("person_id", "unit_id", "start_date", "end_date", "rate", "weekly_hours", "pay"),
    "absences": ("person_id", "start_date", "end_date", "extent", "kind"),
}


@dataclass
class Municipality:
    units: pl.DataFrame
    people: pl.DataFrame
    employments: pl.DataFrame
    absences: pl.DataFrame

    def tables(self) -> dict[str, pl.DataFrame]:
        """The four tables by import kind, in the order they must be imported."""
        return {kind: getattr(self, kind) for kind in COLUMNS}


def history_start(until: date, years: int) -> date:
    """1 January of the first of `years` calendar years that end with until's year."""
    return date(until.year - years + 1, 1, 1)


def generate_municipality(
    employees: int = 800, years: int = 3, seed: int = 1, *, until: date
) -> Municipality:
    """A fictitious social services administration with `employees` staff on `until` and absence
    history from 1 January `years − 1` years before until's year up to `until`.

    Same arguments, same tables (and byte-identical files): every draw comes from one
    `numpy.random.default_rng(seed)` in a fixed order, and every table is sorted on its key.
    """
    if employees < 1 or years < 1:
        raise ValueError("employees and years must be at least 1")
    rng = np.random.default_rng(seed)
    first, last = day_number(history_start(until, years)), day_number(until)
    org = build_organisation(rng, employees)
    staff = generate_staff(rng, org, first, last)
    absences = generate_absences(rng, staff, first, last)
    return Municipality(
        units=_nulls_for_empty(org.units),
        people=_nulls_for_empty(staff.people),
        employments=staff.employments,
        absences=absences,
    )


def _nulls_for_empty(frame: pl.DataFrame) -> pl.DataFrame:
    """An empty text field is a missing value in the import formats."""
    return frame.with_columns(
        pl.when(pl.col(pl.String) == "").then(None).otherwise(pl.col(pl.String)).name.keep()
    )
