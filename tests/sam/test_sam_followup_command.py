"""`kasam sam followup --year Y --format json` on a hand-built organisation: the organisation's counts
and each area's, the areas summing to the organisation."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kasam.plans.models import Activity, HealthPlan
from kasam.sam.models import Risk, SafetyRound, TaskDelegation

COUNTS = [
    "units", "units_with_round", "risks_found", "risks_closed", "risks_closed_on_time", "actions_overdue",
    "delegations_current", "delegations_returned",
]  # fmt: skip


def run(*args) -> str:
    out = StringIO()
    call_command("sam", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def cycle(personas):
    manager, area_manager = personas["enhetschef"], personas["omradeschef"]
    # Hemtjänst Norr: a round signed in March; a high risk accepted within its month.
    SafetyRound.objects.create(
        unit_id="AO-HT1", held_on=date(2026, 3, 1), manager_signed_on=date(2026, 3, 2),
        representative_signed_on=date(2026, 3, 3),
    )  # fmt: skip
    Risk.objects.create(
        unit_id="AO-HT1", area="workload", description="Stress", likelihood=3, consequence=3,
        found_on=date(2026, 3, 1), due_on=date(2026, 4, 1), decision="accepted", closed_on=date(2026, 3, 20),
    )  # fmt: skip
    # Solgården: a round held but not signed; a medium risk whose plan action is overdue.
    SafetyRound.objects.create(
        unit_id="AO-SB1", held_on=date(2026, 10, 1), manager_signed_on=date(2026, 10, 1)
    )
    plan = HealthPlan.objects.create(
        unit_id="AO-SB1", year=2026, snapshot={}, snapshot_taken_on=date(2026, 10, 1)
    )
    action = Activity.objects.create(
        plan=plan, what="Vad", how="Hur", why="Varför", who="Vem", when="När", follow_up="Hur",
        follow_up_on=date(2026, 11, 1),
    )  # fmt: skip
    Risk.objects.create(
        unit_id="AO-SB1", area="goals", description="Otydliga mål", likelihood=2, consequence=2,
        found_on=date(2026, 10, 1), due_on=date(2027, 1, 1), decision="action", activity=action,
    )  # fmt: skip
    # Tasks: Hemtjänst Norr's accepted and current; Barn och unga's returned in June.
    TaskDelegation.objects.create(
        unit_id="AO-HT1", holder=manager, given_by=area_manager, tasks="Arbetsmiljöuppgifterna",
        given_on=date(2026, 1, 10), accepted_on=date(2026, 1, 12),
    )  # fmt: skip
    TaskDelegation.objects.create(
        unit_id="IFO-BU", holder=manager, given_by=area_manager, tasks="Arbetsmiljöuppgifterna",
        given_on=date(2026, 1, 10), accepted_on=date(2026, 1, 12), returned_on=date(2026, 6, 1),
        return_reason="Saknar resurser",
    )  # fmt: skip


def test_the_yearly_follow_up_counts_the_organisation_and_each_area(cycle):
    result = json.loads(run("followup", "--year", "2026", "--format", "json"))
    assert list(result) == ["year", *COUNTS, "areas"]
    assert result["year"] == 2026
    # Units of kind "unit": Hemtjänst Norr, Solgården, Barn och unga.
    assert [result[k] for k in COUNTS] == [3, 1, 2, 1, 1, 1, 1, 1]
    areas = {area["unit"]: area for area in result["areas"]}
    assert [areas["AO"][k] for k in COUNTS] == [2, 1, 2, 1, 1, 1, 1, 0]
    assert [areas["IFO"][k] for k in COUNTS] == [1, 0, 0, 0, 0, 0, 0, 1]
    for key in COUNTS:
        assert sum(area[key] for area in result["areas"]) == result[key]


def test_a_year_that_has_not_begun_is_refused_in_one_line(db):
    with pytest.raises(CommandError):
        run("followup", "--year", "2030", "--format", "json")
