"""Charts rendered to SVG on the server, each with its figures as a table (kasam.core.charts)."""

import re
from datetime import date

import pytest
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import translation

from kasam.core import charts

MONTHS = [date(2025, month, 1) for month in range(1, 13)]
UNITS = ["Hemtjänst Norr", "Solgården", "Barn & unga"]


@pytest.fixture(autouse=True)
def _empty_cache():
    caches["charts"].clear()


def monthly_rows():
    return [
        {"month": month, "unit": unit, "pct": 1000 * (i + 1) + month.month + 0.25}
        for i, unit in enumerate(UNITS)
        for month in MONTHS
    ]


def test_a_line_chart_is_an_accessible_svg_without_script():
    with translation.override("sv"):
        chart = charts.line_chart(
            monthly_rows(), "month", "pct", "unit", title="Sjukfrånvaro <per> månad", y_title="Procent"
        )
    svg = str(chart.svg)
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "<script" not in svg.lower() and "javascript:" not in svg.lower()
    assert f'role="img" aria-labelledby="{chart.id}-title"' in svg
    assert f'<title id="{chart.id}-title">Sjukfrånvaro &lt;per&gt; månad</title>' in svg
    assert f'<desc id="{chart.id}-desc">' in svg
    # Swedish months and numbers on the axes (narrow no-break space between thousands).
    assert "jan 2025" in svg or "mar 2025" in svg
    assert "3\u202f000" in svg


def test_the_table_holds_the_same_figures_in_swedish_format():
    with translation.override("sv"):
        chart = charts.line_chart(monthly_rows(), "month", "pct", "unit", title="Sjukfrånvaro", y_title="%")
    assert chart.table.headers == ["", *UNITS]
    assert chart.table.rows[0] == [
        "jan 2025",
        "1\u202f001,3\u00a0%",
        "2\u202f001,3\u00a0%",
        "3\u202f001,3\u00a0%",
    ]
    assert len(chart.table.rows) == 12
    with translation.override("en"):
        english = charts.line_chart(monthly_rows(), "month", "pct", "unit", title="Sick leave", y_title="%")
    assert english.table.rows[4][0] == "May 2025"


def test_the_include_shows_the_chart_and_its_table():
    chart = charts.bar_chart(
        [{"band": "1–14", "hours": 1234.5}, {"band": "15–59", "hours": None}],
        "band",
        "hours",
        title="Sjuktimmar per längd",
        y_title="Timmar",
        percent=False,
        decimals=1,
    )
    html = render_to_string("includes/chart.html", {"chart": chart})
    assert f'<figure class="chart" aria-labelledby="{chart.id}-caption">' in html
    assert "<svg" in html and "<table>" in html
    assert re.search(r'<th scope="row">1–14</th><td class="number">1\u202f234,5</td>', html)
    assert '<th scope="row">15–59</th><td class="number">–</td>' in html


def test_a_heatmap_leaves_missing_cells_empty_and_tabulates_units_by_month():
    rows = [
        {"month": month, "unit": unit, "pct": None if (unit, month) == (UNITS[1], MONTHS[2]) else 4.44}
        for unit in UNITS
        for month in MONTHS[:3]
    ]
    with translation.override("sv"):
        chart = charts.heatmap(
            rows, "month", "unit", "pct", title="Värmekarta", value_title="Sjukfrånvaro (%)"
        )
    assert chart.table.headers == ["", "jan 2025", "feb 2025", "mar 2025"]
    assert chart.table.rows[1] == ["Solgården", "4,4\u00a0%", "4,4\u00a0%", "–"]
    assert str(chart.svg).count("<path") >= 8
    assert "Barn &amp; unga" in str(chart.svg)


def test_a_rendered_spec_comes_from_the_cache(monkeypatch):
    rows = monthly_rows()
    first = charts.line_chart(rows, "month", "pct", "unit", title="A", y_title="%")

    def not_again(*args, **kwargs):
        raise AssertionError("rendered twice")

    monkeypatch.setattr("vl_convert.vegalite_to_svg", not_again)
    again = charts.line_chart(rows, "month", "pct", "unit", title="A", y_title="%")
    assert again.svg == first.svg
    with pytest.raises(AssertionError, match="rendered twice"):
        charts.line_chart(rows[:-1], "month", "pct", "unit", title="A", y_title="%")
