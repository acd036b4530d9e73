"""The demo's logins need no second factor – but only on a database that `kasam demo` made and marked,
however it is served. Before, the exemption came from `kasam demo` blanking KASAM_MFA_REQUIRED_ROLES in
its own process, so `kasam serve` on the demo's database asked three roles for a second factor, and the
same blanking would have exempted anyone. The same usernames on any other database are asked."""

import pytest
from django.core.management.base import CommandError
from django.urls import reverse

from kasam.accounts.demo import DEMO_PASSWORD, DEMO_USERNAMES, plan_demo_logins
from kasam.core.models import DemoDatabase, is_demo_database
from kasam.org.models import Role, RoleAssignment
from kasam.site.management.commands.demo import mark_demo_database

# What `kasam serve` gets: KASAM_MFA_REQUIRED_ROLES unset, so its default, and the demo logins exempt
# on the demo's database (checked in a fresh process in tests/core/test_secure_defaults.py).
SERVE_DEFAULT = frozenset({"health_strategist", "hr", "leadership", "admin"})
ASKED = ["halsostrateg", "hr", "ledning"]


@pytest.fixture
def served_like_kasam_serve(settings):
    settings.KASAM_MFA_REQUIRED_ROLES = SERVE_DEFAULT
    settings.KASAM_MFA_EXEMPT_DEMO_LOGINS = True


@pytest.mark.parametrize("username", ASKED)
def test_the_demo_logins_are_exempt_on_the_demo_database_only(
    client, personas, served_like_kasam_serve, username
):
    client.force_login(personas[username])
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:second_factor_required"))
    DemoDatabase.objects.create()
    assert client.get(reverse("core:home")).status_code == 200


def test_another_login_on_the_demo_database_is_still_asked(
    client, org, django_user_model, served_like_kasam_serve
):
    DemoDatabase.objects.create()
    user = django_user_model.objects.create_user(username="anna", password="test-password-1")
    RoleAssignment.objects.create(user=user, role=Role.HEALTH_STRATEGIST, unit_id="SOC")
    client.force_login(user)
    assert client.get(reverse("core:home")).status_code == 302
    admin = django_user_model.objects.create_superuser("it-admin", password="test-password-1")
    client.force_login(admin)
    assert client.get("/admin/").status_code == 302


def test_naming_the_roles_asks_the_demo_logins_too(client, personas, settings):
    settings.KASAM_MFA_REQUIRED_ROLES = SERVE_DEFAULT
    settings.KASAM_MFA_EXEMPT_DEMO_LOGINS = False  # KASAM_MFA_REQUIRED_ROLES=… make demo (README)
    DemoDatabase.objects.create()
    client.force_login(personas["halsostrateg"])
    assert client.get(reverse("core:home")).status_code == 302


def test_the_demo_usernames_are_the_demo_logins(org):
    assert {login.username for login in plan_demo_logins()} == DEMO_USERNAMES


def test_kasam_demo_marks_an_empty_database(db):
    mark_demo_database()
    mark_demo_database()
    assert DemoDatabase.objects.count() == 1


def test_kasam_demo_refuses_a_database_it_did_not_make(personas):
    """Units and logins of someone else's: no demo logins with a public password, no mark."""
    with pytest.raises(CommandError, match="not made by `kasam demo`"):
        mark_demo_database()
    assert not is_demo_database()


def test_kasam_demo_marks_a_database_an_earlier_demo_made(personas):
    """Made before the mark existed: its strategist logs in with the demo's public password."""
    personas["halsostrateg"].set_password(DEMO_PASSWORD)
    personas["halsostrateg"].save()
    mark_demo_database()
    assert is_demo_database()
