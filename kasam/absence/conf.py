"""The sick-leave settings in force, read from Django settings (the environment, `.env.example`)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from kasam.metrics.definitions import REPEATED_SHORT_TERM_PRESETS, SickLeaveSettings


def sick_leave_settings() -> SickLeaveSettings:
    """The preset named by KASAM_REPEATED_SHORT_TERM ("6-in-12" by default, or "3-in-6")."""
    name = settings.KASAM_REPEATED_SHORT_TERM
    try:
        return REPEATED_SHORT_TERM_PRESETS[name]
    except KeyError:
        choices = ", ".join(REPEATED_SHORT_TERM_PRESETS)
        message = f"KASAM_REPEATED_SHORT_TERM is {name!r}; expected one of {choices}."
        raise ImproperlyConfigured(message) from None
