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
