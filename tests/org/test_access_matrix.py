"""Every view × every persona → the right status, case by case over the scope: units and persons
inside and outside it, and existing objects. Outside one's scope, a unit or person is "not found",
exactly like one that does not exist. Every URL's row of the capability table, for every persona, is
played in test_url_access.py."""

import re
from datetime import date

import pytest
from django.urls import reverse
from personas import ALL_PERSONAS

from kasam.org.models import Unit
from kasam.plans.models import Activity, HealthPlan
from kasam.pulse.models import Programme, Round
from kasam.survey.models import Survey
from kasam.targets.models import Target

ALL = ALL_PERSONAS  # every persona's username (tests/personas.py)
ROOT_ROLES = {"ledning", "halsostrateg", "hr", "politiker"}
TARGET_READERS = ROOT_ROLES | {"omradeschef", "enhetschef"}  # the roles with VIEW_TARGETS
DIALOG_RUNNERS = {"enhetschef", "omradeschef", "halsostrateg", "dialogcoach"}  # RUN_DIALOGS
PLAN_ROOT_READERS = ROOT_ROLES - {"politiker"}  # the committee reads no health plan (VIEW_HEALTH_PLAN)


def expect(allowed: set[str], ok: int = 200, denied: int = 404) -> dict[str, int]:
    return {name: ok if name in allowed else denied for name in ALL}


