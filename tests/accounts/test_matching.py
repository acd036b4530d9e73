"""Which login or person a single sign-on belongs to (kasam.accounts.matching), and the rules around it."""

import pytest
from django.urls import reverse

from kasam.accounts.checks import single_sign_on_settings
from kasam.accounts.matching import find_match
from kasam.org.models import Person

pytestmark = pytest.mark.django_db


def test_a_persons_own_login_wins_over_another_login_with_the_same_address(personas):
    Person.objects.filter(pk="P1").update(email="alva@example.invalid")
    personas["politiker"].email = "ALVA@example.invalid"
    personas["politiker"].save()
    match = find_match("alva@example.invalid", {})
    assert match.person.pk == "P1" and match.user == personas["medarbetare"]


def test_a_login_is_matched_by_its_own_address_only_when_no_person_has_it(personas):
    personas["hr"].email = "hr@example.invalid"
    personas["hr"].save()
    assert find_match(" HR@example.invalid ", {}).user == personas["hr"]
    personas["ledning"].email = "hr@example.invalid"
    personas["ledning"].save()
    assert find_match("hr@example.invalid", {}) is None  # two logins: neither


def test_two_persons_with_one_address_match_nobody(personas):
    Person.objects.filter(pk__in=["P2", "P3"]).update(email="delad@example.invalid")
    assert find_match("delad@example.invalid", {}) is None


def test_a_leaver_is_not_let_in(personas):
    Person.objects.filter(pk="P5").update(email="eva@example.invalid")  # employed until 2025-06-30
    assert find_match("eva@example.invalid", {}) is None


def test_the_employee_id_matches_a_current_person(personas, settings):
    settings.KASAM_SSO_MATCH = "employee_id"
    match = find_match("anything@example.invalid", {"employee_id": ["P2"]})
    assert match.person.pk == "P2" and match.user is None
    assert find_match("", {"employee_id": "P5"}) is None
    assert find_match("", {}) is None


def test_nobody_changes_their_email_address_in_kasam(client, personas):
    client.force_login(personas["politiker"])
    assert client.get("/konto/email/").status_code == 404
    response = client.post("/konto/email/", {"action_add": "", "email": "p1@example.invalid"})
    assert response.status_code == 404
    assert reverse("account_email") == "/konto/email/"
    assert client.get("/konto/3rdparty/").status_code == 404  # no joining of logins by hand


def test_a_half_configured_single_sign_on_is_an_error_at_start(monkeypatch):
    monkeypatch.setenv("KASAM_SAML_IDP_SSO_URL", "https://idp.example.invalid/sso")
    monkeypatch.setenv("KASAM_SAML_IDP_ENTITY_ID", "https://idp.example.invalid")
    monkeypatch.delenv("KASAM_SAML_IDP_X509CERT", raising=False)
    errors = single_sign_on_settings(None)
    assert [e.id for e in errors] == ["kasam.E002"] and "KASAM_SAML_IDP_X509CERT" in errors[0].msg
    monkeypatch.setenv("KASAM_SAML_IDP_X509CERT", "MIIC")
    assert single_sign_on_settings(None) == []


def test_an_oidc_provider_over_plain_http_is_an_error(monkeypatch, settings):
    from kasam.accounts.checks import single_sign_on_over_tls

    settings.DEBUG = False
    monkeypatch.setenv("KASAM_OIDC_SERVER_URL", "http://sso.example.invalid/realms/kommun")
    assert [e.id for e in single_sign_on_over_tls(None)] == ["kasam.E003"]
    monkeypatch.setenv("KASAM_OIDC_SERVER_URL", "https://sso.example.invalid/realms/kommun")
    assert single_sign_on_over_tls(None) == []


def test_a_provider_added_in_the_admin_gets_its_button_and_its_origin(client):
    from allauth.socialaccount.models import SocialApp

    SocialApp.objects.create(
        provider="openid_connect", provider_id="keycloak", name="Kommunens Keycloak", client_id="kasam",
        secret="s", settings={"server_url": "https://sso.example.invalid/realms/kommun"},
    )  # fmt: skip
    SocialApp.objects.create(
        provider="saml", provider_id="adfs", client_id="adfs", name="Kommunens ADFS",
        settings={"idp": {"entity_id": "https://sts.example.invalid", "sso_url": "https://sts.example.invalid/adfs/ls/",
                          "x509cert": "MIIC"}},
    )  # fmt: skip
    response = client.get(reverse("account_login"))
    html = response.content.decode()
    assert "Logga in med Kommunens Keycloak" in html and "Logga in med Kommunens ADFS" in html
    policy = response["Content-Security-Policy"]
    assert "form-action 'self' https://sso.example.invalid https://sts.example.invalid;" in policy


def test_a_login_through_single_sign_on_gets_no_kasam_password(client, personas, mailoutbox):
    sso_user = personas["politiker"]
    sso_user.email = "politiker@example.invalid"
    sso_user.set_unusable_password()
    sso_user.save()
    client.force_login(sso_user)
    assert client.get("/konto/password/set/").status_code == 404
    client.logout()
    client.post(reverse("account_reset_password"), {"email": "politiker@example.invalid"})
    assert not any("password/reset/key" in message.body for message in mailoutbox)
    # A local login with a password still can reset it.
    personas["hr"].email = "hr@example.invalid"
    personas["hr"].save()
    client.post(reverse("account_reset_password"), {"email": "hr@example.invalid"})
    assert any("/konto/password/reset/key/" in message.body for message in mailoutbox)
