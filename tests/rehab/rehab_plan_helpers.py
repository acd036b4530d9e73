"""Shared helpers of the tests of a case's plan, adjustments, meetings and the person's own page."""

from datetime import date

from kasam.absence.models import Absence
from kasam.metrics import rehab
from kasam.org.models import Person, Role, RoleAssignment
from kasam.rehab import cases, medical

TODAY = date(2026, 11, 25)  # tests/conftest.py
MEDICAL_WORDS = ("depression", "diabetes")


def long_case(personas):
    """P1 (the persona "medarbetare", in Hemtjänst Norr) sick since 1 October, expected until
    31 January: a long-term case opened by their unit manager today, with the return plan open."""
    Absence.objects.create(person_id="P1", start_date=date(2026, 10, 1), end_date=date(2027, 1, 31))
    person = Person.objects.get(pk="P1")
    return cases.open_case(person, rehab.LONG_TERM, personas["enhetschef"], TODAY)


def fake_medical(monkeypatch):
    """kasam.metrics.medical_text stands in for: the words of MEDICAL_WORDS are what it finds."""

    def hints(text):
        return [word for word in MEDICAL_WORDS if word in (text or "").lower()]

    monkeypatch.setattr(medical, "hints", hints)


def colleague(django_user_model):
    """An employee of the case's unit, Hemtjänst Norr, who is the person P2."""
    user = django_user_model.objects.create_user(username="kollega", password="test-password-1")
    RoleAssignment.objects.create(user=user, role=Role.EMPLOYEE, unit_id="AO-HT1")
    Person.objects.filter(pk="P2").update(user=user)
    return user
