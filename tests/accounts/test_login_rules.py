"""Local logins under django-allauth: the lockout after repeated failures, the audit entries of logins,
the second factor demanded of the roles that see most, and the sealed storage of its secret."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.urls import reverse

from kasam.audit.models import AuditEntry

PASSWORD = "test-password-1"
REQUIRED = frozenset({"health_strategist", "hr", "leadership", "admin"})


def log_in(client, username, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": username, "password": password})


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def required(settings):
    settings.KASAM_MFA_REQUIRED_ROLES = REQUIRED


# Lockout


def test_five_failures_lock_the_username_even_against_the_right_password(client, personas):
    for _ in range(5):
        response = log_in(client, "enhetschef", "fel")
        assert "Användarnamnet eller lösenordet är fel" in response.content.decode()
    response = log_in(client, "enhetschef")
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "För många misslyckade försök" in response.content.decode()
    # Another account from the same address is not locked out.
    assert log_in(client, "hr").status_code == 302 and "_auth_user_id" in client.session


def test_the_lock_opens_when_the_window_has_passed(client, personas, settings):
    # The database cache keeps whole seconds: a window of 2 s, waited out.
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "10/m/ip,2/2s/key"}
    log_in(client, "enhetschef", "fel")
    log_in(client, "enhetschef", "fel")
    assert log_in(client, "enhetschef").status_code == 200
    time.sleep(2.1)
    assert log_in(client, "enhetschef").status_code == 302


def test_one_address_may_fail_fifty_times_a_minute_whatever_the_names(client, personas):
    names = ["enhetschef", "hr", "ledning", "halsostrateg", "politiker"]
    for attempt in range(50):
        log_in(client, names[attempt % len(names)], "fel")
    assert log_in(client, "dialogcoach").status_code == 200 and "_auth_user_id" not in client.session


def test_the_admin_logs_in_through_kasams_login_page(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


# Audit


def test_logins_and_failed_logins_are_in_the_audit_log(client, personas):
    log_in(client, "enhetschef", "hunter2-my-password")
    log_in(client, "hunter2-typed-in-the-name-field", "x")
    log_in(client, "enhetschef")
    failed = AuditEntry.objects.get(action=AuditEntry.Action.LOGIN_FAILED)
    assert failed.username == "enhetschef" and failed.user == personas["enhetschef"]
    login = AuditEntry.objects.get(action=AuditEntry.Action.LOGIN)
    assert login.username == "enhetschef" and login.detail["methods"] == ["password"]
    # Neither a password nor a name that is no account reaches the log.
    everything = str(list(AuditEntry.objects.values_list("username", "detail")))
    assert "hunter2" not in everything


# The second factor


def test_no_role_that_requires_it_means_no_second_factor(client, personas, required):
    client.force_login(personas["enhetschef"])
    assert client.get(reverse("core:home")).status_code == 200


@pytest.mark.parametrize("username", ["hr", "halsostrateg", "ledning"])
def test_a_role_that_requires_it_reaches_nothing_before_setting_one_up(client, personas, required, username):
    log_in(client, username)
    for path in ["/", "/sjukfranvaro/", "/organisation/", "/logg/", "/puls/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("accounts:second_factor_required")), path
    # The ways to set one up, the language and logging out stay open.
    assert client.get(reverse("accounts:second_factor_required")).status_code == 200
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302


def test_an_administrator_needs_one_too(client, django_user_model, required):
    admin = django_user_model.objects.create_superuser("it-admin", password=PASSWORD)
    client.force_login(admin)
    assert client.get("/admin/").status_code == 302


def test_the_setting_can_leave_out_every_role(client, personas, settings):
    settings.KASAM_MFA_REQUIRED_ROLES = frozenset()
    client.force_login(personas["hr"])
    assert client.get(reverse("core:home")).status_code == 200


def test_setting_up_an_app_opens_kasam_and_the_next_login_asks_for_the_code(
    transactional_db, client, personas, required
):
    # Transactional: allauth announces a new factor on commit, inside the request as in production.
    log_in(client, "hr")
    assert client.get("/").status_code == 302
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert AuditEntry.objects.filter(action=AuditEntry.Action.SECOND_FACTOR_ADDED, username="hr").exists()

    client.post(reverse("account_logout"))
    response = log_in(client, "hr")
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_authenticate"))
    assert "_auth_user_id" not in client.session  # no session before the code
    wrong = str((int(current_code(secret)) + 1) % 1_000_000).zfill(6)
    assert client.post(reverse("mfa_authenticate"), {"code": wrong}).status_code == 200
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302 and client.get("/").status_code == 200
    login = AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN).first()
    assert login.detail["methods"] == ["password", "mfa"]


def test_a_session_without_the_factor_is_asked_for_it_again(client, personas, required):
    TOTP.activate(personas["hr"], generate_totp_secret())
    client.force_login(personas["hr"])  # a session that never gave the code
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_reauthenticate"))


def test_the_apps_secret_is_stored_sealed(personas):
    secret = generate_totp_secret()
    TOTP.activate(personas["hr"], secret)
    stored = Authenticator.objects.get(user=personas["hr"]).data["secret"]
    assert secret not in stored and stored.startswith("aesgcm:")
    assert TOTP(Authenticator.objects.get(user=personas["hr"])).validate_code(current_code(secret))


def test_a_misspelt_role_in_the_setting_is_an_error(settings):
    from kasam.accounts.checks import second_factor_roles

    settings.KASAM_MFA_REQUIRED_ROLES = frozenset({"hr", "halsostrateg"})
    errors = second_factor_roles(None)
    assert [error.id for error in errors] == ["kasam.E001"] and "halsostrateg" in errors[0].msg
    settings.KASAM_MFA_REQUIRED_ROLES = REQUIRED
    assert second_factor_roles(None) == []


def test_the_list_of_security_keys_and_a_malformed_key_answer_are_pages_not_errors(client, personas):
    log_in(client, "enhetschef")
    assert client.get(reverse("mfa_list_webauthn")).status_code == 200
    assert client.get(reverse("mfa_add_webauthn")).status_code == 200  # starts the ceremony
    response = client.post(reverse("mfa_add_webauthn"), {"name": "Nyckel", "credential": '{"id": "abc"}'})
    assert response.status_code == 200 and not Authenticator.objects.exists()


def test_the_apps_code_is_typed_on_a_digits_keyboard(client, personas):
    log_in(client, "enhetschef")
    html = client.get(reverse("mfa_activate_totp")).content.decode()
    assert 'inputmode="numeric"' in html and 'autocomplete="one-time-code"' in html


def test_the_audit_log_page_shows_how_someone_logged_in(client, personas):
    log_in(client, "hr")
    html = client.get(reverse("audit:log")).content.decode()
    assert "loggade in" in html and "hur: lösenord" in html
    assert "[" not in html.split("hur:")[1].split("<")[0]
