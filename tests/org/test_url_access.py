"""The access matrix generated from the capability table: every URL name Kasam answers has one row in
kasam.org.roles.URL_ACCESS (a new URL without one fails here), and every persona's answer for every
URL is derived from that row and the role table (CAPABILITIES) – computed here from the assignments,
not through kasam.org.access, so that a view that asks the wrong question fails. The scope-specific
cases of each view are in test_access_matrix.py."""

from datetime import date

import pytest
from django.urls import URLResolver, get_resolver, reverse

from kasam.org.models import Role, RoleAssignment, Unit
from kasam.org.roles import (
    CAPABILITIES,
    ORGANISATION,
    URL_ACCESS,
    Needs,
    Open,
    url_access,
)
from kasam.plans.models import Activity, HealthPlan
from kasam.pulse.models import Programme, Round
from kasam.rehab.models import Adjustment, Case, ReturnPlan
from kasam.reports.models import Report
from kasam.sam.models import Risk, RoutineDocument, SafetyRound, TaskDelegation
from kasam.survey.models import Survey
from kasam.targets.models import Target
from kasam.workplace.models import HealthColumn

# The conftest's personas, and more: leadership over one area, a login nobody has given a role (both
# played by the outside test), and the safety representative of Hemtjänst Norr.
EXTRA_PERSONAS = {
    "ledning-ao": [(Role.LEADERSHIP, "AO")],
    "nobody": [],
    "skyddsombud": [(Role.SAFETY_REPRESENTATIVE, "AO-HT1")],
}


