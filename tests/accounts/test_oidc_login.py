"""Single sign-on by OpenID Connect, end to end against the local provider (oidc_provider.py), never the
internet (docs/sso.md): Kasam's button starts the login, the provider sends the browser back with a code, and
allauth fetches the tokens and the userinfo from the provider itself. Kasam lets in only someone it
already knows (kasam.accounts.matching), gives them the roles granted in Kasam and nothing more, and
asks a second factor of the roles that require one."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import SESSION_KEY, get_user_model
from django.test import Client
from django.urls import NoReverseMatch, reverse
from oidc_provider import visit_authorize

from kasam.audit.models import AuditEntry
from kasam.org.access import roles_of
from kasam.org.models import Person, Role
from kasam.site.context_processors import NAVIGATION, PERSON_ONLY, WITH_CASE_ONLY

SECOND_FACTOR_ROLES = frozenset({"health_strategist", "hr", "leadership", "admin"})
OWN_UNITS = ["Hemtjänst Norr", "Grupp Lärkan"]
OTHER_UNITS = [
    "Socialförvaltningen",
    "Äldreomsorg",
    "Solgården",
    "Individ- och familjeomsorg",
    "Barn och unga",
]
PEOPLE = ["Testsson", "Provsson", "Exempelsdotter", "Fiktiv", "Slutat"]


def session_user(client):
    """The user the client's session is logged in as, or None."""
    user_id = client.session.get(SESSION_KEY)
    return get_user_model().objects.get(pk=user_id) if user_id else None


def totp_code(secret: str, periods_ahead: int = 0) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + periods_ahead))


# The login page


def test_the_login_page_offers_the_organisations_account(client, db, oidc_provider, settings):
    name = settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"][0]["name"]
    assert name == "Testkommunens konto"  # KASAM_OIDC_NAME, set by the fixture
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert name in html
    assert f'action="{reverse("openid_connect_login", kwargs={"provider_id": "oidc"})}' in html
    # The username form is still there for local accounts.
    assert 'name="password"' in html


def test_starting_a_sign_on_needs_a_post(client, db, oidc_provider):
    """A link or an image on another site cannot start a sign-on (SOCIALACCOUNT_LOGIN_ON_GET)."""
    response = client.get(reverse("openid_connect_login", kwargs={"provider_id": "oidc"}))
    assert response.status_code == 200
    assert "/authorize" not in oidc_provider.paths_requested()


# Someone with a login and roles


@pytest.mark.parametrize("matched_by", ["login's e-mail", "person's e-mail"])
def test_a_unit_manager_signs_in_with_their_roles(
    client, personas, sign_in_by_oidc, oidc_provider, matched_by
):
    manager = personas["enhetschef"]
    if matched_by == "login's e-mail":
        manager.email = "Chef.Norr@Example.invalid"
        manager.save(update_fields=["email"])
        email = "chef.norr@example.invalid"  # case does not matter
    else:
        Person.objects.filter(pk="P2").update(user=manager)
        email = "p2@example.invalid"

    response = sign_in_by_oidc({"sub": "idp-user-1", "email": email, "name": "Chef Norr"})

    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    user = session_user(client)
    assert user == manager
    assert roles_of(user) == {Role.UNIT_MANAGER}
    assert SocialAccount.objects.get(uid="idp-user-1").user == manager
    assert get_user_model().objects.count() == len(personas)  # nobody new

    home = client.get("/")
    assert home.status_code == 200
    html = home.content.decode()
    for name in OWN_UNITS:
        assert name in html
    for name in OTHER_UNITS:
        assert name not in html

    # allauth spoke to the provider itself: the code for tokens (with the PKCE verifier the provider
    # checked), then the userinfo.
    paths = oidc_provider.paths_requested()
    assert paths.index("/authorize") < paths.index("/token") < paths.index("/userinfo")
    authorize = next(params for method, path, params in oidc_provider.requests if path == "/authorize")
    assert authorize["code_challenge_method"] == "S256"
    assert authorize["state"]


