from allauth.mfa.adapter import get_adapter
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
