"""The week's digest of rehabilitation steps (kasam.rehab.digest, from `kasam tick`): once per ISO
week, one e-mail to each user who sees open cases with steps due in the coming seven days, counting
those and the overdue ones, with a link to the list – and never a name, person id or unit. Today is
Wednesday 2026-11-25 (tests/conftest.py); its ISO week began on Monday 2026-11-23."""

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from kasam.org.models import Person, Role, RoleAssignment, Unit
from kasam.rehab import digest
from kasam.rehab.models import Case, DigestSent, StepDone

TODAY = date(2026, 11, 25)
LIST_URL = "http://127.0.0.1:8000/rehabilitering/"


def conversation_case(person_id: str, unit_id: str, due: date, done: bool = False) -> Case:
    """A case by hand whose one step, the health conversation, is due on `due` (14 days after the
    opening)."""
    case = Case.objects.create(
        person_id=person_id, source="manual", opened_on=due - timedelta(days=14), unit_id=unit_id,
        chosen_steps=["health_conversation"],
    )  # fmt: skip
    if done:
        StepDone.objects.create(case=case, step="health_conversation", done_on=due - timedelta(days=1))
    return case


@pytest.fixture
def readers(personas, django_user_model):
    """The unit manager of Hemtjänst Norr and HR (with e-mail), a manager of Barn och unga whose one
    case is not due this week, and a second manager of Hemtjänst Norr without an e-mail address."""
    for username in ("enhetschef", "hr"):
        personas[username].email = f"{username}@example.invalid"
        personas[username].save()
    ifo = django_user_model.objects.create_user("chef-ifo", email="chef-ifo@example.invalid")
    RoleAssignment.objects.create(user=ifo, role=Role.UNIT_MANAGER, unit_id="IFO-BU")
    silent = django_user_model.objects.create_user("chef-utan-post", email="")
    RoleAssignment.objects.create(user=silent, role=Role.UNIT_MANAGER, unit_id="AO-HT1")
    return {"chef": personas["enhetschef"], "hr": personas["hr"], "ifo": ifo, "silent": silent}


@pytest.fixture
def due_cases(readers):
    return {
        "due": conversation_case("P1", "AO-HT1", TODAY + timedelta(days=4)),
        "last_day_of_the_seven": conversation_case("P2", "AO-HT1-A", TODAY + timedelta(days=6)),
        "overdue": conversation_case("P5", "AO-HT1", TODAY - timedelta(days=3)),
        "done": conversation_case("P3", "AO-SB1", TODAY + timedelta(days=1), done=True),
        "next_week": conversation_case("P4", "IFO-BU", TODAY + timedelta(days=7)),
    }


def mails_to(outbox) -> dict[str, object]:
    return {message.to[0]: message for message in outbox}


def test_one_mail_a_reader_with_counts_and_a_link(due_cases, readers, mailoutbox):
    assert digest.send_digests(TODAY) == 2
    mails = mails_to(mailoutbox)
    assert set(mails) == {"enhetschef@example.invalid", "hr@example.invalid"}
    chef = mails["enhetschef@example.invalid"]
    assert chef.subject == "Rehabilitering: steg att ta den här veckan"
    assert "ska 2 steg göras de kommande sju dagarna" in chef.body
    assert "1 steg är försenat" in chef.body
    assert LIST_URL in chef.body
    # HR sees every case: the done step and next week's are not counted.
    assert "ska 2 steg göras" in mails["hr@example.invalid"].body
    assert set(DigestSent.objects.values_list("user__username", "week")) == {
        ("enhetschef", date(2026, 11, 23)),
        ("hr", date(2026, 11, 23)),
    }


def test_no_name_id_or_unit_leaves_in_a_mail(due_cases, readers, mailoutbox):
    digest.send_digests(TODAY)
    secrets = set()
    for person in Person.objects.all():
        secrets |= {person.pk, person.first_name, person.last_name, person.email}
    for unit in Unit.objects.all():
        secrets |= {unit.pk, unit.name}
    secrets.discard("")
    for message in mailoutbox:
        text = message.subject + "\n" + message.body
        assert not [secret for secret in secrets if secret in text], text


def test_once_a_week(due_cases, readers, mailoutbox):
    assert digest.send_digests(TODAY) == 2
    assert digest.send_digests(TODAY) == 0
    # Sunday, the same ISO week: nothing again for those two; the manager of Barn och unga, whose step
    # (due on 2 December) has now come within seven days, gets the week's first.
    assert digest.send_digests(date(2026, 11, 29)) == 1
    assert [m.to[0] for m in mailoutbox[2:]] == ["chef-ifo@example.invalid"]
    assert digest.send_digests(date(2026, 11, 29)) == 0
    # Next Monday: a new week, with steps due on 1 and 2 December.
    assert digest.send_digests(date(2026, 11, 30)) == 3
    assert len(mailoutbox) == 6


def test_a_reader_with_nothing_due_gets_nothing(due_cases, readers, mailoutbox):
    """The manager of Barn och unga: one case, due in eight days. The manager without an e-mail
    address sees due steps but gets nothing (and nothing is written for them)."""
    digest.send_digests(TODAY)
    assert "chef-ifo@example.invalid" not in mails_to(mailoutbox)
    assert not DigestSent.objects.filter(user__in=[readers["ifo"], readers["silent"]]).exists()


def test_only_overdue_steps_send_nothing(readers, mailoutbox):
    conversation_case("P1", "AO-HT1", TODAY - timedelta(days=10))
    assert digest.send_digests(TODAY) == 0 and not mailoutbox


def test_a_closed_case_and_a_delegate(readers, personas, mailoutbox):
    """A closed case's steps are never reminded of; a delegate gets the digest of the case delegated."""
    from kasam.rehab.models import Delegation

    closed = conversation_case("P1", "AO-HT1", TODAY + timedelta(days=2))
    Case.objects.filter(pk=closed.pk).update(closed_on=TODAY, closing="by_hand")
    assert digest.send_digests(TODAY) == 0
    area = personas["omradeschef"]
    area.email = "omradeschef@example.invalid"
    area.save()
    other = conversation_case("P3", "AO-SB1", TODAY + timedelta(days=2))
    Delegation.objects.create(case=other, user=area, granted_on=TODAY, ends_on=TODAY + timedelta(days=30))
    digest.send_digests(TODAY)
    assert "omradeschef@example.invalid" in mails_to(mailoutbox)


def test_the_tick_sends_it_once(due_cases, readers, mailoutbox):
    out = StringIO()
    call_command("tick", "--format", "json", stdout=out)
    assert "rehab_digest" in json.loads(out.getvalue())["enqueued"]
    out = StringIO()
    call_command("tick", "--format", "json", stdout=out)
    assert "rehab_digest" not in json.loads(out.getvalue())["enqueued"]
    # The digest, once to each reader (the tick also sends the work-environment reminder).
    assert len([m for m in mailoutbox if not m.subject.startswith("Arbetsmiljö")]) == 2
