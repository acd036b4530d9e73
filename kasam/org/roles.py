"""What each role may do (docs/definitions.md, "Roles and who sees what"), written once. Scope is always the
subtree of the unit a role is assigned over; roles that see "all" are assigned over the root."""

from dataclasses import dataclass
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
    # Rehabilitation cases (kasam.rehab): a unit manager handles the cases of the staff they manage
    # and HR those of every unit in scope; HR alone closes a case by hand and delegates one to an area
    # manager. Who sees which case is kasam.rehab.access; nobody else ever sees one.
    HANDLE_REHAB_CASES = "handle_rehab_cases"
    CLOSE_REHAB_CASES = "close_rehab_cases"
    # What rehabilitation cases add up to (kasam.rehab.outcome_views; no person, groups of more than 10
    # persons): HR live over its scope (REHAB_OUTCOMES_LIVE), the health strategist and the committee
    # only through releases (docs/definitions.md "What rehabilitation cases add up to").
    VIEW_REHAB_OUTCOMES = "view_rehab_outcomes"
    # The systematic work-environment cycle (kasam.sam): reading the units' safety rounds, risks and
    # delegated tasks; holding a round and rating its risks (the unit manager with the safety
    # representative, who signs); giving and taking back work-environment tasks (the manager above).
    VIEW_WORK_ENVIRONMENT = "view_work_environment"
    RUN_SAFETY_ROUNDS = "run_safety_rounds"
    DELEGATE_WORK_ENVIRONMENT_TASKS = "delegate_work_environment_tasks"
    # What a rated risk becomes – an action in the health plan, or accepted with a reason – is the
    # unit manager's decision (the safety representative takes part and signs, but does not decide).
    DECIDE_RISKS = "decide_risks"
    # The yearly follow-up of the cycle (kasam.sam.followup_views; counts of rounds, risks and tasks,
    # no person): the roles with VIEW_WORK_ENVIRONMENT live over their scope, the committee only
    # through releases (docs/definitions.md "The yearly follow-up").
    VIEW_WORK_ENVIRONMENT_FOLLOWUP = "view_work_environment_followup"
    # The organisation's routine documents that go into every inspection pack: uploading and deleting
    # them (everyone with VIEW_WORK_ENVIRONMENT reads them).
    MANAGE_ROUTINE_DOCUMENTS = "manage_routine_documents"
    # Pulse results of units in scope: every role, always through the disclosure gate (no role sees
    # pulse figures unsuppressed).
    VIEW_PULSE = "view_pulse"
    # The pulse's free-text comments (passing rule 5) of units in scope: not the dialog coaches' and
    # not the committee's (docs/definitions.md "Roles and who sees what").
    VIEW_PULSE_COMMENTS = "view_pulse_comments"
    # The pulse overview's heat map of every unit and dimension in scope (each cell gated).
    VIEW_PULSE_HEATMAP = "view_pulse_heatmap"
    # The pulse's early signals: on the unit's dashboard, and by e-mail when a round closes with one
    # for a unit in scope (kasam.pulse.notify).
    VIEW_PULSE_SIGNALS = "view_pulse_signals"
    # Setting up pulse programmes for units in scope.
    MANAGE_PULSE = "manage_pulse"
    # Correcting the answer page's translations and marking a language as reviewed (kasam.pulse.
    # translation_views): wording for the whole organisation, so the health strategist only.
    MANAGE_TRANSLATIONS = "manage_translations"
    # The monthly health column on every employee's page (kasam.workplace.column): written for the whole
    # organisation, so the health strategist only.
    WRITE_HEALTH_COLUMN = "write_health_column"
    # Employee-survey results of units in scope: every role, always through the disclosure gate.
    VIEW_SURVEY = "view_survey"
    # Targets (måltal): reading their progress, and setting them.
    VIEW_TARGETS = "view_targets"
    MANAGE_TARGETS = "manage_targets"
    # Health plans and health-factor ratings: the unit's staff and everyone above read them; the
    # unit's manager writes them.
    VIEW_HEALTH_PLAN = "view_health_plan"
    EDIT_HEALTH_PLAN = "edit_health_plan"
    # Dialogs at the workplace meeting: running and recording them for units in scope, the
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
    # Reports for the committee and the annual report (always in the committee's view of the whole
    # organisation): made and downloaded only by a role with this capability over the whole
    # organisation (kasam.org.access.covers_organisation).
    MAKE_REPORTS = "make_reports"
    # Evaluation: reading the effect estimates, and entering roll-outs and studies.
    VIEW_EVALUATION = "view_evaluation"
    RUN_EVALUATION = "run_evaluation"
    # The audit log: who viewed person-level sick leave, changed roles, exported files.
    VIEW_AUDIT_LOG = "view_audit_log"
    # Publishing the releases of ended periods that everyone outside the managers, leadership, HR and
    # the health strategist reads (docs/definitions.md "Releases"): a role over the whole organisation.
    PUBLISH_RELEASES = "publish_releases"
    # GDPR requests: everything Kasam holds about one person (article 15), for the persons
    # employed, now or before, in the units in scope.
    HANDLE_PERSONAL_DATA = "handle_personal_data"
    # Giving roles (role assignments in the admin, docs/sso.md) over the units in scope.
    MANAGE_ROLES = "manage_roles"
    # The demo's outbox (kasam.core.outbox): the e-mails and SMS the demo kept instead of sending them,
    # pulse links and addresses included. The health strategist only.
    VIEW_OUTBOX = "view_outbox"


