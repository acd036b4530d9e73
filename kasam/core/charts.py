"""Charts as SVG rendered on the server from Vega-Lite specs (vl-convert-python), each with the same
figures as a data table. No chart JavaScript reaches the browser, so pages work under a strict CSP,
and PDFs use the same SVG.

    chart = line_chart(rows, x="month", y="pct", series="unit", title=…, y_title=…)
    {% include "includes/chart.html" with chart=chart %}

`rows` are mappings (or a Polars frame). An x of `date`s is read as months. Numbers are Swedish in
the chart and the table alike (decimal comma, narrow no-break space between thousands); month names
follow the interface language. A rendered SVG is cached by the hash of its spec, so a page view does
not render a chart it rendered before. The title and description go into the SVG's <title> and <desc>
(the include shows the title as the figure's caption, so the SVG draws none).

The first render in a process starts vl-convert's JavaScript engine (about 0.4 s and 60 MB);
gunicorn workers warm it as they start (kasam.core.gunicorn_conf). vl-convert runs a thread of its
own: render only in a process that does not fork afterwards (never in gunicorn's master).
"""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import caches
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from kasam.core.formatting import MINUS, THOUSANDS, format_number, format_percent

CACHE_SECONDS = 24 * 3600
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
NUMBER_LOCALE = {
    "decimal": ",",
    "thousands": THOUSANDS,
    "grouping": [3],
    "currency": ["", "\u00a0kr"],
    "minus": MINUS,
}
SWEDISH_TIME_LOCALE = {
    "dateTime": "%A %e %B %Y %X",
    "date": "%Y-%m-%d",
    "time": "%H:%M:%S",
    "periods": ["fm", "em"],
    "days": ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"],
    "shortDays": ["sön", "mån", "tis", "ons", "tor", "fre", "lör"],
    "months": [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "shortMonths": ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
}
ENGLISH_TIME_LOCALE = {
    "dateTime": "%a %b %e %X %Y",
    "date": "%Y-%m-%d",
    "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    "shortDays": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
    "months": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "shortMonths": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}
CONFIG = {
    # No ARIA labels on each mark: the SVG is one image to assistive technology, the table has the figures.
    "aria": False,
    "mark": {"aria": False},
    "font": FONT,
    "background": "white",
    "view": {"stroke": None},
    "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": "#333", "titleColor": "#333"},
    "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "direction": "horizontal"},
    "range": {"category": ["#1f5f99", "#d9822b", "#2e8b57", "#a23b72", "#6b6b6b", "#3fa7d6", "#8c6d31"]},
}


@dataclass(frozen=True)
class ChartTable:
    """The chart's figures as a table: `headers` over the columns, each row led by its row header."""

    caption: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    svg: SafeString
    table: ChartTable


def line_chart(
    rows,
    x: str,
    y: str,
    series: str | None = None,
    *,
    title: str,
    y_title: str,
    x_title: str = "",
    description: str = "",
    percent: bool = True,
    decimals: int = 1,
    width: int = 560,
    height: int = 240,
    chart_id: str | None = None,
) -> Chart:
    """One line per value of `series` (or a single line) over `x`; y from zero."""
    data = _rows(rows)
    encoding = {
        "x": _x_encoding(data, x, x_title),
        "y": {"field": y, "type": "quantitative", "title": y_title, "axis": {"format": _format(decimals)}},
    }
    if series:
        encoding["color"] = {"field": series, "type": "nominal", "title": None, "sort": _order(data, series)}
    spec = {
        "width": width,
        "height": height,
        "mark": {"type": "line", "point": True, "strokeWidth": 2},
        "encoding": encoding,
    }
    table = _pivot(data, x, y, series, x_title, title, percent, decimals)
    return _chart(spec, data, title, description, table, chart_id)


def bar_chart(
    rows,
    x: str,
    y: str,
    series: str | None = None,
    *,
    title: str,
    y_title: str,
    x_title: str = "",
    description: str = "",
    horizontal: bool = False,
    percent: bool = True,
    decimals: int = 1,
    width: int = 560,
    height: int = 240,
    chart_id: str | None = None,
) -> Chart:
    """Bars of `y` for each `x` (grouped by `series`, if given); `horizontal` suits long unit names."""
    data = _rows(rows)
    category = _x_encoding(data, x, x_title)
    value = {"field": y, "type": "quantitative", "title": y_title, "axis": {"format": _format(decimals)}}
    encoding = {"y": category, "x": value} if horizontal else {"x": category, "y": value}
    if series:
        order = _order(data, series)
        encoding["color"] = {"field": series, "type": "nominal", "title": None, "sort": order}
        encoding["yOffset" if horizontal else "xOffset"] = {"field": series, "sort": order}
    size = {"width": width, "height": {"step": 18}} if horizontal else {"width": width, "height": height}
    spec = {**size, "mark": {"type": "bar"}, "encoding": encoding}
    table = _pivot(data, x, y, series, x_title, title, percent, decimals)
    return _chart(spec, data, title, description, table, chart_id)


