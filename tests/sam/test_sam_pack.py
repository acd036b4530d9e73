"""A unit's inspection pack: `kasam sam pack --unit UNIT --out FILE` and the unit page's button give one
tagged PDF with the unit, its delegated tasks, the latest signed round with each area's answer and note,
the risk assessments with their plan actions, the action plan, this year's follow-up and the list of
the routine documents (attached separately); audited; "not found" outside one's scope."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from sam_cycle import ACTION, RISK, assert_tagged, build_cycle, pdf_text

from kasam.audit.models import AuditEntry
from kasam.org.models import Role, RoleAssignment
from kasam.sam.models import RoutineDocument

TITLE = "Underlag för inspektion – Hemtjänst Norr"


@pytest.fixture
def cycle(personas):
    found = build_cycle(personas)
    RoutineDocument.objects.create(
        title="Rutin mot kränkande särbehandling", content=b"%PDF-1.7\n", uploaded_on=date(2026, 9, 1)
    )
    return found


def representative_of(django_user_model, unit_id: str, username: str):
    user = django_user_model.objects.create_user(username=username, password="test-password-1")
    RoleAssignment.objects.create(user=user, role=Role.SAFETY_REPRESENTATIVE, unit_id=unit_id)
    return user


def assert_the_pack(text: str) -> None:
    assert TITLE in text
    assert RISK in text and ACTION in text  # the risk and its plan action
    assert "Troligt × allvarlig" in text and "Hög risk" in text
    assert "Stressigt på morgonen" in text and "Fungerar bra" in text  # the round's answers and notes
    assert "Arbetsmiljöuppgifterna för enheten" in text and "omradeschef" in text  # the task, given by
    assert "Rutin mot kränkande särbehandling" in text and "bifogas separat" in text
    assert "Risker som hittats 1" in text  # this year's follow-up of the unit
    assert "Otydliga mål" not in text.replace("Otydliga mål 2025", "")  # Solgården's risk is not here


def test_the_command_writes_the_pack_as_a_tagged_pdf(cycle, tmp_path):
    out = tmp_path / "pack.pdf"
    stdout = StringIO()
    call_command("sam", "pack", "--unit", "AO-HT1", "--out", str(out), "--format", "json", stdout=stdout)
    result = json.loads(stdout.getvalue())
    content = out.read_bytes()
    assert result == {"unit": "AO-HT1", "out": str(out), "bytes": len(content)}
    assert_tagged(content, TITLE)
    assert_the_pack(pdf_text(content, tmp_path))
    entry = AuditEntry.objects.get(action=AuditEntry.Action.DOWNLOAD_REPORT)
    assert (entry.username, entry.unit_id) == ("system", "AO-HT1")
    assert entry.detail == {"report": "inspection_pack", "via": "command"}


def test_the_command_refuses_an_unknown_unit_or_folder_in_one_line(cycle, tmp_path):
    with pytest.raises(CommandError, match="no unit 'NOPE'"):
        call_command("sam", "pack", "--unit", "NOPE", "--out", str(tmp_path / "p.pdf"))
    with pytest.raises(CommandError, match="the folder of --out does not exist"):
        call_command("sam", "pack", "--unit", "AO-HT1", "--out", str(tmp_path / "no" / "p.pdf"))


def test_the_unit_pages_button_gives_the_same_pack(client, personas, cycle, django_user_model, tmp_path):
    representative = representative_of(django_user_model, "AO-HT1", "skyddsombud")
    for user in (personas["enhetschef"], representative):
        client.force_login(user)
        html = client.get(reverse("sam:unit", kwargs={"unit_id": "AO-HT1"})).content.decode()
        url = reverse("sam:pack", kwargs={"unit_id": "AO-HT1"})
        assert f'href="{url}"' in html
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert 'filename="inspektion-AO-HT1-2026-11-25.pdf"' in response["Content-Disposition"]
        assert_the_pack(pdf_text(response.content, tmp_path))
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.DOWNLOAD_REPORT).order_by("id")
    assert [(e.username, e.unit_id, e.detail["report"]) for e in entries] == [
        ("enhetschef", "AO-HT1", "inspection_pack"),
        ("skyddsombud", "AO-HT1", "inspection_pack"),
    ]


def test_a_safety_representative_of_another_unit_finds_nothing(client, personas, cycle, django_user_model):
    client.force_login(representative_of(django_user_model, "AO-SB1", "skyddsombud-solgarden"))
    assert client.get(reverse("sam:pack", kwargs={"unit_id": "AO-HT1"})).status_code == 404
    assert client.get(reverse("sam:pack", kwargs={"unit_id": "AO-SB1"})).status_code == 200
    for username in ("medarbetare", "politiker"):
        client.force_login(personas[username])
        assert client.get(reverse("sam:pack", kwargs={"unit_id": "AO-HT1"})).status_code == 404
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.DOWNLOAD_REPORT, unit_id="AO-HT1").exists()


def test_a_unit_without_a_round_or_risks_still_gets_its_pack(personas, tmp_path):
    out = tmp_path / "pack.pdf"
    call_command("sam", "pack", "--unit", "IFO-BU", "--out", str(out), stdout=StringIO())
    text = pdf_text(out.read_bytes(), tmp_path)
    assert "Enheten har ingen signerad skyddsrond än." in text
    assert "Inga rutindokument är uppladdade." in text
