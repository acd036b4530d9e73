from django.urls import reverse


def test_it_keeps_imported_data_read_only_in_the_admin(client, personas, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="test-password-1")
    client.force_login(admin)
    assert client.get(reverse("admin:org_unit_changelist")).status_code == 200
    assert client.get(reverse("admin:org_unit_add")).status_code == 403
    assert client.get(reverse("admin:org_roleassignment_add")).status_code == 200


def test_it_keeps_the_admin_from_role_holders(client, personas):
    client.force_login(personas["hr"])
    response = client.get(reverse("admin:org_unit_changelist"))
    assert response.status_code == 302
