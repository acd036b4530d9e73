"""Erasure of a person who has left (kasam.gdpr.erasure): names, contact details, pulse invitations and
the user account go; absences and employments stay under the HR id, so the series and a refill give the
same figures; a current employee, or one invited to a round still open, is refused with one line."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from test_retention import assert_same_series, series

from kasam.absence.models import Absence
from kasam.absence.series import refill_series
from kasam.audit.models import AuditEntry
from kasam.gdpr import erasure, person_export
from kasam.leadership.models import ChecklistAnswer, Training
from kasam.org.models import Employment, Person, RoleAssignment
from kasam.pulse.models import FreeText, Invitation, Participation, Programme, Round
from kasam.workplace.models import PersonalLink

pytestmark = pytest.mark.usefixtures("two_people")


def snapshot(person: Person) -> dict:
    return {
        "absences": set(Absence.objects.filter(person=person).values_list("start_date", "end_date", "kind")),
        "employments": set(Employment.objects.filter(person=person).values_list("unit_id", "start_date")),
        "rounds": {r.pk: (r.counts, r.shown_nodes) for r in Round.objects.all()},
    }


def test_a_leaver_is_anonymised_and_every_aggregate_stays(two_people):
    alfa, beta = two_people["alfa"], two_people["beta"]
    refill_series()
    stored, before = series(), snapshot(alfa)
    account = alfa.user

    result = erasure.erase(alfa)

    alfa.refresh_from_db()
    assert (alfa.first_name, alfa.last_name, alfa.email, alfa.phone) == ("", "", "", "")
    assert (alfa.birth_year, alfa.gender, alfa.user_id) == (1975, "K", account.pk)
    account.refresh_from_db()
    assert account.username == f"raderad-{account.pk}" and not account.is_active
    assert (account.first_name, account.last_name, account.email) == ("", "", "")
    assert not account.has_usable_password()
    assert not Invitation.objects.filter(person=alfa).exists()
    assert not Participation.objects.filter(person=alfa).exists()
    assert not RoleAssignment.objects.filter(user=account).exists()
    assert not Training.objects.filter(user=account).exists()
    assert not ChecklistAnswer.objects.filter(user=account).exists()
    # Beta's rows are Beta's: the training Alfa recorded for Beta stays (recorded by an anonymous account).
    assert (
        Invitation.objects.filter(person=beta).exists()
        and RoleAssignment.objects.filter(user=beta.user).exists()
    )
    assert Training.objects.filter(user=beta.user, recorded_by=account).exists()
    # The name in a pulse comment is masked, as the pages mask staff names.
    assert list(FreeText.objects.values_list("text", flat=True)) == ["Tack [namn] för hjälpen!"]

    # Aggregates: the same absences and employments, rounds, series – and a refill gives the same.
    assert snapshot(alfa) == before
    assert_same_series(series(), stored)
    refill_series()
    assert_same_series(series(), stored)

    assert (
        result.changed["pulse_invitations_deleted"] == 1 and result.changed["role_assignments_removed"] == 2
    )
    # The sign-on link, e-mail address and second factor of the login go with it, as do the personal links.
    assert result.changed["login_records_deleted"] == 3
    assert (
        result.changed["personal_links_deleted"] == 1
        and not PersonalLink.objects.filter(person=alfa).exists()
    )
    assert not any(rows.exists() for rows in erasure._login_records(account))
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ERASE_PERSON)
    assert entry.username == "system" and entry.detail["person_id"] == alfa.pk
    removed = AuditEntry.objects.filter(action=AuditEntry.Action.ROLE_REMOVED)
    assert removed.count() == 2 and {e.detail["subject_user_id"] for e in removed} == {account.pk}

    # What is left about Alfa holds no name, e-mail or phone (the audit entries keep the old user name
    # until their own retention ends).
    text = person_export.dumps(person_export.build_export(alfa))
    for gone in ("Alfhild", "Ahlqvistsson", "alfhild.ahlqvistsson@example.invalid", "070-1740001"):
        assert gone not in text, gone


def test_a_dry_run_changes_nothing(two_people):
    alfa = two_people["alfa"]
    result = erasure.erase(alfa, dry_run=True)
    alfa.refresh_from_db()
    assert alfa.first_name == "Alfhild" and alfa.user.is_active
    assert Invitation.objects.filter(person=alfa).exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ERASE_PERSON).exists()
    assert result.changed["absences_kept"] == 2 and result.summary().startswith("Would erase person PA-ALFA:")


def test_a_current_employee_is_refused_with_one_line():
    with pytest.raises(CommandError) as refused:
        call_command("gdpr", "erase", "--person", "P1", stdout=StringIO())
    message = str(refused.value)
    assert "\n" not in message and "only a person who has left can be erased" in message
    assert Person.objects.get(pk="P1").first_name == "Alva"
    # An employment ending today is still running today.
    Employment.objects.filter(person_id="P5").update(end_date=date(2026, 11, 25))
    with pytest.raises(erasure.ErasureRefused):
        erasure.erase(Person.objects.get(pk="P5"))


def test_a_person_invited_to_a_round_still_open_waits(two_people):
    beta = two_people["beta"]
    open_round = Round.objects.create(
        programme=Programme.objects.get(),
        number=2,
        opens_on=date(2026, 11, 20),
        closes_on=date(2026, 11, 27),
        status=Round.Status.OPEN,
        statement_ids=["beg1"],
        k=3,
        tree={"AO": None},
    )
    Invitation.objects.create(round=open_round, person=beta, reporting_node="AO")
    with pytest.raises(erasure.ErasureRefused, match="not closed"):
        erasure.erase(beta)


def test_the_command_erases_and_says_what_it_did(two_people):
    out = StringIO()
    call_command("gdpr", "erase", "--person", "PB-BETA", "--format", "json", stdout=out)
    done = json.loads(out.getvalue())
    assert done["person"] == "PB-BETA" and done["dry_run"] is False
    assert done["changed"]["employments_kept"] == 1
    assert Person.objects.get(pk="PB-BETA").last_name == ""
    with pytest.raises(CommandError, match="No person NOBODY"):
        call_command("gdpr", "erase", "--person", "NOBODY", stdout=StringIO())
