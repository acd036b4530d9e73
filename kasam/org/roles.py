"""What each role may do (PRODUCT.md, "Who may see and do what"), written once. Scope is always the
subtree of the unit a role is assigned over; roles that see "all" are assigned over the root."""

from enum import StrEnum

from kasam.org.models import Role


class Capability(StrEnum):
    VIEW_UNITS = "view_units"
    VIEW_STAFF = "view_staff"
    IMPORT_DATA = "import_data"
    # Person-level sick-leave signals (the employer's rehabilitation duty): audited on every view.
    VIEW_EARLY_SIGNALS = "view_early_signals"


CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.EMPLOYEE: frozenset({Capability.VIEW_UNITS}),
    Role.UNIT_MANAGER: frozenset(
        {Capability.VIEW_UNITS, Capability.VIEW_STAFF, Capability.VIEW_EARLY_SIGNALS}
    ),
    Role.AREA_MANAGER: frozenset({Capability.VIEW_UNITS, Capability.VIEW_STAFF}),
    Role.LEADERSHIP: frozenset({Capability.VIEW_UNITS}),
    Role.HEALTH_STRATEGIST: frozenset({Capability.VIEW_UNITS, Capability.VIEW_STAFF, Capability.IMPORT_DATA}),
    Role.HR: frozenset(
        {Capability.VIEW_UNITS, Capability.VIEW_STAFF, Capability.IMPORT_DATA, Capability.VIEW_EARLY_SIGNALS}
    ),
    Role.DIALOG_COACH: frozenset({Capability.VIEW_UNITS}),
    Role.COMMITTEE: frozenset({Capability.VIEW_UNITS}),
}


def roles_with(capability: Capability) -> list[Role]:
    return [role for role, caps in CAPABILITIES.items() if capability in caps]
