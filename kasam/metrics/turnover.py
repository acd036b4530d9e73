"""Staff turnover (personalomsättning) for the annual report's personnel section. Pure: no Django.

Turnover in year Y (docs/architecture.md, the annual report):
- In it: the persons with a monthly-paid employment in force on 1 January of Y (start on or before,
  no end or an end on or after that day). Persons hired during the year are not in it, and hourly
  staff count only through a monthly-paid employment.
- Left: those whose every employment in the organisation, hourly ones included, has ended by
  31 December of Y (a last day on 31 December counts). Moving between units is not leaving, nor is
  keeping an hourly job. Choice: an employment starting after Y (a rehire) has not ended by
  31 December either, so that person has not left.
- Turnover = 100 × left / in it; None when no one is in it. Not rounded here: figures are rounded
  once, when shown.
"""

from dataclasses import dataclass
from datetime import date

import polars as pl


@dataclass(frozen=True)
class Turnover:
    leavers: int
    headcount_start: int

    @property
    def turnover_pct(self) -> float | None:
        return None if self.headcount_start == 0 else 100 * self.leavers / self.headcount_start


def turnover(employments: pl.DataFrame, year: int) -> Turnover:
    """`employments` has person_id, start_date, end_date (None: ongoing) and pay."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    monthly = pl.col("pay").cast(pl.String).str.to_lowercase() != "hourly"
    ongoing = pl.col("end_date").is_null()
    in_force = (pl.col("start_date") <= first) & (ongoing | (pl.col("end_date") >= first))
    cohort = employments.filter(monthly & in_force)["person_id"].unique()
    still_employed = employments.filter(ongoing | (pl.col("end_date") > last))["person_id"].unique()
    leavers = cohort.filter(~cohort.is_in(still_employed.implode())).len()
    return Turnover(leavers=leavers, headcount_start=cohort.len())
