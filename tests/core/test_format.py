"""Swedish number formats for pages: |number, |percent and |pp (kasam.core.formatting, the filters in
kasam.core.templatetags.kasam_format)."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from kasam.core.formatting import format_date, format_number, format_percent, format_pp

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234.5, 1, f"1{NNBSP}234,5"),
        (1234567.891, 0, f"1{NNBSP}234{NNBSP}568"),
        (999, 0, "999"),
        (0, 1, "0,0"),
        (-1234.56, 1, f"\u22121{NNBSP}234,6"),
        (-0.04, 1, "0,0"),
        (2.25, 1, "2,3"),  # half up, as people round
        (Decimal("12.345"), 2, "12,35"),
        ("7.5", 1, "7,5"),
        (None, 1, "–"),
        (float("nan"), 1, "–"),
        ("ingen siffra", 1, "–"),
    ],
)
def test_it_formats_numbers_the_swedish_way(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_it_writes_percent_and_percentage_points_with_their_sign():
    assert format_percent(8.43) == f"8,4{NBSP}%"
    assert format_percent(None) == "–"
    with translation.override("en"):
        assert format_pp(0.8) == f"+0,8{NBSP}percentage points"
        assert format_pp(-1.25) == f"\u22121,3{NBSP}percentage points"
        assert format_pp(0.01) == f"0,0{NBSP}percentage points"
        assert format_pp(None) == "–"
    with translation.override("sv"):
        assert format_pp(0.8) == f"+0,8{NBSP}procentenheter"


def test_the_filters_work_in_templates():
    template = Template(
        "{% load kasam_format %}{{ a|number:1 }} | {{ b|percent }} | {{ c|pp }} | {{ d|percent }}"
    )
    with translation.override("en"):
        text = template.render(Context({"a": 1234.5, "b": 8.43, "c": 0.8, "d": None}))
    assert text == f"1{NNBSP}234,5 | 8,4{NBSP}% | +0,8{NBSP}percentage points | –"


def test_a_date_is_written_as_people_write_it_in_each_language():
    """It was 2026-11-20 in every language; Swedish writes "20 november 2026", month in lower case."""
    with translation.override("sv"):
        assert format_date(date(2025, 3, 17)) == "17 mars 2025"
        assert format_date(datetime(2026, 1, 2, 23, 59)) == "2 januari 2026"
    with translation.override("en"):
        assert format_date(date(2026, 11, 20)) == "20 November 2026"
    assert format_date(None) == "–"
