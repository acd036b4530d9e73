"""Shared fixtures: a small organisation tree and one persona per role (docs/definitions.md "Roles and who
sees what")."""

import logging
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import translation
from hypothesis import settings as hypothesis_settings
from personas import PERSONAS

from kasam.org.models import Employment, Person, RoleAssignment, Unit
from kasam.org.tree import compute_paths

# Tests speak plain HTTP to the test client and the live server, as the demo does with
# KASAM_INSECURE_HTTP=true; production's HTTPS defaults are tested in fresh processes
# (tests/core/test_secure_defaults.py). Set here, before any live server loads its middleware.
django_settings.KASAM_INSECURE_HTTP = True
django_settings.SECURE_SSL_REDIRECT = False
django_settings.SESSION_COOKIE_SECURE = False
django_settings.CSRF_COOKIE_SECURE = False
django_settings.SECURE_HSTS_SECONDS = 0
django_settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = False

# Property tests draw the same examples on every run, so that CI is reproducible.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None)
hypothesis_settings.load_profile("ci")

TODAY = date(2026, 11, 25)
# The button of the local OpenID Connect provider (fixture oidc_provider).
OIDC_NAME = "Testkommunens konto"

# unit id: (parent, name, kind, activity)
TREE = {
    "SOC": (None, "Socialförvaltningen", "administration", ""),
    "AO": ("SOC", "Äldreomsorg", "area", ""),
    "AO-HT1": ("AO", "Hemtjänst Norr", "unit", "hemtjänst"),
    "AO-HT1-A": ("AO-HT1", "Grupp Lärkan", "team", "hemtjänst"),
    "AO-SB1": ("AO", "Solgården", "unit", "särskilt boende"),
    "IFO": ("SOC", "Individ- och familjeomsorg", "area", ""),
    "IFO-BU": ("IFO", "Barn och unga", "unit", "IFO"),
}

# person id: (unit, first name, last name, end date of the employment)
STAFF = {
    "P1": ("AO-HT1", "Alva", "Testsson", None),
    "P2": ("AO-HT1-A", "Bo", "Provsson", None),
    "P3": ("AO-SB1", "Cilla", "Exempelsdotter", None),
    "P4": ("IFO-BU", "Dan", "Fiktiv", None),
    "P5": ("AO-HT1", "Eva", "Slutat", date(2025, 6, 30)),
}


@pytest.fixture
def english(settings):
    """Pages and messages in English (the msgids), in requests and in the test itself."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield settings


@pytest.fixture
def pulse_settings(settings):
    """The pulse with k = 5 and a fixed token key; a test that needs another k sets it after."""
    settings.KASAM_PULSE_K = 5
    settings.KASAM_TOKEN_KEY = "test-token-key"
    return settings


@pytest.fixture(autouse=True, scope="session")
def _static_root():
    from django.conf import settings

    # WhiteNoise warns about a missing STATIC_ROOT; tests serve static files through the finders.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _quiet_task_loggers():
    """`kasam db_worker` raises the task loggers to INFO for its process; in a test process that
    would leak into every later test's standard error."""
    yield
    for name in ("django_tasks", "django_tasks_db"):
        logging.getLogger(name).setLevel(logging.NOTSET)


@pytest.fixture(autouse=True)
def _empty_figure_cache():
    """Each test's database starts over, generations included: values a worker process held from an
    earlier test's data must not be served in this one (kasam.core.generations)."""
    from kasam.core import generations

    generations.forget_all()
    yield
    generations.forget_all()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.KASAM_TODAY = TODAY
    # A cache of each test's own: the shared figure cache (kasam.core.generations) keys values by the
    # data's generation, which every test database starts again from.
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": str(tmp_path)},
    }
    # Answers that meet a locked database wait in a spool: each test has its own, never the checkout's.
    settings.KASAM_PULSE_SPOOL_DIR = tmp_path / "pulse-spool"
    # Tests hash passwords often; Argon2 stays the production default (tested separately).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.LANGUAGE_CODE = "sv"
    # Tests of what a role may see log in with force_login, which gives no second factor; the tests of
    # the second factor itself (tests/accounts) switch the requirement back on.
    settings.KASAM_MFA_REQUIRED_ROLES = frozenset()
    # Every browser test logs in from 127.0.0.1, more often than a person would; the lockout per
    # username stays as in production (tests/accounts/test_lockout.py).
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "1000/m/ip"}


@pytest.fixture
def org(db):
    paths = compute_paths({unit_id: parent for unit_id, (parent, *_rest) in TREE.items()})
    units = {}
    for unit_id, (parent, name, kind, activity) in TREE.items():
        units[unit_id] = Unit.objects.create(
            id=unit_id, parent_id=parent, name=name, kind=kind, activity=activity, path=paths[unit_id]
        )
    for person_id, (unit_id, first, last, end) in STAFF.items():
        person = Person.objects.create(
            id=person_id,
            birth_year=1980,
            gender="K",
            first_name=first,
            last_name=last,
            email=f"{person_id.lower()}@example.invalid",
        )
        Employment.objects.create(
            person=person,
            unit_id=unit_id,
            start_date=date(2020, 1, 1),
            end_date=end,
            rate=100,
            weekly_hours=40,
            pay="monthly",
        )
    return units


@pytest.fixture
def personas(org, django_user_model):
    users = {}
    for username, (role, unit_ids) in PERSONAS.items():
        user = django_user_model.objects.create_user(username=username, password="test-password-1")
        for unit_id in unit_ids:
            RoleAssignment.objects.create(user=user, role=role, unit_id=unit_id)
        users[username] = user
    Person.objects.filter(pk="P1").update(user=users["medarbetare"])
    return users


@pytest.fixture
def oidc_provider(settings, monkeypatch):
    """tests/oidc_provider.py's OpenID Connect provider on loopback, started for the test, with Kasam
    configured for it the way production is (the KASAM_OIDC_* environment read by sso_providers())."""
    from oidc_provider import OIDCProvider

    from kasam.settings import sso_providers

    with OIDCProvider() as provider:
        monkeypatch.setenv("KASAM_OIDC_SERVER_URL", provider.issuer)
        monkeypatch.setenv("KASAM_OIDC_NAME", OIDC_NAME)
        monkeypatch.setenv("KASAM_OIDC_CLIENT_ID", provider.client_id)
        monkeypatch.setenv("KASAM_OIDC_CLIENT_SECRET", provider.client_secret)
        settings.SOCIALACCOUNT_PROVIDERS = sso_providers()
        yield provider


@pytest.fixture
def anonymity_audit():
    """`kasam anonymity audit` with the given arguments → (exit code, what it printed)."""

    def run(*args: str) -> tuple[int, str]:
        out = StringIO()
        try:
            call_command("anonymity", "audit", *args, stdout=out)
        except SystemExit as exit:
            return exit.code, out.getvalue()
        return 0, out.getvalue()

    return run
