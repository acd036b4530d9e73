"""A figure's trend as the home page draws it: the sparkline's geometry (kasam.metrics.sparkline) and
the same figures in words for a screen reader ("Sjukfrånvaro per månad: 6,1 %, 6,3 % …")."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext

from kasam.core.formatting import format_number, format_percent
from kasam.metrics.sparkline import sparkline


@dataclass(frozen=True)
class Trend:
    path: str
    width: int
    height: int
    cx: str  # the end dot's place, written with a point whatever the language (an SVG attribute)
    cy: str
    label: str


def percent(value: float) -> str:
    return format_percent(value, 1)


def index(value: float) -> str:
    return format_number(value, 0)


def trend(title: str, values: list[float | None], text: Callable[[float], str] = percent) -> Trend | None:
    """The trend of `values` (oldest first; None where not shown), or None with fewer than two shown."""
    if sum(v is not None for v in values) < 2:
        return None
    line = sparkline(values)
    words = ", ".join(gettext("not shown") if v is None else text(v) for v in values)
    cx, cy = line.end if line.end else ("0", "0")
    return Trend(line.path, int(line.width), int(line.height), str(cx), str(cy), f"{title}: {words}")
