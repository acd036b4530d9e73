from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kasam.core.models import is_demo_database
from kasam.org import access
from kasam.org.models import Person
from kasam.org.roles import ORGANISATION, URL_ACCESS, Capability, Needs
from kasam.rehab.models import Case

# The navigation: (url name, label, capability needed, or None for every signed-in role).
# A section that is not built is simply not listed here.
NAVIGATION = [
    ("core:home", _("Start"), None),
    # One's own workplace (kasam.workplace): for a login with a role that is a person (PERSON_ONLY).
    ("workplace:page", _("My workplace"), None),
    # One's own plan for the return to work (kasam.rehab): only for a person with a case (WITH_CASE_ONLY).
    ("rehab:mine", _("My plan for the return"), None),
    ("absence:overview", _("Sick leave"), Capability.VIEW_SICK_LEAVE),
    ("absence:early-signals-start", _("Early signals"), Capability.VIEW_EARLY_SIGNALS),
    ("rehab:list", _("Return to work"), Capability.HANDLE_REHAB_CASES),
    ("rehab:outcomes", _("Return to work in figures"), Capability.VIEW_REHAB_OUTCOMES),
    ("pulse:overview", _("Pulse"), Capability.VIEW_PULSE),
    ("survey:overview", _("Employee survey"), Capability.VIEW_SURVEY),
    ("targets:list", _("Targets"), Capability.VIEW_TARGETS),
    ("plans:overview", _("Health plans"), Capability.VIEW_HEALTH_PLAN),
    ("sam:overview", _("Work environment"), Capability.VIEW_WORK_ENVIRONMENT),
    # The committee's way to the yearly follow-up; the others reach it from "Arbetsmiljö".
    ("sam:followup", _("Work environment"), Capability.VIEW_WORK_ENVIRONMENT_FOLLOWUP),
    ("dialogs:library", _("Dialogs"), None),
    ("economy:overview", _("Economics"), Capability.VIEW_SICK_LEAVE),
    ("reports:list", _("Reports"), Capability.MAKE_REPORTS),
    ("audit:log", _("Audit log"), Capability.VIEW_AUDIT_LOG),
    ("releases:list", _("Publish"), Capability.PUBLISH_RELEASES),
    ("column:list", _("Health column"), Capability.WRITE_HEALTH_COLUMN),
    ("evaluation:overview", _("Evaluation"), Capability.VIEW_EVALUATION),
    ("leadership:home", _("Leadership"), None),
    ("org:import-file", _("Import"), Capability.IMPORT_DATA),
    # Only on the demo's database (DEMO_ONLY): what the demo kept instead of sending it.
    ("core:outbox", _("Outbox"), Capability.VIEW_OUTBOX),
    # One's own login: the second factor (kasam.accounts.second_factor), for every signed-in user.
    ("mfa_index", _("Secure login"), None),
]

# Entries listed only on a database made by `kasam demo` (kasam.core.models.DemoDatabase).
DEMO_ONLY = {"core:outbox"}
# Entries left out for one who reaches the same pages from another entry: name → that entry's capability.
REACHED_OTHERWISE = {"sam:followup": Capability.VIEW_WORK_ENVIRONMENT}
# Entries listed only for a login that is a person of the organisation.
PERSON_ONLY = {"workplace:page"}
# Entries listed only for a login whose person has a rehabilitation case: never a hint to anyone else.
WITH_CASE_ONLY = {"rehab:mine"}


def _reaches(user, name: str, capability: Capability | None) -> bool:
    """Whether the entry leads the user to a page rather than to "not found": a page about the whole
    organisation (URL_ACCESS says ORGANISATION) needs the capability over a root."""
    if capability is None:
        return True
    needs = URL_ACCESS.get(name)
    if isinstance(needs, Needs) and needs.over == ORGANISATION:
        return access.covers_organisation(user, capability)
    return access.can(user, capability)


def navigation(request):
    context = {"organisation_name": settings.KASAM_ORGANISATION_NAME, "navigation": []}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    current = request.resolver_match.view_name if request.resolver_match else None
    entries = [
        (name, label)
        for name, label, capability in NAVIGATION
        if _reaches(user, name, capability)
        and not (name in REACHED_OTHERWISE and access.can(user, REACHED_OTHERWISE[name]))
    ]
    if any(name in DEMO_ONLY for name, _label in entries) and not is_demo_database():
        entries = [(name, label) for name, label in entries if name not in DEMO_ONLY]
    if not (access.roles_of(user) and Person.objects.filter(user=user).exists()):
        entries = [(name, label) for name, label in entries if name not in PERSON_ONLY]
    if not Case.objects.filter(person__user=user).exists():
        entries = [(name, label) for name, label in entries if name not in WITH_CASE_ONLY]
    context["navigation"] = [
        {"url": reverse(name), "label": label, "current": name == current} for name, label in entries
    ]
    return context
