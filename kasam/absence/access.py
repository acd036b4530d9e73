"""Who may read person-level sick-leave information: the unit manager about the own staff and HR
about the units its role covers (docs/definitions.md, "Roles and who sees what"). Built on org.access."""

from kasam.org import access
from kasam.org.models import Unit
from kasam.org.roles import SEES_SUPPRESSED_ONLY, Capability


def early_signal_units(user):
    return access.units_for(user, Capability.VIEW_EARLY_SIGNALS)


def get_early_signal_unit(user, unit_id: str) -> Unit:
    """The unit if the user may see its staff's early signals; otherwise "not found"."""
    return access.get_unit(user, unit_id, Capability.VIEW_EARLY_SIGNALS)


def sick_leave_units(user):
    """Units whose sick-leave figures the user may see (aggregates; see is_gated for how)."""
    return access.units_for(user, Capability.VIEW_SICK_LEAVE)


def get_sick_leave_unit(user, unit_id: str) -> Unit:
    return access.get_unit(user, unit_id, Capability.VIEW_SICK_LEAVE)


def ungated_units(user):
    """Units whose figures the user sees unsuppressed: covered by a manager's, leadership's, HR's or
    the health strategist's role. Every other visible unit goes through the disclosure gate."""
    return access.units_for(user, Capability.VIEW_SICK_LEAVE, excluding=SEES_SUPPRESSED_ONLY)
