"""The demo's health factors and plans: the demo manager's unit and a few others have two ratings and
a plan with activities in every state; running it again changes nothing."""

from datetime import date

from kasam.plans.demo_plans import ensure_demo_health_plans
from kasam.plans.models import Activity, HealthFactorRating, HealthPlan, PlanArea
from kasam.plans.tracking import is_trackable, statement_text


def test_a_statement_no_longer_in_the_bank_is_named_so_never_by_its_id():
    assert statement_text("beg2", "sv") == "Jag får den information jag behöver för att göra ett bra jobb."
    assert statement_text("kom1", "sv") == "Ett pulspåstående som inte längre finns i frågebanken"


def test_the_demo_has_ratings_and_plans_in_every_state(org):
    made = ensure_demo_health_plans(seed=1)
    plans = HealthPlan.objects.all()
    # The test tree has three units of kind enhet: the manager's (AO-HT1) and two more with plans.
    assert made == plans.count() == 3
    assert plans.filter(unit_id="AO-HT1", year=2026).exists()
    assert HealthFactorRating.objects.filter(unit_id="AO-HT1").count() == 2
    plan = plans.get(unit_id="AO-HT1")
    assert plan.snapshot["health_factors"]["rated_on"] == "2026-11-05"
    assert set(plan.areas.values_list("kind", flat=True)) == {"keep", "strengthen"}
    assert all(a.source == "health_factor" for a in PlanArea.objects.filter(kind="strengthen"))
    statuses = set(Activity.objects.values_list("status", flat=True))
    assert statuses == {"done", "ongoing", "planned", "cancelled"}
    done = Activity.objects.filter(status="done")
    assert all(a.reflection and a.followed_up_on for a in done)
    overdue = Activity.objects.filter(status="planned", follow_up_on__lt=date(2026, 11, 25))
    assert overdue.exists()
    # A statement of the question bank ("kom1" was none: the plan showed the raw id).
    tracked = set(Activity.objects.exclude(tracked_statement="").values_list("tracked_statement", flat=True))
    assert tracked == {"beg2"} and all(is_trackable(statement) for statement in tracked)
    assert Activity.objects.filter(tracked_statement="beg2", status="ongoing").exists()
    assert ensure_demo_health_plans(seed=1) == 0
    assert HealthPlan.objects.count() == 3