def test_the_sign_on_returns_to_the_page_asked_for(client, personas, sign_in_by_oidc):
    manager = personas["enhetschef"]
    manager.email = "chef@example.invalid"
    manager.save(update_fields=["email"])
    unit_page = reverse("org:unit-detail", kwargs={"unit_id": "AO-HT1"})
    response = sign_in_by_oidc({"sub": "idp-chef", "email": "chef@example.invalid"}, next_url=unit_page)
    assert response["Location"] == unit_page
    assert client.get(unit_page).status_code == 200


def test_the_next_sign_on_finds_the_same_login_by_its_subject(client, personas, sign_in_by_oidc):
    manager = personas["enhetschef"]
    manager.email = "chef@example.invalid"
    manager.save(update_fields=["email"])
    sign_in_by_oidc({"sub": "idp-user-1", "email": "chef@example.invalid"})
    client.post(reverse("account_logout"))
    assert session_user(client) is None

    # The provider's subject is what counts now, even if the e-mail address has changed there.
    response = sign_in_by_oidc({"sub": "idp-user-1", "email": "new-address@example.invalid"})
    assert response.status_code == 302
    assert session_user(client) == manager


# A person Kasam knows, without a login


def test_a_known_person_without_a_login_gets_one_without_roles_and_sees_nothing(
    client, personas, sign_in_by_oidc
):
    response = sign_in_by_oidc({"sub": "idp-cilla", "email": "p3@example.invalid", "given_name": "Cilla"})

    assert response.status_code == 302
    user = session_user(client)
    assert user is not None
    assert user.pk not in {persona.pk for persona in personas.values()}
    assert Person.objects.get(pk="P3").user == user
    assert roles_of(user) == set()
    assert not user.is_staff and not user.is_superuser

    home = client.get("/")
    assert home.status_code == 200
    assert not home.context["rows"]
    assert not home.context["roles"]
    assert_shows_nothing_of_the_organisation(home)
    # Only the pages open to every signed-in user are in the navigation (not her own plan: she has no
    # rehabilitation case).
    open_pages = {
        reverse(name)
        for name, _label, capability in NAVIGATION
        if capability is None and name not in PERSON_ONLY | WITH_CASE_ONLY
    }
    assert {item["url"] for item in home.context["navigation"]} == open_pages

    for url in role_pages():
        page = client.get(url)
        assert page.status_code in {200, 403, 404}, url
        # The employee page is about her own workplace (docs/employee-page.md): it names her unit,
        # Solgården, and nothing else of the organisation.
        own = {"Solgården"} if url == reverse("workplace:page") else set()
        assert_shows_nothing_of_the_organisation(page, url, allowed=own)
    for name, kwargs in [
        ("org:unit-detail", {"unit_id": "AO-SB1"}),
        ("org:unit-detail", {"unit_id": "SOC"}),
        ("org:person-detail", {"person_id": "P3"}),
        ("absence:unit", {"unit_id": "AO-SB1"}),
        ("absence:early-signals", {"unit_id": "AO-SB1"}),
        ("pulse:dashboard", {"unit_id": "AO-SB1"}),
    ]:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 404, name
    assert client.get(reverse("absence:overview")).status_code in {403, 404}
    assert client.get(reverse("org:import-file")).status_code == 403


def role_pages() -> list[str]:
    """Every page in the navigation (those without a URL argument)."""
    urls = []
    for name, _label, _capability in NAVIGATION:
        try:
            urls.append(reverse(name))
        except NoReverseMatch:
            continue
    return urls


def assert_shows_nothing_of_the_organisation(response, url="", allowed=frozenset()):
    html = response.content.decode()
    for name in OWN_UNITS + OTHER_UNITS + PEOPLE:
        if name in allowed:
            continue
        assert name not in html, f"{url or response.request['PATH_INFO']} shows {name}"


# Nobody Kasam knows


def test_an_unknown_address_gets_no_login(client, personas, sign_in_by_oidc):
    client.cookies["django_language"] = "en"
    users_before = get_user_model().objects.count()

    response = sign_in_by_oidc({"sub": "idp-stranger", "email": "stranger@elsewhere.invalid"})

    assert response.status_code == 200
    assert "account/signup_closed.html" in [template.name for template in response.templates]
    assert "We could not find you in Kasam" in response.content.decode()
    assert session_user(client) is None
    assert get_user_model().objects.count() == users_before
    assert not SocialAccount.objects.exists()
    assert client.get("/").status_code == 302  # to the login page


