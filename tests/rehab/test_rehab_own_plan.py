"""What the employee sees (docs/rehabilitation.md "What the employee sees"): the person reads their own
plan, its versions, the adjustments and the coming steps' dates – not the notes – and is told once
that the case was opened; nobody else reads it there, and a colleague never reaches the case."""

import io
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse
from rehab_plan_helpers import TODAY, colleague, fake_medical, long_case

from kasam.audit.models import AuditEntry
from kasam.org.models import Person
from kasam.pulse.messaging import ConsoleSmsProvider
from kasam.rehab import cases, notify, plans
from kasam.rehab.models import Case
from kasam.workplace import links


@pytest.fixture
def case(personas, monkeypatch):
    fake_medical(monkeypatch)
    case = long_case(personas)
    case.adjustments.create(kind="tasks", description="Inga nattpass en tid", starts_on=date(2026, 12, 1))
    cases.mark_done(case, "first_contact", TODAY, personas["enhetschef"], "Chefens egen anteckning")
    case.meetings.create(held_on=TODAY, with_whom="person", note="Mötets anteckning")
    data = {"made_with_person": True, "work_ability": "Kan planera dagen", "limits": "Långa pass"}
    plans.save_version(case, data, personas["enhetschef"], TODAY)
    plans.save_version(case, data | {"work_ability": "Kan ta förmiddagspass"}, personas["enhetschef"], TODAY)
    return case


def test_the_person_reads_their_own_plan_but_not_the_notes(client, personas, case):
    client.force_login(personas["medarbetare"])  # the person P1
    response = client.get(reverse("rehab:mine"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kan ta förmiddagspass" in page and "Kan planera dagen" not in page  # the latest version
    assert reverse("rehab:mine-pdf", args=[case.pk, 1]) in page
    assert reverse("rehab:mine-pdf", args=[case.pk, 2]) in page
    assert "Inga nattpass en tid" in page  # the adjustments
    assert 'Bedömning vid dag 90: <span class="date">29 december 2026</span>' in page  # a coming step
    assert "Läkarintyg sett" not in page  # a step whose day has passed is the employer's to catch up
    assert "Chefens egen anteckning" not in page and "Mötets anteckning" not in page
    assert reverse("rehab:case", args=[case.pk]) not in page
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.VIEW_REHAB_CASE).latest("pk")
    assert entry.detail == {"cases": [case.pk], "via": "own"}
    response = client.get(reverse("rehab:mine-pdf", args=[case.pk, 2]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert client.get(reverse("rehab:mine-pdf", args=[case.pk, 3])).status_code == 404


def test_another_person_gets_nothing(client, personas, case, django_user_model):
    other = colleague(django_user_model)
    client.force_login(other)
    response = client.get(reverse("rehab:mine"))
    page = response.content.decode()
    assert response.status_code == 200 and "Här finns inget för dig" in page
    assert "Kan ta förmiddagspass" not in page and "Alva" not in page
    assert client.get(reverse("rehab:mine-pdf", args=[case.pk, 1])).status_code == 404
    client.force_login(personas["hr"])  # a login that is no person: nothing either
    assert "Här finns inget för dig" in client.get(reverse("rehab:mine")).content.decode()
    assert client.get(reverse("rehab:mine-pdf", args=[case.pk, 1])).status_code == 404


def test_the_menu_names_the_plan_only_for_a_person_with_a_case(client, personas, case, django_user_model):
    page = reverse("dialogs:library")  # any page with the menu
    client.force_login(personas["medarbetare"])
    assert reverse("rehab:mine") in client.get(page).content.decode()
    assert "Min plan för återgång" in client.get(page).content.decode()
    client.force_login(colleague(django_user_model))
    assert reverse("rehab:mine") not in client.get(page).content.decode()
    # The workplace page, which a personal link opens without a login, never tells.
    client.logout()
    _link, token = links.issue(Person.objects.get(pk="P1"), TODAY)
    page = client.get(reverse("workplace:link", args=[token]), follow=True).content.decode()
    assert "Alva" in page or "Hemtjänst Norr" in page  # the person's own workplace page
    assert reverse("rehab:mine") not in page and "återgång" not in page.lower()


@pytest.mark.parametrize(
    "name, kwargs, methods",
    [
        ("rehab:case", {}, ["get"]),
        ("rehab:plan-edit", {}, ["get", "post"]),
        ("rehab:plan-pdf", {"version": 1}, ["get"]),
        ("rehab:adjustment-new", {}, ["get", "post"]),
        ("rehab:adjustment-edit", {"adjustment_id": None}, ["get", "post"]),
        ("rehab:meeting-new", {}, ["get", "post"]),
        ("rehab:step", {}, ["post"]),
        ("rehab:close", {}, ["post"]),
    ],
)
def test_a_colleague_in_the_unit_gets_not_found_on_every_case_page(
    client, case, django_user_model, name, kwargs, methods
):
    if "adjustment_id" in kwargs:
        kwargs = {"adjustment_id": case.adjustments.first().pk}
    url = reverse(name, kwargs={"case_id": case.pk, **kwargs})
    client.force_login(colleague(django_user_model))
    data = {"work_ability": "x", "kind": "pace", "description": "x", "note": "x", "reason": "x"}
    for method in methods:
        response = client.get(url) if method == "get" else client.post(url, data)
        assert response.status_code == 404, method
    assert case.plans.count() == 2 and case.adjustments.count() == 1 and case.meetings.count() == 1


def test_the_person_is_told_once_by_e_mail_with_no_detail_of_the_case(personas, case):
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["p1@example.invalid"]
    assert message.subject == "Stöd för din återgång i arbete"
    assert "http://127.0.0.1:8000/rehabilitering/min-plan/" in message.body
    assert "din chef har startat stöd" in message.body.lower()
    for detail in ("sjuk", "Alva", "Testsson", "oktober", "2026", "dag", "Hemtjänst", "förmiddagspass"):
        assert detail not in message.body and detail not in message.subject, detail
    case.refresh_from_db()
    assert case.person_told_on == TODAY
    assert notify.tell_person(case) is False  # never twice
    cases.refresh(TODAY)
    assert len(mail.outbox) == 1


def test_without_an_e_mail_address_an_sms_and_without_either_nothing(personas, monkeypatch):
    Person.objects.filter(pk="P1").update(email="", phone="070-123 45 67")
    out = io.StringIO()
    monkeypatch.setattr(notify, "sms_provider", lambda: ConsoleSmsProvider(out))
    case = long_case(personas)
    assert mail.outbox == [] and "min-plan" in out.getvalue() and "Testsson" not in out.getvalue()
    assert Case.objects.get(pk=case.pk).person_told_on == TODAY
    Person.objects.filter(pk="P1").update(phone="")
    Case.objects.filter(pk=case.pk).update(person_told_on=None)
    assert notify.tell_person(Case.objects.get(pk=case.pk)) is False
    assert Case.objects.get(pk=case.pk).person_told_on is None
