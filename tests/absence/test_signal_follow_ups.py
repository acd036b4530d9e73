"""Early signals that are worked: a status and a note per signal, in the audit log; the list's unit
and manager columns and its filters; a signal that no longer holds closes by itself and says so."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from kasam.absence import follow_ups
from kasam.absence.models import Absence, SignalFollowUp
from kasam.audit.models import AuditEntry

TODAY = date(2026, 11, 25)  # the reference date of tests/conftest.py


def url(unit_id: str = "SOC") -> str:
    return reverse("absence:early-signals", kwargs={"unit_id": unit_id})


def post(client, unit_id="SOC", **fields):
    return client.post(reverse("absence:follow-up-signal", kwargs={"unit_id": unit_id}), fields)


@pytest.fixture
def absences(personas):
    # P1 (Hemtjänst Norr): six short cases in the last 12 months – repeated short-term absence.
    for month in range(6):
        start = TODAY - timedelta(days=20 + 50 * month)
        Absence.objects.create(person_id="P1", start_date=start, end_date=start + timedelta(days=1))
    # P2 (Grupp Lärkan, a team under Hemtjänst Norr): an open case since 1 November.
    Absence.objects.create(person_id="P2", start_date=date(2026, 11, 1), end_date=date(2027, 1, 31))
    # P3 (Solgården): an open case since 10 November.
    Absence.objects.create(person_id="P3", start_date=date(2026, 11, 10), end_date=date(2026, 12, 31))


def test_hr_marks_a_signal_contacted_with_a_note_and_the_list_says_so(client, personas, absences):
    client.force_login(personas["hr"])
    html = client.get(url()).content.decode()
    assert '<th scope="col">Enhet</th>' in html and '<th scope="col">Chef</th>' in html
    manager = personas["enhetschef"].get_full_name() or personas["enhetschef"].username
    # P1's unit and its manager; P2's team has no manager of its own: the one of Hemtjänst Norr.
    assert f"<td>Hemtjänst Norr</td>\n<td>{manager}</td>" in html
    assert f"<td>Grupp Lärkan</td>\n<td>{manager}</td>" in html
    response = post(
        client, person="P1", kind="repeated", key="repeated", status="contacted", note="Samtal bokat",
        back="status=contacted&next=//evil.example",
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == url() + "?status=contacted"
    row = SignalFollowUp.objects.get()
    assert (row.person_id, row.kind, row.status, row.note, row.updated_on, row.updated_by) == (
        "P1", "repeated", "contacted", "Samtal bokat", TODAY, personas["hr"],
    )  # fmt: skip
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.FOLLOW_UP_SIGNAL).get()
    assert entry.detail == {"person_id": "P1", "signal": "repeated", "status": "contacted"}  # never the note

    contacted = client.get(url() + "?status=contacted").content.decode()
    assert (
        "Alva Testsson" in contacted
        and "Samtal bokat" in contacted
        and "Cilla Exempelsdotter" not in contacted
    )
    assert '<option value="contacted" selected>Kontaktad</option>' in contacted
    new = client.get(url() + "?status=new").content.decode()
    assert "Cilla Exempelsdotter" in new and "Alva Testsson" not in new
    open_cases = client.get(url() + "?signal=open_case").content.decode()
    assert "Cilla Exempelsdotter" in open_cases and "Alva Testsson" not in open_cases
    solgarden = client.get(url() + "?enhet=AO-SB1").content.decode()
    assert "Cilla Exempelsdotter" in solgarden and "Alva Testsson" not in solgarden


def test_a_signal_that_no_longer_holds_closes_by_itself_and_a_new_one_starts_over(
    client, personas, absences, monkeypatch
):
    monkeypatch.setattr(follow_ups, "CHUNK", 1)  # a whole organisation's ids are read in chunks
    client.force_login(personas["hr"])
    post(client, person="P3", kind="open_case", key="2026-11-10", status="contacted", note="Ringt")
    Absence.objects.filter(person_id="P3").update(end_date=date(2026, 11, 20))  # back before today
    html = client.get(url()).content.decode()
    assert "Avslutade av sig själva" in html
    assert "Cilla Exempelsdotter: Pågående sjukfall, avslutad 25 november 2026." in html
    assert SignalFollowUp.objects.get(person_id="P3").ended_on == TODAY
    # Saving it again is refused: it no longer holds.
    post(client, person="P3", kind="open_case", key="2026-11-10", status="handled", note="")
    assert SignalFollowUp.objects.get(person_id="P3").status == "contacted"
    # The repeated signal of P1 falls away and comes back: it starts over as new, without the old note.
    post(client, person="P1", kind="repeated", key="repeated", status="handled", note="Klart")
    kept = list(Absence.objects.filter(person_id="P1").order_by("start_date"))
    kept[0].delete()
    client.get(url())
    assert SignalFollowUp.objects.get(person_id="P1").ended_on == TODAY
    Absence.objects.create(person_id="P1", start_date=kept[0].start_date, end_date=kept[0].end_date)
    client.get(url())
    again = SignalFollowUp.objects.get(person_id="P1")
    assert (again.status, again.note, again.ended_on) == ("new", "", None)


def test_only_those_who_see_the_unit_follow_its_signals_up(client, personas, absences):
    client.force_login(personas["enhetschef"])  # Hemtjänst Norr only
    assert (
        post(client, "AO-SB1", person="P3", kind="open_case", key="2026-11-10", status="handled").status_code
        == 404
    )
    assert (
        post(client, "AO-HT1", person="P3", kind="open_case", key="2026-11-10", status="handled").status_code
        == 302
    )
    assert not SignalFollowUp.objects.exists()  # P3 is not in Hemtjänst Norr's list
    client.force_login(personas["omradeschef"])
    assert (
        post(client, "AO", person="P1", kind="repeated", key="repeated", status="handled").status_code == 404
    )
