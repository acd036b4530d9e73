"""Staff turnover (personalomsättning) for the annual report's personnel section. Pure: no Django.

DOMAIN.md names turnover (Kolada N00216) without defining Kasam's own figure; the choice here:
- Everyone with a monthly-paid employment counts (hourly staff without a schedule do not, as for
  sick leave).
- A person has left in year Y when the last day of all their employments in the organisation – any
  unit, the union of their employments, later ones included – falls in Y: moving between units is
  not leaving, and someone who ends one contract and starts another within the data has not left.
- Turnover = 100 × leavers / the average of the head counts on 1 January and 31 December of Y
  (persons employed that day). None when that average is 0.
"""

from dataclasses import dataclass
from datetime import date

import polars as pl


@dataclass(frozen=True)
class Turnover:
    leavers: int
    headcount_start: int
    headcount_end: int

    @property
    def average_headcount(self) -> float:
        return (self.headcount_start + self.headcount_end) / 2

    @property
    def turnover_pct(self) -> float | None:
        average = self.average_headcount
        return None if average == 0 else round(100 * self.leavers / average, 2)


def turnover(employments: pl.DataFrame, year: int) -> Turnover:
    """`employments` has person_id, start_date, end_date (None: ongoing) and pay."""
    monthly = employments.filter(pl.col("pay").cast(pl.String).str.to_lowercase() != "hourly")
    first, last = date(year, 1, 1), date(year, 12, 31)

    def employed_on(day: date) -> int:
        on = monthly.filter(
            (pl.col("start_date") <= day) & (pl.col("end_date").is_null() | (pl.col("end_date") >= day))
        )
        return on["person_id"].n_unique()

    final = monthly.group_by("person_id").agg(
        ongoing=pl.col("end_date").is_null().any(), last_day=pl.col("end_date").max()
    )
    leavers = final.filter(~pl.col("ongoing") & pl.col("last_day").is_between(first, last)).height
    return Turnover(leavers, employed_on(first), employed_on(last))
