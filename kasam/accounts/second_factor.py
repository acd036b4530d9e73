"""A second factor for the roles that see most: hälsostrateg, HR, ledning and administrators
by default (KASAM_MFA_REQUIRED_ROLES). Such a user reaches no page of Kasam until they have set up a
second factor (an authenticator app or a security key) and used it in this session; until then every
request is sent to setting it up, or to giving it. Others may set one up of their own accord.

An organisation whose identity provider already demands a second factor may let it count
(KASAM_MFA_TRUST_IDP): an OpenID Connect sign-on whose ID token says, in its `amr` claim (RFC 8176),
that more than one factor was used then confirms the session as Kasam's own factor would.

The demo's logins (kasam.accounts.demo) need no second factor, so that visitors need no app – but only on
a database that `kasam demo` made and marked (kasam.core.models.DemoDatabase), however it is served, and
only while KASAM_MFA_REQUIRED_ROLES is left unset (naming the roles asks the demo logins too)."""

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from kasam.accounts.demo import DEMO_USERNAMES
from kasam.core.session_keys import IDP_SECOND_FACTOR  # the identity provider that vouched
from kasam.org.access import roles_of

# RFC 8176's methods: "mfa" says it outright; otherwise something known together with something held or
# something one is.
KNOWN = {"pwd", "pin", "kba"}
HELD_OR_BEING = {"otp", "hwk", "swk", "sms", "tel", "sc", "fpt", "face", "iris", "retina", "vbm"}

# Pages a user waiting for their second factor may still reach: the login pages themselves (setting
# up and giving the factor, logging out), language, static files, the health check and the pulse.
OPEN_PREFIXES = ("/konto/", "/i18n/", "/static/", "/halsa/", "/svara/")


def requires_second_factor(user) -> bool:
    required = settings.KASAM_MFA_REQUIRED_ROLES
    if not required:
        return False
    # roles_of keeps the user's assignments on the request's user: the views reuse them.
    needed = (user.is_superuser and "admin" in required) or any(
        role.value in required for role in roles_of(user)
    )
    return needed and not is_exempt_demo_login(user)


def is_exempt_demo_login(user) -> bool:
    """One of the demo's logins on the demo's own database (never a user of any other database)."""
    if not settings.KASAM_MFA_EXEMPT_DEMO_LOGINS or user.username not in DEMO_USERNAMES:
        return False
    from kasam.core.models import is_demo_database

    return is_demo_database()


def used_second_factor(request) -> bool:
    if request.session.get(IDP_SECOND_FACTOR) and settings.KASAM_MFA_TRUST_IDP:
        return True
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def idp_used_second_factor(amr) -> bool:
    """Whether an ID token's `amr` claim (RFC 8176) says that more than one factor was used."""
    methods = {str(method).lower() for method in amr} if isinstance(amr, list | tuple) else set()
    return "mfa" in methods or bool(methods & KNOWN and methods & HELD_OR_BEING)


def note_idp_second_factor(sender, request, user, sociallogin=None, **kwargs):
    """allauth's user_logged_in: remember, for this session, an identity provider's word that it asked
    for a second factor (only ever read when KASAM_MFA_TRUST_IDP is on)."""
    if sociallogin is None or not settings.KASAM_MFA_TRUST_IDP:
        return
    token = (sociallogin.account.extra_data or {}).get("id_token")
    if isinstance(token, dict) and idp_used_second_factor(token.get("amr")):
        request.session[IDP_SECOND_FACTOR] = sociallogin.account.provider


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
