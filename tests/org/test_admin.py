from django.urls import reverse


def test_it_keeps_imported_data_read_only_in_the_admin(client, personas, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="test-password-1")
    client.force_login(admin)
    assert client.get(reverse("admin:org_unit_changelist")).status_code == 200
    assert client.get(reverse("admin:org_unit_add")).status_code == 403
    assert client.get(reverse("admin:org_roleassignment_add")).status_code == 200


def test_it_keeps_the_admin_from_role_holders(client, personas):
    client.force_login(personas["enhetschef"])
    response = client.get(reverse("admin:org_unit_changelist"))
    assert response.status_code == 302
    assert client.get(reverse("admin:org_roleassignment_changelist")).status_code == 302


def test_hr_gives_roles_in_the_admin_that_docs_sso_names_and_reaches_nothing_else(client, personas):
    # Found by an outside test: docs/sso.md sends HR to the admin's "Role assignments", and HR was
    # sent to the login page. Now HR (and the health strategist) reach exactly the role assignments.
    from kasam.audit.models import AuditEntry
    from kasam.org.models import RoleAssignment

    client.force_login(personas["hr"])
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert reverse("admin:org_roleassignment_changelist") in index.content.decode()
    assert reverse("admin:org_unit_changelist") not in index.content.decode()
    assert client.get(reverse("admin:org_roleassignment_changelist")).status_code == 200
    response = client.post(
        reverse("admin:org_roleassignment_add"),
        {"user": personas["dialogcoach"].pk, "role": "unit_manager", "unit": "AO-SB1"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert RoleAssignment.objects.filter(user=personas["dialogcoach"], role="unit_manager").exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.ROLE_ASSIGNED, username="hr").exists()
    from django.contrib import admin

    for model in admin.site._registry:
        if model is not RoleAssignment:
            name = f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
            assert client.get(reverse(name)).status_code == 403, name
    client.force_login(personas["halsostrateg"])
    assert client.get(reverse("admin:org_roleassignment_changelist")).status_code == 200


def test_a_role_giver_gives_roles_only_within_scope_and_never_to_themselves(
    client, personas, django_user_model
):
    from kasam.org.models import Role, RoleAssignment

    hr_ao = django_user_model.objects.create_user(username="hr-ao", password="test-password-1")
    own = RoleAssignment.objects.create(user=hr_ao, role=Role.HR, unit_id="AO")
    client.force_login(hr_ao)
    add = reverse("admin:org_roleassignment_add")
    outside = client.post(add, {"user": personas["dialogcoach"].pk, "role": "hr", "unit": "SOC"})
    to_self = client.post(add, {"user": hr_ao.pk, "role": "hr", "unit": "AO-HT1"})
    assert outside.status_code == to_self.status_code == 200  # the form again, with its error
    assert not RoleAssignment.objects.filter(unit_id="SOC", user=personas["dialogcoach"]).exists()
    assert RoleAssignment.objects.filter(user=hr_ao).count() == 1
    listed = client.get(reverse("admin:org_roleassignment_changelist")).context["cl"].result_list
    assert {(a.user.username, a.unit_id) for a in listed} == {
        ("medarbetare", "AO-HT1"), ("enhetschef", "AO-HT1"), ("omradeschef", "AO"), ("dialogcoach", "AO-SB1"),
    }  # fmt: skip
    hr_soc = RoleAssignment.objects.get(user=personas["hr"])
    for assignment in (own, hr_soc):
        change = reverse("admin:org_roleassignment_change", args=[assignment.pk])
        assert client.get(change).status_code == 302  # the admin's "does not exist", back to the list
        delete = reverse("admin:org_roleassignment_delete", args=[assignment.pk])
        client.post(delete, {"post": "yes"})
    assert RoleAssignment.objects.filter(pk__in=[own.pk, hr_soc.pk]).count() == 2
