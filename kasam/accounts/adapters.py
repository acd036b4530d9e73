"""Kasam's rules for django-allauth: nobody signs up by themselves, and a single sign-on only lets in
someone Kasam already knows (kasam.accounts.matching)."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.utils.translation import gettext_lazy as _

from kasam.accounts.matching import Match, find_match


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": _("The username or password is wrong. Check both and try again."),
        "too_many_login_attempts": _(
            "Too many failed attempts. Wait a quarter of an hour and try again, or contact your HR "
            "department."
        ),
    }

    def is_open_for_signup(self, request):
        # Local accounts are made by an administrator; single sign-on has its own rule below.
        return False


def _match(sociallogin) -> Match | None:
    email = sociallogin.user.email or next((address.email for address in sociallogin.email_addresses), "")
    return find_match(email, sociallogin.account.extra_data or {})


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def pre_social_login(self, request, sociallogin):
        """A first sign-on of someone who already has a login joins the two."""
        if sociallogin.is_existing:
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
