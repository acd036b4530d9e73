"""The plan as PDF: produced for every reader of the plan, with å, ä and ö as text (checked with
pdftotext when poppler-utils is installed)."""

import shutil
import subprocess
from datetime import date

import pytest
from django.urls import reverse
from plan_helpers import add_activity, make_plan, rating, sick_leave, sick_leave_release

from kasam.plans import pdf

PERSONS = {"SOC": 110, "AO": 50, "AO-HT1": 30, "AO-HT1-A": 14, "AO-SB1": 20, "IFO": 40, "IFO-BU": 25}


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def plan(personas):
    sick_leave(PERSONS)  # 6,0 % live
    sick_leave_release(PERSONS, pct=5.0)  # what everyone but the unit's managers sees
    rating(score=4, strengthen=("communication",), keep=("leadership",))
    plan = make_plan("AO-HT1")
    plan.areas.create(kind="keep", title="Vi hjälper varandra på kvällspassen")
    plan.areas.create(
        kind="strengthen", title="Återkoppling", source="health_factor", source_ref="communication"
    )
    add_activity(
        plan,
        what="Återhämtningspaus på APT för Åsa & Örjan <b>",
        status="done",
        followed_up_on=date(2026, 11, 20),
        reflection="Vi märkte att pausen gav ro.\nNästa gång: kortare.",
        tracked_statement="ate1",
    )
    return plan


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


@pytest.mark.parametrize("username", ["enhetschef", "medarbetare", "omradeschef", "ledning"])
def test_every_reader_gets_the_plan_as_pdf(client, personas, plan, username, tmp_path):
    client.force_login(personas[username])
    response = client.get(reverse("plans:plan-pdf", kwargs={"unit_id": "AO-HT1", "year": 2026}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="halsoplan-AO-HT1-2026.pdf"'
    assert response.content.startswith(b"%PDF-") and len(response.content) > 2000
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the text check needs it")
    text = pdf_text(response.content, tmp_path)
    assert "Health plan 2026 – Hemtjänst Norr" in text
    assert "Återhämtningspaus på APT för Åsa & Örjan <b>" in text
    assert "Vi hjälper varandra på kvällspassen" in text
    assert "Vi märkte att pausen gav ro." in text and "Nästa gång: kortare." in text
    live = username in {"enhetschef", "omradeschef", "ledning"}
    assert ("6,0 %" if live else "5,0 %") in text.replace("\u00a0", " ")
    assert ("Interim report January–August 2026" in text) is not live
    assert "Communication and feedback" in text


def test_no_plan_no_pdf(client, personas):
    client.force_login(personas["enhetschef"])
    assert (
        client.get(reverse("plans:plan-pdf", kwargs={"unit_id": "AO-HT1", "year": 2026})).status_code == 404
    )


def test_the_bundled_font_is_used_without_a_system_font(client, personas, plan, monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "SYSTEM_FONTS", [])
    client.force_login(personas["enhetschef"])
    response = client.get(reverse("plans:plan-pdf", kwargs={"unit_id": "AO-HT1", "year": 2026}))
    assert response.content.startswith(b"%PDF-") and b"+BitstreamVeraSans" in response.content
    if shutil.which("pdftotext"):
        assert "Återhämtningspaus på APT för Åsa & Örjan" in pdf_text(response.content, tmp_path)


def test_the_plan_pdf_is_tagged_like_the_reports_with_language_title_and_headings(client, personas, plan):
    """One PDF path: the plan goes through the reports' tagged PDF/UA renderer (kasam.core.document.pdf)."""
    import io

    from pypdf import PdfReader

    client.force_login(personas["enhetschef"])
    response = client.get(reverse("plans:plan-pdf", kwargs={"unit_id": "AO-HT1", "year": 2026}))
    reader = PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == "en"
    assert reader.metadata.title == "Health plan 2026 – Hemtjänst Norr"
    assert b"pdfuaid" in catalog["/Metadata"].get_object().get_data()
    kinds = set()
    pending = [catalog["/StructTreeRoot"].get_object()]
    while pending:
        node = pending.pop()
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict) and "/S" in kid:
                kinds.add(str(kid["/S"]))
                pending.append(kid)
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD"} <= kinds
