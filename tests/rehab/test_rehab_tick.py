"""`kasam tick` renews rehabilitation cases once a day (kasam.rehab.contrib): a case whose sick case
ended closes by itself after the quiet days; and an absence import renews the cases of its persons at
once – a continued sick case reopens a case that had closed. Today is 2026-11-25."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from kasam.absence.models import Absence
from kasam.metrics import rehab
from kasam.org.models import Person
from kasam.rehab import cases, contrib
from kasam.rehab.models import Case
from kasam.site.imports import import_file

ABSENCES = "person_id,start_date,end_date,extent,kind\n"


@pytest.fixture
def long_case(personas):
    """Alva (P1) sick 1 September – 15 October (45 days, so no return plan); a case from the long sick
    case, opened on 2 September, its steps on days 7, 8 and 21 done. The follow-up is due 13 November
    (the last day + 29); the 28 quiet days passed on 12 November."""
    Absence.objects.create(person_id="P1", start_date=date(2026, 9, 1), end_date=date(2026, 10, 15))
    chef = personas["enhetschef"]
    case = cases.open_case(Person.objects.get(pk="P1"), rehab.LONG_TERM, chef, date(2026, 9, 2))
    for step, day in (("first_contact", date(2026, 9, 4)), ("certificate", date(2026, 9, 8))):
        cases.mark_done(case, step, day, chef)
    cases.mark_done(case, "fk_report", date(2026, 9, 18), chef)
    return case


def tick() -> list[str]:
    out = StringIO()
    call_command("tick", "--format", "json", stdout=out)
    return json.loads(out.getvalue())["enqueued"]


def test_the_tick_closes_a_case_after_the_quiet_days(long_case, settings):
    settings.KASAM_TODAY = date(2026, 11, 12)  # the 28th quiet day: still open
    assert not [name for name in tick() if name.startswith("rehab cases")]
    assert Case.objects.get(pk=long_case.pk).is_open

    settings.KASAM_TODAY = date(2026, 11, 25)
    assert "rehab cases closed: 1" in tick()
    closed = Case.objects.get(pk=long_case.pk)
    # It closed the day after the open follow-up's due date, by itself; the follow-up is not done.
    assert (closed.closed_on, closed.closing) == (date(2026, 11, 14), Case.Closing.BY_ITSELF)
    follow_up = next(s for s in cases.steps(closed) if s.step == rehab.FOLLOW_UP)
    assert follow_up.status == rehab.NOT_DONE


def test_the_renewal_runs_once_a_day(long_case, monkeypatch):
    calls = []
    monkeypatch.setattr(
        cases, "refresh", lambda day, person_ids=None: calls.append(day) or {"closed": 0, "reopened": 0}
    )
    tick()
    tick()
    assert calls == [date(2026, 11, 25)]


def test_an_absence_import_reopens_a_case_whose_sick_case_continued(long_case):
    cases.refresh(date(2026, 11, 25))
    assert not Case.objects.get(pk=long_case.pk).is_open
    # The same sick case goes on: a new spell 3 days after the last (within the re-sickness gap).
    data = (ABSENCES + "P1,2026-09-01,2026-10-15,100,sjuk\nP1,2026-10-19,2026-12-04,100,sjuk\n").encode()
    result = import_file("absences", data, "franvaro.csv")
    assert result.ok, result.errors
    reopened = Case.objects.get(pk=long_case.pk)
    assert reopened.is_open and reopened.sick_case_end == date(2026, 12, 4)


def test_an_import_of_persons_without_a_case_renews_nothing(org, monkeypatch):
    calls = []
    monkeypatch.setattr(cases, "refresh", lambda day, person_ids=None: calls.append(person_ids))
    data = (ABSENCES + "P2,2026-11-02,2026-11-04,100,sjuk\n").encode()
    assert import_file("absences", data, "franvaro.csv").ok
    assert calls == []
    assert contrib.refresh_after_import("units", None) is False


def test_a_case_whose_steps_cannot_be_computed_stops_no_other_step(personas, caplog):
    """A case by hand with a follow-up but no sick case has no due date for it (kasam.metrics.rehab
    raises): the tick says the renewal failed, logs it, and goes on with its other steps."""
    Case.objects.create(
        person_id="P1", source="manual", opened_on=date(2026, 11, 2), unit_id="AO-HT1",
        chosen_steps=["health_conversation", "follow_up"],
    )  # fmt: skip
    assert "rehab cases not renewed (see the log)" in tick()
    assert "the cases could not be renewed" in caplog.text