def test_no_email_claim_gets_no_login(client, personas, sign_in_by_oidc):
    response = sign_in_by_oidc({"sub": "idp-anonymous"})
    assert response.status_code == 200
    assert session_user(client) is None
    assert not SocialAccount.objects.exists()


# Matching on the employee id


def test_employee_id_matching_links_the_person_named_by_the_claim(
    client, personas, sign_in_by_oidc, settings
):
    settings.KASAM_SSO_MATCH = "employee_id"
    # The address is not Kasam's for anyone: only the employee id counts.
    response = sign_in_by_oidc({"sub": "idp-p3", "email": "cilla@elsewhere.invalid", "employee_id": "P3"})

    assert response.status_code == 302
    user = session_user(client)
    assert Person.objects.get(pk="P3").user == user
    assert roles_of(user) == set()


def test_employee_id_matching_finds_the_persons_existing_login(client, personas, sign_in_by_oidc, settings):
    settings.KASAM_SSO_MATCH = "employee_id"
    settings.KASAM_SSO_EMPLOYEE_ID_CLAIM = "anstallningsnummer"
    # P1's login is the persona "medarbetare" (tests/conftest.py).
    response = sign_in_by_oidc({"sub": "idp-p1", "anstallningsnummer": " P1 "})

    assert response.status_code == 302
    assert session_user(client) == personas["medarbetare"]
    assert roles_of(session_user(client)) == {Role.EMPLOYEE}


@pytest.mark.parametrize(
    "identity",
    [
        {"sub": "idp-x", "employee_id": "NOBODY"},
        # With employee-id matching, a known e-mail address alone is not enough.
        {"sub": "idp-x", "email": "p3@example.invalid"},
    ],
    ids=["unknown employee id", "no employee id"],
)
def test_employee_id_matching_lets_in_nobody_else(client, personas, sign_in_by_oidc, settings, identity):
    settings.KASAM_SSO_MATCH = "employee_id"
    response = sign_in_by_oidc(identity)
    assert response.status_code == 200
    assert "account/signup_closed.html" in [template.name for template in response.templates]
    assert session_user(client) is None
    assert Person.objects.get(pk="P3").user is None


# The second factor


@pytest.fixture
def second_factor_on(settings):
    settings.KASAM_MFA_REQUIRED_ROLES = SECOND_FACTOR_ROLES


@pytest.fixture
def hr(personas):
    user = personas["hr"]
    user.email = "hr@example.invalid"
    user.save(update_fields=["email"])
    return user


@pytest.mark.parametrize(
    ("trust", "amr", "let_in"),
    [
        (True, ["pwd", "mfa"], True),
        (True, ["pwd", "otp"], True),
        (True, ["pwd"], False),
        (True, None, False),
        (False, ["pwd", "mfa"], False),
    ],
)
def test_the_identity_providers_second_factor_counts_only_when_trusted_and_asserted(
    client, hr, sign_in_by_oidc, second_factor_on, settings, trust, amr, let_in
):
    settings.KASAM_MFA_TRUST_IDP = trust
    identity = {"sub": "idp-hr", "email": "hr@example.invalid", **({"amr": amr} if amr else {})}
    sign_in_by_oidc(identity)
    assert session_user(client) == hr
    response = client.get("/")
    if let_in:
        assert response.status_code == 200
        login = AuditEntry.objects.get(action=AuditEntry.Action.LOGIN)
        assert login.detail["second_factor_by"] == "oidc"  # the provider id
    else:
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:second_factor_required")