MATRIX = [
    # Everyone reaches the start page; the employee starts on their own workplace's page (a redirect).
    ("core:home", {}, expect(set(ALL)) | {"medarbetare": 302}),
    ("org:unit-detail", {"unit_id": "SOC"}, expect(ROOT_ROLES)),
    ("org:unit-detail", {"unit_id": "AO"}, expect(ROOT_ROLES | {"omradeschef"})),
    (
        "org:unit-detail",
        {"unit_id": "AO-HT1"},
        expect(ROOT_ROLES | {"omradeschef", "enhetschef", "medarbetare"}),
    ),
    (
        "org:unit-detail",
        {"unit_id": "AO-HT1-A"},
        expect(ROOT_ROLES | {"omradeschef", "enhetschef", "medarbetare"}),
    ),
    ("org:unit-detail", {"unit_id": "AO-SB1"}, expect(ROOT_ROLES | {"omradeschef", "dialogcoach"})),
    ("org:unit-detail", {"unit_id": "IFO-BU"}, expect(ROOT_ROLES | {"dialogcoach"})),
    ("org:unit-detail", {"unit_id": "NO-SUCH-UNIT"}, expect(set())),
    ("org:person-detail", {"person_id": "P1"}, expect({"enhetschef", "omradeschef", "halsostrateg", "hr"})),
    ("org:person-detail", {"person_id": "P2"}, expect({"enhetschef", "omradeschef", "halsostrateg", "hr"})),
    ("org:person-detail", {"person_id": "P3"}, expect({"omradeschef", "halsostrateg", "hr"})),
    ("org:person-detail", {"person_id": "P4"}, expect({"halsostrateg", "hr"})),
    # P5's only employment has ended: former staff are nobody's to look up here.
    ("org:person-detail", {"person_id": "P5"}, expect(set())),
    ("org:person-detail", {"person_id": "NOBODY"}, expect(set())),
    ("org:import-file", {}, expect({"halsostrateg", "hr"}, denied=403)),
    ("releases:list", {}, expect({"halsostrateg", "hr"})),
    ("absence:early-signals-start", {}, expect({"enhetschef", "hr"}, ok=302, denied=403)),
    ("absence:early-signals", {"unit_id": "AO-HT1"}, expect({"enhetschef", "hr"})),
    ("absence:early-signals", {"unit_id": "AO-SB1"}, expect({"hr"})),
    # Pulse results: every role, within its scope, always through the gate.
    ("pulse:overview", {}, expect(set(ALL))),
    ("pulse:dashboard", {"unit_id": "SOC"}, expect(ROOT_ROLES)),
    (
        "pulse:dashboard",
        {"unit_id": "AO-HT1"},
        expect(ROOT_ROLES | {"omradeschef", "enhetschef", "medarbetare"}),
    ),
    ("pulse:dashboard", {"unit_id": "AO-SB1"}, expect(ROOT_ROLES | {"omradeschef", "dialogcoach"})),
    ("pulse:dashboard", {"unit_id": "IFO-BU"}, expect(ROOT_ROLES | {"dialogcoach"})),
    ("pulse:dashboard", {"unit_id": "NO-SUCH-UNIT"}, expect(set())),
    # Pulse export of a round: a round that does not exist is "not found" for everyone (the rounds
    # that do exist are in EXPORT_MATRIX below).
    ("pulse:export", {"round_id": 999999, "fmt": "csv"}, expect(set())),
    ("pulse:export", {"round_id": 999999, "fmt": "xlsx"}, expect(set())),
    # Pulse programmes: the health strategist and HR set them up; others are refused outright.
    ("pulse:programmes", {}, expect({"halsostrateg", "hr"}, denied=403)),
    ("pulse:programme-new", {}, expect({"halsostrateg", "hr"}, denied=403)),
    (
        "pulse:programme-edit",
        {"programme_id": 999999},
        expect(set(), denied=403) | {"halsostrateg": 404, "hr": 404},
    ),
    # Health plans and health factors: the unit's staff and everyone above read, the unit's manager
    # writes; outside either scope "not found" (the pages of an existing plan are in PLAN_MATRIX).
    ("plans:overview", {}, expect(set(ALL))),
    (
        "plans:unit",
        {"unit_id": "AO-HT1"},
        expect(PLAN_ROOT_READERS | {"omradeschef", "enhetschef", "medarbetare"}, ok=302),
    ),
    ("plans:unit", {"unit_id": "IFO-BU"}, expect(PLAN_ROOT_READERS | {"dialogcoach"}, ok=302)),
    (
        "plans:plan",
        {"unit_id": "AO-HT1", "year": 2026},
        expect(PLAN_ROOT_READERS | {"omradeschef", "enhetschef", "medarbetare"}),
    ),
    (
        "plans:plan",
        {"unit_id": "AO-SB1", "year": 2026},
        expect(PLAN_ROOT_READERS | {"omradeschef", "dialogcoach"}),
    ),
    ("plans:plan", {"unit_id": "NO-SUCH-UNIT", "year": 2026}, expect(set())),
    ("plans:plan-pdf", {"unit_id": "AO-HT1", "year": 2026}, expect(set())),  # no plan made yet
    (
        "plans:factors",
        {"unit_id": "AO-HT1"},
        expect(PLAN_ROOT_READERS | {"omradeschef", "enhetschef", "medarbetare"}),
    ),
    ("plans:factors", {"unit_id": "IFO-BU"}, expect(PLAN_ROOT_READERS | {"dialogcoach"})),
    ("plans:factors", {"unit_id": "NO-SUCH-UNIT"}, expect(set())),
    ("plans:rating-new", {"unit_id": "AO-HT1"}, expect({"enhetschef"})),
    ("plans:rating-new", {"unit_id": "AO-HT1-A"}, expect({"enhetschef"})),
    ("plans:rating-new", {"unit_id": "AO-SB1"}, expect(set())),
    # Targets: the roles with VIEW_TARGETS read those their scope reaches, the health strategist and HR
    # set them, others are refused outright (the pages of existing targets are in TARGET_MATRIX).
    ("targets:list", {}, expect(TARGET_READERS, denied=403)),
    ("targets:new", {}, expect({"halsostrateg", "hr"}, denied=403)),
    ("targets:detail", {"target_id": 999999}, expect(set(), denied=403) | dict.fromkeys(TARGET_READERS, 404)),
    ("targets:edit", {"target_id": 999999}, expect(set(), denied=403) | {"halsostrateg": 404, "hr": 404}),
    # The employee survey: every role reads the gated figures of its scope; HR and the health
    # strategist import (the pages of an existing survey are in SURVEY_MATRIX).
    ("survey:overview", {}, expect(set(ALL))),
    ("survey:import", {}, expect({"halsostrateg", "hr"}, denied=403)),
    ("survey:survey", {"survey_id": 999999}, expect(set())),
    ("survey:unit", {"survey_id": 999999, "unit_id": "AO-HT1"}, expect(set())),
    ("survey:export", {"survey_id": 999999, "fmt": "csv"}, expect(set())),
    # Dialogs: the library is everyone's to read; those who run dialogs record them and the groups'
    # evaluations; the reach over the scope for the roles with VIEW_DIALOG_REACH; the health
    # strategist and HR edit the library.
    ("dialogs:library", {}, expect(set(ALL))),
    ("dialogs:programme", {"slug": "kasam-pa-apt"}, expect(set(ALL))),
    ("dialogs:programme", {"slug": "no-such-programme"}, expect(set())),
    ("dialogs:theme", {"slug": "kasam-pa-apt", "theme_slug": "begriplighet"}, expect(set(ALL))),
    ("dialogs:facilitator", {"slug": "kasam-pa-apt", "theme_slug": "begriplighet"}, expect(set(ALL))),
    ("dialogs:facilitator", {"slug": "kasam-pa-apt", "theme_slug": "no-such-theme"}, expect(set())),
    ("dialogs:record", {}, expect(DIALOG_RUNNERS, denied=403)),
    ("dialogs:evaluate", {"slug": "kasam-pa-apt"}, expect(DIALOG_RUNNERS, denied=403)),
    ("dialogs:reach", {}, expect(set(ALL) - {"medarbetare"}, denied=403)),
    ("dialogs:unit-reach", {"unit_id": "AO-HT1"}, expect(ROOT_ROLES | {"omradeschef", "enhetschef"})),
    ("dialogs:unit-reach", {"unit_id": "AO-SB1"}, expect(ROOT_ROLES | {"omradeschef", "dialogcoach"})),
    ("dialogs:unit-reach", {"unit_id": "NO-SUCH-UNIT"}, expect(set())),
    ("dialogs:programme-new", {}, expect({"halsostrateg", "hr"}, denied=403)),
    ("dialogs:programme-edit", {"slug": "kasam-pa-apt"}, expect({"halsostrateg", "hr"}, denied=403)),
    ("dialogs:theme-new", {"slug": "kasam-pa-apt"}, expect({"halsostrateg", "hr"}, denied=403)),
    (
        "dialogs:theme-edit",
        {"slug": "kasam-pa-apt", "theme_slug": "begriplighet"},
        expect({"halsostrateg", "hr"}, denied=403),
    ),
    # One's own login (docs/sso.md): why a second step is asked, and one's own second steps – every
    # signed-in user, about themselves only.
    ("accounts:second_factor_required", {}, expect(set(ALL))),
    ("mfa_index", {}, expect(set(ALL))),
    # The demo's outbox (pulse links and addresses): the health strategist only, "not found" to the rest.
    ("core:outbox", {}, expect({"halsostrateg"})),
]


