"""Finding the Kasam user behind a single sign-on (docs/sso.md).

The identity provider proves who someone is; Kasam decides what they may see. A sign-on is matched,
by the setting KASAM_SSO_MATCH, on the employee id (a person's id, read from the claim or SAML attribute
KASAM_SSO_EMPLOYEE_ID_CLAIM) or on the e-mail address. An e-mail address is looked up among the persons
first – HR's data, which users cannot edit – and among the logins only when no person has it. A person
matches only while employed today, and then through their own login when they have one. No match, or
two persons or logins with the same address, means no login: nobody gets in only because the identity
provider knows them, and nobody lands in someone else's account."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from kasam.accounts.models import User
from kasam.core.dates import today
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


def _employed(person: Person) -> bool:
    day = today()
    current = Q(end_date__isnull=True) | Q(end_date__gte=day)
    return person.employments.filter(current, start_date__lte=day).exists()


def _person_match(people: list[Person]) -> Match | None:
    if len(people) != 1 or not _employed(people[0]):
        return None
    return Match(user=people[0].user, person=people[0])


def find_match(email: str, claims: dict) -> Match | None:
    if settings.KASAM_SSO_MATCH == "employee_id":
        employee_id = claim_value(claims, settings.KASAM_SSO_EMPLOYEE_ID_CLAIM)
        if not employee_id:
            return None
        return _person_match(list(Person.objects.filter(id=employee_id).select_related("user")))
    email = email.strip()
    if not email:
        return None
    people = list(Person.objects.filter(email__iexact=email).select_related("user")[:2])
    if people:
        return _person_match(people)
    users = list(User.objects.filter(email__iexact=email, is_active=True)[:2])
    return Match(user=users[0], person=None) if len(users) == 1 else None
