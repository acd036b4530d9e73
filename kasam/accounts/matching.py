"""Finding the Kasam user behind a single sign-on (docs/sso.md).

The identity provider proves who someone is; Kasam decides what they may see. A sign-on is matched,
by the setting KASAM_SSO_MATCH, on the e-mail address (an existing login's, else a person's) or on the
employee id (a person's id, read from the claim or SAML attribute KASAM_SSO_EMPLOYEE_ID_CLAIM). No match
means no login: nobody gets in only because the identity provider knows them."""

from dataclasses import dataclass

from django.conf import settings

from kasam.accounts.models import User
from kasam.org.models import Person


@dataclass(frozen=True)
class Match:
    """Who a sign-on belongs to: an existing login, or a person who has none yet."""

    user: User | None
    person: Person | None


def claim_value(claims: dict, name: str) -> str:
    """A claim as one string: OIDC gives a value, SAML a list of values."""
    value = claims.get(name)
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return str(value).strip() if value not in (None, "") else ""


def find_match(email: str, claims: dict) -> Match | None:
    if settings.KASAM_SSO_MATCH == "employee_id":
        employee_id = claim_value(claims, settings.KASAM_SSO_EMPLOYEE_ID_CLAIM)
        person = Person.objects.filter(id=employee_id).select_related("user").first() if employee_id else None
        return Match(user=person.user, person=person) if person else None
    email = email.strip()
    if not email:
        return None
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    person = Person.objects.filter(email__iexact=email).select_related("user").first()
    if user is None and person is not None:
        user = person.user
    if user is None and person is None:
        return None
    return Match(user=user, person=person)
