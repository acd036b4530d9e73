"""Who may read person-level sick-leave information: the unit manager about the own staff and HR
about the units its role covers (PRODUCT.md, "individual early signals"). Built on org.access."""

from django.http import Http404

from kasam.org import access
from kasam.org.models import Unit
from kasam.org.roles import Capability


def early_signal_units(user):
    return access.units_for(user, Capability.VIEW_EARLY_SIGNALS)


def get_early_signal_unit(user, unit_id: str) -> Unit:
    """The unit if the user may see its staff's early signals; otherwise "not found"."""
    try:
        return early_signal_units(user).get(pk=unit_id)
    except Unit.DoesNotExist:
        raise Http404 from None
