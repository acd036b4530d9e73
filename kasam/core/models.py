"""Two small tables of the whole site: the mark of a demo database, and the demo's outbox.

`DemoDatabase` is written by `kasam demo` (and nothing else) into the database it prepares. Only on a
database that holds it are the demo logins exempt from the second factor (kasam.accounts.second_factor)
and do messages go to the outbox instead of being sent. The mark lives in the database, not in the
environment, so that it holds however the demo is served (`kasam demo`, `kasam serve`, gunicorn) and
never follows a setting into production.

`OutboxMessage` holds what the demo would have sent, by e-mail or SMS, for the health strategist's
outbox page (kasam.core.outbox). Pulse links are secrets: they are kept here only on a demo database,
never printed to standard output or a log."""

from django.db import DatabaseError, models
from django.utils.translation import gettext_lazy as _


class DemoDatabase(models.Model):
    """One row when `kasam demo` made this database; no row in production."""

    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("demo database mark")

    def __str__(self) -> str:
        return f"demo {self.marked_at:%Y-%m-%d}"


def is_demo_database() -> bool:
    """Whether this database was made by `kasam demo`. False before the table exists (a database that
    has not been migrated is no demo)."""
    try:
        return DemoDatabase.objects.exists()
    except DatabaseError:
        return False


class OutboxMessage(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("SMS")

    channel = models.CharField(max_length=8, choices=Channel.choices)
    recipients = models.TextField()  # comma-separated addresses or phone numbers
    subject = models.CharField(max_length=500, blank=True)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outbox message")

    def __str__(self) -> str:
        return f"{self.channel} {self.created_at:%Y-%m-%d %H:%M}"


class Generation(models.Model):
    """One row per kind of stored data that figures are cached from (kasam.core.generations): its
    `version` changes, in the transaction that changes the data, whenever that data changes. Every
    worker reads it before using what it cached, so one write invalidates the cache of all of them."""

    name = models.CharField(max_length=40, primary_key=True)
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"
