"""Role changes in the audit log: every RoleAssignment created or deleted – in the admin, a command, a
shell, or by a cascade (a user or unit removed) – writes an entry naming the user who made the change
(kasam.audit.actor) or "system". A role assignment is never changed in place by Kasam (the admin's
change form is a delete and an add in effect), but an edit is recorded too, with the new values.

Not recorded: `bulk_create` and queryset `update` send no signals (only `kasam demo` uses bulk_create,
for its own demo logins)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from kasam.audit.actor import current_actor
from kasam.audit.models import AuditEntry, record
from kasam.org.models import RoleAssignment


def _detail(assignment: RoleAssignment) -> dict:
    user = assignment.user if assignment.user_id else None
    return {
        "subject_user_id": assignment.user_id,
        "subject_username": user.get_username() if user else "",
        "role": assignment.role,
    }


@receiver(post_save, sender=RoleAssignment, dispatch_uid="kasam-audit-role-saved")
def role_saved(sender, instance: RoleAssignment, created: bool, raw: bool = False, **kwargs) -> None:
    if raw:  # loading fixtures
        return
    detail = _detail(instance) | ({} if created else {"changed": True})
    record(current_actor(), AuditEntry.Action.ROLE_ASSIGNED, instance.unit_id, **detail)


@receiver(post_delete, sender=RoleAssignment, dispatch_uid="kasam-audit-role-deleted")
def role_deleted(sender, instance: RoleAssignment, **kwargs) -> None:
    try:
        detail = _detail(instance)
    except Exception:  # the user row is already gone (a cascade from the user's deletion)
        detail = {"subject_user_id": instance.user_id, "subject_username": "", "role": instance.role}
    record(current_actor(), AuditEntry.Action.ROLE_REMOVED, instance.unit_id, **detail)
