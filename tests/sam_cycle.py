"""A work-environment cycle over the test organisation (tests/conftest.py) for the follow-up page, the
release and the inspection pack: rounds, risks with a plan action, delegated tasks, in 2025 and 2026."""

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from kasam.plans.models import Activity, HealthPlan
from kasam.sam.models import AreaAnswer, Risk, SafetyRound, TaskDelegation

RISK = "För många besök per morgonpass"
ACTION = "Färre besök per morgonpass"


def build_cycle(personas) -> dict:
    """The cycle; returns its objects by name."""
    manager, area_manager = personas["enhetschef"], personas["omradeschef"]
    # 2025: Hemtjänst Norr signs a round in May and deals with a risk in time.
    SafetyRound.objects.create(
        unit_id="AO-HT1", held_on=date(2025, 5, 5), manager_signed_on=date(2025, 5, 6),
        representative_signed_on=date(2025, 5, 6),
    )  # fmt: skip
    Risk.objects.create(
        unit_id="AO-HT1", area="goals", description="Otydliga mål 2025", likelihood=2, consequence=2,
        found_on=date(2025, 5, 5), due_on=date(2025, 8, 5), decision="accepted", closed_on=date(2025, 6, 1),
        accepted_reason="Löst på APT",
    )  # fmt: skip
    # 2026: Hemtjänst Norr's signed round with its answers, a high risk made an action of the plan.
    held = SafetyRound.objects.create(
        unit_id="AO-HT1", held_on=date(2026, 3, 1),
        participants="Enhetschefen, skyddsombudet, 11 medarbetare", manager_signed_by=manager,
        manager_signed_on=date(2026, 3, 2), representative_signed_on=date(2026, 3, 3),
    )  # fmt: skip
    AreaAnswer.objects.create(round=held, area="workload", answer="risk", note="Stressigt på morgonen")
    AreaAnswer.objects.create(round=held, area="goals", answer="works_well", note="")
    plan = HealthPlan.objects.create(
        unit_id="AO-HT1", year=2026, snapshot={}, snapshot_taken_on=date(2026, 3, 2)
    )
    action = Activity.objects.create(
        plan=plan, what=ACTION, how="Ny planering av turerna", why="Risk från skyddsronden",
        who="Enhetschefen", when="April", follow_up="På APT i maj", follow_up_on=date(2026, 5, 1),
    )  # fmt: skip
    risk = Risk.objects.create(
        unit_id="AO-HT1", round=held, area="workload", description=RISK, likelihood=3, consequence=3,
        found_on=date(2026, 3, 1), due_on=date(2026, 4, 1), decision="action", activity=action,
    )  # fmt: skip
    # Solgården: a round held, signed by one of the two; an open medium risk.
    SafetyRound.objects.create(
        unit_id="AO-SB1", held_on=date(2026, 10, 1), manager_signed_on=date(2026, 10, 1)
    )
    Risk.objects.create(
        unit_id="AO-SB1", area="goals", description="Otydliga mål", likelihood=2, consequence=2,
        found_on=date(2026, 10, 1), due_on=date(2027, 1, 1),
    )  # fmt: skip
    # Tasks: Hemtjänst Norr's accepted and current; Barn och unga's returned in June.
    delegation = TaskDelegation.objects.create(
        unit_id="AO-HT1", holder=manager, given_by=area_manager, tasks="Arbetsmiljöuppgifterna för enheten",
        given_on=date(2026, 1, 10), accepted_on=date(2026, 1, 12),
    )  # fmt: skip
    TaskDelegation.objects.create(
        unit_id="IFO-BU", holder=manager, given_by=area_manager, tasks="Arbetsmiljöuppgifterna",
        given_on=date(2026, 1, 10), accepted_on=date(2026, 1, 12), returned_on=date(2026, 6, 1),
        return_reason="Saknar resurser",
    )  # fmt: skip
    return {"round": held, "risk": risk, "action": action, "delegation": delegation}


def pdf_text(content: bytes, tmp_path: Path) -> str:
    """The text of a PDF by pdftotext (poppler-utils); the test is skipped without it."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the text check needs it")
    path = tmp_path / "file.pdf"
    path.write_bytes(content)
    found = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True)
    return " ".join(found.stdout.split())


def assert_tagged(content: bytes, title: str) -> None:
    """The PDF is tagged PDF/UA in Swedish with its title and a structure of headings and tables."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == "sv"
    assert reader.metadata.title == title
    assert b"pdfuaid" in catalog["/Metadata"].get_object().get_data()
    kinds, pending = set(), [catalog["/StructTreeRoot"].get_object()]
    while pending:
        node = pending.pop()
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict) and "/S" in kid:
                kinds.add(str(kid["/S"]))
                pending.append(kid)
    assert {"/H1", "/H2", "/Table", "/TH", "/TD"} <= kinds
