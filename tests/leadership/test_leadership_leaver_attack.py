"""The leaver attack on the leaders' checklist (docs/anonymity.md, "Aggregates over people"): a viewer
above the leaders (leadership, the health strategist, HR – VIEW_LEADERSHIP) reads the year's aggregate
over 11 leaders, one leader leaves (their login is deactivated, or their manager's role removed), and
the viewer reads the aggregate again. 11 × the mean before − 10 × the mean after is the leaver's answer
to each statement.

On the old code the aggregate was recomputed on every request over the leaders in scope at that
moment (released in steps of k leaders, which a leaver does not undo), so the second reading covered
10 leaders and the subtraction gave the leaver's ten scores exactly, for every viewer and both ways
of leaving (the means are rounded to 2 decimals; 11 × 0.005 + 10 × 0.005 < 0.5, so rounding to a whole
number removes the rounding). Now the aggregate is a release stored once; a leader leaving never
changes it, and a new release needs at least k answers since and at least k contributors changed."""

from datetime import date

import pytest
from django.urls import reverse

from kasam.leadership.checklist import SLUGS, record_answer
from kasam.org.models import Role, RoleAssignment

UNITS = ["AO-HT1", "AO-SB1", "IFO-BU", "AO", "IFO"]
LEAVER_SCORES = (1, 5, 2, 4, 1, 5, 3, 1, 2, 5)


pytestmark = pytest.mark.usefixtures("english")


def eleven_leaders(django_user_model):
    """Eleven unit managers with answers in 2026, the last one the leaver-to-be."""
    leaders = []
    for n in range(11):
        user = django_user_model.objects.create_user(username=f"chef-{n}", password="test-password-1")
        RoleAssignment.objects.create(user=user, role=Role.UNIT_MANAGER, unit_id=UNITS[n % len(UNITS)])
        leaders.append(user)
    for n, leader in enumerate(leaders[:10]):
        values = [(n + i) % 5 + 1 for i in range(10)]
        record_answer(leader, date(2026, 10, 1 + n), dict(zip(SLUGS, values, strict=True)))
    # The leaver answers on the same day as the tenth leader, so that all eleven are released.
    record_answer(leaders[10], date(2026, 10, 10), dict(zip(SLUGS, LEAVER_SCORES, strict=True)))
    return leaders


def means_on_the_page(client) -> tuple[int, list[float]]:
    (aggregate,) = client.get(reverse("leadership:overview") + "?ar=2026").context["aggregates"]
    assert aggregate.shown
    return aggregate.leaders, [mean for _text, mean, _share in aggregate.rows]


def leave_by_deactivation(leader):
    leader.is_active = False
    leader.save()


def leave_by_losing_the_role(leader):
    RoleAssignment.objects.filter(user=leader).delete()


@pytest.mark.parametrize("leave", [leave_by_deactivation, leave_by_losing_the_role])
@pytest.mark.parametrize("viewer", ["ledning", "halsostrateg", "hr"])
def test_a_leaver_does_not_change_the_released_aggregate(client, personas, django_user_model, leave, viewer):
    leaders = eleven_leaders(django_user_model)
    client.force_login(personas[viewer])
    before_count, before = means_on_the_page(client)
    assert before_count == 11
    leave(leaders[10])
    after_count, after = means_on_the_page(client)
    recovered = tuple(round(11 * b - 10 * a) for b, a in zip(before, after, strict=True))
    assert recovered != LEAVER_SCORES
    # Nothing moved: the same release, over the same 11 leaders.
    assert (after_count, after) == (before_count, before)
