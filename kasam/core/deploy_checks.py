"""System checks of how Kasam is deployed (docs/operations.md): nothing secret is printed, the pulse
links' key is strong, and plain HTTP is never switched on unnoticed.

- kasam.E010: outside DEBUG and the demo, neither e-mail nor SMS may be printed to standard output:
  the messages carry pulse and password-reset links and the addresses they go to.
- kasam.E011: outside DEBUG, KASAM_TOKEN_KEY (when set) must be long and random: anyone who knows it
  can tell which link hash belongs to which link.
- kasam.W010 (`check --deploy`): KASAM_INSECURE_HTTP=true turns off the HTTPS redirect, HSTS and Secure
  cookies – right for the demo on loopback, wrong anywhere else."""

import math
from collections import Counter

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

CONSOLE_EMAIL = "django.core.mail.backends.console.EmailBackend"
# The shortest KASAM_TOKEN_KEY, and the least entropy its characters must show (bits, estimated from
# how often each character occurs): `python3 -c 'import secrets; print(secrets.token_urlsafe(32))'`
# gives 43 characters and about 200 bits.
TOKEN_KEY_MIN_LENGTH = 32
TOKEN_KEY_MIN_BITS = 128
# Values from the documentation and common placeholders: never a key.
EXAMPLE_TOKEN_KEYS = {"…32 random characters…", "change-me", "changeme", "secret", "kasam", "kasam-demo"}


def estimated_bits(value: str) -> float:
    """Shannon entropy of the value's characters times its length: a rough upper bound of its secrecy
    that catches short, repetitive and one-character-class keys."""
    counts = Counter(value)
    return -sum(n * math.log2(n / len(value)) for n in counts.values()) if value else 0.0


def weak_token_key(key: str) -> str | None:
    """Why KASAM_TOKEN_KEY is weak, or None when it is not (empty derives a key from SECRET_KEY)."""
    if not key:
        return None
    if key.strip().lower() in EXAMPLE_TOKEN_KEYS or "random characters" in key:
        return "it is an example value"
    if len(key) < TOKEN_KEY_MIN_LENGTH:
        return f"it has {len(key)} characters, fewer than {TOKEN_KEY_MIN_LENGTH}"
    if estimated_bits(key) < TOKEN_KEY_MIN_BITS:
        return "its characters repeat too much to be random"
    if key == settings.SECRET_KEY:
        return "it is SECRET_KEY itself"
    return None


def _printing_channels() -> list[str]:
    printing = []
    if settings.EMAIL_BACKEND == CONSOLE_EMAIL:
        printing.append(f"EMAIL_BACKEND={CONSOLE_EMAIL}")
    if settings.KASAM_SMS_PROVIDER == "console":
        printing.append("KASAM_SMS_PROVIDER=console")
    return printing


@register(Tags.security)
def nothing_secret_printed(app_configs, **kwargs):
    if settings.DEBUG:
        return []
    printing = _printing_channels()
    if not printing:
        return []
    from kasam.core.models import is_demo_database

    if is_demo_database():
        return []
    return [
        Error(
            f"{' and '.join(printing)} would print pulse and password-reset links and addresses to "
            "standard output.",
            hint="Send e-mail through SMTP (EMAIL_HOST …) and SMS through KASAM_SMS_PROVIDER=46elks; "
            "docs/operations.md.",
            id="kasam.E010",
        )
    ]


@register(Tags.security)
def strong_token_key(app_configs, **kwargs):
    if settings.DEBUG:
        return []
    reason = weak_token_key(settings.KASAM_TOKEN_KEY)
    if reason is None:
        return []
    return [
        Error(
            f"KASAM_TOKEN_KEY is weak: {reason}.",
            hint="python3 -c 'import secrets; print(secrets.token_urlsafe(32))' (docs/operations.md).",
            id="kasam.E011",
        )
    ]


@register(Tags.security, deploy=True)
def plain_http(app_configs, **kwargs):
    if not settings.KASAM_INSECURE_HTTP:
        return []
    return [
        Warning(
            "KASAM_INSECURE_HTTP=true: no redirect to HTTPS, no HSTS and no Secure cookies.",
            hint="Only for the demo on 127.0.0.1; remove it in production (docs/operations.md).",
            id="kasam.W010",
        )
    ]
