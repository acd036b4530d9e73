"""The one door of kasam.org.access: get_unit (404 outside the scope where a capability is held) and the
view decorator require_capability (403 for a user who holds it nowhere); and the pulse's role sets as
capabilities of the role table (docs/definitions.md "Roles and who sees what")."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from kasam.org.access import get_unit, require_capability
from kasam.org.models import Role
from kasam.org.roles import Capability, roles_with


def test_get_unit_gives_the_unit_in_scope_and_not_found_outside_it(personas):
    manager = personas["enhetschef"]  # unit manager over AO-HT1
    assert get_unit(manager, "AO-HT1-A", Capability.EDIT_HEALTH_PLAN).pk == "AO-HT1-A"
    for unit_id in ("AO-SB1", "SOC", "no-such-unit"):
        with pytest.raises(Http404):
            get_unit(manager, unit_id, Capability.EDIT_HEALTH_PLAN)
    # Seen (VIEW_UNITS, the default) is not the same as editable.
    assert get_unit(personas["medarbetare"], "AO-HT1").pk == "AO-HT1"
    with pytest.raises(Http404):
        get_unit(personas["medarbetare"], "AO-HT1", Capability.EDIT_HEALTH_PLAN)


def test_require_capability_refuses_a_user_without_it_and_lets_one_with_it_through(personas):
    @require_capability(Capability.MANAGE_COST_MODEL)
    def view(request):
        return HttpResponse("ok")

    request = RequestFactory().get("/")
    request.user = personas["medarbetare"]
    with pytest.raises(PermissionDenied):
        view(request)
    request.user = personas["hr"]
    assert view(request).content == b"ok"


def test_the_pulse_heat_map_and_early_signals_go_to_the_same_roles_as_before():
    assert set(roles_with(Capability.VIEW_PULSE_HEATMAP)) == {Role.HEALTH_STRATEGIST, Role.LEADERSHIP}
    assert set(roles_with(Capability.VIEW_PULSE_SIGNALS)) == {Role.UNIT_MANAGER, Role.HEALTH_STRATEGIST}
    assert set(roles_with(Capability.KEEP_LEADER_CHECKLIST)) == {Role.UNIT_MANAGER, Role.AREA_MANAGER}
