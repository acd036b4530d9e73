"""Rehabilitation cases in the database: opening one from an early signal, the steps that follow the
sick case as imports extend it, closing by itself after the return and reopening, and the command
that prints what a user may see."""

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from kasam.absence.models import Absence
from kasam.audit.models import AuditEntry
from kasam.metrics import rehab
from kasam.org.models import Person
from kasam.rehab import cases
from kasam.rehab.models import Case

TODAY = date(2026, 11, 25)  # the reference date of tests/conftest.py


def sick(person_id: str, start: date, end: date) -> None:
    Absence.objects.create(person_id=person_id, start_date=start, end_date=end)


def by_step(case: Case) -> dict[str, rehab.Step]:
    return {s.step: s for s in cases.steps(case)}


@pytest.fixture
def long_case(personas):
    # P2 (Grupp Lärkan, a team under Hemtjänst Norr): sick since 1 November, 92 days recorded.
    sick("P2", date(2026, 11, 1), date(2027, 1, 31))
    return cases.open_case(Person.objects.get(pk="P2"), rehab.LONG_TERM, personas["enhetschef"], TODAY)


def test_a_case_from_a_long_sick_case_follows_its_days(long_case):
    assert (long_case.sick_case_start, long_case.sick_case_end) == (date(2026, 11, 1), date(2027, 1, 31))
    assert long_case.unit_id == "AO-HT1-A"
    steps = by_step(long_case)
    # Day n = 1 November + (n − 1).
    assert steps["first_contact"].due == date(2026, 11, 7)
    assert steps["certificate"].due == date(2026, 11, 8)
    assert steps["fk_report"].due == date(2026, 11, 21)
    assert steps["return_plan"].due == date(2026, 11, 30)
    assert steps["day_90"].due == date(2027, 1, 29)
    assert steps["day_180"].status == rehab.NOT_APPLICABLE  # after the expected end
    assert steps["follow_up"].due == date(2027, 3, 1)  # the return (1 February) + 28 days
    assert AuditEntry.objects.filter(action=AuditEntry.Action.OPEN_REHAB_CASE).count() == 1


def test_a_second_open_case_for_the_same_person_is_refused(long_case, personas):
    with pytest.raises(cases.CaseRefused):
        cases.open_case(long_case.person, rehab.MANUAL, personas["hr"], TODAY, ("health_conversation",))


def test_a_case_by_hand_without_sick_leave_takes_only_a_health_conversation(personas):
    person = Person.objects.get(pk="P4")
    with pytest.raises(cases.CaseRefused, match="sick case running today"):
        cases.open_case(person, rehab.MANUAL, personas["hr"], TODAY, ("health_conversation", "return_plan"))
    case = cases.open_case(person, rehab.MANUAL, personas["hr"], TODAY, ("health_conversation",))
    assert [(s.step, s.due) for s in cases.steps(case)] == [("health_conversation", date(2026, 12, 9))]
    assert cases.refresh(date(2027, 6, 1))["closed"] == 0  # without sick leave HR closes it


def test_a_relapse_within_five_days_continues_the_same_sick_case(personas):
    sick("P3", date(2026, 10, 1), date(2026, 10, 20))
    sick("P3", date(2026, 10, 25), date(2026, 12, 31))  # 4 days back at work, then sick again
    case = cases.open_case(Person.objects.get(pk="P3"), rehab.LONG_TERM, personas["hr"], TODAY)
    assert (case.sick_case_start, case.sick_case_end) == (date(2026, 10, 1), date(2026, 12, 31))


def test_a_case_that_starts_part_time_counts_from_its_first_sick_day(personas):
    Absence.objects.create(
        person_id="P3", start_date=date(2026, 11, 2), end_date=date(2026, 11, 15), extent=50
    )
    sick("P3", date(2026, 11, 16), date(2027, 1, 10))
    case = cases.open_case(Person.objects.get(pk="P3"), rehab.LONG_TERM, personas["hr"], TODAY)
    assert case.sick_case_start == date(2026, 11, 2)
    assert by_step(case)["return_plan"].due == date(2026, 12, 1)  # day 30


def test_an_import_that_makes_the_case_long_moves_the_plan_seven_days_after_it(personas):
    sick("P3", date(2026, 11, 10), date(2026, 12, 31))  # 52 days expected: no plan yet
    case = cases.open_case(Person.objects.get(pk="P3"), rehab.LONG_TERM, personas["hr"], TODAY)
    assert by_step(case)["return_plan"].status == rehab.NOT_APPLICABLE
    sick("P3", date(2027, 1, 1), date(2027, 1, 31))  # a new certificate: 83 days
    cases.refresh(date(2026, 12, 5))
    case.refresh_from_db()
    assert case.learned_long_on == date(2026, 12, 5)
    # Day 30 is 9 December; 7 days after the import is 12 December, the later one.
    assert by_step(case)["return_plan"].due == date(2026, 12, 12)


