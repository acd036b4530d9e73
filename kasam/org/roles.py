"""What each role may do (PRODUCT.md, "Who may see and do what"), written once. Scope is always the
subtree of the unit a role is assigned over; roles that see "all" are assigned over the root."""

from enum import StrEnum

from kasam.org.models import Role


class Capability(StrEnum):
    VIEW_UNITS = "view_units"
    VIEW_STAFF = "view_staff"
    IMPORT_DATA = "import_data"
    # Sick-leave figures of units (aggregates). Managers, leadership, HR and the health strategist see
    # them unsuppressed; the committee only through the disclosure gate (SEES_SUPPRESSED_ONLY).
    VIEW_SICK_LEAVE = "view_sick_leave"
    VIEW_SICK_LEAVE_OVERVIEW = "view_sick_leave_overview"
    # Person-level sick-leave signals (the employer's rehabilitation duty): audited on every view.
    VIEW_EARLY_SIGNALS = "view_early_signals"
    # Pulse results of units in scope: every role, always through the disclosure gate (no role sees
    # pulse figures unsuppressed).
    VIEW_PULSE = "view_pulse"
    # Setting up pulse programmes for units in scope (issue 4, part 2).
    MANAGE_PULSE = "manage_pulse"


_SICK_LEAVE = {Capability.VIEW_SICK_LEAVE, Capability.VIEW_SICK_LEAVE_OVERVIEW}

CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.EMPLOYEE: frozenset({Capability.VIEW_UNITS, Capability.VIEW_PULSE}),
    Role.UNIT_MANAGER: frozenset(
        {
            Capability.VIEW_UNITS,
            Capability.VIEW_PULSE,
            Capability.VIEW_STAFF,
            Capability.VIEW_EARLY_SIGNALS,
            Capability.VIEW_SICK_LEAVE,
        }
    ),
    Role.AREA_MANAGER: frozenset(
        {Capability.VIEW_UNITS, Capability.VIEW_PULSE, Capability.VIEW_STAFF, *_SICK_LEAVE}
    ),
    Role.LEADERSHIP: frozenset({Capability.VIEW_UNITS, Capability.VIEW_PULSE, *_SICK_LEAVE}),
    Role.HEALTH_STRATEGIST: frozenset(
        {
            Capability.VIEW_UNITS,
            Capability.VIEW_PULSE,
            Capability.VIEW_STAFF,
            Capability.IMPORT_DATA,
            Capability.MANAGE_PULSE,
            *_SICK_LEAVE,
        }
    ),
    Role.HR: frozenset(
        {
            Capability.VIEW_UNITS,
            Capability.VIEW_PULSE,
            Capability.VIEW_STAFF,
            Capability.IMPORT_DATA,
            Capability.MANAGE_PULSE,
            Capability.VIEW_EARLY_SIGNALS,
            *_SICK_LEAVE,
        }
    ),
    Role.DIALOG_COACH: frozenset({Capability.VIEW_UNITS, Capability.VIEW_PULSE}),
    Role.COMMITTEE: frozenset({Capability.VIEW_UNITS, Capability.VIEW_PULSE, *_SICK_LEAVE}),
}

# Roles that see sick-leave figures of units only through the disclosure gate (DOMAIN.md
# "Suppression": everyone but the managers whose role covers the unit, HR and the health strategist).
SEES_SUPPRESSED_ONLY = frozenset({Role.COMMITTEE})


def roles_with(capability: Capability) -> list[Role]:
    return [role for role, caps in CAPABILITIES.items() if capability in caps]
