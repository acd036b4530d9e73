"""The new-activity page takes its area from the address (`?area=<id>`, from the plan's area list). An
id that is no number once raised ValueError (a 500); garbage, or an area of another plan, must be a
form error on the page, and a right one preselects the area."""

from django.urls import reverse
from plan_helpers import make_plan


def _new(plan) -> str:
    return reverse("plans:activity-new", kwargs={"unit_id": plan.unit_id, "year": plan.year})


def test_an_unknown_area_in_the_address_is_a_form_error(client, personas):
    plan = make_plan()
    other = make_plan(unit_id="AO-SB1").areas.create(kind="keep", title="Någon annans")
    client.force_login(personas["enhetschef"])
    for area in ("x", "1x", "-1", "99999", str(other.pk), "1e3"):
        response = client.get(_new(plan) + f"?area={area}")
        assert response.status_code == 200, area
        html = response.content.decode()
        assert "Området i webbadressen hör inte till den här planen. Välj ett område nedan." in html, area
        assert response.context["form"].initial.get("area") is None


def test_a_known_area_in_the_address_is_chosen_without_error(client, personas):
    plan = make_plan()
    area = plan.areas.create(kind="keep", title="Vi hjälper varandra")
    client.force_login(personas["enhetschef"])
    response = client.get(_new(plan) + f"?area={area.pk}")
    assert response.status_code == 200
    assert response.context["form"].initial["area"] == str(area.pk)
    assert "Området i webbadressen" not in response.content.decode()
