"""Setting a target: the health strategist and HR (MANAGE_TARGETS) create and change targets within
their scope, and the form says clearly what to correct."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from target_data import target

from kasam.org.models import Role, RoleAssignment
from kasam.targets.models import Target

VALID = {
    "figure": "sick_leave",
    "dimension": "",
    "scope": "organisation",
    "unit": "SOC",
    "base_year": "2025",
    "year": "2026",
    "kind": "level",
    "value": "8,55",
    "note": "Projektplanen",
}


def post(client, user, data, target_id=None):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    url = reverse("targets:edit", args=[target_id]) if target_id else reverse("targets:new")
    with translation.override("en"):
        return client.post(url, data)


def errors(response) -> dict[str, list[str]]:
    with translation.override("en"):  # Django's own messages are translated when read
        return {
            name: [str(m) for m in messages] for name, messages in response.context["form"].errors.items()
        }


def test_the_strategist_sets_a_level_target(client, personas):
    response = post(client, personas["halsostrateg"], VALID)
    saved = Target.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("targets:detail", args=[saved.pk])
    assert saved.value == Decimal("8.55") and saved.unit_id == "SOC" and saved.kind == "level"
    assert saved.created_by == personas["halsostrateg"] and saved.note == "Projektplanen"


def test_a_change_is_typed_in_percentage_points_the_swedish_way(client, personas):
    data = {**VALID, "figure": "good_health", "kind": "change", "value": "\u22120,75"}
    assert post(client, personas["hr"], data).status_code == 302
    assert Target.objects.get().value == Decimal("-0.75")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"base_year": "2026"}, "base_year", "The base year must come before the target year."),
        ({"base_year": "1999"}, "base_year", "Choose a base year from 2000 to 2026."),
        ({"base_year": "2027", "year": "2028"}, "base_year", "Choose a base year from 2000 to 2026."),
        ({"year": "2040"}, "year", "Choose a target year from 2001 to 2036."),
        ({"figure": "pulse_index"}, "dimension", "A pulse-index target needs a dimension: choose one."),
        (
            {"dimension": "begriplighet"},
            "dimension",
            "Only a pulse index has a dimension. Leave it empty for this figure.",
        ),
        ({"value": "120"}, "value", "A level lies from 0 to 100."),
        (
            {"kind": "change", "value": "150"},
            "value",
            "A change is given in percentage points and lies between −100 and +100.",
        ),
        ({"value": "8,555"}, "value", "Ensure that there are no more than 2 decimal places."),
        ({"unit": "NO-SUCH-UNIT"}, "unit", None),
    ],
)
def test_the_form_says_what_to_correct(client, personas, change, field, message):
    response = post(client, personas["halsostrateg"], {**VALID, **change})
    assert response.status_code == 200 and not Target.objects.exists()
    found = errors(response)
    assert field in found
    if message:
        assert message in found[field]
    assert "The target could not be saved" in response.content.decode()


def test_a_pulse_index_target_names_its_dimension(client, personas):
    data = {**VALID, "figure": "pulse_index", "dimension": "hanterbarhet", "value": "70"}
    assert post(client, personas["halsostrateg"], data).status_code == 302
    assert Target.objects.get().dimension == "hanterbarhet"


def test_a_second_target_for_the_same_figure_unit_and_year_is_refused(client, personas):
    assert post(client, personas["halsostrateg"], VALID).status_code == 302
    response = post(client, personas["halsostrateg"], {**VALID, "value": "8"})
    assert response.context["form"].non_field_errors() == [
        "There is already a target for this figure, unit and year."
    ]
    assert Target.objects.count() == 1


def test_each_unit_of_the_whole_organisation_is_stored_without_a_unit(client, personas):
    data = {**VALID, "figure": "nmi", "scope": "each_unit", "value": "75"}
    assert post(client, personas["halsostrateg"], data).status_code == 302
    saved = Target.objects.get()
    assert saved.unit_id is None and saved.scope == "each_unit"
    # Changing it shows the root again, and keeps it for the whole tree.
    client.force_login(personas["halsostrateg"])
    form = client.get(reverse("targets:edit", args=[saved.pk])).context["form"]
    assert form.initial["unit"].pk == "SOC"
    assert post(client, personas["halsostrateg"], {**data, "value": "76"}, saved.pk).status_code == 302
    saved.refresh_from_db()
    assert saved.unit_id is None and saved.value == Decimal("76")


def test_each_unit_below_an_area_keeps_the_area(client, personas):
    data = {**VALID, "figure": "nmi", "scope": "each_unit", "unit": "AO", "value": "75"}
    assert post(client, personas["halsostrateg"], data).status_code == 302
    assert Target.objects.get().unit_id == "AO"


def test_a_manager_sets_and_changes_targets_only_within_the_scope(client, personas, django_user_model):
    area_hr = django_user_model.objects.create_user(username="hr-ao", password="test-password-1")
    RoleAssignment.objects.create(user=area_hr, role=Role.HR, unit_id="AO")
    response = post(client, area_hr, VALID)  # SOC is outside AO
    assert "unit" in errors(response)
    assert post(client, area_hr, {**VALID, "unit": "AO-HT1"}).status_code == 302
    soc = target()
    client.force_login(area_hr)
    assert client.get(reverse("targets:edit", args=[soc.pk])).status_code == 404
    whole_tree = target(figure=Target.Figure.NMI, scope=Target.Scope.EACH_UNIT, unit=None, value=75)
    assert client.get(reverse("targets:edit", args=[whole_tree.pk])).status_code == 404
    own = Target.objects.get(unit_id="AO-HT1")
    assert client.get(reverse("targets:edit", args=[own.pk])).status_code == 200


def test_changing_a_target_keeps_who_set_it(client, personas):
    existing = target(created_by=personas["halsostrateg"])
    response = post(client, personas["hr"], {**VALID, "value": "8,4"}, existing.pk)
    assert response.status_code == 302
    existing.refresh_from_db()
    assert existing.value == Decimal("8.40") and existing.created_by == personas["halsostrateg"]


def test_roles_without_the_capability_are_refused(client, personas):
    existing = target()
    for username in ("ledning", "politiker", "enhetschef", "medarbetare"):
        client.force_login(personas[username])
        assert client.get(reverse("targets:new")).status_code == 403
        assert client.post(reverse("targets:edit", args=[existing.pk]), VALID).status_code == 403
    existing.refresh_from_db()
    assert existing.value == Decimal("8.55")