def test_hr_signing_on_must_set_up_a_second_factor_before_anything_else(
    transactional_db, client, hr, sign_in_by_oidc, second_factor_on
):
    """In a transactional test, as in production: allauth announces the new factor (which counts it as
    used, kasam.accounts.second_factor) only once its transaction has committed, inside the request."""
    response = sign_in_by_oidc({"sub": "idp-hr", "email": "hr@example.invalid"})
    assert response.status_code == 302
    assert session_user(client) == hr
    required = reverse("accounts:second_factor_required")

    for url in ["/", reverse("absence:overview"), reverse("org:unit-detail", kwargs={"unit_id": "SOC"})]:
        page = client.get(url)
        assert page.status_code == 302, url
        assert page["Location"] == required, url
    assert client.get(required).status_code == 200

    # Setting up an authenticator app: the page shows a secret, the app's code proves it is held.
    activate = client.get(reverse("mfa_activate_totp"))
    assert activate.status_code == 200
    secret = client.session["mfa.totp.secret"]
    done = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert done.status_code == 302
    assert Authenticator.objects.filter(user=hr, type=Authenticator.Type.TOTP).exists()

    home = client.get("/")
    assert home.status_code == 200
    assert "Socialförvaltningen" in home.content.decode()


def test_hr_with_an_authenticator_gives_the_code_before_any_session_exists(
    client, hr, sign_in_by_oidc, second_factor_on
):
    secret = generate_totp_secret()
    TOTP.activate(hr, secret)

    response = sign_in_by_oidc({"sub": "idp-hr", "email": "hr@example.invalid"})

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert session_user(client) is None
    assert client.get("/").status_code == 302
    assert session_user(client) is None

    wrong = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret, periods_ahead=10)})
    assert wrong.status_code == 200
    assert session_user(client) is None

    given = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert given.status_code == 302
    assert given["Location"] == reverse("core:home")
    assert session_user(client) == hr
    home = client.get("/")
    assert home.status_code == 200
    assert "Socialförvaltningen" in home.content.decode()


def test_a_role_without_the_requirement_is_not_asked(client, personas, sign_in_by_oidc, second_factor_on):
    manager = personas["enhetschef"]
    manager.email = "chef@example.invalid"
    manager.save(update_fields=["email"])
    sign_in_by_oidc({"sub": "idp-chef", "email": "chef@example.invalid"})
    assert client.get("/").status_code == 200


# What Kasam checks in the provider's answer


@pytest.mark.parametrize(
    "overrides",
    [
        {"aud": "another-client"},
        {"iss": "http://127.0.0.1:9/"},
        {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200},
    ],
    ids=["wrong audience", "wrong issuer", "expired"],
)
def test_an_id_token_for_someone_else_logs_nobody_in(client, hr, sign_in_by_oidc, oidc_provider, overrides):
    oidc_provider.id_token_overrides = overrides
    response = sign_in_by_oidc({"sub": "idp-hr", "email": "hr@example.invalid"})
    assert response.status_code == 401
    assert "socialaccount/authentication_error.html" in [template.name for template in response.templates]
    assert "/token" in oidc_provider.paths_requested()  # refused for the ID token, not before
    assert session_user(client) is None
    assert not SocialAccount.objects.exists()


def test_only_the_login_pages_may_send_a_form_on_to_the_provider(client, db, oidc_provider):
    """Browsers hold the redirect after the login form to the page's form-action (kasam.core.security)."""
    login_page = client.get(reverse("account_login"))["Content-Security-Policy"]
    assert f"form-action 'self' {oidc_provider.issuer.rstrip('/')}" in login_page
    assert "form-action 'self';" in client.get(reverse("core:health"))["Content-Security-Policy"]


def test_the_callback_works_only_in_the_browser_that_started_the_sign_on(
    client, django_user_model, hr, oidc_provider
):
    """The state ties the provider's answer to the session that asked: a code sent to someone else's
    browser (login CSRF) logs nobody in there."""
    oidc_provider.next_identity = {"sub": "idp-hr", "email": "hr@example.invalid"}
    start = client.post(reverse("openid_connect_login", kwargs={"provider_id": "oidc"}), {"process": "login"})
    callback = visit_authorize(start["Location"])

    other = Client()
    response = other.get(callback)
    assert response.status_code == 401
    assert session_user(other) is None
    assert "/token" not in oidc_provider.paths_requested()
