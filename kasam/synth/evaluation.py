"""A panel of units × months of sick leave with a planted effect, for testing and timing the evaluation
estimators (kasam.metrics.evaluation): the truth is known, so an estimate can be checked against it.

Pure NumPy and Polars (no Django import) and deterministic for a seed. Per unit: a level of sick leave
(about 6.5 %, between 5 and 12), a linear trend of its own (± a few hundredths of a percentage point a
month, around zero), and a start month – uniform between `first_start` and `last_start`, or never (share
`never_share`). Per month: a seasonal swing (highest in January; month 1 is a January) and a common
shock. Per unit-month: noise. From its start month on a unit's sick leave drops by `effect` percentage
points (negative: a drop), the same in every unit and month, so every aggregation of the effect has
that value as its truth. Starts are unrelated to levels and trends, so parallel trends hold in
expectation. A value below zero would be clipped to 0; with the defaults none was in 200 seeds of
600 units × 60 months.
`missing_share` leaves out that share of unit-months at random (an unbalanced panel), never a unit's
first month.

Columns: unit (string ids "E001" …), month (1 … months), sick_leave (percent), start (month, 0 = never).
"""

from dataclasses import dataclass

import numpy as np
import polars as pl


@dataclass(frozen=True)
class PlantedPanel:
    frame: pl.DataFrame
    effect: float  # the planted effect, in percentage points


def planted_panel(
    seed: int,
    *,
    units: int = 60,
    months: int = 36,
    effect: float = -1.0,
    never_share: float = 0.3,
    first_start: int = 7,
    last_start: int | None = None,
    level: float = 6.5,
    level_spread: float = 1.5,
    trend_spread: float = 0.015,
    seasonal: float = 0.8,
    shock: float = 0.3,
    noise: float = 0.5,
    missing_share: float = 0.0,
) -> PlantedPanel:
    last_start = months - 6 if last_start is None else last_start
    if not 2 <= first_start <= last_start <= months:
        raise ValueError(f"starts must lie within 2 … {months}: {first_start} … {last_start}")
    rng = np.random.default_rng(seed)
    unit_level = np.clip(rng.normal(level, level_spread, units), 5.0, 12.0)
    unit_trend = rng.normal(0.0, trend_spread, units)
    start = np.where(rng.random(units) < never_share, 0, rng.integers(first_start, last_start + 1, units))
    month = np.arange(1, months + 1)
    month_effect = seasonal * np.cos(2 * np.pi * (month - 1) / 12) + rng.normal(0.0, shock, months)
    centred = month - (months + 1) / 2
    value = (
        unit_level[:, None]
        + unit_trend[:, None] * centred[None, :]
        + month_effect[None, :]
        + rng.normal(0.0, noise, (units, months))
        + effect * ((start[:, None] > 0) & (month[None, :] >= start[:, None]))
    )
    keep = rng.random((units, months)) >= missing_share
    keep[:, 0] = True
    unit_index, month_index = np.nonzero(keep)
    frame = pl.DataFrame(
        {
            "unit": [f"E{i + 1:03d}" for i in unit_index],
            "month": month[month_index],
            "sick_leave": np.maximum(value[unit_index, month_index], 0.0),
            "start": start[unit_index],
        }
    )
    return PlantedPanel(frame, effect)
