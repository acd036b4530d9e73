"""Delegated work-environment tasks (kasam.sam.delegation_views, kasam.sam.delegations): the manager
above gives a unit's tasks to its unit manager, who accepts them or returns them with a reason, and the
one above is told by an e-mail that says nothing about a person; the status of a delegation on a day,
by hand-worked dates."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from kasam.audit.models import AuditEntry
from kasam.org.models import Role, RoleAssignment
from kasam.sam import delegations
from kasam.sam.delegations import CURRENT, ENDED, RETURNED, WAITING, status
from kasam.sam.models import TaskDelegation

TODAY = date(2026, 11, 25)  # tests/conftest.py's reference date
GIVE = {
    "tasks": "Skyddsronder och riskbedömningar för enheten",
    "knowledge": "Arbetsmiljöutbildning hösten 2026",
    "authority": "Beslut om inköp upp till 20 000 kr",
    "resources": "Fyra timmar i månaden",
    "given_on": "2026-11-25",
    "ends_on": "",
}


# ------------------------------------------------------------------------------ status, by hand


def _d(accepted=None, ends=None, returned=None, given=date(2026, 11, 2)):
    return SimpleNamespace(given_on=given, accepted_on=accepted, ends_on=ends, returned_on=returned)


@pytest.mark.parametrize(
    ("delegation", "day", "expected"),
    [
        # Given on 2 November, not answered: waiting, on the day it is given and after.
        (_d(), date(2026, 11, 2), WAITING),
        (_d(), date(2026, 11, 25), WAITING),
        # Accepted on 10 November: waiting the day before, current from that day.
        (_d(accepted=date(2026, 11, 10)), date(2026, 11, 9), WAITING),
        (_d(accepted=date(2026, 11, 10)), date(2026, 11, 10), CURRENT),
        # Until 30 November, inclusive: current on its last day, ended the day after.
        (_d(accepted=date(2026, 11, 10), ends=date(2026, 11, 30)), date(2026, 11, 30), CURRENT),
        (_d(accepted=date(2026, 11, 10), ends=date(2026, 11, 30)), date(2026, 12, 1), ENDED),
        # Never answered and past its last day: ended, not waiting.
        (_d(ends=date(2026, 11, 30)), date(2026, 12, 1), ENDED),
        # Returned on 20 November: current the day before, returned from that day on …
        (_d(accepted=date(2026, 11, 10), returned=date(2026, 11, 20)), date(2026, 11, 19), CURRENT),
        (_d(accepted=date(2026, 11, 10), returned=date(2026, 11, 20)), date(2026, 11, 20), RETURNED),
        # … also after its last day (returned comes first) …
        (
            _d(accepted=date(2026, 11, 10), ends=date(2026, 11, 30), returned=date(2026, 11, 20)),
            date(2026, 12, 5),
            RETURNED,
        ),
        # … and returned without being accepted (declined).
        (_d(returned=date(2026, 11, 3)), date(2026, 11, 3), RETURNED),
    ],
)
def test_status_by_hand_worked_dates(delegation, day, expected):
    assert status(delegation, day) == expected


# --------------------------------------------------------------------------------------- giving


@pytest.fixture
def people(personas):
    personas["omradeschef"].email = "omradeschef@example.invalid"
    personas["omradeschef"].first_name, personas["omradeschef"].last_name = "Olle", "Områdesson"
    personas["omradeschef"].save()
    personas["enhetschef"].first_name, personas["enhetschef"].last_name = "Eja", "Enhetsdotter"
    personas["enhetschef"].save()
    return personas


def _given(people, **extra) -> TaskDelegation:
    return TaskDelegation.objects.create(
        unit_id="AO-HT1",
        holder=people["enhetschef"],
        given_by=people["omradeschef"],
        tasks="Skyddsronder",
        knowledge="Utbildning",
        authority="Inköp",
        resources="Tid",
        given_on=date(2026, 11, 2),
        **extra,
    )


def test_the_area_manager_gives_the_unit_managers_tasks(client, people):
    client.force_login(people["omradeschef"])
    url = reverse("sam:delegation-new", args=["AO-HT1"])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ge en arbetsmiljöuppgift – Hemtjänst Norr" in html
    assert "Eja Enhetsdotter" in html and 'value="2026-11-25"' in html  # given on: today by default
    response = client.post(url, GIVE | {"holder": people["enhetschef"].pk, "ends_on": "2027-12-31"})
    delegation = TaskDelegation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("sam:delegation", args=[delegation.pk])
    assert (delegation.unit_id, delegation.holder, delegation.given_by) == (
        "AO-HT1",
        people["enhetschef"],
        people["omradeschef"],
    )
    assert delegation.given_on == TODAY and delegation.ends_on == date(2027, 12, 31)
    assert delegation.accepted_on is None and status(delegation, TODAY) == WAITING
    entry = AuditEntry.objects.get(action=AuditEntry.Action.GIVE_WORK_ENVIRONMENT_TASK)
    assert (entry.user, entry.unit_id) == (people["omradeschef"], "AO-HT1")
    assert entry.detail == {"delegation": delegation.pk, "holder": "enhetschef", "until": "2027-12-31"}


def test_knowledge_authority_and_resources_are_each_required(client, people):
    client.force_login(people["omradeschef"])
    data = GIVE | {"holder": people["enhetschef"].pk, "knowledge": "  ", "authority": "", "resources": ""}
    response = client.post(reverse("sam:delegation-new", args=["AO-HT1"]), data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"knowledge", "authority", "resources"}
    assert not TaskDelegation.objects.exists()


def test_the_last_day_is_not_before_the_day_given(client, people):
    client.force_login(people["omradeschef"])
    data = GIVE | {"holder": people["enhetschef"].pk, "ends_on": "2026-11-24"}
    response = client.post(reverse("sam:delegation-new", args=["AO-HT1"]), data)
    assert set(response.context["form"].errors) == {"ends_on"}
    assert not TaskDelegation.objects.exists()


def test_a_unit_without_a_unit_manager_says_there_is_nobody(client, people):
    client.force_login(people["omradeschef"])
    response = client.get(reverse("sam:delegation-new", args=["AO-SB1"]))
    assert response.status_code == 200
    assert "Ingen är enhetschef för Solgården i Kasam än" in response.content.decode()


def test_a_unit_manager_cannot_give_tasks_over_their_own_unit(client, people, django_user_model):
    # The unit manager holds the capability nowhere: refused.
    client.force_login(people["enhetschef"])
    url = reverse("sam:delegation-new", args=["AO-HT1"])
    assert client.get(url).status_code == 403
    assert client.post(url, GIVE | {"holder": people["enhetschef"].pk}).status_code == 403
    # One who is both the area manager and the unit's manager cannot give the tasks to themself.
    both = django_user_model.objects.create_user(username="bada", password="test-password-1")
    RoleAssignment.objects.create(user=both, role=Role.AREA_MANAGER, unit_id="AO")
    RoleAssignment.objects.create(user=both, role=Role.UNIT_MANAGER, unit_id="AO-HT1")
    client.force_login(both)
    assert both not in response_holders(client.get(url))
    response = client.post(url, GIVE | {"holder": both.pk})
    assert response.status_code == 200 and "holder" in response.context["form"].errors
    assert not TaskDelegation.objects.exists()


def response_holders(response) -> list:
    return response.context["holders"]


def test_the_area_manager_of_another_area_gets_not_found(client, people, django_user_model):
    other = django_user_model.objects.create_user(username="ifo-chef", password="test-password-1")
    RoleAssignment.objects.create(user=other, role=Role.AREA_MANAGER, unit_id="IFO")
    client.force_login(other)
    url = reverse("sam:delegation-new", args=["AO-HT1"])
    assert client.get(url).status_code == 404
    assert client.post(url, GIVE | {"holder": people["enhetschef"].pk}).status_code == 404
    assert client.get(reverse("sam:delegation-new", args=["IFO-BU"])).status_code == 200
    # The area manager gives the tasks of the area's units, not of the area itself (the one above does).
    client.force_login(people["omradeschef"])
    assert client.get(reverse("sam:delegation-new", args=["IFO-BU"])).status_code == 404
    assert client.get(reverse("sam:delegation-new", args=["AO"])).status_code == 404
    client.force_login(people["ledning"])
    assert client.get(reverse("sam:delegation-new", args=["AO"])).status_code == 200
    assert client.get(reverse("sam:delegation-new", args=["SOC"])).status_code == 404


# -------------------------------------------------------------------------------- the page, accepting


def test_the_page_is_the_readers_and_the_holders(client, people):
    delegation = _given(people)
    url = reverse("sam:delegation", args=[delegation.pk])
    for username, wanted in {
        "enhetschef": 200,
        "omradeschef": 200,
        "ledning": 200,
        "hr": 200,
        "halsostrateg": 200,
        "medarbetare": 404,
        "politiker": 404,
        "dialogcoach": 404,
    }.items():
        client.force_login(people[username])
        assert client.get(url).status_code == wanted, username
    # The holder reads it also when no role of theirs covers the unit any more.
    RoleAssignment.objects.filter(user=people["enhetschef"]).delete()
    client.force_login(people["enhetschef"])
    assert client.get(url).status_code == 200
    assert client.get(reverse("sam:delegation", args=[delegation.pk + 1])).status_code == 404


def test_the_holder_accepts(client, people):
    delegation = _given(people)
    url = reverse("sam:delegation", args=[delegation.pk])
    client.force_login(people["enhetschef"])
    html = client.get(url).content.decode()
    assert "Väntar på svar" in html and "Acceptera uppgiften" in html and "Returnera uppgiften" in html
    assert "Utbildning" in html and "Inköp" in html and "Tid" in html
    response = client.post(reverse("sam:delegation-accept", args=[delegation.pk]))
    assert response.status_code == 302 and response["Location"] == url
    delegation.refresh_from_db()
    assert delegation.accepted_on == TODAY and status(delegation, TODAY) == CURRENT
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ACCEPT_WORK_ENVIRONMENT_TASK)
    assert (entry.user, entry.unit_id) == (people["enhetschef"], "AO-HT1")
    assert entry.detail == {"delegation": delegation.pk}
    html = client.get(url).content.decode()
    assert "Gäller" in html and "Acceptera uppgiften" not in html and "Returnera uppgiften" in html
    # Accepting twice changes nothing.
    client.post(reverse("sam:delegation-accept", args=[delegation.pk]))
    assert AuditEntry.objects.filter(action=AuditEntry.Action.ACCEPT_WORK_ENVIRONMENT_TASK).count() == 1


def test_only_the_holder_accepts_or_returns(client, people, mailoutbox):
    delegation = _given(people)
    client.force_login(people["omradeschef"])
    html = client.get(reverse("sam:delegation", args=[delegation.pk])).content.decode()
    assert "Acceptera uppgiften" not in html and "Returnera uppgiften" not in html
    for name, data in [("sam:delegation-accept", {}), ("sam:delegation-return", {"reason": "Nej"})]:
        response = client.post(reverse(name, args=[delegation.pk]), data)
        assert response["Location"] == reverse("sam:delegation", args=[delegation.pk])
    delegation.refresh_from_db()
    assert (delegation.accepted_on, delegation.returned_on) == (None, None) and mailoutbox == []
    client.force_login(people["medarbetare"])
    assert client.post(reverse("sam:delegation-accept", args=[delegation.pk])).status_code == 404


# ------------------------------------------------------------------------------------ returning


def test_the_holder_returns_the_task_and_the_giver_is_told(client, people, mailoutbox):
    delegation = _given(people, accepted_on=date(2026, 11, 10))
    client.force_login(people["enhetschef"])
    url = reverse("sam:delegation-return", args=[delegation.pk])
    assert "Varför du returnerar uppgiften" in client.get(url).content.decode()
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    reason = "Jag är sjukskriven halvtid och budgeten räcker inte till vikarier"
    response = client.post(url, {"reason": reason})
    assert response.status_code == 302
    delegation.refresh_from_db()
    assert delegation.returned_on == TODAY and delegation.return_reason == reason
    assert status(delegation, TODAY) == RETURNED
    entry = AuditEntry.objects.get(action=AuditEntry.Action.RETURN_WORK_ENVIRONMENT_TASK)
    assert (entry.user, entry.detail) == (people["enhetschef"], {"delegation": delegation.pk})
    # One plain Swedish mail to the giver: the unit's name and that the task was returned with a reason,
    # a link to read it – not the reason, nobody's name, nothing about a person's health.
    (mail,) = mailoutbox
    assert mail.to == ["omradeschef@example.invalid"]
    assert mail.subject == "En arbetsmiljöuppgift har lämnats tillbaka"
    text = mail.subject + mail.body
    assert "Hemtjänst Norr" in text and "lämnats tillbaka, med en förklaring" in text
    assert reverse("sam:delegation", args=[delegation.pk]) in mail.body
    for word in ("sjuk", "halvtid", "budget", reason, "Eja", "Enhetsdotter", "enhetschef", "Skyddsronder"):
        assert word not in text, word
    # The page says it is returned, with its reason; the giver may give a new task, the holder can
    # no longer accept or return it.
    page = reverse("sam:delegation", args=[delegation.pk])
    html = client.get(page).content.decode()
    assert "Återlämnad" in html and reason in html and "Returnera uppgiften" not in html
    assert client.post(url, {"reason": "igen"}).status_code == 302
    assert len(mailoutbox) == 1
    client.force_login(people["omradeschef"])
    html = client.get(page).content.decode()
    assert reverse("sam:delegation-new", args=["AO-HT1"]) in html and "Ge en arbetsmiljöuppgift" in html


def test_a_giver_without_an_address_is_not_mailed(client, people, mailoutbox):
    people["omradeschef"].email = ""
    people["omradeschef"].save()
    delegation = _given(people)
    client.force_login(people["enhetschef"])
    url = reverse("sam:delegation-return", args=[delegation.pk])
    response = client.post(url, {"reason": "Tiden räcker inte"}, follow=True)
    assert mailoutbox == []
    assert "Kasam kunde inte mejla Olle Områdesson" in response.content.decode()
    delegation.refresh_from_db()
    assert delegation.returned_on == TODAY


def test_the_mail_is_swedish_whatever_the_request(english):
    subject, body = delegations.returned_texts(
        "Hemtjänst Norr", "http://kasam.example/arbetsmiljo/uppgift/1/"
    )
    assert subject == "A work-environment task has been returned"  # settings.LANGUAGE_CODE is "en" here
    english.LANGUAGE_CODE = "sv"
    subject, body = delegations.returned_texts(
        "Hemtjänst Norr", "http://kasam.example/arbetsmiljo/uppgift/1/"
    )
    assert subject == "En arbetsmiljöuppgift har lämnats tillbaka" and "Hemtjänst Norr" in body


# --------------------------------------------------------------------------- the unit page's table


def test_the_unit_pages_table(people):
    waiting = _given(people)
    current = _given(people, accepted_on=date(2026, 11, 3))
    returned = _given(people, accepted_on=date(2026, 11, 3), returned_on=date(2026, 11, 20))
    ended = _given(people, accepted_on=date(2026, 11, 3), ends_on=date(2026, 11, 24))
    unit = waiting.unit
    html = render_to_string(
        "sam/_delegations.html",
        {"delegations": [waiting, current, returned, ended], "may_give": True, "unit": unit},
    )
    for delegation, words in [
        (waiting, "Väntar på svar"),
        (current, "Gäller"),
        (returned, "Återlämnad"),
        (ended, "Har gått ut"),
    ]:
        row = html.split(f'id="delegation-{delegation.pk}"')[1].split("</tr>")[0]
        assert words in row and reverse("sam:delegation", args=[delegation.pk]) in row
        assert "Eja Enhetsdotter" in row
    assert "Ge en arbetsmiljöuppgift" in html
    html = render_to_string("sam/_delegations.html", {"delegations": [], "may_give": False, "unit": unit})
    assert "Ingen arbetsmiljöuppgift har getts för enheten än" in html
    assert "Ge en arbetsmiljöuppgift" not in html