def heatmap(
    rows,
    x: str,
    y: str,
    value: str,
    *,
    title: str,
    value_title: str,
    y_title: str = "",
    description: str = "",
    percent: bool = True,
    decimals: int = 1,
    chart_id: str | None = None,
) -> Chart:
    """Cells of `value` for `y` (e.g. units, in the order given) × `x` (e.g. months); a missing or
    None value leaves its cell empty and its table cell "–"."""
    data = _rows(rows)
    shown = [row for row in data if row.get(value) is not None]
    spec = {
        "width": {"step": 16},
        "height": {"step": 16},
        "mark": {"type": "rect"},
        "encoding": {
            "x": {**_x_encoding(data, x, ""), "type": "ordinal"},
            "y": {"field": y, "type": "nominal", "title": y_title or None, "sort": _order(data, y)},
            "color": {
                "field": value,
                "type": "quantitative",
                "title": value_title,
                "scale": {"scheme": "blues"},
                "legend": {"format": _format(decimals), "direction": "horizontal", "orient": "bottom"},
            },
        },
    }
    table = _pivot(data, y, value, x, y_title, title, percent, decimals, columns_by=x)
    return _chart(spec, shown, title, description, table, chart_id)


def _rows(rows) -> list[dict]:
    if hasattr(rows, "to_dicts"):  # a Polars frame
        return rows.to_dicts()
    return [dict(row) for row in rows] if not isinstance(rows, Mapping) else [dict(rows)]


def _order(data: list[dict], name: str) -> list:
    """The values of a column in the order they first appear (dates sorted)."""
    values = list(dict.fromkeys(row[name] for row in data))
    return sorted(values) if values and all(isinstance(v, date) for v in values) else values


def _is_months(data: list[dict], name: str) -> bool:
    return bool(data) and all(isinstance(row[name], date) for row in data)


def _x_encoding(data: list[dict], x: str, title: str) -> dict:
    if _is_months(data, x):
        return {
            "field": x,
            "type": "temporal",
            "timeUnit": "yearmonth",
            "title": title or None,
            "axis": {"format": "%b %Y", "labelOverlap": True},
        }
    return {"field": x, "type": "nominal", "title": title or None, "sort": _order(data, x)}


def _format(decimals: int) -> str:
    return f",.{max(decimals, 0)}~f"


def _label(value) -> str:
    """A month as the chart's axis writes it ("jan 2025", "Jan 2025" in English)."""
    if isinstance(value, date):
        return f"{_time_locale()['shortMonths'][value.month - 1]} {value.year}"
    return str(value)


def _time_locale() -> dict:
    return ENGLISH_TIME_LOCALE if (get_language() or "sv").startswith("en") else SWEDISH_TIME_LOCALE


def _pivot(data, rows_by, value, series, corner, title, percent, decimals, columns_by=None) -> ChartTable:
    """Rows by `rows_by`, one column per value of `series` (or the single value column)."""
    columns_by = columns_by or series
    fmt = format_percent if percent else format_number
    row_keys = _order(data, rows_by)
    if columns_by is None:
        cells = {row[rows_by]: row[value] for row in data}
        body = [[_label(key), fmt(cells.get(key), decimals)] for key in row_keys]
        return ChartTable(title, [corner, gettext("Value")], body)
    column_keys = _order(data, columns_by)
    cells = {(row[rows_by], row[columns_by]): row[value] for row in data}
    body = [[_label(key), *(fmt(cells.get((key, col)), decimals) for col in column_keys)] for key in row_keys]
    return ChartTable(title, [corner, *map(_label, column_keys)], body)


def _chart(spec: dict, data: list[dict], title: str, description: str, table: ChartTable, chart_id) -> Chart:
    full = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": [{k: _json_value(v) for k, v in row.items()} for row in data]},
        **spec,
        "config": {**CONFIG, "locale": {"number": NUMBER_LOCALE, "time": _time_locale()}},
    }
    source = json.dumps(full, sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(source.encode()).hexdigest()
    chart_id = chart_id or f"chart-{digest[:12]}"
    description = description or gettext("The same figures are in the table with the chart.")
    svg = _accessible(render_svg(source, digest), chart_id, title, description)
    return Chart(chart_id, title, description, svg, table)


def render_svg(source: str, digest: str | None = None) -> str:
    """The SVG of a Vega-Lite spec given as JSON text, from the cache when it was rendered before."""
    key = f"kasam-chart:{digest or hashlib.sha256(source.encode()).hexdigest()}"
    cache = caches["charts"]
    svg = cache.get(key)
    if svg is None:
        import vl_convert  # imported where used, so that commands that draw nothing start fast

        svg = vl_convert.vegalite_to_svg(source)
        cache.set(key, svg, CACHE_SECONDS)
    return svg


def _json_value(value):
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return float(value)  # Decimal and NumPy numbers


def _accessible(svg: str, chart_id: str, title: str, description: str) -> SafeString:
    """An image to assistive technology, named by its <title> and described by its <desc>; the
    marks inside are not read one by one (the table gives the figures)."""
    head, _, rest = svg.partition(">")
    attributes = (
        f' id="{chart_id}" role="img" aria-labelledby="{chart_id}-title"'
        f' aria-describedby="{chart_id}-desc" focusable="false"'
    )
    text = (
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )
    return mark_safe(f"{head}{attributes}>{text}{rest}")  # noqa: S308 – vl-convert's markup, our text escaped


def warm_up() -> None:
    """Start vl-convert's engine now rather than on a page view (about 0.4 s)."""
    render_svg(
        json.dumps({"data": {"values": [{"a": 1}]}, "mark": "point", "encoding": {"x": {"field": "a"}}})
    )
