"""A second factor for the roles that see most (issue 9): hälsostrateg, HR, ledning and administrators
by default (KASAM_MFA_REQUIRED_ROLES). Such a user reaches no page of Kasam until they have set up a
second factor (an authenticator app or a security key) and used it in this session; until then every
request is sent to setting it up, or to giving it. Others may set one up of their own accord."""

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from kasam.org.access import roles_of

# Pages a user waiting for their second factor may still reach: the login pages themselves (setting
# up and giving the factor, logging out), language, static files, the health check and the pulse.
OPEN_PREFIXES = ("/konto/", "/i18n/", "/static/", "/halsa/", "/svara/")


def requires_second_factor(user) -> bool:
    required = settings.KASAM_MFA_REQUIRED_ROLES
    if not required:
        return False
    if user.is_superuser and "admin" in required:
        return True
    # roles_of keeps the user's assignments on the request's user: the views reuse them.
    return any(role.value in required for role in roles_of(user))


def used_second_factor(request) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path_info.startswith(OPEN_PREFIXES)
            and not used_second_factor(request)
            and requires_second_factor(user)
        ):
            factors = Authenticator.objects.filter(user=user).exclude(type=Authenticator.Type.RECOVERY_CODES)
            if factors.exists():
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
            return redirect("accounts:second_factor_required")
        return self.get_response(request)


def count_new_factor_as_used(sender, request, user, authenticator, **kwargs):
    """Setting up a factor proves one holds it (the app's code, or the key's signature): this session
    counts as confirmed by it, just as if the code had been asked for again (allauth's "reauthenticated"),
    so nobody is asked for it a moment after giving it, not even to see the recovery codes."""
    if authenticator.type != Authenticator.Type.RECOVERY_CODES:
        record_authentication(
            request, user, "mfa", id=authenticator.pk, type=authenticator.type, reauthenticated=True
        )
