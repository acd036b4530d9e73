"""The periods a release is made for (docs/definitions.md "Releases"): the tertials of the Swedish
municipal year – January–April and January–August, the interim reports – and the whole year.

A period is named by a code: `2026-T1` (January–April), `2026-T2` (January–August), `2026` (the
year). Pure: no Django.
"""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date

# The last month of each period of a year, by its code's suffix; "" is the year.
_LAST_MONTH = {"T1": 4, "T2": 8, "": 12}


@dataclass(frozen=True, order=True)
class ReportPeriod:
    start: date
    end: date
    code: str

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def is_year(self) -> bool:
        return self.end.month == 12

    def contains(self, other: "ReportPeriod") -> bool:
        """Whether `other` lies inside this period (equal periods included)."""
        return self.start <= other.start and other.end <= self.end

    def nests_with(self, other: "ReportPeriod") -> bool:
        """Whether the two periods are equal or one lies inside the other – the pairs whose releases
        the difference rule compares."""
        return self.contains(other) or other.contains(self)


def period(year: int, part: str = "") -> ReportPeriod:
    if part not in _LAST_MONTH:
        raise ValueError(f"no period part {part!r}: use T1, T2 or nothing for the year")
    month = _LAST_MONTH[part]
    end = date(year, month, monthrange(year, month)[1])
    return ReportPeriod(date(year, 1, 1), end, f"{year}-{part}" if part else str(year))


def parse_period(code: str) -> ReportPeriod:
    """`2026-T1`, `2026-T2` or `2026` → the period; ValueError with a one-line reason otherwise."""
    text = code.strip().upper()
    year_text, sep, part = text.partition("-")
    if not (year_text.isdigit() and len(year_text) == 4) or part not in _LAST_MONTH or (sep and not part):
        raise ValueError(f"not a period: {code!r} (use YYYY-T1, YYYY-T2 or YYYY)")
    return period(int(year_text), part)


def periods_of_year(year: int) -> list[ReportPeriod]:
    return [period(year, part) for part in ("T1", "T2", "")]


def ended_periods(first: date, last: date, today: date) -> list[ReportPeriod]:
    """The periods that lie within first…last (the data held) and have ended before `today`, oldest
    first."""
    found = []
    for year in range(first.year, last.year + 1):
        for candidate in periods_of_year(year):
            if first <= candidate.start and candidate.end <= last and candidate.end < today:
                found.append(candidate)
    return sorted(found, key=lambda p: (p.end, p.start))
