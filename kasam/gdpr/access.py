"""Whose data a handler of GDPR requests (HANDLE_PERSONAL_DATA: HR and the health strategist) may
export: the persons with an employment – running or ended, since a request often comes from someone
who has left – in a unit of the handler's scope; every person for a scope over the whole
organisation (a root unit), persons without any employment included. Anyone else is "not found".

The person's rehabilitation cases are in a handler's export only when the handler is HR over one of
the units of the person's employments (`sees_rehab_of`, kasam.gdpr.person_export). The rule asks
nothing of the cases themselves, so it says nothing about whether there are any."""

from django.db.models import QuerySet
from django.http import Http404

from kasam.org import access
from kasam.org.models import Employment, Person
from kasam.org.roles import Capability


def persons_for(user) -> QuerySet[Person]:
    units = access.units_for(user, Capability.HANDLE_PERSONAL_DATA)
    if units.filter(parent__isnull=True).exists():
        return Person.objects.all()
    return Person.objects.filter(pk__in=units.values("employments__person_id"))


def get_person_for(user, person_id: str) -> Person:
    person = persons_for(user).select_related("user").filter(pk=person_id).first()
    if person is None:
        raise Http404
    return person


def sees_rehab_of(user, person: Person) -> bool:
    """Whether an export of `person` made by `user` holds the person's rehabilitation cases: made by
    the administrator's command (`user` None), or by a user who holds HR's part in cases
    (CLOSE_REHAB_CASES) over the whole organisation or over a unit of one of the person's
    employments, running or ended."""
    if user is None:
        return True
    units = access.units_for(user, Capability.CLOSE_REHAB_CASES)
    if units.filter(parent__isnull=True).exists():
        return True
    return Employment.objects.filter(person=person, unit__in=units.values("pk")).exists()
