"""Return to work on the start page of one who works rehabilitation cases (the person's manager, HR,
a delegate): how many steps are due in the coming seven days and how many are overdue, as the week's
digest counts them (kasam.rehab.digest), with a link to the cases. Counts only: the names are on the
list behind it."""

from dataclasses import dataclass

from django.urls import reverse

from kasam.core.dates import today
from kasam.org.access import can
from kasam.org.roles import Capability
from kasam.rehab.access import cases_for
from kasam.rehab.digest import Due, due_of
from kasam.rehab.models import Delegation


@dataclass(frozen=True)
class RehabDue:
    open_cases: int
    due: Due
    url: str


def section(request) -> RehabDue | None:
    """None for one who sees no open case."""
    day = today()
    user = request.user
    if not (
        can(user, Capability.HANDLE_REHAB_CASES) or Delegation.objects.filter(user=user, ends_on__gte=day)
    ):
        return None
    found = list(cases_for(request.user, day).filter(closed_on__isnull=True).prefetch_related("steps_done"))
    if not found:
        return None
    return RehabDue(len(found), sum((due_of(case, day) for case in found), Due()), reverse("rehab:list"))
