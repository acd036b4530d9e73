"""The psychosocial safety round of a unit: the manager and the safety representative go through the
areas with the unit's figures beside each, rate a risk on the 4 × 4 matrix, turn it into an action of
the health plan or accept it, and both sign. The safety representative sees the unit's figures as its
staff do and no person's sick leave; another unit's manager finds nothing."""

from datetime import date

import pytest
from django.urls import reverse

from kasam.absence.access import ungated_units
from kasam.org.models import Role, RoleAssignment
from kasam.plans.models import Activity, HealthPlan
from kasam.sam.models import AreaAnswer, Risk, SafetyRound

TODAY = date(2026, 11, 25)  # the reference date of tests/conftest.py


@pytest.fixture
def representative(personas, django_user_model):
    user = django_user_model.objects.create_user(username="skyddsombud", password="test-password-1")
    RoleAssignment.objects.create(user=user, role=Role.SAFETY_REPRESENTATIVE, unit_id="AO-HT1")
    return user


@pytest.fixture
def held(client, personas):
    client.force_login(personas["enhetschef"])
    response = client.post(
        reverse("sam:round-new", kwargs={"unit_id": "AO-HT1"}),
        {"held_on": "2026-11-24", "participants": "Enhetschefen, skyddsombudet, 11 medarbetare"},
    )
    held = SafetyRound.objects.get()
    assert response["Location"] == reverse("sam:round", kwargs={"round_id": held.pk})
    return held


def rate(client, held, **fields):
    data = {"area": "workload", "description": "För många besök per pass", "likelihood": 3, "consequence": 3}
    return client.post(reverse("sam:risk-new", kwargs={"round_id": held.pk}), data | fields)


def test_the_round_shows_each_area_with_its_figures_and_saves_the_answers(client, personas, held):
    html = client.get(reverse("sam:round", kwargs={"round_id": held.pk})).content.decode()
    for area in (
        "Arbetsbelastning och resurser",
        "Kränkande särbehandling och konflikter",
        "Kunskap och introduktion",
    ):
        assert area in html
    assert "Puls: Arbetsbelastning" in html and "Sjukfrånvaro" in html
    assert "Kasam har inga siffror för det här området" in html  # knowledge and introduction
    assert "Får nya kollegor och vikarier en bra introduktion?" in html  # the checklist's own words
    client.post(
        reverse("sam:round-answers", kwargs={"round_id": held.pk}),
        {"answer-workload": "risk", "note-workload": "Stressigt på morgonen", "answer-goals": "works_well"},
    )
    assert {a.area: a.answer for a in AreaAnswer.objects.all()} == {"workload": "risk", "goals": "works_well"}


def test_a_risk_is_rated_on_the_matrix_and_becomes_a_plan_action_that_closes_it(client, personas, held):
    rate(client, held)
    risk = Risk.objects.get()
    assert (risk.unit_id, risk.found_on, risk.due_on) == ("AO-HT1", date(2026, 11, 24), date(2026, 12, 24))
    html = client.get(reverse("sam:round", kwargs={"round_id": held.pk})).content.decode()
    assert "Hög risk" in html and 'class="risk-level risk-high"' in html  # words, never colour alone
    response = client.post(
        reverse("sam:risk-action", kwargs={"risk_id": risk.pk}),
        {
            "what": "Färre besök per morgonpass", "how": "Ny planering av turerna",
            "why": "Risk från skyddsronden", "who": "Enhetschefen", "when": "December",
            "follow_up": "På APT i januari", "follow_up_on": "2026-12-24",
        },
    )  # fmt: skip
    assert response.status_code == 302
    risk.refresh_from_db()
    activity = risk.activity
    assert risk.decision == "action" and activity.plan == HealthPlan.objects.get(unit_id="AO-HT1", year=2026)
    assert risk.closed_on is None
    activity.status = Activity.Status.DONE
    activity.save()
    risk.refresh_from_db()
    assert risk.closed_on == TODAY
    # Decided once: the same risk cannot be decided again.
    assert client.get(reverse("sam:risk-accept", kwargs={"risk_id": risk.pk})).status_code == 404


def test_a_risk_accepted_with_a_reason_is_closed_that_day(client, personas, held):
    rate(client, held, likelihood=1, consequence=2)
    risk = Risk.objects.get()
    assert risk.due_on == date(2027, 11, 24)  # a low risk: at the next round
    client.post(
        reverse("sam:risk-accept", kwargs={"risk_id": risk.pk}), {"reason": "Liten risk, följs på nästa rond"}
    )
    risk.refresh_from_db()
    assert (risk.decision, risk.closed_on) == ("accepted", TODAY)


def test_the_safety_representative_takes_part_rates_and_signs_but_decides_nothing(
    client, personas, held, representative
):
    client.force_login(representative)
    assert client.get(reverse("sam:round", kwargs={"round_id": held.pk})).status_code == 200
    rate(
        client,
        held,
        area="victimisation",
        description="Hård ton i personalrummet",
        likelihood=2,
        consequence=3,
    )
    risk = Risk.objects.get()
    assert risk.representative_signed_by == representative  # rated together: signed by the representative
    assert client.get(reverse("sam:risk-action", kwargs={"risk_id": risk.pk})).status_code == 404
    client.post(reverse("sam:round-sign", kwargs={"round_id": held.pk}))
    client.force_login(personas["enhetschef"])
    client.post(reverse("sam:round-sign", kwargs={"round_id": held.pk}))
    held.refresh_from_db()
    assert held.signed_on == TODAY
    assert (
        held.manager_signed_by == personas["enhetschef"] and held.representative_signed_by == representative
    )
    # Signed: the answers can no longer change.
    response = client.post(
        reverse("sam:round-answers", kwargs={"round_id": held.pk}), {"answer-goals": "risk"}
    )
    assert response.status_code == 404


def test_the_safety_representative_never_sees_a_persons_sick_leave(client, personas, representative):
    client.force_login(representative)
    assert not ungated_units(representative).exists()  # sick leave through the gate only
    assert client.get(reverse("absence:early-signals", kwargs={"unit_id": "AO-HT1"})).status_code == 404
    assert client.get(reverse("rehab:list")).status_code == 403
    assert client.get(reverse("plans:factors", kwargs={"unit_id": "AO-HT1"})).status_code == 200


def test_another_units_manager_and_the_representative_elsewhere_find_nothing(
    client, personas, held, django_user_model
):
    other = django_user_model.objects.create_user(username="chef-solgarden", password="test-password-1")
    RoleAssignment.objects.create(user=other, role=Role.UNIT_MANAGER, unit_id="AO-SB1")
    rep = django_user_model.objects.create_user(username="ombud-solgarden", password="test-password-1")
    RoleAssignment.objects.create(user=rep, role=Role.SAFETY_REPRESENTATIVE, unit_id="AO-SB1")
    for user in (other, rep):
        client.force_login(user)
        assert client.get(reverse("sam:round", kwargs={"round_id": held.pk})).status_code == 404
        assert client.get(reverse("sam:unit", kwargs={"unit_id": "AO-HT1"})).status_code == 404
        response = client.post(reverse("sam:round-sign", kwargs={"round_id": held.pk}))
        assert response.status_code == 404
