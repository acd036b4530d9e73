"""The demo carries the project plan's three targets (shared/seeds 004, "MÅLTAL")."""

from decimal import Decimal

from target_data import add_sick_leave_series

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
