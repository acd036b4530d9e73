"""Setting up pulse programmes: the health strategist and HR create and edit
programmes in their scope; saving plans the rounds; bad input is refused with field errors."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from kasam.org.models import Role, RoleAssignment
from kasam.pulse.models import Programme, Round

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TODAY = date(2026, 11, 25)  # tests/conftest.py sets KASAM_TODAY to this date

VALID = {
    "name": "Äldreomsorgens puls",
    "root_unit": "AO",
    "cadence_days": "14",
    "per_round": "4",
    "window_days": "7",
    "include_hourly": "on",
    "active": "on",
}


def test_the_health_strategist_creates_a_programme_and_its_rounds_are_planned(client, personas):
    client.force_login(personas["halsostrateg"])
    assert client.get(reverse("pulse:programme-new")).status_code == 200
    response = client.post(reverse("pulse:programme-new"), VALID, follow=True)
    assert response.redirect_chain[-1][0] == reverse("pulse:programmes")
    programme = Programme.objects.get()
    assert (programme.root_unit_id, programme.cadence_days, programme.per_round, programme.window_days) == (
        "AO",
        14,
        4,
        7,
    )
    rounds = list(programme.rounds.order_by("number"))
    assert [r.opens_on for r in rounds] == [TODAY, TODAY + timedelta(days=14)]
    assert all(r.status == Round.Status.PLANNED and len(r.statement_ids) == 5 for r in rounds)
    assert rounds[0].closes_on == TODAY + timedelta(days=6)
    page = response.content.decode()
    assert "Äldreomsorgens puls has been saved. Rounds planned now: 2." in page
    assert "Äldreomsorg" in page and "25 November 2026" in page


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"cadence_days": "6"}, "cadence_days"),
        ({"cadence_days": "57"}, "cadence_days"),
        ({"window_days": "0"}, "window_days"),
        ({"window_days": "15"}, "window_days"),
        ({"per_round": "5"}, "per_round"),
        ({"per_round": "7"}, "per_round"),
        ({"root_unit": "NO-SUCH-UNIT"}, "root_unit"),
    ],
)
def test_it_refuses_bad_input_with_a_field_error(client, personas, changes, field):
    client.force_login(personas["halsostrateg"])
    response = client.post(reverse("pulse:programme-new"), {**VALID, **changes})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Programme.objects.exists() and not Round.objects.exists()


def test_a_window_longer_than_the_cadence_is_explained(client, personas):
    client.force_login(personas["hr"])
    response = client.post(reverse("pulse:programme-new"), {**VALID, "window_days": "15"})
    assert "A round cannot be open longer than the days between rounds." in response.content.decode()


def test_a_unit_outside_the_scope_cannot_be_chosen(client, org, django_user_model):
    user = django_user_model.objects.create_user(username="hs-ao", password="test-password-1")
    RoleAssignment.objects.create(user=user, role=Role.HEALTH_STRATEGIST, unit_id="AO")
    client.force_login(user)
    page = client.get(reverse("pulse:programme-new")).content.decode()
    assert 'value="AO-SB1"' in page and 'value="IFO-BU"' not in page
    response = client.post(reverse("pulse:programme-new"), {**VALID, "root_unit": "IFO-BU"})
    assert response.status_code == 200
    assert "root_unit" in response.context["form"].errors
    assert not Programme.objects.exists()
    # A programme whose root lies outside the scope is "not found", and not listed.
    other = Programme.objects.create(name="Barn och unga", root_unit_id="IFO-BU")
    assert client.get(reverse("pulse:programme-edit", kwargs={"programme_id": other.pk})).status_code == 404
    assert (
        client.post(reverse("pulse:programme-edit", kwargs={"programme_id": other.pk}), VALID).status_code
        == 404
    )
    assert "Barn och unga" not in client.get(reverse("pulse:programmes")).content.decode()
    assert Programme.objects.get(pk=other.pk).root_unit_id == "IFO-BU"


def test_hr_edits_a_programme(client, personas):
    programme = Programme.objects.create(name="Puls", root_unit_id="SOC", cadence_days=14, window_days=7)
    client.force_login(personas["hr"])
    url = reverse("pulse:programme-edit", kwargs={"programme_id": programme.pk})
    assert 'value="Puls"' in client.get(url).content.decode()
    response = client.post(
        url, {**VALID, "name": "Puls IFO", "root_unit": "IFO", "cadence_days": "21", "per_round": "6"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("pulse:programmes")
    programme.refresh_from_db()
    assert (programme.name, programme.root_unit_id, programme.cadence_days, programme.per_round) == (
        "Puls IFO",
        "IFO",
        21,
        6,
    )
    assert [r.opens_on for r in programme.rounds.order_by("number")] == [TODAY, TODAY + timedelta(days=21)]
    assert all(len(r.statement_ids) == 7 for r in programme.rounds.all())


def test_an_inactive_programme_plans_no_rounds(client, personas):
    client.force_login(personas["halsostrateg"])
    data = {key: value for key, value in VALID.items() if key != "active"}
    assert client.post(reverse("pulse:programme-new"), data).status_code == 302
    assert not Programme.objects.get().active and not Round.objects.exists()


def test_saving_again_plans_no_second_set_of_rounds(client, personas):
    client.force_login(personas["halsostrateg"])
    client.post(reverse("pulse:programme-new"), VALID)
    programme = Programme.objects.get()
    client.post(reverse("pulse:programme-edit", kwargs={"programme_id": programme.pk}), VALID)
    assert programme.rounds.count() == 2


@pytest.mark.parametrize(
    "username", ["medarbetare", "enhetschef", "omradeschef", "ledning", "politiker", "dialogcoach"]
)
def test_every_other_persona_is_refused(client, personas, username):
    programme = Programme.objects.create(name="Puls", root_unit_id="SOC")
    client.force_login(personas[username])
    assert client.get(reverse("pulse:programmes")).status_code == 403
    for url in (
        reverse("pulse:programme-new"),
        reverse("pulse:programme-edit", kwargs={"programme_id": programme.pk}),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, VALID).status_code == 403
    assert Programme.objects.get().name == "Puls" and not Round.objects.exists()


def test_the_overview_links_to_the_programmes_for_those_who_may_manage(client, personas):
    link = f'href="{reverse("pulse:programmes")}"'
    for username, shown in (("halsostrateg", True), ("hr", True), ("ledning", False), ("enhetschef", False)):
        client.force_login(personas[username])
        assert (link in client.get(reverse("pulse:overview")).content.decode()) is shown, username


def test_a_new_programme_starts_on_the_top_of_the_users_own_part_of_the_organisation(client, personas):
    """The unit list started on an empty choice ("---------") above every unit of the scope."""
    client.force_login(personas["halsostrateg"])
    html = client.get(reverse("pulse:programme-new")).content.decode()
    assert '<option value="SOC" selected>' in html and "---------" not in html
    client.force_login(personas["hr"])
    html = client.get(reverse("pulse:programme-new")).content.decode()
    assert '<option value="SOC" selected>' in html


def test_the_first_rounds_are_previewed_and_an_overlap_for_the_same_persons_is_warned_of(client, personas):
    client.force_login(personas["halsostrateg"])

    def programme_with_a_round_this_week(name, root):
        made = Programme.objects.create(name=name, root_unit_id=root, cadence_days=14)
        Round.objects.create(
            programme=made,
            number=1,
            opens_on=TODAY,
            closes_on=TODAY + timedelta(days=6),
            statement_ids=["beg1"],
        )

    # Another part of the organisation (IFO, beside Äldreomsorg) asks other persons: no warning.
    programme_with_a_round_this_week("IFO:s puls", "IFO")
    preview = client.post(reverse("pulse:programme-new"), {**VALID, "preview": "1"})
    assert Programme.objects.count() == 1  # a preview saves nothing
    html = preview.content.decode()
    assert "Open 25 November 2026 to 1 December 2026" in html
    assert "Open 9 December 2026 to 15 December 2026" in html and "Open 23 December 2026" in html
    assert html.count("<li>") >= 15  # three rounds of four statements and the health question
    assert 'id="overlap"' not in html

    # A programme over the whole organisation asks the same persons this week.
    programme_with_a_round_this_week("Hela förvaltningen", "SOC")
    html = client.post(reverse("pulse:programme-new"), {**VALID, "preview": "1"}).content.decode()
    assert 'id="overlap"' in html and "Hela förvaltningen" in html and "IFO:s puls" not in html
    saved = client.post(reverse("pulse:programme-new"), VALID, follow=True).content.decode()
    assert "also invited by Hela förvaltningen in the same week" in saved
