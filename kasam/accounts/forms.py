from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.mfa.adapter import get_adapter
from allauth.mfa.totp.forms import ActivateTOTPForm as AllauthActivateTOTPForm
from allauth.mfa.webauthn.forms import AddWebAuthnForm as AllauthAddWebAuthnForm


class AddWebAuthnForm(AllauthAddWebAuthnForm):
    """allauth's form for adding a security key, which answers a malformed answer from the browser (a
    broken or hostile client: fido2 raises KeyError on a missing field) with "wrong code" rather than
    an error page."""

    def clean(self) -> dict:
        try:
            return super().clean()
        except (KeyError, ValueError) as error:
            raise get_adapter().validation_error("incorrect_code") from error


class ActivateTOTPForm(AllauthActivateTOTPForm):
    """allauth's form for setting up an authenticator app, with a digits keyboard on a phone (the code
    is six digits; the code page also takes recovery codes, so it keeps the full keyboard)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs["inputmode"] = "numeric"


class ResetPasswordForm(AllauthResetPasswordForm):
    """A password is reset only for a login that has one: someone who signs in through the organisation's
    identity provider must not gain a Kasam password that would outlive their account there (a leaver
    switched off in the identity provider could otherwise still log in). Nobody learns which addresses
    exist: the page answers the same either way (allauth's PREVENT_ENUMERATION)."""

    def clean_email(self) -> str:
        email = super().clean_email()
        self.users = [user for user in self.users if user.has_usable_password()]
        return email
