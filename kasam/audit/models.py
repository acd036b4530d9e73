"""The audit log: who looked at or changed what, and when. Append-only for the application: an entry
can be written but never changed or deleted through Django. The one exception is the retention job
(kasam.gdpr.retention), which deletes entries past their retention by age with `purge_before` – a raw
delete beside the append-only manager – and writes an entry saying how many it deleted.

What is written (AuditEntry.Action): every view of person-level sick leave (the early signals), every
change of a role assignment (kasam.audit.signals, with the user who made it or "system"), every file
that leaves Kasam (pulse, survey and audit-log exports, report downloads, the person export of a GDPR
request), every GDPR action (erasure, the retention job's summary), and every login, failed login and
change of a second factor (kasam.audit.signals), every giving, accepting and returning of delegated
work-environment tasks (kasam.sam.delegation_views), and every import file, checked or saved, refused or
not, on the web or by `kasam import` (kasam.site.imports.import_file: who, which kind, the file's
SHA-256, what changed)."""

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
        ROLE_ASSIGNED = "role_assigned", _("assigned a role")
        ROLE_REMOVED = "role_removed", _("removed a role")
        EXPORT_PULSE = "export_pulse", _("exported pulse results")
        EXPORT_SURVEY = "export_survey", _("exported survey results")
        DOWNLOAD_REPORT = "download_report", _("downloaded a report")
        EXPORT_AUDIT_LOG = "export_audit_log", _("exported the audit log")
        VIEW_PERSON_DATA = "view_person_data", _("looked up a person's data")
        EXPORT_PERSON = "export_person", _("exported a person's data")
        ERASE_PERSON = "erase_person", _("erased a person")
        RETENTION_PURGE = "retention_purge", _("deleted data past retention")
        LOGIN = "login", _("logged in")
        LOGIN_FAILED = "login_failed", _("failed to log in")
        SECOND_FACTOR_ADDED = "second_factor_added", _("set up a second factor")
        SECOND_FACTOR_REMOVED = "second_factor_removed", _("removed a second factor")
        PUBLISH_RELEASE = "publish_release", _("published a release")
        IMPORT_FILE = "import_file", _("imported a file")
        FOLLOW_UP_SIGNAL = "follow_up_signal", _("followed up an early signal")
        CHANGE_TRANSLATION = "change_translation", _("corrected a translation of the pulse")
        REVIEW_TRANSLATION = "review_translation", _("marked a pulse translation as reviewed")
        # Rehabilitation cases (kasam.rehab): shown in the audit viewer to HR only.
        OPEN_REHAB_CASE = "open_rehab_case", _("opened a rehabilitation case")
        VIEW_REHAB_CASE = "view_rehab_case", _("viewed rehabilitation cases")
        CHANGE_REHAB_CASE = "change_rehab_case", _("changed a rehabilitation case")
        # Delegated work-environment tasks (kasam.sam.delegation_views).
        GIVE_WORK_ENVIRONMENT_TASK = "give_work_environment_task", _("gave a work-environment task")
        ACCEPT_WORK_ENVIRONMENT_TASK = "accept_work_environment_task", _("accepted a work-environment task")
        RETURN_WORK_ENVIRONMENT_TASK = "return_work_environment_task", _("returned a work-environment task")

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


# The actions on rehabilitation cases: their entries are HR's to read (kasam.audit.views), and in a
# person's export only where HR's are (kasam.gdpr.person_export).
REHAB_ACTIONS = frozenset(
    {
        AuditEntry.Action.OPEN_REHAB_CASE,
        AuditEntry.Action.VIEW_REHAB_CASE,
        AuditEntry.Action.CHANGE_REHAB_CASE,
    }
)

# The name an entry carries when no signed-in user did it (a command, the scheduled jobs, a signal
# outside a request).
SYSTEM = "system"


def record(user, action: str, unit_id: str = "", **detail) -> AuditEntry:
    """Write one audit entry for `user` doing `action` (AuditEntry.Action) on a unit; `user` None (or
    an anonymous user) is written as "system"."""
    if user is None or not getattr(user, "is_authenticated", False):
        user = None
    return AuditEntry.objects.create(
        user=user,
        username=user.get_username() if user else SYSTEM,
        action=action,
        unit_id=unit_id,
        detail=detail,
    )


def purge_before(cutoff) -> int:
    """Delete the entries written before `cutoff` (an aware datetime) and return how many. The only
    deletion of audit entries: a raw delete on a plain queryset, beside the append-only manager, for
    the retention job alone (kasam.gdpr.retention), which records what it deleted."""
    stale = models.QuerySet(AuditEntry).filter(at__lt=cutoff)
    return stale._raw_delete(stale.db)
