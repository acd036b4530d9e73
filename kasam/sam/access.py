"""Who reaches the work-environment cycle of a unit (docs/definitions.md "Roles and who sees what"),
built on kasam.org.access: everything outside one's scope is "not found"."""

from kasam.org import access
from kasam.org.models import Role, Unit
from kasam.org.roles import Capability


def get_readable_unit(user, unit_id: str) -> Unit:
    return access.get_unit(user, unit_id, Capability.VIEW_WORK_ENVIRONMENT)


def get_round_unit(user, unit_id: str) -> Unit:
    """The unit if the user may hold its safety round (its manager, its safety representative)."""
    return access.get_unit(user, unit_id, Capability.RUN_SAFETY_ROUNDS)


def holds_role_over(user, role: Role, unit: Unit) -> bool:
    """Whether one of the user's assignments of `role` covers `unit`."""
    return any(a.role == role and unit.path.startswith(a.unit.path) for a in access.assignments_of(user))


def may_give_tasks(user, unit: Unit) -> bool:
    """The manager above gives the work-environment tasks of a unit: a role with the capability over
    the unit's parent (an area manager over its units, leadership over its areas)."""
    parent = unit.parent
    return (
        parent is not None
        and access.units_for(user, Capability.DELEGATE_WORK_ENVIRONMENT_TASKS).filter(pk=parent.pk).exists()
    )
