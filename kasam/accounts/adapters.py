"""Kasam's rules for django-allauth: nobody signs up by themselves, a single sign-on only lets in
someone Kasam already knows (kasam.accounts.matching), and second factors' secrets are stored sealed."""

import base64
import hashlib
import hmac
import os

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kasam.accounts.matching import Match, find_match


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": _("The username or password is wrong. Check both and try again."),
        "too_many_login_attempts": _(
            "Too many failed attempts. Wait a while and try again, or contact your HR department."
        ),
    }

    def is_open_for_signup(self, request):
        # Local accounts are made by an administrator; single sign-on has its own rule below.
        return False

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Setting up one's first second factor asks for no password again: the login has just given
        it, and someone who signs in only through single sign-on has none to give. Changing or removing
        factors once one exists asks for one of them (allauth's rule)."""
        user = getattr(self.request, "user", None)
        first_factor = (
            app == "allauth.mfa"
            and user is not None
            and user.is_authenticated
            and not Authenticator.objects.filter(user=user).exists()
        )
        if first_factor:
            return False
        return super().is_reauthentication_required(app=app, **kwargs)


def _claims(sociallogin) -> dict:
    """What the identity provider said about the person. SAML's attributes come as one flat mapping;
    allauth keeps an OpenID Connect sign-on's two sources apart ({"id_token": {...}, "userinfo": {...}}),
    which are merged here, the userinfo endpoint's answer winning."""
    data = sociallogin.account.extra_data or {}
    parts = [data.get(source) for source in ("id_token", "userinfo")]
    if any(isinstance(part, dict) for part in parts):
        return {key: value for part in parts if isinstance(part, dict) for key, value in part.items()}
    return data


def _match(sociallogin) -> Match | None:
    email = sociallogin.user.email or next((address.email for address in sociallogin.email_addresses), "")
    return find_match(email, _claims(sociallogin))


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def pre_social_login(self, request, sociallogin):
        """A first sign-on of someone who already has a login joins the two (only when logging in:
        Kasam offers no page for joining them by hand)."""
        if sociallogin.is_existing or sociallogin.state.get("process") != "login":
            return
        match = _match(sociallogin)
        if match and match.user:
            sociallogin.connect(request, match.user)

    def is_open_for_signup(self, request, sociallogin):
        """A login is made only for a person Kasam knows (and who has none yet)."""
        match = _match(sociallogin)
        return bool(match and match.person and match.user is None)

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        match = _match(sociallogin)
        if match and match.person and match.person.user_id is None:
            match.person.user = user
            match.person.save(update_fields=["user"])
        return user


class MFAAdapter(DefaultMFAAdapter):
    """allauth stores a TOTP secret and the recovery codes' seed as given; Kasam seals them with
    AES-256-GCM under a key derived from SECRET_KEY, so that a copy of the database (a backup, a dump)
    is not enough to make someone's codes. Changing SECRET_KEY therefore voids every authenticator app
    and recovery code: their users set them up again (docs/sso.md)."""

    PREFIX = "aesgcm:"

    def _aead(self) -> AESGCM:
        return AESGCM(hmac.new(settings.SECRET_KEY.encode(), b"kasam.mfa.secrets", hashlib.sha256).digest())

    def encrypt(self, text: str) -> str:
        nonce = os.urandom(12)
        sealed = self._aead().encrypt(nonce, text.encode(), None)
        return self.PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode()

    def decrypt(self, encrypted_text: str) -> str:
        raw = base64.urlsafe_b64decode(encrypted_text.removeprefix(self.PREFIX).encode())
        return self._aead().decrypt(raw[:12], raw[12:], None).decode()