def url_names(resolver=None, namespace: str = ""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from url_names(
                pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            )
        elif pattern.name:
            yield namespace + pattern.name


def test_every_url_name_has_a_row_in_the_access_table():
    assert sorted({name for name in url_names() if url_access(name) is None}) == []


def test_every_row_of_the_access_table_names_a_url():
    assert sorted(set(URL_ACCESS) - set(url_names())) == []


@pytest.fixture
def world(personas, django_user_model):
    """One object of each kind the URLs name, all within Hemtjänst Norr (AO-HT1) unless said."""
    users = dict(personas)
    for username, assignments in EXTRA_PERSONAS.items():
        users[username] = django_user_model.objects.create_user(username=username, password="test-password-1")
        for role, unit_id in assignments:
            RoleAssignment.objects.create(user=users[username], role=role, unit_id=unit_id)
    plan = HealthPlan.objects.create(
        unit_id="AO-HT1", year=2026, snapshot={}, snapshot_taken_on=date(2026, 11, 25)
    )
    area = plan.areas.create(kind="strengthen", title="Återkoppling")
    activity = Activity.objects.create(
        plan=plan, area=area, what="Vad", how="Hur", why="Varför", who="Vem", when="När",
        follow_up="Uppföljning", follow_up_on=date(2026, 12, 1),
    )  # fmt: skip
    programme = Programme.objects.create(name="Puls Hemtjänst Norr", root_unit_id="AO-HT1")
    round = Round.objects.create(
        programme=programme, number=1, opens_on=date(2026, 11, 2), closes_on=date(2026, 11, 20),
        status=Round.Status.CLOSED, statement_ids=["beg1"], k=5,
        tree={"AO-HT1": None, "AO-HT1-A": "AO-HT1"}, shown_nodes=[],
    )  # fmt: skip
    survey = Survey.objects.create(name="Medarbetarenkät", year=2026, filename="s.csv", file_sha256="0" * 64)
    target = Target.objects.create(
        figure="sick_leave",
        year=2026,
        kind="level",
        value=8,
        base_year=2025,
        scope="organisation",
        unit_id="SOC",
    )
    report = Report.objects.create(kind="health", year=2025, format="pdf", status="done", content=b"%PDF-")
    ids = {"area": area.pk, "activity": activity.pk, "programme": programme.pk, "round": round.pk}
    ids |= {"survey": survey.pk, "target": target.pk, "report": report.pk}
    ids["column"] = HealthColumn.objects.create(month=date(2026, 11, 1), title="Hälsokolumnen").pk
    ids["case"] = Case.objects.create(
        person_id="P1", source="manual", opened_on=date(2026, 11, 2), chosen_steps=["health_conversation"],
        unit_id="AO-HT1",
    ).pk  # fmt: skip
    ReturnPlan.objects.create(case_id=ids["case"], version=1, saved_on=date(2026, 11, 20))
    ids["adjustment"] = Adjustment.objects.create(
        case_id=ids["case"], kind="pace", description="Färre besök", starts_on=date(2026, 12, 1)
    ).pk
    held = SafetyRound.objects.create(unit_id="AO-HT1", held_on=date(2026, 11, 10))
    ids["safety_round"] = held.pk
    ids["risk"] = Risk.objects.create(
        unit_id="AO-HT1", round=held, area="workload", description="För många besök per pass",
        likelihood=3, consequence=3, found_on=date(2026, 11, 10), due_on=date(2026, 12, 10),
    ).pk  # fmt: skip
    ids["delegation"] = TaskDelegation.objects.create(
        unit_id="AO-HT1", holder=users["enhetschef"], given_by=users["omradeschef"], tasks="Skyddsronder",
        knowledge="Utbildning", authority="Beslut om inköp", resources="Tid", given_on=date(2026, 11, 2),
    ).pk  # fmt: skip
    ids["routine_document"] = RoutineDocument.objects.create(
        title="Rutin mot kränkande särbehandling", content=b"%PDF-1.7\n", uploaded_on=date(2026, 11, 1)
    ).pk
    return users, ids


PLAN = {"unit_id": "AO-HT1", "year": 2026}
# URL name: (kwargs with the world's ids named in braces, the units the object lies in, the answer of
# one allowed, a POST's data or None for a GET). URLs without a sample here take no argument, lie in
# no unit and answer 200 to a GET.
SAMPLES = {
    "org:unit-detail": ({"unit_id": "AO-HT1"}, ["AO-HT1"], 200, None),
    "org:person-detail": ({"person_id": "P2"}, ["AO-HT1-A"], 200, None),
    "absence:unit": ({"unit_id": "AO-HT1"}, ["AO-HT1"], 200, None),
    # The overview of a unit manager, who has no overview, is their unit's page.
    "absence:overview": ({}, [], (200, 302), None),
    "absence:early-signals-start": ({}, [], 302, None),
    "absence:early-signals": ({"unit_id": "AO-HT1"}, ["AO-HT1"], 200, None),
    "absence:follow-up-signal": ({"unit_id": "AO-HT1"}, ["AO-HT1"], 302, {"status": "new"}),
    "pulse:dashboard": ({"unit_id": "AO-HT1"}, ["AO-HT1"], 200, None),
    # A round is the scope's when its tree meets the scope.
    "pulse:export": ({"round_id": "{round}", "fmt": "csv"}, ["AO-HT1", "AO-HT1-A"], 200, None),
    "pulse:programme-edit": ({"programme_id": "{programme}"}, ["AO-HT1"], 200, None),
    "pulse:round": ({"programme_id": "{programme}", "round_id": "{round}"}, ["AO-HT1"], 200, None),
    "pulse:round-remind": ({"programme_id": "{programme}", "round_id": "{round}"}, ["AO-HT1"], 302, {}),
    "pulse:round-qr": ({"programme_id": "{programme}", "round_id": "{round}"}, ["AO-HT1"], 302, {}),
    "pulse:translation-language": ({"code": "ar"}, [], 200, None),
    "pulse:translation-edit": ({"code": "ar", "key": "page.heading"}, [], 200, None),
    "pulse:translation-review": (
        {"code": "ar"},
        [],
        302,
        {"reviewed_by": "Amina", "reviewed_on": "2026-11-20"},
    ),
    "survey:survey": ({"survey_id": "{survey}"}, [], 200, None),
    "survey:unit": ({"survey_id": "{survey}", "unit_id": "AO-HT1"}, ["AO-HT1"], 200, None),
    "survey:export": ({"survey_id": "{survey}", "fmt": "csv"}, [], 200, None),
    "targets:detail": ({"target_id": "{target}"}, ["SOC"], 200, None),
    "targets:edit": ({"target_id": "{target}"}, ["SOC"], 200, None),
    "plans:unit": ({"unit_id": "AO-HT1"}, ["AO-HT1"], 302, None),
    "plans:factors": ({"unit_id": "AO-HT1"}, ["AO-HT1"], 200, None),
    "plans:rating-new": ({"unit_id": "AO-HT1"}, ["AO-HT1"], 200, None),
    "plans:plan": (PLAN, ["AO-HT1"], 200, None),
    "plans:plan-pdf": (PLAN, ["AO-HT1"], 200, None),
    "plans:plan-create": (PLAN, ["AO-HT1"], 302, {}),
    "plans:area-new": (PLAN, ["AO-HT1"], 200, None),
    "plans:area-from-source": (
        PLAN,
        ["AO-HT1"],
        302,
        {"source": "health_factor", "ref": "leadership", "title": ""},
    ),
    "plans:area-edit": (PLAN | {"area_id": "{area}"}, ["AO-HT1"], 200, None),
    "plans:area-delete": (PLAN | {"area_id": "{area}"}, ["AO-HT1"], 302, {}),
    "plans:activity-new": (PLAN, ["AO-HT1"], 200, None),
    "plans:activity-edit": (PLAN | {"activity_id": "{activity}"}, ["AO-HT1"], 200, None),
    "plans:activity-follow-up": (PLAN | {"activity_id": "{activity}"}, ["AO-HT1"], 200, None),
    "plans:activity-status": (PLAN | {"activity_id": "{activity}"}, ["AO-HT1"], 302, {"status": "ongoing"}),
    "plans:activity-share": (PLAN | {"activity_id": "{activity}"}, ["AO-HT1"], 302, {"share": "no"}),
    "dialogs:evaluate": ({"slug": "kasam-pa-apt"}, [], 200, None),
    "dialogs:programme-edit": ({"slug": "kasam-pa-apt"}, [], 200, None),
    "dialogs:theme-new": ({"slug": "kasam-pa-apt"}, [], 200, None),
    "dialogs:theme-edit": ({"slug": "kasam-pa-apt", "theme_slug": "begriplighet"}, [], 200, None),
    "dialogs:unit-reach": ({"unit_id": "AO-HT1"}, ["AO-HT1"], 200, None),
    "leadership:own-training": ({}, [], 200, {}),
    "reports:download": ({"report_id": "{report}"}, [], 200, None),
    "gdpr:export": ({"person_id": "P1"}, ["AO-HT1"], 200, None),
    "column:draft": ({}, [], 302, {}),
    "sam:unit": ({"unit_id": "AO-HT1"}, ["AO-HT1"], 200, None),
    "sam:round-new": ({"unit_id": "AO-HT1"}, ["AO-HT1"], 302, {"held_on": "2026-11-20"}),
    "sam:round": ({"round_id": "{safety_round}"}, ["AO-HT1"], 200, None),
    "sam:round-answers": ({"round_id": "{safety_round}"}, ["AO-HT1"], 302, {"answer-workload": "risk"}),
    "sam:risk-new": ({"round_id": "{safety_round}"}, ["AO-HT1"], 302, {"area": "goals"}),
    "sam:round-sign": ({"round_id": "{safety_round}"}, ["AO-HT1"], 302, {}),
    "sam:risk-action": ({"risk_id": "{risk}"}, ["AO-HT1"], 200, None),
    "sam:risk-accept": ({"risk_id": "{risk}"}, ["AO-HT1"], 200, None),
    "sam:pack": ({"unit_id": "AO-HT1"}, ["AO-HT1"], 200, None),
    "sam:document": ({"document_id": "{routine_document}"}, [], 200, None),
    # Asks before it deletes.
    "sam:document-delete": ({"document_id": "{routine_document}"}, [], 200, None),
    # P1 has an open case: opening one leads to it.
    "rehab:open": ({"person_id": "P1"}, ["AO-HT1"], 302, None),
    "rehab:case": ({"case_id": "{case}"}, ["AO-HT1"], 200, None),
    "rehab:step": (
        {"case_id": "{case}"},
        ["AO-HT1"],
        302,
        {"step": "health_conversation", "done_on": "2026-11-20"},
    ),
    "rehab:close": ({"case_id": "{case}"}, ["AO-HT1"], 302, {"reason": "Klart"}),
    "rehab:delegate": ({"case_id": "{case}"}, ["AO-HT1"], 302, {}),
    "rehab:plan-edit": ({"case_id": "{case}"}, ["AO-HT1"], 200, None),
    "rehab:plan-pdf": ({"case_id": "{case}", "version": 1}, ["AO-HT1"], 200, None),
    "rehab:adjustment-new": ({"case_id": "{case}"}, ["AO-HT1"], 200, None),
    "rehab:adjustment-edit": ({"case_id": "{case}", "adjustment_id": "{adjustment}"}, ["AO-HT1"], 200, None),
    "rehab:meeting-new": ({"case_id": "{case}"}, ["AO-HT1"], 200, None),
    # A delegation's holder (enhetschef) accepts and returns it; another reader is sent back to its page.
    "sam:delegation-new": ({"unit_id": "AO-HT1"}, ["AO-HT1"], 200, None),
    "sam:delegation": ({"delegation_id": "{delegation}"}, ["AO-HT1"], 200, None),
    "sam:delegation-accept": ({"delegation_id": "{delegation}"}, ["AO-HT1"], 302, {}),
    "sam:delegation-return": (
        {"delegation_id": "{delegation}"},
        ["AO-HT1"],
        302,
        {"reason": "Tiden räcker inte"},
    ),
    "column:edit": ({"pk": "{column}"}, [], 200, None),
    "column:snippet": ({"pk": "{column}"}, [], 200, None),
}
NEEDS = sorted(name for name, row in URL_ACCESS.items() if isinstance(row, Needs))


def _kwargs(kwargs: dict, ids: dict) -> dict:
    return {k: ids[v[1:-1]] if isinstance(v, str) and v.startswith("{") else v for k, v in kwargs.items()}


def holds(user, row: Needs, units: list[str]) -> tuple[bool, bool]:
    """(holds the capability anywhere, holds it where the row asks) – from the role table."""
    granting = [
        a for a in RoleAssignment.objects.filter(user=user) if row.capability in CAPABILITIES[Role(a.role)]
    ]
    if row.over == ORGANISATION:
        return bool(granting), any(a.unit.parent_id is None for a in granting)
    paths = [Unit.objects.get(pk=u).path for u in units]
    if not paths:
        return bool(granting), bool(granting)
    return bool(granting), any(p.startswith(a.unit.path) for a in granting for p in paths)


def expected(user, row: Needs, units: list[str]) -> int | str:
    anywhere, there = holds(user, row, units)
    if there:
        return "allowed"
    if anywhere and units:
        return 404  # held, but not over the unit named: "not found"
    return row.denied


@pytest.mark.parametrize("name", NEEDS)
def test_each_persona_gets_what_the_capability_table_says(client, world, name):
    users, ids = world
    kwargs, units, ok, data = SAMPLES.get(name, ({}, [], 200, None))
    url = reverse(name, kwargs=_kwargs(kwargs, ids))
    row = URL_ACCESS[name]
    answers, wanted = {}, {}
    for username, user in users.items():
        client.force_login(user)
        response = client.post(url, data) if data is not None else client.get(url)
        oks = ok if isinstance(ok, tuple) else (ok,)
        wanted[username] = expected(user, row, units)
        allowed = wanted[username] == "allowed" and response.status_code in oks
        answers[username] = "allowed" if allowed else response.status_code
    assert answers == wanted
    client.logout()
    response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


OPEN_SAMPLES = {
    "pulse_answer:answer": {"token": "no-such-token"},
    "pulse_answer:thanks-in": {"language": "ar"},
    "dialogs:programme": {"slug": "kasam-pa-apt"},
    "dialogs:theme": {"slug": "kasam-pa-apt", "theme_slug": "begriplighet"},
    "dialogs:facilitator": {"slug": "kasam-pa-apt", "theme_slug": "begriplighet"},
    "mfa_remove_webauthn": {"pk": 999999},
    "rehab:mine-pdf": {"case_id": 999999, "version": 1},
    "mfa_edit_webauthn": {"pk": 999999},
}


@pytest.mark.parametrize("name", sorted(n for n, row in URL_ACCESS.items() if row is Open.SIGNED_IN))
def test_signed_in_pages_send_anonymous_visitors_to_the_login_page(client, world, name):
    users, _ids = world
    url = reverse(name, kwargs=OPEN_SAMPLES.get(name, {}))
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    # Signed in, nobody is sent to sign in or refused (the second factor's pages answer "not found"
    # for a factor one has not set up).
    for username in ("nobody", "medarbetare", "hr"):
        client.force_login(users[username])
        response = client.get(url)
        assert response.status_code in (200, 302, 404), username
        assert not response.get("Location", "").startswith(reverse("account_login")), username


@pytest.mark.parametrize("name", sorted(n for n, row in URL_ACCESS.items() if row is Open.NOWHERE))
def test_switched_off_addresses_are_not_found_for_everyone(client, world, name):
    users, _ids = world
    assert client.get(reverse(name)).status_code == 404
    client.force_login(users["hr"])
    assert client.get(reverse(name)).status_code == 404


def test_the_admin_lets_in_staff_and_the_role_givers_only(client, world):
    users, _ids = world
    index = reverse("admin:index")
    assert client.get(index).status_code == 302
    for username, status in {
        "nobody": 302,
        "enhetschef": 302,
        "politiker": 302,
        "hr": 200,
        "halsostrateg": 200,
    }.items():
        client.force_login(users[username])
        assert client.get(index).status_code == status, username
