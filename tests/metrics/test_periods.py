"""Release periods: the tertials January–April, January–August and the year."""

from datetime import date

import pytest

from kasam.metrics.periods import ended_periods, parse_period


def test_codes_name_the_tertials_and_the_year():
    assert (parse_period("2026-T1").start, parse_period("2026-T1").end) == (
        date(2026, 1, 1),
        date(2026, 4, 30),
    )
    assert parse_period("2026-t2").end == date(2026, 8, 31)
    assert parse_period("2024").end == date(2024, 12, 31)
    assert parse_period(" 2024 ").is_year


@pytest.mark.parametrize("code", ["2026-T3", "26", "2026-", "T1", "2026-Q1", ""])
def test_anything_else_is_refused_in_one_line(code):
    with pytest.raises(ValueError, match="not a period"):
        parse_period(code)


def test_nested_periods_and_equal_ones_nest():
    t1, t2, year = parse_period("2026-T1"), parse_period("2026-T2"), parse_period("2026")
    assert year.contains(t1) and t2.contains(t1) and not t1.contains(t2)
    assert t1.nests_with(t2) and t2.nests_with(t2)
    assert not t1.nests_with(parse_period("2025"))


def test_ended_periods_within_the_data_held():
    found = ended_periods(date(2025, 1, 1), date(2026, 11, 30), date(2026, 12, 7))
    assert [p.code for p in found] == ["2025-T1", "2025-T2", "2025", "2026-T1", "2026-T2"]
    # A period ending today has not ended.
    assert [p.code for p in ended_periods(date(2026, 1, 1), date(2026, 12, 31), date(2026, 8, 31))] == [
        "2026-T1"
    ]