_SICK_LEAVE = {Capability.VIEW_SICK_LEAVE, Capability.VIEW_SICK_LEAVE_OVERVIEW}
_WORK_ENVIRONMENT = {Capability.VIEW_WORK_ENVIRONMENT, Capability.VIEW_WORK_ENVIRONMENT_FOLLOWUP}
# Running and recording dialogs, and following their reach, over the units in scope.
_DIALOGS = {Capability.RUN_DIALOGS, Capability.VIEW_DIALOG_REACH}
# What every role may read of units in its scope (all of it gated or non-personal).
_EVERYONE = {
    Capability.VIEW_UNITS,
    Capability.VIEW_PULSE,
    Capability.VIEW_SURVEY,
}
# What every role but the dialog coach and the committee reads besides: the pulse's free text and the
# health plans (the committee reads neither; the dialog coach reads the plans of its assigned units).
_STAFF_AND_ABOVE = {*_EVERYONE, Capability.VIEW_PULSE_COMMENTS, Capability.VIEW_HEALTH_PLAN}

CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.EMPLOYEE: frozenset(_STAFF_AND_ABOVE),
    Role.UNIT_MANAGER: frozenset(
        {
            *_STAFF_AND_ABOVE,
            Capability.VIEW_STAFF,
            Capability.VIEW_EARLY_SIGNALS,
            Capability.HANDLE_REHAB_CASES,
            Capability.VIEW_SICK_LEAVE,
            Capability.VIEW_TARGETS,
            Capability.EDIT_HEALTH_PLAN,
            *_WORK_ENVIRONMENT,
            Capability.RUN_SAFETY_ROUNDS,
            Capability.DECIDE_RISKS,
            *_DIALOGS,
            Capability.KEEP_LEADER_CHECKLIST,
            Capability.VIEW_PULSE_SIGNALS,
        }
    ),
    Role.AREA_MANAGER: frozenset(
        {
            *_STAFF_AND_ABOVE,
            *_WORK_ENVIRONMENT,
            Capability.DELEGATE_WORK_ENVIRONMENT_TASKS,
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
            *_STAFF_AND_ABOVE,
            *_WORK_ENVIRONMENT,
            Capability.DELEGATE_WORK_ENVIRONMENT_TASKS,
            Capability.VIEW_TARGETS,
            *_SICK_LEAVE,
            Capability.VIEW_DIALOG_REACH,
            Capability.VIEW_LEADERSHIP,
            Capability.MAKE_REPORTS,
            Capability.VIEW_EVALUATION,
            Capability.VIEW_PULSE_HEATMAP,
        }
    ),
    Role.HEALTH_STRATEGIST: frozenset(
        {
            *_STAFF_AND_ABOVE,
            *_WORK_ENVIRONMENT,
            Capability.VIEW_STAFF,
            Capability.IMPORT_DATA,
            Capability.MANAGE_PULSE,
            Capability.MANAGE_TRANSLATIONS,
            Capability.WRITE_HEALTH_COLUMN,
            Capability.VIEW_PULSE_HEATMAP,
            Capability.VIEW_PULSE_SIGNALS,
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
            Capability.MANAGE_ROLES,
            Capability.VIEW_OUTBOX,
            Capability.VIEW_REHAB_OUTCOMES,
            Capability.MANAGE_ROUTINE_DOCUMENTS,
        }
    ),
    Role.HR: frozenset(
        {
            *_STAFF_AND_ABOVE,
            *_WORK_ENVIRONMENT,
            Capability.VIEW_STAFF,
            Capability.IMPORT_DATA,
            Capability.MANAGE_PULSE,
            Capability.VIEW_EARLY_SIGNALS,
            Capability.HANDLE_REHAB_CASES,
            Capability.CLOSE_REHAB_CASES,
            Capability.VIEW_REHAB_OUTCOMES,
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
            Capability.MANAGE_ROLES,
            Capability.MANAGE_ROUTINE_DOCUMENTS,
        }
    ),
    Role.DIALOG_COACH: frozenset({*_EVERYONE, Capability.VIEW_HEALTH_PLAN, *_DIALOGS}),
    # The safety representative reads the units' plans and figures as their staff do, sick leave only
    # through the disclosure gate (SEES_SUPPRESSED_ONLY) and never of a person, and takes part in and
    # signs the safety round and its risk assessments.
    Role.SAFETY_REPRESENTATIVE: frozenset(
        {*_STAFF_AND_ABOVE, Capability.VIEW_SICK_LEAVE, *_WORK_ENVIRONMENT, Capability.RUN_SAFETY_ROUNDS}
    ),
    Role.COMMITTEE: frozenset(
        {
            *_EVERYONE,
            Capability.VIEW_TARGETS,
            *_SICK_LEAVE,
            Capability.VIEW_DIALOG_REACH,
            Capability.MAKE_REPORTS,
            Capability.VIEW_EVALUATION,
            Capability.VIEW_REHAB_OUTCOMES,
            Capability.VIEW_WORK_ENVIRONMENT_FOLLOWUP,
        }
    ),
}

