"""Single sign-on by SAML 2.0 (docs/sso.md), SP-initiated, against a fake identity provider whose signed
assertions are made at test time (saml_fixture). The provider is configured as in production, by
sso_providers() from the KASAM_SAML_* environment. A sign-on lets in only someone Kasam knows, only with
an assertion signed by the configured IdP, for this SP, in answer to a request this session made."""

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.urls import reverse
from saml_fixture import (
    IDP_SSO_URL,
    SP_ENTITY_ID,
    FakeIdP,
    authn_request,
    authn_request_id,
    new_id,
    post_binding,
)

from kasam.audit.models import AuditEntry
from kasam.org.models import Person, RoleAssignment
from kasam.settings import sso_providers

SLUG = "saml"  # the client_id of the app sso_providers() makes
# python3-saml refuses single-label host names (testserver, localhost) in the SP's URLs.
HOST = "kasam.example.invalid"


@pytest.fixture(scope="module")
def idp():
    return FakeIdP.generate()


@pytest.fixture(scope="module")
def impostor():
    """Another IdP with a key of its own, unknown to Kasam."""
    return FakeIdP.generate(common_name="impostor.example.invalid")


@pytest.fixture
def saml(settings, monkeypatch, idp):
    monkeypatch.setenv("KASAM_SAML_IDP_SSO_URL", IDP_SSO_URL)
    monkeypatch.setenv("KASAM_SAML_IDP_ENTITY_ID", idp.entity_id)
    monkeypatch.setenv("KASAM_SAML_IDP_X509CERT", idp.x509cert)
    monkeypatch.setenv("KASAM_SAML_SP_ENTITY_ID", SP_ENTITY_ID)
    monkeypatch.delenv("KASAM_OIDC_SERVER_URL", raising=False)
    settings.SOCIALACCOUNT_PROVIDERS = {**settings.SOCIALACCOUNT_PROVIDERS, "saml": sso_providers()["saml"]}
    return idp


