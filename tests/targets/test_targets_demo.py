"""The demo carries the project plan's three targets (shared/seeds 004, "MÅLTAL")."""

from datetime import date
from decimal import Decimal

from target_data import add_sick_leave_series

from kasam.absence.models import SickLeavePeriod
from kasam.targets.demo import base_year, ensure_demo_targets
from kasam.targets.models import Target


def test_the_demo_carries_the_project_plans_targets_once(org):
    add_sick_leave_series()
    assert base_year() == 2025  # the last complete year of the stored series
    created = ensure_demo_targets()
    assert len(created) == 6
    rows = {
        (t.figure, t.year): (t.scope, t.unit_id, t.kind, t.value, t.base_year) for t in Target.objects.all()
    }
    assert rows == {
        ("sick_leave", 2026): ("organisation", "SOC", "level", Decimal("8.55"), 2025),
        ("sick_leave", 2027): ("organisation", "SOC", "level", Decimal("7.55"), 2025),
        ("nmi", 2026): ("each_unit", None, "level", Decimal("75"), 2025),
        ("good_health", 2026): ("organisation", "SOC", "change", Decimal("2"), 2025),
        ("good_health", 2027): ("organisation", "SOC", "change", Decimal("5"), 2025),
        ("good_health", 2028): ("organisation", "SOC", "change", Decimal("8"), 2025),
    }
    assert ensure_demo_targets() == [] and Target.objects.count() == 6


def test_without_a_stored_year_the_base_is_last_year(org):
    assert base_year() == 2025  # today is 2026-11-25 in the tests
    assert {t.base_year for t in ensure_demo_targets()} == {2025}


def test_without_an_organisation_there_are_no_demo_targets(db):
    assert ensure_demo_targets() == []


def test_the_plans_steps_are_taken_from_the_demos_own_base_year(org):
    """The demo's sick leave starts at 6,26 %: the plan's 8,55 % would be a target already reached
    (it read "I fas"). The same steps from 6,26: 6,26 × 8,55 / 9,3 = 5,7553… → 5,76 and
    6,26 × 7,55 / 9,3 = 5,0820… → 5,08."""
    add_sick_leave_series()
    row = SickLeavePeriod.objects.get(unit_id="SOC", kind="year", start=date(2025, 1, 1))
    row.sick_hours = row.ordinary_hours * 6.26 / 100
    row.save()
    ensure_demo_targets()
    sick = Target.objects.filter(figure="sick_leave").order_by("year")
    assert [(t.year, t.value, t.base_year) for t in sick] == [
        (2026, Decimal("5.76"), 2025),
        (2027, Decimal("5.08"), 2025),
    ]
    assert all("basåret 2025: 6,26 %" in t.note for t in sick)


def test_the_demos_targets_are_set_after_every_step_that_changes_sick_leave():
    """They were set before the evaluation's planted effect lowered the base year's sick leave, so the
    base the targets were scaled from was not the one the pages show."""
    from kasam.evaluation.contrib import DEMO_STEPS as EVALUATION
    from kasam.site.compose import DEMO_STEPS
    from kasam.targets.contrib import DEMO_STEPS as TARGETS

    order = [step.run for step in DEMO_STEPS]
    assert order.index(TARGETS[0].run) == order.index(EVALUATION[0].run) + 1
