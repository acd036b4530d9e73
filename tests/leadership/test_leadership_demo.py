"""The demo's leadership data (kasam.leadership.demo): trainings for the demo's leaders and the demo
unit manager's checklist over two years, once."""

from datetime import date, timedelta

from kasam.leadership.checklist import mean
from kasam.leadership.demo import ensure_demo_leadership
from kasam.leadership.models import ChecklistAnswer, Training
from kasam.org.models import Role, RoleAssignment

TODAY = date(2026, 11, 25)  # tests/conftest.py


def test_the_demo_adds_trainings_and_a_growing_checklist_once(personas):
    added = ensure_demo_leadership()
    assert added == Training.objects.count() == 11
    assert set(Training.objects.values_list("user__username", flat=True)) == {"enhetschef", "omradeschef"}
    days = list(Training.objects.values_list("completed_on", flat=True))
    assert min(days) >= date(2024, 1, 1) and max(days) <= TODAY
    assert {day.year for day in days} == {2024, 2025, 2026}
    assert set(Training.objects.values_list("recorded_by__username", flat=True)) == {
        "hr",
        "enhetschef",
        "omradeschef",
    }
    answers = list(ChecklistAnswer.objects.filter(user=personas["enhetschef"]).order_by("answered_on"))
    assert len(answers) == 4 == ChecklistAnswer.objects.count()
    assert answers[0].answered_on >= TODAY - timedelta(days=2 * 366) and answers[-1].answered_on < TODAY
    means = [mean(answer) for answer in answers]
    assert means == sorted(means) and means[-1] - means[0] >= 1
    # A second run adds nothing.
    assert ensure_demo_leadership() == 0
    assert Training.objects.count() == 11 and ChecklistAnswer.objects.count() == 4


def test_the_demo_does_nothing_without_leaders_and_gives_other_leaders_trainings_too(org, django_user_model):
    assert ensure_demo_leadership() == 0 and not ChecklistAnswer.objects.exists()
    other = django_user_model.objects.create_user(username="chef-x", password="test-password-1")
    RoleAssignment.objects.create(user=other, role=Role.AREA_MANAGER, unit_id="IFO")
    assert ensure_demo_leadership() == 2
    assert Training.objects.filter(user=other).count() == 2 and not ChecklistAnswer.objects.exists()
