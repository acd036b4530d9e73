from datetime import date

from django.conf import settings
from django.utils import timezone


def today() -> date:
    """The reference date "today" of docs/definitions.md: the setting KASAM_TODAY, else the local date."""
    return settings.KASAM_TODAY or timezone.localdate()
