"""The data migration that re-pools rounds closed under the old rules (pulse 0006): rows of a stored
group with fewer than k respondents move to where they pool, nothing shows more than before, and the
per-person rows are replaced by counts."""

import importlib
import json
from collections import Counter
from datetime import date

import pytest
from django.apps import apps

from kasam.org.models import Person, Unit
from kasam.org.tree import compute_paths
from kasam.pulse.models import Answer, FreeText, Invitation, Participation, Programme, Round

migration = importlib.import_module("kasam.pulse.migrations.0006_repool_closed_rounds")

UNITS = {"R": None, "P": "R", "C1": "P", "C2": "P"}
# The old rule's reporting nodes: P's 2 of its own reported at P (its subtree had 14 invited).
INVITED = {"P": 2, "C1": 6, "C2": 6}
ANSWERED = {"P": 2, "C1": 5, "C2": 6}


def old_closed_round(status="closed") -> Round:
    paths = compute_paths(UNITS)
    for unit_id, parent in UNITS.items():
        Unit.objects.create(id=unit_id, parent_id=parent, name=unit_id, kind="unit", path=paths[unit_id])
    programme = Programme.objects.create(name="Puls", root_unit_id="R")
    round = Round.objects.create(
        programme=programme,
        number=1,
        opens_on=date(2026, 1, 5),
        closes_on=date(2026, 1, 11),
        statement_ids=["s1", "s2"],
        status=status,
        k=5,
        tree=UNITS,
        shown_nodes=["C1", "C2", "P", "R"] if status == "closed" else None,
    )
    for node, n in INVITED.items():
        for i in range(n):
            person = Person.objects.create(id=f"{node}-{i}", birth_year=1980)
            Invitation.objects.create(
                round=round, person=person, reporting_node=node, token_hash=f"h{node}{i}"
            )
            if i < ANSWERED[node]:
                Participation.objects.create(
                    round=round,
                    person=person,
                    answered_on=date(2026, 1, 6),
                    link_hash=f"l{node}{i}",
                    idempotency_hash=f"i{node}{i}",
                )
                for statement in ("s1", "s2"):
                    Answer.objects.create(round=round, reporting_node=node, statement_id=statement, value=3)
                FreeText.objects.create(round=round, reporting_node=node, text=f"från {node}")
    return round


@pytest.mark.django_db
def test_a_closed_round_is_repooled_and_forgets_who_answered(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    round = old_closed_round()
    p_before = {"C1", "C2", "P", "R"}
    migration.repool_closed_rounds(apps, None)
    round.refresh_from_db()
    # P's 2 pass up to R, whose pool of 2 takes the smallest reporting node, C1 (5).
    stored = dict(counted_rows())
    assert stored == {"R": 7, "C2": 6}
    assert set(FreeText.objects.values_list("reporting_node", flat=True)) == {"R", "C2"}
    assert round.counts == {"C2": [6, 6], "R": [8, 7]}
    # C2 and R keep their members and show as before; C1 lost its: withdrawn; P lost its own two and
    # C1 and shows the re-pooled figure (C2's 6), which passes rules 2–3.
    assert set(round.shown_nodes) <= p_before
    assert set(round.shown_nodes) == {"C2", "P", "R"}
    assert Participation.objects.count() == 0
    assert not Invitation.objects.filter(token_hash__isnull=False).exists()
    assert set(Invitation.objects.values_list("reporting_node", flat=True)) == {"R", "C2"}
    report = json.loads((tmp_path / "pulse-repool-report.json").read_text())
    assert report[0]["withdrawn_nodes"] == ["C1"]


@pytest.mark.django_db
def test_an_open_round_is_left_alone(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    old_closed_round(status="open")
    migration.repool_closed_rounds(apps, None)
    assert Participation.objects.count() == 13
    assert set(Answer.objects.values_list("reporting_node", flat=True)) == {"P", "C1", "C2"}


def counted_rows():
    return Counter(Answer.objects.filter(statement_id="s1").values_list("reporting_node", flat=True))
