"""A sparkline's geometry: a list of numbers → an SVG path, drawn on the server (docs/definitions.md
"Home pages"). Pure: no Django, no chart library – the home page draws dozens and must stay fast.

The numbers are spread evenly over the width, oldest left; the smallest sits at the bottom and the
largest at the top, `pad` units inside the box so that the line's stroke and the end dot are not cut.
A missing value (None: hidden or not known) breaks the line, so that no line is drawn through a figure
that is not shown. A flat series is drawn through the middle. The last shown value gets a dot.
"""

from dataclasses import dataclass

WIDTH = 100.0
HEIGHT = 24.0
PAD = 2.0


@dataclass(frozen=True)
class Sparkline:
    path: str  # the SVG path's `d`, "" when there is nothing to draw
    width: float
    height: float
    end: tuple[float, float] | None  # where the last shown value is drawn (the dot), None: none shown


def _number(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros ("12.5", "3", "0.25")."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def sparkline(
    values: list[float | None], width: float = WIDTH, height: float = HEIGHT, pad: float = PAD
) -> Sparkline:
    """The path of `values` in a box of width × height (SVG coordinates: y grows downwards)."""
    shown = [v for v in values if v is not None]
    if not shown:
        return Sparkline("", width, height, None)
    low, high = min(shown), max(shown)
    step = (width - 2 * pad) / (len(values) - 1) if len(values) > 1 else 0.0

    def x(index: int) -> float:
        return pad + index * step if len(values) > 1 else width / 2

    def y(value: float) -> float:
        if high == low:
            return height / 2
        return pad + (high - value) / (high - low) * (height - 2 * pad)

    parts, pen_down, end = [], False, None
    for index, value in enumerate(values):
        if value is None:
            pen_down = False
            continue
        point = (x(index), y(value))
        parts.append(("L" if pen_down else "M") + f"{_number(point[0])},{_number(point[1])}")
        pen_down, end = True, point
    return Sparkline(" ".join(parts), width, height, (round(end[0], 2), round(end[1], 2)))
