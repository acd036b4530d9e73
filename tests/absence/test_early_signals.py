"""Early signals: person-level, so only the unit manager about the own staff and HR about its units
may see them; every view is written to the audit log."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from personas import ALL_PERSONAS

from kasam.absence.models import Absence
from kasam.audit.models import AppendOnlyError, AuditEntry

TODAY = date(2026, 11, 25)  # the reference date of tests/conftest.py

ALL = ALL_PERSONAS  # every persona's username (tests/personas.py)


def url(unit_id: str) -> str:
    return reverse("absence:early-signals", kwargs={"unit_id": unit_id})


@pytest.fixture
def absences(personas):
    # P1 (Hemtjänst Norr): six short cases in the last 12 months – repeated short-term absence.
    for month in range(6):
        start = TODAY - timedelta(days=20 + 50 * month)
        Absence.objects.create(person_id="P1", start_date=start, end_date=start + timedelta(days=1))
    # P2 (Grupp Lärkan, under Hemtjänst Norr): an open case since 1 Nov, expected to 31 Jan.
    Absence.objects.create(person_id="P2", start_date=date(2026, 11, 1), end_date=date(2027, 1, 31))
    # P3 (Solgården): an open case too, but not the manager's staff.
    Absence.objects.create(person_id="P3", start_date=date(2026, 11, 10), end_date=date(2026, 12, 31))


@pytest.mark.parametrize(
    ("unit_id", "allowed"),
    [("AO-HT1", {"enhetschef", "hr"}), ("AO-SB1", {"hr"}), ("SOC", {"hr"}), ("NOPE", set())],
)
def test_it_shows_early_signals_only_to_the_own_manager_and_hr(client, personas, unit_id, allowed):
    for username in ALL:
        client.force_login(personas[username])
        expected = 200 if username in allowed else 404
        assert client.get(url(unit_id)).status_code == expected, (unit_id, username)


def test_the_navigation_entry_leads_to_the_own_unit(client, personas):
    client.force_login(personas["enhetschef"])
    response = client.get(reverse("absence:early-signals-start"))
    assert response.status_code == 302 and response["Location"] == url("AO-HT1")
    client.force_login(personas["hr"])
    assert client.get(reverse("absence:early-signals-start"))["Location"] == url("SOC")
    for username in ("medarbetare", "omradeschef", "halsostrateg", "politiker"):
        client.force_login(personas[username])
        assert client.get(reverse("absence:early-signals-start")).status_code == 403


def test_it_lists_the_own_staffs_signals_and_no_one_elses(client, personas, absences):
    client.force_login(personas["enhetschef"])
    html = client.get(url("AO-HT1")).content.decode()
    assert "Alva Testsson" in html  # repeated short-term absence
    assert "Bo Provsson" in html and "Dag 30 (30 november 2026)" in html  # open case, plan due on day 30
    assert "Cilla Exempelsdotter" not in html
    assert "0 av 2 medarbetare har ingen signal just nu." in html
    assert "inte Försäkringskassans beslut" in html


def test_a_person_whose_employment_starts_later_is_not_listed_yet(client, personas, absences):
    """Cilla (Solgården, an open case) moves to Hemtjänst Norr in two weeks: she is not the unit's
    staff of today, so neither her signal nor she is on its page yet. The old code listed her (any
    employment not ended by today counted, one about to start included) and counted 3 staff."""
    from kasam.org.models import Employment

    Employment.objects.filter(person_id="P3").update(end_date=TODAY + timedelta(days=13))
    Employment.objects.create(
        person_id="P3",
        unit_id="AO-HT1",
        start_date=TODAY + timedelta(days=14),
        rate=100,
        weekly_hours=40,
        pay="monthly",
    )
    client.force_login(personas["enhetschef"])
    html = client.get(url("AO-HT1")).content.decode()
    assert "Cilla Exempelsdotter" not in html
    assert "0 av 2 medarbetare har ingen signal just nu." in html


def test_every_view_is_written_to_the_audit_log(client, personas, absences):
    client.force_login(personas["enhetschef"])
    client.get(url("AO-HT1"))
    client.get(url("AO-HT1"))
    client.get(url("AO-SB1"))  # refused: not an entry
    entries = list(AuditEntry.objects.filter(action=AuditEntry.Action.VIEW_EARLY_SIGNALS))
    assert [(e.username, e.unit_id) for e in entries] == [("enhetschef", "AO-HT1")] * 2
    assert entries[0].detail == {"persons_shown": 2, "staff": 2}


def test_the_audit_log_cannot_be_changed_or_deleted(client, personas):
    client.force_login(personas["hr"])
    client.get(url("SOC"))
    # The personas' role assignments are in the log too (kasam.audit.signals).
    entry = AuditEntry.objects.get(action=AuditEntry.Action.VIEW_EARLY_SIGNALS)
    entry.unit_id = "other"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(unit_id="x")
    assert AuditEntry.objects.get(action=AuditEntry.Action.VIEW_EARLY_SIGNALS).unit_id == "SOC"


def test_the_three_in_six_months_preset_applies_to_the_page(client, personas, settings):
    settings.KASAM_REPEATED_SHORT_TERM = "3-in-6"
    for days_ago in (10, 60, 120):  # three short cases within 183 days
        start = TODAY - timedelta(days=days_ago)
        Absence.objects.create(person_id="P1", start_date=start, end_date=start)
    client.force_login(personas["enhetschef"])
    html = client.get(url("AO-HT1")).content.decode()
    assert "3 eller fler korta sjukfall (1–14 dagar) som började under de senaste 183 dagarna." in html
    assert "Alva Testsson" in html
