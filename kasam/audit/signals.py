"""Role changes in the audit log: every RoleAssignment created or deleted – in the admin, a command, a
shell, or by a cascade (a user or unit removed) – writes an entry naming the user who made the change
(kasam.audit.actor) or "system". A role assignment is never changed in place by Kasam (the admin's
change form is a delete and an add in effect), but an edit is recorded too, with the new values.

Not recorded: `bulk_create` and queryset `update` send no signals (only `kasam demo` uses bulk_create,
for its own demo logins)."""

from allauth.account.authentication import get_authentication_records
from allauth.account.signals import user_logged_in
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from kasam.audit.actor import current_actor
from kasam.audit.models import AuditEntry, record
from kasam.core.session_keys import IDP_SECOND_FACTOR
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


@receiver(user_logged_in, dispatch_uid="kasam-audit-login")
def logged_in(sender, request, user, **kwargs) -> None:
    """A completed login (allauth's signal: after the second factor), with how the session was opened:
    allauth's records, e.g. ["password", "mfa"] or ["socialaccount"]."""
    records = get_authentication_records(request, user)
    methods = [record.get("method") for record in records]
    providers = sorted({r["provider"] for r in records if r.get("provider")})
    detail = {"methods": methods}
    if providers:
        detail["providers"] = providers
    if vouched := request.session.get(IDP_SECOND_FACTOR):  # kasam.accounts.second_factor
        detail["second_factor_by"] = vouched
    record(user, AuditEntry.Action.LOGIN, **detail)


@receiver(user_login_failed, dispatch_uid="kasam-audit-login-failed")
def login_failed(sender, credentials, request=None, **kwargs) -> None:
    """A wrong password, written under the account it was for. A name that is no account is not
    written: people sometimes type their password into the username field (the web server's access log
    and the lockout's per-address limit cover guessing at names)."""
    typed = str(credentials.get("username") or "")
    account = get_user_model().objects.filter(username=typed).first() if typed else None
    if account is not None:
        record(account, AuditEntry.Action.LOGIN_FAILED)


@receiver(authenticator_added, dispatch_uid="kasam-audit-factor-added")
def factor_added(sender, request, user, authenticator, **kwargs) -> None:
    record(user, AuditEntry.Action.SECOND_FACTOR_ADDED, type=authenticator.type)


@receiver(authenticator_removed, dispatch_uid="kasam-audit-factor-removed")
def factor_removed(sender, request, user, authenticator, **kwargs) -> None:
    record(user, AuditEntry.Action.SECOND_FACTOR_REMOVED, type=authenticator.type)