def test_the_case_closes_by_itself_after_the_follow_up_day_and_reopens_when_the_sick_case_continues(
    long_case, personas
):
    for step in ("first_contact", "certificate", "fk_report", "return_plan", "day_90"):
        cases.mark_done(long_case, step, date(2026, 11, 5), personas["enhetschef"])
    last = date(2027, 1, 31)
    follow_up_due = last + timedelta(days=29)
    assert cases.refresh(follow_up_due) == {"closed": 0, "reopened": 0}  # still open on its due day
    assert cases.refresh(follow_up_due + timedelta(days=1)) == {"closed": 1, "reopened": 0}
    long_case.refresh_from_db()
    assert (long_case.closed_on, long_case.closing) == (follow_up_due + timedelta(days=1), "by_itself")
    assert by_step(long_case)["follow_up"].status == rehab.NOT_DONE
    # A late import: the same sick case went on (a period starting 3 days after its last day).
    sick("P2", last + timedelta(days=4), last + timedelta(days=40))
    assert cases.refresh(follow_up_due + timedelta(days=2)) == {"closed": 0, "reopened": 1}
    long_case.refresh_from_db()
    assert long_case.is_open and long_case.sick_case_end == last + timedelta(days=40)


def test_a_new_sick_case_after_the_return_keeps_the_case_open(long_case, personas):
    for step in ("first_contact", "certificate", "fk_report", "return_plan", "day_90"):
        cases.mark_done(long_case, step, date(2026, 11, 5), personas["enhetschef"])
    sick("P2", date(2027, 2, 20), date(2027, 2, 22))  # 19 days after the return: a new sick case
    assert cases.refresh(date(2027, 3, 5))["closed"] == 0
    assert cases.refresh(date(2027, 3, 23))["closed"] == 1  # 28 quiet days after 22 February


def test_a_case_with_an_open_step_does_not_close_by_itself(long_case):
    assert cases.refresh(date(2027, 6, 1))["closed"] == 0  # the steps were never marked done


def test_hr_closes_a_case_by_hand(long_case, personas):
    cases.close_by_hand(long_case, personas["hr"], "Flyttat till annan arbetsgivare", TODAY)
    long_case.refresh_from_db()
    assert long_case.closing == "by_hand" and long_case.closed_on == TODAY


def run(*args) -> str:
    out = StringIO()
    call_command("rehab", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_exactly_the_cases_a_user_may_see(long_case):
    rows = json.loads(run("cases", "--as", "enhetschef", "--format", "json"))
    assert [row["id"] for row in rows] == [long_case.pk]
    row = rows[0]
    assert list(row) == [
        "id", "person", "unit", "opened_on", "source", "sick_case_start", "expected_last_day",
        "status", "steps",
    ]  # fmt: skip
    assert (row["person"], row["unit"], row["source"], row["status"]) == (
        "P2",
        "AO-HT1-A",
        "long_term",
        "open",
    )
    assert (row["sick_case_start"], row["expected_last_day"]) == ("2026-11-01", "2027-01-31")
    assert row["steps"][3] == {"step": "return_plan", "due": "2026-11-30", "status": "open", "done_on": None}
    assert json.loads(run("cases", "--as", "hr", "--open", "--format", "json"))[0]["id"] == long_case.pk
    for username in ("halsostrateg", "ledning", "politiker", "medarbetare", "omradeschef"):
        assert json.loads(run("cases", "--as", username, "--format", "json")) == []


def test_the_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="No active user"):
        run("cases", "--as", "ingen", "--format", "json")


def test_the_manager_opens_a_case_from_the_early_signals_list(client, personas):
    sick("P2", date(2026, 11, 1), date(2027, 1, 31))
    client.force_login(personas["enhetschef"])
    html = client.get(reverse("absence:early-signals", kwargs={"unit_id": "AO-HT1"})).content.decode()
    link = reverse("rehab:open", kwargs={"person_id": "P2"}) + "?fran=long_term"
    assert link in html
    assert client.get(link).status_code == 200
    response = client.post(reverse("rehab:open", kwargs={"person_id": "P2"}), {"source": "long_term"})
    case = Case.objects.get(person_id="P2")
    assert response["Location"] == reverse("rehab:case", kwargs={"case_id": case.pk})
    html = client.get(response["Location"]).content.decode()
    assert "Plan för återgång i arbete" in html and "30 november 2026" in html
    # The area manager reads the same list but is not the person's manager: no link to open a case.
    client.force_login(personas["omradeschef"])
    html = client.get(reverse("absence:early-signals", kwargs={"unit_id": "AO"})).content.decode()
    assert reverse("rehab:open", kwargs={"person_id": "P2"}) not in html


def test_a_refused_opening_says_why_in_the_forms_summary(client, personas):
    client.force_login(personas["hr"])
    url = reverse("rehab:open", kwargs={"person_id": "P4"})  # Dan has no sick leave
    html = client.post(url, {"source": "long_term"}).content.decode()
    assert 'class="error-summary"' in html
    assert "Medarbetaren har ingen sjukfrånvaro av det här slaget" in html
    assert not Case.objects.exists()
