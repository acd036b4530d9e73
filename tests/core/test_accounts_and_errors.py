import pytest
from django.contrib.auth.hashers import make_password
from django.urls import path, reverse

from kasam.urls import urlpatterns as kasam_urls


def test_it_logs_in_and_out(client, personas):
    response = client.post(reverse("account_login"), {"login": "enhetschef", "password": "test-password-1"})
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    assert client.get(reverse("core:home")).status_code == 200
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302 and response["Location"] == reverse("account_login")
    assert client.get(reverse("core:home")).status_code == 302


def test_it_says_kindly_when_the_password_is_wrong(client, personas):
    response = client.post(reverse("account_login"), {"login": "enhetschef", "password": "fel"})
    assert response.status_code == 200
    assert "Användarnamnet eller lösenordet är fel" in response.content.decode()


def test_it_hashes_passwords_with_argon2(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    assert make_password("a long demo password").startswith("argon2$")


def test_it_answers_health_checks_without_login(client, db):
    response = client.get(reverse("core:health"))
    assert response.status_code == 200 and response.json()["status"] == "ok"


def _explode(request):
    raise RuntimeError("secret internals")


urlpatterns = [*kasam_urls, path("explode/", _explode)]
handler500 = "kasam.core.views.server_error"


@pytest.mark.urls(__name__)
def test_it_never_shows_a_stack_trace(client, personas, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    client.force_login(personas["hr"])
    response = client.get("/explode/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Något gick fel" in html
    assert "Traceback" not in html and "secret internals" not in html


def test_it_shows_a_friendly_404(client, personas):
    client.force_login(personas["hr"])
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan kunde inte hittas" in response.content.decode()


def test_it_collects_its_stylesheet():
    from django.contrib.staticfiles import finders

    assert finders.find("kasam/kasam.css")


def test_it_explains_a_stale_form_kindly(personas):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "hr", "password": "test-password-1"})
    assert response.status_code == 403
    assert "Sidan hade blivit gammal" in response.content.decode()
