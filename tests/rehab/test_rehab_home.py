"""The start page of one who works rehabilitation cases counts the steps due in the coming week and
those overdue – counts only, no name – and links to the cases; nobody else gets the section."""

from datetime import date

from django.urls import reverse

from kasam.absence.models import Absence
from kasam.metrics import rehab
from kasam.org.models import Person
from kasam.rehab import cases

TODAY = date(2026, 11, 25)  # the reference date of tests/conftest.py


def test_the_manager_and_hr_see_the_steps_due_and_nobody_else(client, personas):
    # Sick from 1 November: first contact, certificate and the report are overdue; the plan (30
    # November) is due in the coming week.
    Absence.objects.create(person_id="P2", start_date=date(2026, 11, 1), end_date=date(2027, 1, 31))
    cases.open_case(Person.objects.get(pk="P2"), rehab.LONG_TERM, personas["enhetschef"], TODAY)
    for username in ("enhetschef", "hr"):
        client.force_login(personas[username])
        html = client.get(reverse("core:home")).content.decode()
        assert 'id="home-rehab"' in html and reverse("rehab:list") in html
        assert "1 öppet ärende" in html and "1 steg ska göras den kommande veckan" in html
        assert "3 försenade" in html and "Provsson" not in html
    for username in ("halsostrateg", "ledning", "politiker", "omradeschef"):
        client.force_login(personas[username])
        assert 'id="home-rehab"' not in client.get(reverse("core:home")).content.decode()