# Roles that see sick-leave figures of units only through the disclosure gate (docs/definitions.md
# "Sick-leave suppression": everyone but the managers whose role covers the unit, HR and the health
# strategist).
SEES_SUPPRESSED_ONLY = frozenset({Role.COMMITTEE, Role.SAFETY_REPRESENTATIVE})
# The roles that see what rehabilitation cases add up to live; every other role with
# VIEW_REHAB_OUTCOMES reads the latest release (docs/definitions.md "What rehabilitation cases add up to").
REHAB_OUTCOMES_LIVE = frozenset({Role.HR})


def roles_with(capability: Capability) -> list[Role]:
    return [role for role, caps in CAPABILITIES.items() if capability in caps]


# ---------------------------------------------------------------------------------- who reaches a URL
# Every URL name Kasam answers, with what it needs: the one table the access matrix
# (tests/org/test_access_matrix.py) derives its expected answers from, and which a new URL without a
# row fails. A URL either needs a capability (`Needs`) or is open (`Open`).


class Open(StrEnum):
    PUBLIC = "public"  # anyone, signed in or not: signing in, the pulse's answer link, the health check
    SIGNED_IN = "signed_in"  # every signed-in user: their own login, and pages without organisation data
    ADMIN = "admin"  # Django's admin: staff, and MANAGE_ROLES for the role assignments (kasam.org.admin)
    NOWHERE = "nowhere"  # switched off: "not found" for everyone (kasam.accounts.urls)


