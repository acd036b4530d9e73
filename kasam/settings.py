"""Kasam's one settings file. Every value a deployment may change comes from the environment;
`.env.example` lists them all. Defaults give a local demo on SQLite under `var/`."""

import os
import secrets
from datetime import date
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(os.environ.get("KASAM_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def make_private_dir(path: Path) -> None:
    """Create Kasam's data directory readable by its owner only (0700): it holds the SQLite database and
    the generated secret. An existing directory is left as the administrator made it."""
    if not path.exists():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.chmod(0o700)


def load_secret_key() -> str:
    """SECRET_KEY from the environment; a local install keeps a generated one in var/ so that
    sessions survive a restart without a secret ever being written into the repository."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    make_private_dir(VAR_DIR)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


SECRET_KEY = load_secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django.contrib.humanize",  # allauth's list of security keys
    "django_tasks",
    # Before django_tasks_db: its `db_worker` (which outlives a database outage) is the one that runs.
    "kasam.worker",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "kasam.core",
    "kasam.accounts",
    "kasam.org",
    "kasam.absence",
    "kasam.audit",
    "kasam.pulse",
    "kasam.survey",
    "kasam.plans",
    "kasam.targets",
    "kasam.dialogs",
    "kasam.leadership",
    "kasam.economy",
    "kasam.kolada",
    "kasam.reports",
    "kasam.evaluation",
    "kasam.gdpr",
    "kasam.releases",
    "kasam.anonymity",
    "kasam.workplace",
    "kasam.rehab",
    "kasam.sam",
    # The site on top: composes what the apps above contribute (docs/architecture.md "Layers").
    "kasam.site",
]

MIDDLEWARE = [
    "kasam.core.logging.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "kasam.core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kasam.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kasam.core.middleware.NoStoreMiddleware",
    "kasam.core.limits.RequestSizeLimitMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "kasam.anonymity.viewer.ViewerMiddleware",
    "kasam.accounts.second_factor.SecondFactorRequiredMiddleware",
    "kasam.audit.actor.AuditActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "kasam.urls"
WSGI_APPLICATION = "kasam.wsgi.application"

# Form widgets render through the templates below, so Kasam's own widgets live beside its other
# templates (kasam/templates/org/widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kasam.site.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'kasam.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The database file is made readable by its owner only as it is created (kasam.core.apps); so is
    # the data directory it lives in.
    make_private_dir(Path(DATABASES["default"]["NAME"]).parent)
    # WAL lets the demo's web workers read while an import writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "account_login"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Request bodies (docs/operations.md "Limits on what is sent"): at most KASAM_REQUEST_MAX_MB on every page,
# KASAM_IMPORT_MAX_MB on the import pages for a user who may import. kasam.core.limits refuses a larger
# body with 413 before it is read; an uploaded file larger than FILE_UPLOAD_MAX_MEMORY_SIZE goes to disk.
KASAM_REQUEST_MAX_MB = int(os.environ.get("KASAM_REQUEST_MAX_MB", "") or "1")
KASAM_IMPORT_MAX_MB = int(os.environ.get("KASAM_IMPORT_MAX_MB", "") or "100")
if not 1 <= KASAM_REQUEST_MAX_MB <= KASAM_IMPORT_MAX_MB:
    raise ImproperlyConfigured("KASAM_REQUEST_MAX_MB is at least 1 and at most KASAM_IMPORT_MAX_MB.")
DATA_UPLOAD_MAX_MEMORY_SIZE = KASAM_REQUEST_MAX_MB * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# Security: HTTPS by default – the redirect to HTTPS, HSTS for a year and Secure cookies – unless one
# explicit setting, KASAM_INSECURE_HTTP=true, turns them all off for plain HTTP on loopback: `make demo`
# and `kasam demo` set it (and say so), and `kasam check --deploy` warns about it (kasam.W010).
# Each of the variables below still overrides its own value.
KASAM_INSECURE_HTTP = env_bool("KASAM_INSECURE_HTTP", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not KASAM_INSECURE_HTTP)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not KASAM_INSECURE_HTTP)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not KASAM_INSECURE_HTTP)
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", "") or (0 if KASAM_INSECURE_HTTP else 365 * 24 * 3600)
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
# Preloading HSTS is a decision about the municipality's whole registered domain (hstspreload.org only
# takes a domain whose apex sends `preload`), never about Kasam's own host name: it stays opt-in, and
# Django's reminder of it (security.W021) is silenced so that the deployment check can pass without it.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = ["security.W021"]
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy and Permissions-Policy: kasam.core.security.SecurityHeadersMiddleware.
# The health check answers a load balancer's or monitor's plain-HTTP probe instead of redirecting it.
SECURE_REDIRECT_EXEMPT = [r"^halsa/$"]
CSRF_FAILURE_VIEW = "kasam.core.views.csrf_failure"

# Kasam's backend sends through SMTP (below); on a database made by `kasam demo` it keeps the messages
# in the outbox (kasam.core.outbox) instead. Never the console backend outside DEBUG: it would print
# pulse and password-reset links with their addresses (refused by a system check, kasam.E010).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "") or "kasam.core.outbox.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kasam@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Logs go to standard error (journald under systemd): "text" is the bare message, "json" one object per
# line for a log collector (kasam.core.logging). Both drop e-mail addresses, personal identity numbers
# and pulse tokens from every record.
KASAM_LOG_FORMAT = os.environ.get("KASAM_LOG_FORMAT", "") or "text"
if KASAM_LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured("KASAM_LOG_FORMAT must be text or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"personal_data": {"()": "kasam.core.logging.PersonalDataFilter"}},
    "formatters": {
        "text": {"format": "%(message)s"},
        "json": {"()": "kasam.core.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": KASAM_LOG_FORMAT,
            "filters": ["personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Kasam's own settings (docs/definitions.md): the organisation's name and the reference date "today".
KASAM_ORGANISATION_NAME = os.environ.get("KASAM_ORGANISATION_NAME", "Exempelkommun")
KASAM_TODAY = date.fromisoformat(os.environ["KASAM_TODAY"]) if os.environ.get("KASAM_TODAY") else None

# Background work (ADR 006): "immediate" runs a task in-process as it is enqueued (demo, tests, small
# installs); "database" queues it in the database for `kasam db_worker` processes.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
KASAM_TASKS_BACKEND = os.environ.get("KASAM_TASKS_BACKEND", "") or "immediate"
if KASAM_TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"KASAM_TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[KASAM_TASKS_BACKEND], "QUEUES": ["default"]}}
# A refill of the sick-leave series renews a heartbeat; one left "running" whose heartbeat is older than
# this was left by a killed process and is taken over (docs/operations.md, "Faults that heal themselves").
KASAM_REFILL_STALE_SECONDS = int(os.environ.get("KASAM_REFILL_STALE_SECONDS", "") or 900)

# Sick leave (docs/definitions.md "Repeated short-term absence"): a preset of kasam.metrics.definitions.
KASAM_REPEATED_SHORT_TERM = os.environ.get("KASAM_REPEATED_SHORT_TERM", "") or "6-in-12"
# Rehabilitation (docs/definitions.md "Rehabilitation"): a case closes by itself once the person has had
# this many days without a sick day after its last one.
KASAM_REHAB_QUIET_DAYS = int(os.environ.get("KASAM_REHAB_QUIET_DAYS", "") or 28)
if KASAM_REHAB_QUIET_DAYS < 1:
    raise ImproperlyConfigured("KASAM_REHAB_QUIET_DAYS is a number of days, 1 or more.")

# Pulse (docs/definitions.md "Anonymity rules", ADR 008): k, the smallest group shown (never below 3); and the
# key of the link tokens' hashes – empty derives one from SECRET_KEY (changing either voids open links).
KASAM_PULSE_K = int(os.environ.get("KASAM_PULSE_K", "") or "5")
if KASAM_PULSE_K < 3:
    raise ImproperlyConfigured("KASAM_PULSE_K is never below 3.")
KASAM_TOKEN_KEY = os.environ.get("KASAM_TOKEN_KEY", "")
# The file holding the key that seals waiting pulse answers (kasam.pulse.sealing, docs/anonymity.md):
# outside the database and its data directory, readable by the service user only. Empty derives the key
# from KASAM_TOKEN_KEY.
KASAM_PULSE_SEAL_KEY_FILE = os.environ.get("KASAM_PULSE_SEAL_KEY_FILE", "")
# A pulse answer that meets a locked database retries its write for up to this many seconds, then waits
# sealed in the spool directory until the next answer, `kasam tick` or the round's close stores it
# (kasam.pulse.spool, docs/operations.md "Faults that heal themselves").
KASAM_PULSE_WRITE_WAIT_SECONDS = float(os.environ.get("KASAM_PULSE_WRITE_WAIT_SECONDS", "") or "10")
KASAM_PULSE_SPOOL_DIR = Path(os.environ.get("KASAM_PULSE_SPOOL_DIR", "") or VAR_DIR / "pulse-spool")
# Pulse links and SMS (kasam.pulse.messaging): the site's address in invitations; the SMS provider
# ("outbox": only the demo's outbox, never sent; "console": printed, DEBUG only; or "46elks"), its API's
# base URL and credentials.
KASAM_BASE_URL = os.environ.get("KASAM_BASE_URL", "") or "http://127.0.0.1:8000"
KASAM_SMS_PROVIDER = os.environ.get("KASAM_SMS_PROVIDER", "") or "outbox"
KASAM_SMS_BASE_URL = os.environ.get("KASAM_SMS_BASE_URL", "") or "https://api.46elks.com/a1"
KASAM_SMS_USERNAME = os.environ.get("KASAM_SMS_USERNAME", "")
KASAM_SMS_PASSWORD = os.environ.get("KASAM_SMS_PASSWORD", "")
KASAM_SMS_FROM = os.environ.get("KASAM_SMS_FROM", "") or "Kasam"
KASAM_KOLADA_URL = os.environ.get("KASAM_KOLADA_URL", "") or "https://api.kolada.se/v3"  # docs/kolada.md
KASAM_KOLADA_TIMEOUT = float(os.environ.get("KASAM_KOLADA_TIMEOUT", "") or "20")  # seconds per request


# Retention (docs/gdpr/lagring.md): months each class of data is kept before `kasam gdpr purge`
# (run daily by `kasam tick`) deletes it; 0 keeps it for ever. Pulse classes count from the round's
# close, absences from their end (deleted by whole calendar years), audit entries and reports from when
# they were written or asked for.
def env_months(name: str, default: int) -> int:
    months = int(os.environ.get(name, "") or default)
    if months < 0:
        raise ImproperlyConfigured(f"{name} is a number of months, 0 or more (0 keeps for ever).")
    return months


KASAM_RETENTION_MONTHS = {
    "pulse_answers": env_months("KASAM_RETENTION_PULSE_ANSWERS_MONTHS", 36),
    "pulse_free_text": env_months("KASAM_RETENTION_PULSE_FREE_TEXT_MONTHS", 12),
    "pulse_participation": env_months("KASAM_RETENTION_PULSE_PARTICIPATION_MONTHS", 12),
    "absences": env_months("KASAM_RETENTION_ABSENCE_MONTHS", 60),
    "audit_log": env_months("KASAM_RETENTION_AUDIT_LOG_MONTHS", 60),
    "reports": env_months("KASAM_RETENTION_REPORTS_MONTHS", 24),
    # A closed rehabilitation case, from its closing (docs/gdpr/lagring.md "Rehabiliteringsärenden").
    "rehab_cases": env_months("KASAM_RETENTION_REHAB_CASES_MONTHS", 24),
}


# Logins (docs/sso.md, ADR 011) through django-allauth: local accounts (created by an
# administrator, never by sign-up), single sign-on by OpenID Connect or SAML 2.0, and a second factor.
# Roles are always granted in Kasam, never taken from the identity provider.
ACCOUNT_ADAPTER = "kasam.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "kasam.accounts.adapters.SocialAccountAdapter"
ACCOUNT_FORMS = {"reset_password": "kasam.accounts.forms.ResetPasswordForm"}
# The reset form answers the same page for every address (allauth's PREVENT_ENUMERATION, on by
# default) and mails only an address of a login with a Kasam password: allauth would otherwise mail an
# unknown address "you have no account", letting anyone make Kasam mail anyone.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # matching is Kasam's own (kasam.accounts.matching)
SOCIALACCOUNT_STORE_TOKENS = False
# Lockout: after KASAM_LOGIN_ATTEMPTS_LIMIT failed logins for one username within
# KASAM_LOGIN_ATTEMPTS_TIMEOUT seconds, that username is refused (even with the right password) until
# the window has passed. Limits per address are generous: a whole office may share one address behind
# the municipality's NAT. Counters live in CACHES. Behind nginx the client's address is read from
# X-Forwarded-For, trusting as many proxies as KASAM_TRUSTED_PROXY_COUNT (1 with BEHIND_PROXY).
KASAM_LOGIN_ATTEMPTS_LIMIT = int(os.environ.get("KASAM_LOGIN_ATTEMPTS_LIMIT", "") or "5")
KASAM_LOGIN_ATTEMPTS_TIMEOUT = int(os.environ.get("KASAM_LOGIN_ATTEMPTS_TIMEOUT", "") or "900")
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("KASAM_TRUSTED_PROXY_COUNT", "") or int(BEHIND_PROXY))
ACCOUNT_RATE_LIMITS = {
    "login": "300/m/ip",
    "login_failed": f"50/m/ip,{KASAM_LOGIN_ATTEMPTS_LIMIT}/{KASAM_LOGIN_ATTEMPTS_TIMEOUT}s/key",
    "reset_password": "20/m/ip,5/m/key",
}
# allauth keeps its rate-limit counters, used TOTP codes and identity providers' keys in the default
# cache, which every web process and machine must share: a table in the database (created by the
# kasam.accounts migration 0002). The figure cache shares its values there too (kasam.core.generations):
# a large organisation's pages keep a few hundred, so the table holds more than Django's default 300
# before it drops a third of them (values of an old generation are never read again and go that way).
# Rendered charts are only worth keeping in each process's memory.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "kasam_cache",
        "OPTIONS": {"MAX_ENTRIES": 3000},
    },
    "charts": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kasam-charts"},
}

# Second factor: TOTP (an authenticator app), WebAuthn security keys and recovery codes. Users holding
# one of KASAM_MFA_REQUIRED_ROLES (role values of kasam.org.models.Role; "admin" is a superuser) cannot
# use Kasam before they have set one up and used it in this session.
MFA_ADAPTER = "kasam.accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_FORMS = {
    "activate_totp": "kasam.accounts.forms.ActivateTOTPForm",
    "add_webauthn": "kasam.accounts.forms.AddWebAuthnForm",
}
MFA_TOTP_ISSUER = KASAM_ORGANISATION_NAME and f"Kasam {KASAM_ORGANISATION_NAME}"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
KASAM_MFA_REQUIRED_ROLES = frozenset(
    env_list("KASAM_MFA_REQUIRED_ROLES", "health_strategist,hr,leadership,admin")
)
# The demo logins need no second factor on a database made by `kasam demo` (kasam.core.models.DemoDatabase)
# – unless KASAM_MFA_REQUIRED_ROLES is set, which asks them too (README: trying the second factor).
KASAM_MFA_EXEMPT_DEMO_LOGINS = os.environ.get("KASAM_MFA_REQUIRED_ROLES") is None
# Let an OpenID Connect provider's own second factor count (its ID token's amr claim says so).
KASAM_MFA_TRUST_IDP = env_bool("KASAM_MFA_TRUST_IDP", False)


def sso_providers() -> dict:
    """The identity providers configured by environment; more can be added as social applications
    in the admin (docs/sso.md)."""
    providers = {}
    if server_url := os.environ.get("KASAM_OIDC_SERVER_URL", ""):
        providers["openid_connect"] = {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": "oidc",
                    "name": os.environ.get("KASAM_OIDC_NAME", "") or "Organisationens konto",
                    "client_id": os.environ.get("KASAM_OIDC_CLIENT_ID", ""),
                    "secret": os.environ.get("KASAM_OIDC_CLIENT_SECRET", ""),
                    "settings": {"server_url": server_url, "fetch_userinfo": True},
                }
            ],
        }
    if sso_url := os.environ.get("KASAM_SAML_IDP_SSO_URL", ""):
        providers["saml"] = {
            "APPS": [
                {
                    "provider_id": "saml",
                    "client_id": "saml",
                    "name": os.environ.get("KASAM_SAML_NAME", "") or "Organisationens konto",
                    "settings": {
                        "idp": {
                            "entity_id": os.environ.get("KASAM_SAML_IDP_ENTITY_ID", ""),
                            "sso_url": sso_url,
                            "x509cert": os.environ.get("KASAM_SAML_IDP_X509CERT", ""),
                        },
                        "sp": {"entity_id": os.environ.get("KASAM_SAML_SP_ENTITY_ID", "")},
                        "advanced": {
                            "want_assertion_signed": True,
                            "want_message_signed": False,
                            "reject_idp_initiated_sso": True,
                            # One stable id per person; a transient NameID would add an account each time.
                            "name_id_format": "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
                            "allow_single_label_domains": DEBUG,  # http://localhost while developing
                        },
                    },
                }
            ]
        }
    return providers


SOCIALACCOUNT_PROVIDERS = sso_providers()
# A person signing in through single sign-on is found by "email" (the person's or the login's e-mail
# address) or "employee_id" (the person's id, read from this claim or SAML attribute).
KASAM_SSO_MATCH = os.environ.get("KASAM_SSO_MATCH", "") or "email"
if KASAM_SSO_MATCH not in {"email", "employee_id"}:
    raise ImproperlyConfigured("KASAM_SSO_MATCH must be email or employee_id.")
KASAM_SSO_EMPLOYEE_ID_CLAIM = os.environ.get("KASAM_SSO_EMPLOYEE_ID_CLAIM", "") or "employee_id"
