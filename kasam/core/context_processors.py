from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kasam.org import access
from kasam.org.roles import Capability

# The navigation: (url name, label, capability needed, or None for every signed-in role).
# A section that is not built is simply not listed here.
NAVIGATION = [
    ("core:home", _("Start"), None),
    ("absence:overview", _("Sick leave"), Capability.VIEW_SICK_LEAVE),
    ("absence:early-signals-start", _("Early signals"), Capability.VIEW_EARLY_SIGNALS),
    ("pulse:overview", _("Pulse"), Capability.VIEW_PULSE),
    ("survey:overview", _("Employee survey"), Capability.VIEW_SURVEY),
    ("targets:list", _("Targets"), Capability.VIEW_TARGETS),
    ("plans:overview", _("Health plans"), Capability.VIEW_HEALTH_PLAN),
    ("dialogs:library", _("Dialogs"), None),
    ("economy:overview", _("Economics"), Capability.VIEW_SICK_LEAVE),
    ("reports:list", _("Reports"), Capability.MAKE_REPORTS),
    ("audit:log", _("Audit log"), Capability.VIEW_AUDIT_LOG),
    ("releases:list", _("Publish"), Capability.PUBLISH_RELEASES),
    ("evaluation:overview", _("Evaluation"), Capability.VIEW_EVALUATION),
    ("leadership:home", _("Leadership"), None),
    ("org:import-file", _("Import"), Capability.IMPORT_DATA),
    # One's own login: the second factor (kasam.accounts.second_factor), for every signed-in user.
    ("mfa_index", _("Secure login"), None),
]


def navigation(request):
    context = {"organisation_name": settings.KASAM_ORGANISATION_NAME, "navigation": []}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    current = request.resolver_match.view_name if request.resolver_match else None
    context["navigation"] = [
        {"url": reverse(name), "label": label, "current": name == current}
        for name, label, capability in NAVIGATION
        if capability is None or access.can(user, capability)
    ]
    return context
