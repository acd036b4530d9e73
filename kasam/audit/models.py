"""The audit log: who looked at or changed what, and when. Append-only for the application: an entry
can be written but never changed or deleted through Django (retention, issue 9, deletes by age
with its own audited job)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("the audit log is append-only")

    def delete(self):
        raise AppendOnlyError("the audit log is append-only")


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        VIEW_EARLY_SIGNALS = "view_early_signals", _("viewed early signals")

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # Kept as text too, so the entry still says who it was after the account is removed.
    username = models.CharField(max_length=150)
    action = models.CharField(max_length=40, choices=Action.choices)
    unit_id = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.unit_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("the audit log is append-only")


def record(user, action: str, unit_id: str = "", **detail) -> AuditEntry:
    """Write one audit entry for `user` doing `action` (AuditEntry.Action) on a unit."""
    return AuditEntry.objects.create(
        user=user, username=user.get_username(), action=action, unit_id=unit_id, detail=detail
    )
