"""The plan as a printable tagged PDF (kasam.rehab.pdf, through kasam.core.document): its text holds the
plan's words and the adjustments, and every reading is audited."""

import io
import shutil
import subprocess
from datetime import date

import pytest
from django.urls import reverse
from rehab_plan_helpers import fake_medical, long_case

from kasam.audit.models import AuditEntry
from kasam.rehab import plans


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


@pytest.fixture
def plan(personas, monkeypatch):
    fake_medical(monkeypatch)
    case = long_case(personas)
    case.adjustments.create(
        kind="working_hours",
        description="Kortare pass, senare start",
        responsible="Schemaläggaren Åsa",
        starts_on=date(2026, 12, 1),
        ends_on=date(2027, 1, 31),
        helped="partly",
    )
    data = {
        "made_with_person": True,
        "work_ability": "Kan ta förmiddagspass och planera dagen",
        "limits": "Långa pass utan paus blir för mycket",
        "return_steps": "25 % i december\n50 % i januari",
        "contacts": "Chefen Eva",
        "expected_return": date(2027, 2, 1),
    }
    return case, plans.save_version(case, data, personas["enhetschef"], date(2026, 11, 25))


def test_the_plan_prints_as_a_tagged_pdf_with_its_words_and_adjustments(client, personas, plan, tmp_path):
    from pypdf import PdfReader

    case, version = plan
    client.force_login(personas["enhetschef"])
    response = client.get(reverse("rehab:plan-pdf", args=[case.pk, version.version]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="plan-aterg-{case.pk}-v1.pdf"'
    reader = PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True and catalog["/Lang"] == "sv"
    assert reader.metadata.title == "Plan för återgång i arbete"
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.VIEW_REHAB_CASE).latest("pk")
    assert entry.detail["case"] == case.pk and entry.detail["version"] == 1
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the text check needs it")
    text = " ".join(pdf_text(response.content, tmp_path).split())
    for words in (
        "Plan för återgång i arbete",
        "Alva Testsson",
        "Hemtjänst Norr",
        "Kan ta förmiddagspass och planera dagen",
        "Långa pass utan paus blir för mycket",
        "25 % i december",
        "50 % i januari",
        "Chefen Eva",
        "Kortare pass, senare start",
        "Schemaläggaren Åsa",
        "Arbetstid",
        "Delvis",
        "1 februari 2027",
    ):
        assert words in text, words


def test_a_version_that_does_not_exist_is_not_found(client, personas, plan):
    case, _version = plan
    client.force_login(personas["enhetschef"])
    assert client.get(reverse("rehab:plan-pdf", args=[case.pk, 2])).status_code == 404
