"""The refill of the stored sick-leave series (kasam.absence.series)."""

from datetime import date

import polars as pl
import pytest

from kasam.absence.models import SeriesRefill, SickLeaveMonth, SickLeavePeriod
from kasam.absence.series import history_start, periods, refill_series
from kasam.org.models import Unit

TODAY = date(2026, 11, 25)  # tests/conftest.py sets KASAM_TODAY to it


def stored_months() -> list[tuple]:
    return list(
        SickLeaveMonth.objects.order_by("unit_id", "month").values_list(
            "unit_id", "month", "persons", "ordinary_hours", "sick_hours", "long_sick_hours", "occasions"
        )
    )


def stored_periods() -> list[tuple]:
    return list(
        SickLeavePeriod.objects.order_by("unit_id", "start", "end", "group").values_list(
            "unit_id", "start", "end", "kind", "group", "persons", "sick_hours", "ha_persons"
        )
    )


def assert_same(rows: list[tuple], expected: list[tuple]) -> None:
    """Equal rows, floats within rounding: the engine may sum in another order on each run."""
    assert len(rows) == len(expected)
    for row, other in zip(rows, expected, strict=True):
        assert [pytest.approx(v) if isinstance(v, float) else v for v in row] == list(other)


def month_range(first: date, last: date) -> list[date]:
    return pl.date_range(first, last, "1mo", eager=True).to_list()


def test_it_fills_every_month_for_every_unit(municipality):
    refill = refill_series()

    assert refill.status == SeriesRefill.Status.FINISHED
    assert refill.from_month is None and refill.finished_at >= refill.started_at
    assert refill.definition["version"].startswith("kasam-sickleave")
    earliest = pl.read_csv(municipality["absences"], try_parse_dates=True)["start_date"].min()
    first = history_start(earliest, TODAY)
    months = month_range(first, TODAY.replace(day=1))
    units = set(Unit.objects.values_list("id", flat=True))
    stored = set(SickLeaveMonth.objects.values_list("unit_id", "month"))
    assert stored == {(unit, month) for unit in units for month in months}
    assert refill.rows == SickLeaveMonth.objects.count() + SickLeavePeriod.objects.count()

    root = Unit.objects.get(parent__isnull=True)
    total = SickLeaveMonth.objects.filter(unit=root)
    assert sum(row.sick_hours for row in total) > 0
    assert all(row.sick_hours <= row.ordinary_hours + 1e-6 for row in total)
    # The root's row covers the whole tree: its hours are those of its children's subtrees together.
    children = SickLeaveMonth.objects.filter(unit__parent=root, month=months[-2])
    assert total.get(month=months[-2]).ordinary_hours == pytest.approx(
        sum(c.ordinary_hours for c in children)
    )

    kinds = set(SickLeavePeriod.objects.filter(unit=root, group="all").values_list("kind", "start", "end"))
    assert kinds == set(periods(first, TODAY))
    assert ("rolling12", date(2025, 11, 1), date(2026, 10, 31)) in kinds
    assert ("year", date(2026, 1, 1), TODAY) in kinds


def test_it_gives_the_same_rows_when_run_twice(municipality):
    refill_series()
    months, period_rows = stored_months(), stored_periods()
    again = refill_series()
    assert again.status == SeriesRefill.Status.FINISHED
    assert_same(stored_months(), months)
    assert_same(stored_periods(), period_rows)


def test_it_rewrites_only_the_months_from_the_one_asked(municipality):
    refill_series()
    kept = set(SickLeaveMonth.objects.filter(month__lt=date(2026, 6, 1)).values_list("id", flat=True))
    months = stored_months()

    refill = refill_series(date(2026, 9, 14))

    assert refill.from_month is not None and refill.from_month <= date(2026, 9, 1)
    rewritten = SickLeaveMonth.objects.filter(month__gte=refill.from_month)
    assert not kept & set(rewritten.values_list("id", flat=True))
    assert kept <= set(SickLeaveMonth.objects.values_list("id", flat=True)) or refill.from_month < date(
        2026, 6, 1
    )
    assert_same(stored_months(), months)


def test_a_failing_refill_keeps_the_previous_rows_and_says_it_failed(municipality, engine, monkeypatch):
    refill_series()
    months, period_rows = stored_months(), stored_periods()

    def broken(*args, **kwargs):
        raise RuntimeError("the engine broke")

    working = engine.period_figures
    monkeypatch.setattr(engine, "period_figures", broken)
    with pytest.raises(RuntimeError):
        refill_series()

    failed = SeriesRefill.objects.latest("id")
    assert failed.status == SeriesRefill.Status.FAILED
    assert "the engine broke" in failed.error and failed.finished_at is not None
    assert_same(stored_months(), months)
    assert_same(stored_periods(), period_rows)

    # The next refill takes on the months of the one that failed.
    monkeypatch.setattr(engine, "period_figures", working)
    assert refill_series(date(2026, 10, 1)).from_month is None


def test_a_change_of_settings_refills_everything(municipality, settings):
    refill_series()
    settings.KASAM_REPEATED_SHORT_TERM = "3-in-6"
    refill = refill_series(date(2026, 10, 1))
    assert refill.from_month is None
    assert refill.definition["repeated_short_cases"] == 3


def test_without_absences_nothing_is_stored(db, engine, org):
    refill = refill_series()
    assert refill.status == SeriesRefill.Status.FINISHED
    assert refill.rows == 0 and not SickLeaveMonth.objects.exists()


def test_periods_are_the_years_and_the_twelve_complete_months_before_this_month():
    assert periods(date(2024, 3, 1), date(2026, 1, 10)) == [
        ("year", date(2024, 1, 1), date(2024, 12, 31)),
        ("year", date(2025, 1, 1), date(2025, 12, 31)),
        ("year", date(2026, 1, 1), date(2026, 1, 10)),
        ("rolling12", date(2025, 1, 1), date(2025, 12, 31)),
    ]
    assert periods(date(2026, 1, 1), date(2026, 1, 10)) == [("year", date(2026, 1, 1), date(2026, 1, 10))]


def test_the_history_starts_on_the_first_new_year_of_the_absence_data():
    until = date(2026, 11, 25)
    # Cases running into an export that starts on 1 Jan 2024 begin in 2023: the history is 2024 on.
    assert history_start(date(2023, 10, 14), until) == date(2024, 1, 1)
    assert history_start(date(2022, 1, 1), until) == date(2022, 1, 1)
    # Nobody in a small organisation may be sick on the first days of the export.
    assert history_start(date(2024, 1, 8), until) == date(2024, 1, 1)
    # Data from this year only: from its first month, rather than nothing.
    assert history_start(date(2026, 3, 10), until) == date(2026, 3, 1)