# `Needs.over`: where the capability must be held.
ANYWHERE = "anywhere"  # over any unit
UNIT = "unit"  # over the unit the URL names (`unit_id`)
OBJECT = "object"  # over the unit of the object the URL names (a person, a plan, a programme's root,
#                     a target, a pulse round's tree)
ORGANISATION = "organisation"  # over a root of the organisation (kasam.org.access.covers_organisation)


@dataclass(frozen=True)
class Needs:
    capability: Capability
    over: str = ANYWHERE
    # What a user holding the capability nowhere gets: 403 (refused), 404 ("not found", the answer for
    # everything outside one's scope), or 200 for a page that lists only the scope's units and is
    # shown empty. Holding it, but not over the unit named, is always 404.
    denied: int = 403


_PLAN_WRITE = Needs(Capability.EDIT_HEALTH_PLAN, UNIT, 404)
_PLAN_READ = Needs(Capability.VIEW_HEALTH_PLAN, UNIT, 404)

URL_ACCESS: dict[str, Needs | Open] = {
    "core:home": Open.SIGNED_IN,
    "core:health": Open.PUBLIC,
    "core:outbox": Needs(Capability.VIEW_OUTBOX, ORGANISATION, 404),
    "set_language": Open.PUBLIC,
    # The employee page: for a signed-in person or whoever holds their personal link (kasam.workplace)
    **dict.fromkeys(
        [
            "workplace:page",
            "workplace:link",
            "workplace:answer",
            "workplace:revoke",
            "workplace:offline",
            "workplace:manifest",
            "workplace:service-worker",
        ],
        Open.PUBLIC,
    ),
    # Organisation
    "org:unit-detail": Needs(Capability.VIEW_UNITS, UNIT, 404),
    "org:person-detail": Needs(Capability.VIEW_STAFF, OBJECT, 404),
    "org:import-file": Needs(Capability.IMPORT_DATA),
    # Sick leave
    "absence:overview": Needs(Capability.VIEW_SICK_LEAVE),
    "absence:annual-report": Needs(Capability.VIEW_SICK_LEAVE_OVERVIEW),
    "absence:unit": Needs(Capability.VIEW_SICK_LEAVE, UNIT, 404),
    "absence:early-signals-start": Needs(Capability.VIEW_EARLY_SIGNALS),
    "absence:early-signals": Needs(Capability.VIEW_EARLY_SIGNALS, UNIT, 404),
    "absence:follow-up-signal": Needs(Capability.VIEW_EARLY_SIGNALS, UNIT, 404),
    # Rehabilitation cases (kasam.rehab.access): the person's manager, HR over the unit, a delegate
    "rehab:list": Needs(Capability.HANDLE_REHAB_CASES),
    "rehab:open": Needs(Capability.HANDLE_REHAB_CASES, OBJECT, 404),
    "rehab:case": Needs(Capability.HANDLE_REHAB_CASES, OBJECT, 404),
    "rehab:step": Needs(Capability.HANDLE_REHAB_CASES, OBJECT, 404),
    "rehab:close": Needs(Capability.CLOSE_REHAB_CASES, OBJECT, 404),
    "rehab:delegate": Needs(Capability.CLOSE_REHAB_CASES, OBJECT, 404),
    # The plan for the return to work, adjustments and meetings of a case (kasam.rehab.plan_views).
    **dict.fromkeys(
        [
            "rehab:plan-edit",
            "rehab:plan-pdf",
            "rehab:adjustment-new",
            "rehab:adjustment-edit",
            "rehab:meeting-new",
        ],
        Needs(Capability.HANDLE_REHAB_CASES, OBJECT, 404),
    ),
    # The person's own plan: every signed-in user, who sees only their own cases ("not found" else).
    "rehab:mine": Open.SIGNED_IN,
    "rehab:mine-pdf": Open.SIGNED_IN,
    "rehab:outcomes": Needs(Capability.VIEW_REHAB_OUTCOMES),
    # The systematic work-environment cycle (kasam.sam): rounds, risks, delegated tasks
    "sam:overview": Needs(Capability.VIEW_WORK_ENVIRONMENT),
    "sam:unit": Needs(Capability.VIEW_WORK_ENVIRONMENT, UNIT, 404),
    "sam:round-new": Needs(Capability.RUN_SAFETY_ROUNDS, UNIT, 404),
    "sam:round": Needs(Capability.VIEW_WORK_ENVIRONMENT, OBJECT, 404),
    "sam:round-answers": Needs(Capability.RUN_SAFETY_ROUNDS, OBJECT, 404),
    "sam:risk-new": Needs(Capability.RUN_SAFETY_ROUNDS, OBJECT, 404),
    "sam:round-sign": Needs(Capability.RUN_SAFETY_ROUNDS, OBJECT, 404),
    "sam:risk-action": Needs(Capability.DECIDE_RISKS, OBJECT, 404),
    "sam:risk-accept": Needs(Capability.DECIDE_RISKS, OBJECT, 404),
    # Delegated work-environment tasks (kasam.sam.delegation_views): given by the manager above (the
    # capability over the unit's parent, kasam.sam.access.may_give_tasks); a delegation is read by
    # whoever reads its unit's work environment and by its holder, a unit manager, who alone accepts
    # or returns it (another reader is sent back to the page). Giving is refused (403) to one who holds
    # the capability nowhere, "not found" for a unit outside its reach.
    "sam:delegation-new": Needs(Capability.DELEGATE_WORK_ENVIRONMENT_TASKS, UNIT, 403),
    **dict.fromkeys(
        ["sam:delegation", "sam:delegation-accept", "sam:delegation-return"],
        Needs(Capability.VIEW_WORK_ENVIRONMENT, OBJECT, 404),
    ),
    # The yearly follow-up: live over one's scope, or the committee's release (kasam.sam.followup_page)
    "sam:followup": Needs(Capability.VIEW_WORK_ENVIRONMENT_FOLLOWUP),
    "sam:followup-pdf": Needs(Capability.VIEW_WORK_ENVIRONMENT_FOLLOWUP),
    # A unit's inspection pack (kasam.sam.pack): a PDF for Arbetsmiljöverket's inspector, audited
    "sam:pack": Needs(Capability.VIEW_WORK_ENVIRONMENT, UNIT, 404),
    # The organisation's routine documents: read by all who read the cycle, kept by HR and the strategist
    "sam:documents": Needs(Capability.VIEW_WORK_ENVIRONMENT),
    "sam:document": Needs(Capability.VIEW_WORK_ENVIRONMENT),
    "sam:document-delete": Needs(Capability.MANAGE_ROUTINE_DOCUMENTS),
    # Pulse: answering is by a personal link, without signing in
    "pulse_answer:thanks": Open.PUBLIC,
    "pulse_answer:answer": Open.PUBLIC,
    "pulse_answer:thanks-in": Open.PUBLIC,
    "pulse:overview": Needs(Capability.VIEW_PULSE, denied=200),
    "pulse:dashboard": Needs(Capability.VIEW_PULSE, UNIT, 404),
    "pulse:export": Needs(Capability.VIEW_PULSE, OBJECT, 404),
    "pulse:programmes": Needs(Capability.MANAGE_PULSE),
    "pulse:round": Needs(Capability.MANAGE_PULSE, OBJECT),
    "pulse:round-remind": Needs(Capability.MANAGE_PULSE, OBJECT),
    "pulse:round-qr": Needs(Capability.MANAGE_PULSE, OBJECT),
    "pulse:programme-new": Needs(Capability.MANAGE_PULSE),
    "pulse:programme-edit": Needs(Capability.MANAGE_PULSE, OBJECT),
    "pulse:translations": Needs(Capability.MANAGE_TRANSLATIONS),
    # The health column (kasam.workplace.column)
    "column:list": Needs(Capability.WRITE_HEALTH_COLUMN),
    "column:draft": Needs(Capability.WRITE_HEALTH_COLUMN),
    "column:edit": Needs(Capability.WRITE_HEALTH_COLUMN, denied=403),
    "column:snippet": Needs(Capability.WRITE_HEALTH_COLUMN),
    "pulse:translation-language": Needs(Capability.MANAGE_TRANSLATIONS),
    "pulse:translation-edit": Needs(Capability.MANAGE_TRANSLATIONS),
    "pulse:translation-review": Needs(Capability.MANAGE_TRANSLATIONS),
    # Employee survey
    "survey:overview": Needs(Capability.VIEW_SURVEY),
    "survey:survey": Needs(Capability.VIEW_SURVEY),
    "survey:unit": Needs(Capability.VIEW_SURVEY, UNIT, 404),
    "survey:export": Needs(Capability.VIEW_SURVEY, denied=404),
    "survey:import": Needs(Capability.IMPORT_DATA),
    # Targets
    "targets:list": Needs(Capability.VIEW_TARGETS),
    "targets:new": Needs(Capability.MANAGE_TARGETS),
    "targets:detail": Needs(Capability.VIEW_TARGETS, OBJECT),
    "targets:edit": Needs(Capability.MANAGE_TARGETS, OBJECT),
    # Health plans and health factors
    "plans:overview": Needs(Capability.VIEW_HEALTH_PLAN, denied=200),
    "plans:unit": _PLAN_READ,
    "plans:factors": _PLAN_READ,
    "plans:rating-new": _PLAN_WRITE,
    "plans:plan": _PLAN_READ,
    "plans:plan-pdf": _PLAN_READ,
    "plans:plan-create": _PLAN_WRITE,
    "plans:area-new": _PLAN_WRITE,
    "plans:area-from-source": _PLAN_WRITE,
    "plans:area-edit": _PLAN_WRITE,
    "plans:area-delete": _PLAN_WRITE,
    "plans:activity-new": _PLAN_WRITE,
    "plans:activity-edit": _PLAN_WRITE,
    "plans:activity-follow-up": _PLAN_WRITE,
    "plans:activity-status": _PLAN_WRITE,
    "plans:activity-share": _PLAN_WRITE,
    # Dialogs: the library is everyone's to read
    "dialogs:library": Open.SIGNED_IN,
    "dialogs:programme": Open.SIGNED_IN,
    "dialogs:theme": Open.SIGNED_IN,
    "dialogs:facilitator": Open.SIGNED_IN,
    "dialogs:record": Needs(Capability.RUN_DIALOGS),
    "dialogs:plan-meeting": Needs(Capability.RUN_DIALOGS),
    "dialogs:evaluate": Needs(Capability.RUN_DIALOGS),
    "dialogs:reach": Needs(Capability.VIEW_DIALOG_REACH),
    "dialogs:unit-reach": Needs(Capability.VIEW_DIALOG_REACH, UNIT, 404),
    "dialogs:programme-new": Needs(Capability.MANAGE_DIALOG_LIBRARY),
    "dialogs:programme-edit": Needs(Capability.MANAGE_DIALOG_LIBRARY),
    "dialogs:theme-new": Needs(Capability.MANAGE_DIALOG_LIBRARY),
    "dialogs:theme-edit": Needs(Capability.MANAGE_DIALOG_LIBRARY),
    # Economics
    "economy:overview": Needs(Capability.VIEW_SICK_LEAVE),
    "economy:cost-model": Needs(Capability.MANAGE_COST_MODEL),
    # Leadership: the building blocks are everyone's to read
    "leadership:home": Open.SIGNED_IN,
    "leadership:own-training": Needs(Capability.KEEP_LEADER_CHECKLIST),
    "leadership:checklist": Needs(Capability.KEEP_LEADER_CHECKLIST),
    "leadership:overview": Needs(Capability.VIEW_LEADERSHIP),
    "leadership:training-new": Needs(Capability.MANAGE_LEADERSHIP),
    # Kolada: public figures
    "kolada:comparison": Open.SIGNED_IN,
    # Reports: the committee's view of the whole organisation
    "reports:list": Needs(Capability.MAKE_REPORTS, ORGANISATION),
    "reports:download": Needs(Capability.MAKE_REPORTS, ORGANISATION, 404),
    # Evaluation
    "evaluation:overview": Needs(Capability.VIEW_EVALUATION),
    "evaluation:power": Needs(Capability.VIEW_EVALUATION),
    "evaluation:rollout-new": Needs(Capability.RUN_EVALUATION),
    # Audit log, releases, GDPR
    "audit:log": Needs(Capability.VIEW_AUDIT_LOG),
    "audit:export": Needs(Capability.VIEW_AUDIT_LOG),
    "releases:list": Needs(Capability.PUBLISH_RELEASES, ORGANISATION, 404),
    "gdpr:person": Needs(Capability.HANDLE_PERSONAL_DATA),
    "gdpr:export": Needs(Capability.HANDLE_PERSONAL_DATA, OBJECT),
    # One's own login (kasam.accounts, django-allauth): signing in and out, the second factor.
    "accounts:second_factor_required": Open.SIGNED_IN,
    **dict.fromkeys(
        [
            "account_login",
            "account_logout",
            "account_inactive",
            "account_signup",
            "account_confirm_login_code",
            "account_confirm_email",
            "account_email_verification_sent",
            "account_reset_password",
            "account_reset_password_done",
            "account_reset_password_from_key",
            "account_reset_password_from_key_done",
            "socialaccount_login_cancelled",
            "socialaccount_login_error",
            "socialaccount_signup",
            "saml_acs",
            "saml_finish_acs",
            "saml_sls",
            "saml_metadata",
            "saml_login",
            "openid_connect_login",
            "openid_connect_callback",
            "mfa_authenticate",
        ],
        Open.PUBLIC,
    ),
    **dict.fromkeys(
        [
            "account_reauthenticate",
            "account_request_reauthentication_code",
            "account_confirm_reauthentication_code",
            "account_change_password",
            "mfa_index",
            "mfa_reauthenticate",
            "mfa_activate_totp",
            "mfa_deactivate_totp",
            "mfa_view_recovery_codes",
            "mfa_generate_recovery_codes",
            "mfa_download_recovery_codes",
            "mfa_list_webauthn",
            "mfa_add_webauthn",
            "mfa_reauthenticate_webauthn",
            "mfa_remove_webauthn",
            "mfa_edit_webauthn",
        ],
        Open.SIGNED_IN,
    ),
    # Shadowed by kasam.accounts.urls: e-mail is HR's, passwords of single sign-on are none.
    **dict.fromkeys(["account_email", "account_set_password", "socialaccount_connections"], Open.NOWHERE),
}
# Whole namespaces whose URL names are made by a library: the admin's one per model and action.
NAMESPACE_ACCESS: dict[str, Open] = {"admin": Open.ADMIN}


def url_access(name: str) -> Needs | Open | None:
    """The row of a URL name, or None when it has none."""
    if name in URL_ACCESS:
        return URL_ACCESS[name]
    return NAMESPACE_ACCESS.get(name.partition(":")[0]) if ":" in name else None
