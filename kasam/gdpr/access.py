"""Whose data a handler of GDPR requests (HANDLE_PERSONAL_DATA: HR and the health strategist) may
export: the persons with an employment – running or ended, since a request often comes from someone
who has left – in a unit of the handler's scope; every person for a scope over the whole
organisation (a root unit), persons without any employment included. Anyone else is "not found"."""

from django.db.models import QuerySet
from django.http import Http404

from kasam.org import access
from kasam.org.models import Person
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