@pytest.mark.parametrize(
    ("view", "kwargs", "statuses"), MATRIX, ids=lambda v: str(v) if isinstance(v, str) else ""
)
def test_it_answers_each_persona_as_its_role_allows(client, personas, view, kwargs, statuses):
    url = reverse(view, kwargs=kwargs)
    for username, expected in statuses.items():
        client.force_login(personas[username])
        assert client.get(url).status_code == expected, (view, kwargs, username)


# The export of a closed pulse round over the subtree of a unit (the programme's root): the overview's
# access, so every role whose scope meets the round's tree; anything else is "not found".
EXPORT_MATRIX = [
    ("SOC", expect(set(ALL))),
    ("AO", expect(ROOT_ROLES | {"omradeschef", "enhetschef", "medarbetare", "dialogcoach"})),
    ("AO-HT1", expect(ROOT_ROLES | {"omradeschef", "enhetschef", "medarbetare"})),
    ("AO-SB1", expect(ROOT_ROLES | {"omradeschef", "dialogcoach"})),
    ("IFO", expect(ROOT_ROLES | {"dialogcoach"})),
]


def _closed_round(root: str) -> Round:
    units = Unit.objects.filter(path__startswith=Unit.objects.get(pk=root).path)
    tree = {u.pk: (u.parent_id if u.pk != root else None) for u in units}
    programme = Programme.objects.create(name=f"Puls {root}", root_unit_id=root)
    return Round.objects.create(
        programme=programme,
        number=1,
        opens_on=date(2026, 11, 2),
        closes_on=date(2026, 11, 20),
        status=Round.Status.CLOSED,
        statement_ids=["beg1"],
        k=5,
        tree=tree,
        shown_nodes=[],
    )


