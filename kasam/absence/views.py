from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from kasam.absence import access
from kasam.absence.duties import HIGH_RISK_NOTE, MARKER_NOTES, REPEATED_NOTE, RETURNING_NOTE
from kasam.absence.early_signals import unit_signals
from kasam.audit.models import AuditEntry, record
from kasam.core.dates import today
from kasam.metrics.definitions import SickLeaveSettings
from kasam.org.access import scope_roots


@login_required
@require_GET
def early_signals_start(request):
    """The navigation's entry: straight to the one unit a manager has, else a list to choose from."""
    units = access.early_signal_units(request.user)
    roots = [unit for unit in scope_roots(request.user) if units.filter(pk=unit.pk).exists()]
    if not roots:
        raise PermissionDenied
    if len(roots) == 1:
        return redirect("absence:early-signals", unit_id=roots[0].pk)
    return render(request, "absence/early_signals_start.html", {"units": roots})


@login_required
@require_GET
def early_signals(request, unit_id: str):
    unit = access.get_early_signal_unit(request.user, unit_id)
    settings = SickLeaveSettings()
    signals = unit_signals(unit, today(), settings)
    # Every view of person-level sick leave is logged: who, when, which unit, how many persons.
    record(
        request.user,
        AuditEntry.Action.VIEW_EARLY_SIGNALS,
        unit.pk,
        persons_shown=len(signals.people),
        staff=signals.staff_count,
    )
    return render(
        request,
        "absence/early_signals.html",
        {
            "signals": signals,
            "settings": settings,
            "open_cases": [
                (p, MARKER_NOTES.get(p.open_case["next_marker"])) for p in signals.people if p.open_case
            ],
            "repeated": [p for p in signals.people if p.repeated or p.high_risk],
            "returning": [p for p in signals.people if p.returning],
            "notes": {"repeated": REPEATED_NOTE, "high_risk": HIGH_RISK_NOTE, "returning": RETURNING_NOTE},
        },
    )