@pytest.fixture
def client(client, settings):
    """A browser always sends a Host header; allauth's SAML views read it from META (the test client
    sends none by default)."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    client.defaults["HTTP_HOST"] = HOST
    return client


def acs_url() -> str:
    return f"http://{HOST}" + reverse("saml_acs", kwargs={"organization_slug": SLUG})


def start_login(client) -> str:
    """Starts the login (a POST: allauth shows a confirmation page on GET) and returns the ID of the
    AuthnRequest sent to the IdP."""
    response = client.post(reverse("saml_login", kwargs={"organization_slug": SLUG}))
    assert response.status_code == 302 and response["Location"].startswith(IDP_SSO_URL + "?")
    return authn_request_id(response["Location"])


def post_to_acs(client, xml: str):
    """Posts a Response to the ACS as the browser would, and follows to the finish view."""
    response = client.post(
        reverse("saml_acs", kwargs={"organization_slug": SLUG}), {"SAMLResponse": post_binding(xml)}
    )
    finish = reverse("saml_finish_acs", kwargs={"organization_slug": SLUG})
    assert response.status_code == 302 and response["Location"] == finish
    return client.get(finish)


def sign_in(client, idp: FakeIdP, **assertion):
    return post_to_acs(
        client, idp.response(acs_url=acs_url(), in_response_to=start_login(client), **assertion)
    )


def session_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


# Starting the login


def test_the_login_starts_on_post_with_an_authn_request_for_this_sp(client, db, saml):
    page = client.get(reverse("saml_login", kwargs={"organization_slug": SLUG}))
    assert page.status_code == 200  # a confirmation page; no redirect to the IdP on GET

    response = client.post(reverse("saml_login", kwargs={"organization_slug": SLUG}))
    request = authn_request(response["Location"])
    assert request.get("Destination") == IDP_SSO_URL
    assert request.get("AssertionConsumerServiceURL") == acs_url()
    issuer = request.find("{urn:oasis:names:tc:SAML:2.0:assertion}Issuer")
    assert issuer.text == SP_ENTITY_ID


# Who is let in


def test_a_person_with_a_login_is_logged_in_as_that_user(client, personas, saml):
    response = sign_in(client, saml, email="p1@example.invalid")  # P1 is the persona medarbetare
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    assert session_user_id(client) == str(personas["medarbetare"].pk)
    account = SocialAccount.objects.get(provider="saml")
    assert account.user == personas["medarbetare"] and account.uid == "p1@example.invalid"
    login = AuditEntry.objects.get(action=AuditEntry.Action.LOGIN)
    assert login.user == personas["medarbetare"]
    assert login.detail["methods"] == ["socialaccount"] and login.detail["providers"] == ["saml"]
    assert client.get(reverse("core:home"), follow=True).status_code == 200


def test_a_login_with_the_address_is_found_whatever_the_case(client, personas, saml):
    personas["enhetschef"].email = "anna.chef@example.invalid"
    personas["enhetschef"].save()
    sign_in(client, saml, email="Anna.Chef@Example.Invalid")
    assert session_user_id(client) == str(personas["enhetschef"].pk)


def test_a_known_person_without_a_login_gets_one_with_no_roles(client, personas, saml):
    users_before = get_user_model().objects.count()
    sign_in(client, saml, email="p2@example.invalid")
    user = Person.objects.get(pk="P2").user
    assert user is not None and session_user_id(client) == str(user.pk)
    assert get_user_model().objects.count() == users_before + 1
    assert not RoleAssignment.objects.filter(user=user).exists()
    assert not user.is_staff and not user.is_superuser and not user.has_usable_password()
    assert SocialAccount.objects.get(provider="saml").user == user

    # The next sign-on finds the same login.
    client.post(reverse("account_logout"))
    assert session_user_id(client) is None
    sign_in(client, saml, email="p2@example.invalid")
    assert session_user_id(client) == str(user.pk)
    assert get_user_model().objects.count() == users_before + 1


def test_by_employee_id_the_attribute_finds_the_person(client, personas, saml, settings):
    settings.KASAM_SSO_MATCH = "employee_id"
    sign_in(client, saml, email="alva.privat@example.invalid", employee_id="P1", name_id="opaque-4711")
    assert session_user_id(client) == str(personas["medarbetare"].pk)
    assert SocialAccount.objects.get(provider="saml").uid == "opaque-4711"


def test_by_employee_id_the_address_alone_is_not_enough(client, personas, saml, settings):
    settings.KASAM_SSO_MATCH = "employee_id"
    users_before = get_user_model().objects.count()
    sign_in(client, saml, email="p1@example.invalid", name_id="opaque-4711")
    assert session_user_id(client) is None
    assert get_user_model().objects.count() == users_before and not SocialAccount.objects.exists()


def test_an_unknown_address_logs_nobody_in_and_makes_no_user(client, personas, saml):
    users_before = get_user_model().objects.count()
    response = sign_in(client, saml, email="okand@example.invalid")
    assert "Vi hittar dig inte i Kasam" in response.content.decode()
    assert session_user_id(client) is None
    assert get_user_model().objects.count() == users_before and not SocialAccount.objects.exists()
    assert client.get(reverse("core:home")).status_code == 302  # still anonymous


# Assertions that are refused


def refused(reason: str, **assertion):
    """A case: the Response's keyword arguments (besides the ACS URL and the request's ID) and the
    reason allauth logs for refusing it."""
    return pytest.param(assertion, reason, id=reason.split(":")[0])


REFUSED = [
    refused("altered after signing: Signature validation failed", tamper=True),
    refused("unsigned: The Assertion of the Response is not signed", sign=False),
    refused("signed by another key: Signature validation failed", signed_by="impostor"),
    refused("issued by another IdP: Invalid issuer", issuer="https://impostor.example.invalid/metadata"),
    refused("expired: Could not validate timestamp: expired", issued_at=timedelta(hours=-1)),
    refused("not yet valid: Could not validate timestamp: not yet valid", issued_at=timedelta(hours=1)),
    refused(
        "for another audience: is not a valid audience",
        audience="https://another-sp.example.invalid/metadata",
    ),
    refused(
        "for another recipient: The response was received at",
        acs_url="https://another-sp.example.invalid/acs/",
    ),
    refused("IdP-initiated (no InResponseTo): IdP initiated SSO rejected", in_response_to=None),
]


@pytest.mark.parametrize(("assertion", "reason"), REFUSED)
def test_a_refused_assertion_logs_nobody_in(client, personas, saml, impostor, caplog, assertion, reason):
    users_before = get_user_model().objects.count()
    assertion = {"acs_url": acs_url(), "in_response_to": start_login(client), **assertion}
    tamper = assertion.pop("tamper", False)
    assertion["email"] = "p2@example.invalid" if tamper else "p1@example.invalid"
    if "issued_at" in assertion:
        assertion["issued_at"] = datetime.now(UTC) + assertion["issued_at"]
    if assertion.get("signed_by"):
        assertion["signed_by"] = impostor
    issuer = dataclasses.replace(saml, entity_id=assertion.pop("issuer", saml.entity_id))
    xml = issuer.response(**assertion)
    if tamper:
        # Signed for P2 (no login yet), then changed to P1 (medarbetare) in the NameID and the attribute.
        assert xml.count("p2@example.invalid") == 2
        xml = xml.replace("p2@example.invalid", "p1@example.invalid")

    response = post_to_acs(client, xml)
    assert response.status_code == 401  # allauth's page "the login failed"
    assert reason.split(": ", 1)[1] in caplog.text
    assert session_user_id(client) is None
    assert get_user_model().objects.count() == users_before and not SocialAccount.objects.exists()
    assert Person.objects.get(pk="P2").user is None
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN).exists()


def test_a_response_to_a_request_this_session_never_made_is_refused(client, personas, saml):
    start_login(client)
    xml = saml.response(acs_url=acs_url(), in_response_to=new_id(), email="p1@example.invalid")
    assert post_to_acs(client, xml).status_code == 403
    assert session_user_id(client) is None and not SocialAccount.objects.exists()


def test_a_response_cannot_be_used_twice(client, personas, saml):
    xml = saml.response(acs_url=acs_url(), in_response_to=start_login(client), email="p1@example.invalid")
    post_to_acs(client, xml)
    assert session_user_id(client) == str(personas["medarbetare"].pk)
    client.post(reverse("account_logout"))

    start_login(client)  # a new request: the old response answers another
    post_to_acs(client, xml)
    assert session_user_id(client) is None


# The second factor


def test_a_role_that_requires_a_second_factor_is_sent_to_set_one_up(client, personas, saml, settings):
    settings.KASAM_MFA_REQUIRED_ROLES = frozenset({"hr"})
    personas["hr"].email = "hr@example.invalid"
    personas["hr"].save()
    sign_in(client, saml, email="hr@example.invalid")
    assert session_user_id(client) == str(personas["hr"].pk)
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:second_factor_required"))


def test_a_user_with_a_factor_gives_it_after_the_sign_on_too(client, personas, saml, settings):
    settings.KASAM_MFA_REQUIRED_ROLES = frozenset({"hr"})
    personas["hr"].email = "hr@example.invalid"
    personas["hr"].save()
    TOTP.activate(personas["hr"], generate_totp_secret())
    response = sign_in(client, saml, email="hr@example.invalid")
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_authenticate"))
    assert session_user_id(client) is None  # no session before the code


# Behind nginx


def test_behind_a_proxy_the_sp_speaks_https(client, personas, saml, settings):
    """The production guide sets BEHIND_PROXY: the ACS URL the IdP posts to, and which the assertion
    names as Recipient, is https although gunicorn itself speaks http."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    client.defaults["HTTP_X_FORWARDED_PROTO"] = "https"
    https_acs = acs_url().replace("http://", "https://")
    request = authn_request(
        client.post(reverse("saml_login", kwargs={"organization_slug": SLUG}))["Location"]
    )
    assert request.get("AssertionConsumerServiceURL") == https_acs
    post_to_acs(
        client, saml.response(acs_url=https_acs, in_response_to=request.get("ID"), email="p1@example.invalid")
    )
    assert session_user_id(client) == str(personas["medarbetare"].pk)
