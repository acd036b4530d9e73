"""System checks of how Kasam is deployed (docs/operations.md): nothing secret is printed.

- kasam.E010: outside DEBUG and the demo, neither e-mail nor SMS may be printed to standard output:
  the messages carry pulse and password-reset links and the addresses they go to.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register

CONSOLE_EMAIL = "django.core.mail.backends.console.EmailBackend"


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
