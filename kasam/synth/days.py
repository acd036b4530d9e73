"""Dates as integer day numbers (days since 1970-01-01), so that whole columns of dates can be drawn
and shifted with NumPy and turned into Polars dates only at the end."""

from datetime import date

import numpy as np
import polars as pl

EPOCH = date(1970, 1, 1)


def day_number(value: date) -> int:
    return (value - EPOCH).days


def years_of(days: np.ndarray) -> np.ndarray:
    """Calendar year of each day number."""
    return days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


def new_year(years: np.ndarray) -> np.ndarray:
    """Day number of 1 January of each year."""
    return (
        (np.asarray(years, dtype=np.int64) - 1970)
        .astype("datetime64[Y]")
        .astype("datetime64[D]")
        .astype(np.int64)
    )


def as_dates(days: np.ndarray, missing: np.ndarray | None = None) -> pl.Series:
    """A Polars Date series; `missing` marks nulls (an ongoing employment's end)."""
    series = pl.Series(np.asarray(days, dtype=np.int32)).cast(pl.Date)
    if missing is not None:
        series = pl.select(pl.when(pl.Series(missing)).then(None).otherwise(series)).to_series()
    return series


class DaySampler:
    """Draws days between given bounds with given day weights.

    Drawing is inverse-transform sampling on the cumulative weights, so a whole column of
    (low, high) bounds is drawn in one vectorised step.
    """

    def __init__(self, first: int, weights: np.ndarray):
        self.first = first
        self.cumulative = np.concatenate([[0.0], np.cumsum(weights)])

    @classmethod
    def seasonal(cls, first: int, last: int, amplitude: float) -> "DaySampler":
        """Weight 1 + amplitude × cos(2π (day of year − 25) / 365.25): infections peak in late January."""
        day_of_year = _day_of_year(first, last)
        return cls(first, 1.0 + amplitude * np.cos(2 * np.pi * (day_of_year - 25) / 365.25))

    @classmethod
    def summer(cls, first: int, last: int) -> "DaySampler":
        """Holidays: about half of them mid-June to mid-August, when welfare staff take their long
        holiday. Normalised to a mean day weight of 1, so that a rate stays "per person-year"."""
        day_of_year = _day_of_year(first, last)
        weights = np.where((day_of_year >= 165) & (day_of_year <= 225), 1.0, 0.25)
        return cls(first, weights / weights.mean())

    def weight(self, low: np.ndarray, high: np.ndarray) -> np.ndarray:
        """Total weight of the days low…high (inclusive); a mean day weighs about 1."""
        return self.cumulative[high - self.first + 1] - self.cumulative[low - self.first]

    def draw(self, rng: np.random.Generator, low: np.ndarray, high: np.ndarray) -> np.ndarray:
        """One day in low…high (inclusive) for each pair of bounds."""
        below = self.cumulative[low - self.first]
        target = below + rng.random(len(low)) * (self.cumulative[high - self.first + 1] - below)
        offset = np.searchsorted(self.cumulative, target, side="right") - 1
        return np.clip(offset + self.first, low, high)


def _day_of_year(first: int, last: int) -> np.ndarray:
    """0-based day of year of each day first…last."""
    days = np.arange(first, last + 1)
    return days - new_year(years_of(days))
