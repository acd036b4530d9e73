"""Who reads and who writes health plans: the unit's staff and everyone above read (VIEW_HEALTH_PLAN
over their scope), the unit's manager writes (EDIT_HEALTH_PLAN); every other address – a unit outside
the scope, or a write by a reader – is "not found", exactly like a unit that does not exist."""

import re

import pytest
from django.urls import reverse
from plan_helpers import activity_post, add_activity, make_plan

from kasam.plans.models import Activity, HealthFactorRating, HealthPlan, PlanArea

# The committee reads no health plan (docs/definitions.md "Roles and who sees what").
READERS_OF_HT1 = {"medarbetare", "enhetschef", "omradeschef", "ledning", "halsostrateg", "hr"}
EVERYONE = READERS_OF_HT1 | {"dialogcoach", "politiker"}


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def plan(personas):
    plan = make_plan("AO-HT1")
    area = plan.areas.create(kind="strengthen", title="Återhämtning")
    activity = add_activity(plan, area=area)
    return plan, area, activity


def write_requests(unit_id="AO-HT1", year=2026, area_id=1, activity_id=1):
    base = {"unit_id": unit_id, "year": year}
    return [
        ("plans:plan-create", base, {}),
        ("plans:area-new", base, {"kind": "keep", "title": "Ny styrka"}),
        ("plans:area-edit", base | {"area_id": area_id}, {"kind": "keep", "title": "Ändrad"}),
        ("plans:area-from-source", base, {"source": "health_factor", "ref": "leadership", "title": ""}),
        ("plans:activity-new", base, activity_post(what="Nytt")),
        ("plans:activity-edit", base | {"activity_id": activity_id}, activity_post(what="Ändrat")),
        (
            "plans:activity-follow-up",
            base | {"activity_id": activity_id},
            {"followed_up_on": "2026-11-20", "reflection": "Bra"},
        ),
        ("plans:activity-status", base | {"activity_id": activity_id}, {"status": "ongoing"}),
        ("plans:area-delete", base | {"area_id": area_id}, {}),
        ("plans:rating-new", {"unit_id": unit_id}, {"rated_on": "2026-11-20"}),
    ]


def snapshot_of_data():
    return (
        list(HealthPlan.objects.values()),
        list(PlanArea.objects.values()),
        list(Activity.objects.values()),
        HealthFactorRating.objects.count(),
    )


@pytest.mark.parametrize("username", sorted(EVERYONE - {"enhetschef"}))
def test_only_the_unit_manager_writes(client, personas, plan, username):
    _plan, area, activity = plan
    client.force_login(personas[username])
    before = snapshot_of_data()
    for name, kwargs, data in write_requests(area_id=area.pk, activity_id=activity.pk):
        url = reverse(name, kwargs=kwargs)
        assert client.post(url, data).status_code == 404, (name, username)
        if name in {"plans:area-new", "plans:activity-new", "plans:rating-new"}:
            assert client.get(url).status_code == 404, (name, username)
    assert snapshot_of_data() == before


def test_the_unit_manager_writes_the_own_unit_and_its_teams_not_others(client, personas, plan):
    _plan, area, activity = plan
    client.force_login(personas["enhetschef"])
    for name, kwargs, data in write_requests(area_id=area.pk, activity_id=activity.pk):
        assert client.post(reverse(name, kwargs=kwargs), data).status_code in (200, 302), name
    assert (
        client.post(reverse("plans:plan-create", kwargs={"unit_id": "AO-HT1-A", "year": 2026})).status_code
        == 302
    )
    assert HealthPlan.objects.filter(unit_id="AO-HT1-A").exists()
    other = make_plan("AO-SB1")
    other_area = other.areas.create(kind="keep", title="Solgårdens styrka")
    other_activity = add_activity(other)
    before = snapshot_of_data()
    for name, kwargs, data in write_requests("AO-SB1", area_id=other_area.pk, activity_id=other_activity.pk):
        assert client.post(reverse(name, kwargs=kwargs), data).status_code == 404, name
    assert snapshot_of_data() == before