@pytest.mark.parametrize(("root", "statuses"), EXPORT_MATRIX, ids=[root for root, _ in EXPORT_MATRIX])
def test_it_lets_each_persona_export_a_pulse_round_its_scope_meets(client, personas, root, statuses):
    round = _closed_round(root)
    for fmt in ("csv", "xlsx"):
        url = reverse("pulse:export", kwargs={"round_id": round.pk, "fmt": fmt})
        for username, expected in statuses.items():
            client.force_login(personas[username])
            assert client.get(url).status_code == expected, (root, fmt, username)


# The pages of Hemtjänst Norr's plan for 2026 (with one area and one activity), read with GET;
# "area" and "activity" stand for their ids.
HT1_READERS = PLAN_ROOT_READERS | {"omradeschef", "enhetschef", "medarbetare"}
PLAN_MATRIX = [
    ("plans:plan", {}, expect(HT1_READERS)),
    ("plans:plan-pdf", {}, expect(HT1_READERS)),
    ("plans:area-new", {}, expect({"enhetschef"})),
    ("plans:area-edit", {"area_id": "area"}, expect({"enhetschef"})),
    ("plans:activity-new", {}, expect({"enhetschef"})),
    ("plans:activity-edit", {"activity_id": "activity"}, expect({"enhetschef"})),
    ("plans:activity-follow-up", {"activity_id": "activity"}, expect({"enhetschef"})),
]
# The plan's POST-only addresses: its manager is sent back to the plan, everyone else "not found".
PLAN_POSTS = [
    ("plans:plan-create", {}, {}),
    ("plans:area-from-source", {}, {"source": "health_factor", "ref": "leadership", "title": ""}),
    ("plans:activity-status", {"activity_id": "activity"}, {"status": "ongoing"}),
    ("plans:activity-share", {"activity_id": "activity"}, {"share": "no"}),
    ("plans:area-delete", {"area_id": "area"}, {}),
]


def _ht1_plan() -> dict[str, int]:
    plan = HealthPlan.objects.create(
        unit_id="AO-HT1", year=2026, snapshot={}, snapshot_taken_on=date(2026, 11, 25)
    )
    area = plan.areas.create(kind="strengthen", title="Återkoppling")
    activity = Activity.objects.create(
        plan=plan, area=area, what="Vad", how="Hur", why="Varför", who="Vem", when="När",
        follow_up="Uppföljning", follow_up_on=date(2026, 12, 1),
    )  # fmt: skip
    return {"area": area.pk, "activity": activity.pk}


def _plan_kwargs(kwargs: dict, ids: dict[str, int]) -> dict:
    return {"unit_id": "AO-HT1", "year": 2026, **{key: ids[value] for key, value in kwargs.items()}}


