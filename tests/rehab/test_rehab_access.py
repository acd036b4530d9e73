"""Who reaches a rehabilitation case, played as each role would try: the person's manager and HR
do; the health strategist, leadership, the committee, an area manager without a delegation, another
unit's manager and a colleague get "not found" on every case URL; a delegation ends on its date; a
case follows the person to a new manager."""

from datetime import date

import pytest
from django.urls import reverse

from kasam.absence.models import Absence
from kasam.metrics import rehab
from kasam.org.models import Person, Role, RoleAssignment
from kasam.rehab import cases
from kasam.rehab.models import Delegation

TODAY = date(2026, 11, 25)  # the reference date of tests/conftest.py
CASE_URLS = ["rehab:case", "rehab:step", "rehab:close", "rehab:delegate"]


@pytest.fixture
def case(personas, django_user_model):
    # P2 works in Grupp Lärkan, a team under Hemtjänst Norr: the unit manager of Hemtjänst Norr is theirs.
    Absence.objects.create(person_id="P2", start_date=date(2026, 11, 1), end_date=date(2027, 1, 31))
    other = django_user_model.objects.create_user(username="chef-solgarden", password="test-password-1")
    RoleAssignment.objects.create(user=other, role=Role.UNIT_MANAGER, unit_id="AO-SB1")
    personas["chef-solgarden"] = other
    # A colleague of P2's in the same team, with a login of their own.
    colleague = django_user_model.objects.create_user(username="kollega", password="test-password-1")
    RoleAssignment.objects.create(user=colleague, role=Role.EMPLOYEE, unit_id="AO-HT1-A")
    personas["kollega"] = colleague
    return cases.open_case(Person.objects.get(pk="P2"), rehab.LONG_TERM, personas["enhetschef"], TODAY)


def answer(client, user, name, case) -> int:
    client.force_login(user)
    url = reverse(name, kwargs={"case_id": case.pk})
    return (client.get(url) if name == "rehab:case" else client.post(url, {})).status_code


@pytest.mark.parametrize(
    "username",
    [
        "halsostrateg",
        "ledning",
        "politiker",
        "omradeschef",
        "chef-solgarden",
        "kollega",
        "medarbetare",
        "dialogcoach",
    ],
)
def test_nobody_but_the_manager_and_hr_finds_the_case(client, personas, case, username):
    assert {name: answer(client, personas[username], name, case) for name in CASE_URLS} == dict.fromkeys(
        CASE_URLS, 404
    )


def test_the_manager_works_the_case_and_hr_also_closes_and_delegates(client, personas, case):
    assert answer(client, personas["enhetschef"], "rehab:case", case) == 200
    assert answer(client, personas["enhetschef"], "rehab:close", case) == 404  # HR's alone
    assert answer(client, personas["hr"], "rehab:case", case) == 200
    assert answer(client, personas["hr"], "rehab:close", case) == 302


def test_the_case_list_shows_the_case_only_to_those_who_see_it(client, personas, case):
    client.force_login(personas["enhetschef"])
    assert str(case.person) in client.get(reverse("rehab:list")).content.decode()
    client.force_login(personas["chef-solgarden"])
    assert str(case.person) not in client.get(reverse("rehab:list")).content.decode()
    for username in ("halsostrateg", "ledning", "politiker", "omradeschef", "kollega"):
        client.force_login(personas[username])
        assert client.get(reverse("rehab:list")).status_code == 403


def test_an_area_manager_sees_the_case_through_a_delegation_until_its_end_date(
    client, personas, case, settings
):
    client.force_login(personas["hr"])
    url = reverse("rehab:delegate", kwargs={"case_id": case.pk})
    user = personas["omradeschef"]
    assert client.post(url, {"user": user.pk, "ends_on": "2026-11-30"}).status_code == 302
    assert Delegation.objects.get(case=case).user == user
    assert answer(client, user, "rehab:case", case) == 200
    assert client.get(reverse("rehab:list")).status_code == 200
    settings.KASAM_TODAY = date(2026, 11, 30)
    assert answer(client, user, "rehab:case", case) == 200  # the last day of the delegation
    settings.KASAM_TODAY = date(2026, 12, 1)
    assert answer(client, user, "rehab:case", case) == 404
    assert client.get(reverse("rehab:list")).status_code == 403


def test_hr_can_delegate_only_to_an_area_manager_over_the_case(client, personas, case):
    client.force_login(personas["hr"])
    url = reverse("rehab:delegate", kwargs={"case_id": case.pk})
    client.post(url, {"user": personas["halsostrateg"].pk, "ends_on": "2026-12-31"})
    assert not Delegation.objects.exists()


def test_a_case_follows_the_person_to_a_new_manager(client, personas, case, django_user_model):
    # Grupp Lärkan gets a manager of its own: the case is theirs now, no longer Hemtjänst Norr's.
    new = django_user_model.objects.create_user(username="chef-larkan", password="test-password-1")
    RoleAssignment.objects.create(user=new, role=Role.UNIT_MANAGER, unit_id="AO-HT1-A")
    assert answer(client, new, "rehab:case", case) == 200
    assert answer(client, personas["enhetschef"], "rehab:case", case) == 404


def test_a_manager_may_not_open_a_case_about_someone_elses_staff(client, personas, case):
    client.force_login(personas["chef-solgarden"])
    assert client.get(reverse("rehab:open", kwargs={"person_id": "P1"})).status_code == 404
    client.force_login(personas["halsostrateg"])
    assert client.get(reverse("rehab:open", kwargs={"person_id": "P1"})).status_code == 404