def test_an_area_or_activity_of_another_plan_is_not_found_through_the_own_unit(client, personas, plan):
    other = make_plan("AO-SB1")
    other_area = other.areas.create(kind="keep", title="Solgårdens styrka")
    other_activity = add_activity(other)
    client.force_login(personas["enhetschef"])
    edit = reverse(
        "plans:activity-edit", kwargs={"unit_id": "AO-HT1", "year": 2026, "activity_id": other_activity.pk}
    )
    assert client.post(edit, activity_post(what="Kapad")).status_code == 404
    area = reverse("plans:area-edit", kwargs={"unit_id": "AO-HT1", "year": 2026, "area_id": other_area.pk})
    assert client.post(area, {"kind": "keep", "title": "Kapad"}).status_code == 404
    assert Activity.objects.get(pk=other_activity.pk).what != "Kapad"


@pytest.mark.parametrize("username", sorted(EVERYONE))
def test_readers_read_their_scope_only(client, personas, plan, username):
    make_plan("IFO-BU")
    client.force_login(personas[username])
    pages = {
        ("AO-HT1", "plans:plan"): username in READERS_OF_HT1,
        ("AO-HT1", "plans:plan-pdf"): username in READERS_OF_HT1,
        ("AO-HT1", "plans:factors"): username in READERS_OF_HT1,
        ("IFO-BU", "plans:plan"): username in {"ledning", "halsostrateg", "hr", "dialogcoach"},
    }
    for (unit_id, name), allowed in pages.items():
        kwargs = {"unit_id": unit_id} if name == "plans:factors" else {"unit_id": unit_id, "year": 2026}
        assert client.get(reverse(name, kwargs=kwargs)).status_code == (200 if allowed else 404), (
            name,
            unit_id,
        )


def test_the_committee_reads_no_unit_health_plan(client, personas, plan):
    # Found by an outside test: the committee, assigned over the whole organisation, read every
    # unit's plan, its PDF and its health-factor ratings. Now each is "not found" and the overview
    # lists no unit.
    client.force_login(personas["politiker"])
    for name in ("plans:plan", "plans:plan-pdf"):
        assert client.get(reverse(name, kwargs={"unit_id": "AO-HT1", "year": 2026})).status_code == 404
    assert client.get(reverse("plans:factors", kwargs={"unit_id": "AO-HT1"})).status_code == 404
    overview = client.get(reverse("plans:overview"))
    assert overview.status_code == 200 and not overview.context["rows"]
    assert "Hemtjänst Norr" not in overview.content.decode()


def test_only_editors_see_the_edit_controls(client, personas, plan):
    url = reverse("plans:plan", kwargs={"unit_id": "AO-HT1", "year": 2026})
    client.force_login(personas["enhetschef"])
    assert "Add an activity" in client.get(url).content.decode()
    for username in ("medarbetare", "omradeschef"):
        client.force_login(personas[username])
        content = client.get(url).content.decode()
        assert "Add an activity" not in content and "Follow up" not in content
        assert "Återhämtningspaus på APT" in content


def test_a_plan_outside_the_scope_answers_exactly_like_a_missing_unit(client, personas):
    make_plan("AO-SB1")
    client.force_login(personas["enhetschef"])
    token = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    for name, extra in (
        ("plans:plan", {"year": 2026}),
        ("plans:factors", {}),
        ("plans:plan-pdf", {"year": 2026}),
    ):
        hidden = client.get(reverse(name, kwargs={"unit_id": "AO-SB1", **extra}))
        missing = client.get(reverse(name, kwargs={"unit_id": "ZZZ-SB1", **extra}))
        assert hidden.status_code == missing.status_code == 404
        assert token.sub(b"", hidden.content).replace(b"AO-SB1", b"ZZZ-SB1") == token.sub(
            b"", missing.content
        )


def test_a_year_out_of_range_is_not_found(client, personas):
    client.force_login(personas["enhetschef"])
    assert client.get(reverse("plans:plan", kwargs={"unit_id": "AO-HT1", "year": 1999})).status_code == 404
    assert client.get(reverse("plans:plan", kwargs={"unit_id": "AO-HT1", "year": 2025})).status_code == 200


def test_the_unit_address_leads_to_this_year_s_plan(client, personas):
    client.force_login(personas["medarbetare"])
    response = client.get(reverse("plans:unit", kwargs={"unit_id": "AO-HT1"}))
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:plan", kwargs={"unit_id": "AO-HT1", "year": 2026})
    page = client.get(response["Location"]).content.decode()
    assert "There is no health plan for 2026 yet." in page and "Start the plan" not in page
    client.force_login(personas["enhetschef"])
    assert "Start the plan for 2026" in client.get(response["Location"]).content.decode()
