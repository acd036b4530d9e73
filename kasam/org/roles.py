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
    # Employee-survey results of units in scope: every role, always through the disclosure gate.
    VIEW_SURVEY = "view_survey"
    # Targets (måltal): reading their progress, and setting them (issue 5).
    VIEW_TARGETS = "view_targets"
    MANAGE_TARGETS = "manage_targets"
    # Health plans and health-factor ratings: the unit's staff and everyone above read them; the
    # unit's manager writes them.
    VIEW_HEALTH_PLAN = "view_health_plan"
    EDIT_HEALTH_PLAN = "edit_health_plan"
    # Dialogs at the workplace meeting (issue 6): running and recording them for units in scope, the
    # reach of the dialogs (aggregates, no person), and editing the dialog library.
    RUN_DIALOGS = "run_dialogs"
    VIEW_DIALOG_REACH = "view_dialog_reach"
    MANAGE_DIALOG_LIBRARY = "manage_dialog_library"
    # Leadership building blocks: a leader's own trainings and private checklist; the trainings of
    # the leaders in scope and the checklist's aggregates over at least k leaders.
    KEEP_LEADER_CHECKLIST = "keep_leader_checklist"
    VIEW_LEADERSHIP = "view_leadership"
    MANAGE_LEADERSHIP = "manage_leadership"
    # Economics: the page follows the sick-leave scope (VIEW_SICK_LEAVE); the cost model of sick leave
    # is edited by HR and the health strategist.
    MANAGE_COST_MODEL = "manage_cost_model"
    # Reports for the committee and the annual report (always in the committee's view).
    MAKE_REPORTS = "make_reports"
    # Evaluation (issue 8): reading the effect estimates, and entering roll-outs and studies.
    VIEW_EVALUATION = "view_evaluation"
    RUN_EVALUATION = "run_evaluation"
    # The audit log (issue 9): who viewed person-level sick leave, changed roles, exported files.
    VIEW_AUDIT_LOG = "view_audit_log"
    # Publishing the releases of ended periods that everyone outside the managers, leadership, HR and
    # the health strategist reads (docs/anonymity.md "Releases"): a role over the whole organisation.
    PUBLISH_RELEASES = "publish_releases"
    # GDPR requests (issue 9): everything Kasam holds about one person (article 15), for the persons
    # employed, now or before, in the units in scope.
    HANDLE_PERSONAL_DATA = "handle_personal_data"
    # The demo's outbox (kasam.core.outbox): the e-mails and SMS the demo kept instead of sending them,
    # pulse links and addresses included. The health strategist only.
    VIEW_OUTBOX = "view_outbox"


_SICK_LEAVE = {Capability.VIEW_SICK_LEAVE, Capability.VIEW_SICK_LEAVE_OVERVIEW}
# Running and recording dialogs, and following their reach, over the units in scope.
_DIALOGS = {Capability.RUN_DIALOGS, Capability.VIEW_DIALOG_REACH}
# What every role may read of units in its scope (all of it gated or non-personal).
_EVERYONE = {
    Capability.VIEW_UNITS,
    Capability.VIEW_PULSE,
    Capability.VIEW_SURVEY,
    Capability.VIEW_HEALTH_PLAN,
}

CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.EMPLOYEE: frozenset(_EVERYONE),
    Role.UNIT_MANAGER: frozenset(
        {
            *_EVERYONE,
            Capability.VIEW_STAFF,
            Capability.VIEW_EARLY_SIGNALS,
            Capability.VIEW_SICK_LEAVE,
            Capability.VIEW_TARGETS,
            Capability.EDIT_HEALTH_PLAN,
            *_DIALOGS,
            Capability.KEEP_LEADER_CHECKLIST,
        }
    ),
    Role.AREA_MANAGER: frozenset(
        {
            *_EVERYONE,
            Capability.VIEW_STAFF,
            Capability.VIEW_TARGETS,
            *_SICK_LEAVE,
            *_DIALOGS,
            Capability.KEEP_LEADER_CHECKLIST,
            Capability.VIEW_EVALUATION,
        }
    ),
    Role.LEADERSHIP: frozenset(
        {
            *_EVERYONE,
            Capability.VIEW_TARGETS,
            *_SICK_LEAVE,
            Capability.VIEW_DIALOG_REACH,
            Capability.VIEW_LEADERSHIP,
            Capability.MAKE_REPORTS,
            Capability.VIEW_EVALUATION,
        }
    ),
    Role.HEALTH_STRATEGIST: frozenset(
        {
            *_EVERYONE,
            Capability.VIEW_STAFF,
            Capability.IMPORT_DATA,
            Capability.MANAGE_PULSE,
            Capability.VIEW_TARGETS,
            Capability.MANAGE_TARGETS,
            *_SICK_LEAVE,
            *_DIALOGS,
            Capability.MANAGE_DIALOG_LIBRARY,
            Capability.VIEW_LEADERSHIP,
            Capability.MANAGE_LEADERSHIP,
            Capability.MANAGE_COST_MODEL,
            Capability.MAKE_REPORTS,
            Capability.VIEW_EVALUATION,
            Capability.RUN_EVALUATION,
            Capability.VIEW_AUDIT_LOG,
            Capability.PUBLISH_RELEASES,
            Capability.HANDLE_PERSONAL_DATA,
            Capability.VIEW_OUTBOX,
        }
    ),
    Role.HR: frozenset(
        {
            *_EVERYONE,
            Capability.VIEW_STAFF,
            Capability.IMPORT_DATA,
            Capability.MANAGE_PULSE,
            Capability.VIEW_EARLY_SIGNALS,
            Capability.VIEW_TARGETS,
            Capability.MANAGE_TARGETS,
            *_SICK_LEAVE,
            Capability.VIEW_DIALOG_REACH,
            Capability.MANAGE_DIALOG_LIBRARY,
            Capability.VIEW_LEADERSHIP,
            Capability.MANAGE_LEADERSHIP,
            Capability.MANAGE_COST_MODEL,
            Capability.MAKE_REPORTS,
            Capability.VIEW_EVALUATION,
            Capability.VIEW_AUDIT_LOG,
            Capability.PUBLISH_RELEASES,
            Capability.HANDLE_PERSONAL_DATA,
        }
    ),
    Role.DIALOG_COACH: frozenset({*_EVERYONE, *_DIALOGS}),
    Role.COMMITTEE: frozenset(
        {
            *_EVERYONE,
            Capability.VIEW_TARGETS,
            *_SICK_LEAVE,
            Capability.VIEW_DIALOG_REACH,
            Capability.MAKE_REPORTS,
            Capability.VIEW_EVALUATION,
        }
    ),
}

# Roles that see sick-leave figures of units only through the disclosure gate (DOMAIN.md
# "Suppression": everyone but the managers whose role covers the unit, HR and the health strategist).
SEES_SUPPRESSED_ONLY = frozenset({Role.COMMITTEE})


def roles_with(capability: Capability) -> list[Role]:
    return [role for role, caps in CAPABILITIES.items() if capability in caps]
