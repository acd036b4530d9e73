"""A release builder for tests of the publishing machinery: the same small release every time, and
the periods a test names."""

from kasam.metrics.periods import parse_period
from kasam.releases.publish import Built, Cell

SEEN: list = []
PERIODS = ["2025-T1", "2025-T2", "2025", "2026-T1", "2026-T2"]


def periods():
    return [parse_period(code) for code in PERIODS]


def build(period, earlier):
    SEEN.append((period.code, sorted((r.period, r.version) for r in earlier)))
    return Built(
        figures={"SOC": {"sick_leave_pct": 5.5}},
        roots=["SOC"],
        cells=[Cell("SOC", "all", 40, {"primary": True})],
        settings={"definition": "test"},
    )