@pytest.mark.parametrize(("view", "kwargs", "statuses"), PLAN_MATRIX, ids=[row[0] for row in PLAN_MATRIX])
def test_it_lets_each_persona_read_or_write_a_health_plan_as_its_role_allows(
    client, personas, view, kwargs, statuses
):
    url = reverse(view, kwargs=_plan_kwargs(kwargs, _ht1_plan()))
    for username, expected in statuses.items():
        client.force_login(personas[username])
        assert client.get(url).status_code == expected, (view, username)
    client.logout()
    assert client.get(url)["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(("view", "kwargs", "data"), PLAN_POSTS, ids=[row[0] for row in PLAN_POSTS])
def test_only_the_unit_manager_posts_to_a_health_plan(client, personas, view, kwargs, data):
    url = reverse(view, kwargs=_plan_kwargs(kwargs, _ht1_plan()))
    for username in ALL:
        if username == "enhetschef":
            continue
        client.force_login(personas[username])
        assert client.post(url, data).status_code == 404, (view, username)
        assert client.get(url).status_code == 405, (view, username)
    client.force_login(personas["enhetschef"])
    assert client.post(url, data).status_code == 302


# Existing targets: for the organisation (SOC), a unit's own (AO-HT1), each unit of the whole tree, and
# each unit under IFO. A reader whose scope the target does not reach gets "not found"; the roles
# without VIEW_TARGETS are refused. Only the health strategist and HR (over SOC) change them.
TARGET_MATRIX = [
    ({"scope": "organisation", "unit_id": "SOC"}, ROOT_ROLES),
    ({"scope": "organisation", "unit_id": "AO-HT1"}, TARGET_READERS),
    ({"scope": "each_unit", "unit_id": None}, TARGET_READERS),
    ({"scope": "each_unit", "unit_id": "IFO"}, ROOT_ROLES),
]


@pytest.mark.parametrize(("fields", "readers"), TARGET_MATRIX, ids=["SOC", "AO-HT1", "each", "each-IFO"])
def test_it_lets_each_persona_read_or_set_a_target_as_its_role_allows(client, personas, fields, readers):
    target = Target.objects.create(
        figure="sick_leave", year=2026, kind="level", value=8, base_year=2025, **fields
    )
    read = expect(set(), denied=403) | dict.fromkeys(TARGET_READERS, 404) | dict.fromkeys(readers, 200)
    for view, statuses in (
        ("targets:detail", read),
        ("targets:edit", expect({"halsostrateg", "hr"}, denied=403)),
    ):
        url = reverse(view, kwargs={"target_id": target.pk})
        for username, expected in statuses.items():
            client.force_login(personas[username])
            assert client.get(url).status_code == expected, (view, fields, username)
    client.logout()
    assert client.get(url)["Location"].startswith(reverse("account_login"))


# An existing survey: its table and export for everyone (each sees the units of their scope), a unit's
# page for those whose scope holds the unit, as the pulse dashboard.
SURVEY_MATRIX = [
    ("survey:survey", {}, expect(set(ALL))),
    ("survey:export", {"fmt": "csv"}, expect(set(ALL))),
    ("survey:export", {"fmt": "xlsx"}, expect(set(ALL))),
    ("survey:unit", {"unit_id": "SOC"}, expect(ROOT_ROLES)),
    ("survey:unit", {"unit_id": "AO-HT1"}, expect(ROOT_ROLES | {"omradeschef", "enhetschef", "medarbetare"})),
    ("survey:unit", {"unit_id": "AO-SB1"}, expect(ROOT_ROLES | {"omradeschef", "dialogcoach"})),
    ("survey:unit", {"unit_id": "IFO-BU"}, expect(ROOT_ROLES | {"dialogcoach"})),
    ("survey:unit", {"unit_id": "NO-SUCH-UNIT"}, expect(set())),
]


@pytest.mark.parametrize(
    ("view", "kwargs", "statuses"),
    SURVEY_MATRIX,
    ids=[f"{v}-{sorted(k.values())}" for v, k, _ in SURVEY_MATRIX],
)
def test_it_lets_each_persona_read_a_survey_as_its_scope_allows(client, personas, view, kwargs, statuses):
    survey = Survey.objects.create(name="Medarbetarenkät", year=2026, filename="s.csv", file_sha256="0" * 64)
    url = reverse(view, kwargs={"survey_id": survey.pk, **kwargs})
    for username, expected in statuses.items():
        client.force_login(personas[username])
        assert client.get(url).status_code == expected, (view, kwargs, username)
    client.logout()
    assert client.get(url)["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("view", "kwargs", "statuses"), MATRIX, ids=lambda v: str(v) if isinstance(v, str) else ""
)
def test_it_sends_anonymous_visitors_to_the_login_page(client, org, view, kwargs, statuses):
    response = client.get(reverse(view, kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_it_answers_not_allowed_exactly_like_not_found(client, personas):
    client.force_login(personas["enhetschef"])
    hidden = client.get(reverse("org:unit-detail", kwargs={"unit_id": "AO-SB1"}))
    missing = client.get(reverse("org:unit-detail", kwargs={"unit_id": "ZZZ"}))
    assert hidden.status_code == missing.status_code == 404
    # Pages differ only in their per-request CSRF token and the address asked for.
    token = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    hidden_page = token.sub(b"", hidden.content).replace(b"AO-SB1", b"ZZZ")
    assert hidden_page == token.sub(b"", missing.content)


def test_it_refuses_posts_to_read_only_pages(client, personas):
    client.force_login(personas["hr"])
    assert client.post(reverse("core:home")).status_code == 405
    assert client.post(reverse("org:unit-detail", kwargs={"unit_id": "SOC"})).status_code == 405


def test_a_user_without_roles_sees_no_units(client, org, django_user_model):
    user = django_user_model.objects.create_user(username="ny", password="test-password-1")
    client.force_login(user)
    page = client.get(reverse("core:home")).content.decode()
    assert "Hemtjänst Norr" not in page
    assert client.get(reverse("org:unit-detail", kwargs={"unit_id": "SOC"})).status_code == 404
