"""The refill reads only the sick rows, and its figures stay those of all the rows."""

from datetime import date

from kasam.absence.models import SickLeaveMonth, SickLeavePeriod
from kasam.absence.series import refill_series
from kasam.metrics import sickleave
from kasam.site.imports import import_file

ROWS = (
    "person_id,start_date,end_date,extent,kind\n"
    "P1,2025-02-03,2025-02-07,100,vab\n"  # the earliest record: the history starts from it
    "P1,2026-03-02,2026-03-06,100,sjuk\n"
    "P2,2026-03-09,2026-03-20,50,\n"
    "P3,2026-04-01,2026-04-30,100,semester\n"
)


def stored():
    months = SickLeaveMonth.objects.order_by("unit_id", "month").values_list("unit_id", "month", "sick_hours")
    periods = SickLeavePeriod.objects.order_by("unit_id", "kind", "start", "group").values_list(
        "unit_id", "kind", "start", "group", "sick_hours", "persons", "gated_hidden"
    )
    return list(months), list(periods)


def test_the_refill_reads_only_sick_rows_and_keeps_the_figures(org, monkeypatch):
    assert import_file("absences", ROWS.encode(), "a.csv").ok
    read = []
    monthly = sickleave.monthly_series

    def spy(frames, *args, **kwargs):
        read.append(sorted(set(frames.absences["kind"].to_list())))
        return monthly(frames, *args, **kwargs)

    monkeypatch.setattr(sickleave, "monthly_series", spy)
    refill_series()
    assert read == [["sjuk"]]
    # The history still starts with the first whole year of the data, from the vab record of 2025.
    first = SickLeaveMonth.objects.order_by("month").values_list("month", flat=True).first()
    assert first == date(2026, 1, 1)
    assert SickLeavePeriod.objects.filter(kind="year", start=date(2026, 1, 1)).exists()
    assert not SickLeavePeriod.objects.filter(kind="year", start=date(2025, 1, 1)).exists()
    figures = stored()

    # The same figures as from every row (what the refill read before).
    from kasam.absence import frames as absence_frames

    load = absence_frames.load_frames
    monkeypatch.setattr(absence_frames, "load_frames", lambda **kwargs: load())
    refill_series()
    assert read[-1] == ["semester", "sjuk", "vab"]
    assert stored() == figures
