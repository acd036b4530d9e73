"""Personal links to the employee page (docs/employee-page.md "Personal links").

A link is `/min-arbetsplats/lank/<token>/` with a token of the pulse's kind (kasam.pulse.tokens: 256
random bits, only a keyed hash stored, under a purpose of its own). Opening it puts the link's id in a
signed cookie limited to the employee page's path and sends the browser on to the page, so that the
token leaves the address bar. Every request checks the link again: a revoked or expired link stops
working at once, whatever cookie a phone still holds.
"""

from datetime import date, timedelta

from django.core import signing
from django.utils import timezone

from kasam.org.models import Person
from kasam.pulse import tokens
from kasam.workplace.models import PersonalLink

PURPOSE = "personal-link"
# How long a link sent with a round's results works: until well after the next round has closed.
LIFETIME_DAYS = 60
COOKIE = "kasam_min"
COOKIE_PATH = "/min-arbetsplats/"
SALT = "kasam.workplace.links"


def link_hash(token: str) -> str:
    return tokens.keyed_hash(PURPOSE, token)


def issue(person: Person, day: date, lifetime_days: int = LIFETIME_DAYS) -> tuple[PersonalLink, str]:
    """A new link for `person`, working until `day + lifetime_days`; the raw token is returned once."""
    token = tokens.new_token()
    link = PersonalLink.objects.create(
        person=person, token_hash=link_hash(token), expires_on=day + timedelta(days=lifetime_days)
    )
    return link, token


def issue_many(person_ids: list[int], day: date, lifetime_days: int = LIFETIME_DAYS) -> dict[int, str]:
    """One new link per person (a round's results go to thousands at once): {person id: raw token}."""
    key = tokens.token_key()
    raw = {person_id: tokens.new_token() for person_id in person_ids}
    expires = day + timedelta(days=lifetime_days)
    PersonalLink.objects.bulk_create(
        PersonalLink(person_id=pid, token_hash=tokens.keyed_hash(PURPOSE, t, key=key), expires_on=expires)
        for pid, t in raw.items()
    )
    return raw


def _usable(day: date):
    return PersonalLink.objects.filter(revoked_at__isnull=True, expires_on__gte=day)


def find(token: str, day: date) -> PersonalLink | None:
    """The usable link of a raw token, or None (unknown, revoked or expired alike)."""
    if not tokens.is_well_formed(token):
        return None
    return _usable(day).select_related("person").filter(token_hash=link_hash(token)).first()


def cookie_value(link: PersonalLink) -> str:
    return signing.dumps({"link": link.pk, "hash": link.token_hash[:16]}, salt=SALT)


def from_cookie(value: str | None, day: date) -> PersonalLink | None:
    """The usable link a signed cookie names, or None (missing, forged, revoked or expired)."""
    if not value:
        return None
    try:
        data = signing.loads(value, salt=SALT)
    except signing.BadSignature:
        return None
    link = _usable(day).select_related("person").filter(pk=data.get("link")).first()
    if link is None or link.token_hash[:16] != data.get("hash"):
        return None
    return link


def revoke_all(person: Person) -> int:
    """End every usable link of `person` (the employee's own "turn off my links")."""
    return PersonalLink.objects.filter(person=person, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def purge_expired(day: date) -> int:
    """Links past their end are of no use to anyone: removed (a tick step)."""
    deleted, _ = PersonalLink.objects.filter(expires_on__lt=day).delete()
    return deleted
