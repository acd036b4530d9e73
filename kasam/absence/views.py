from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from kasam.absence import access, figures
from kasam.absence.conf import sick_leave_settings
from kasam.absence.duties import HIGH_RISK_NOTE, MARKER_NOTES, REPEATED_NOTE, RETURNING_NOTE
from kasam.absence.early_signals import unit_signals
from kasam.absence.pages import activity_rows, annual_table, heatmap_chart, overview_rows, unit_context
from kasam.absence.series import last_finished_refill as latest_refill
from kasam.audit.models import AuditEntry, record
from kasam.core.dates import today
from kasam.org.access import can, scope_roots
from kasam.org.roles import Capability


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
    settings = sick_leave_settings()
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


ROWS_PER_PAGE = 100
SORT_OPTIONS = [
    ("name", _("organisation")),
    ("sick_leave", _("sick leave")),
    ("trend", _("change")),
    ("healthy", _("healthy attendance")),
]


def _period_or_none():
    return figures.latest_rolling_period()


@login_required
@require_GET
def overview(request):
    """All units of the viewer's scope side by side: the last 12 months, the trend, healthy
    attendance, a heat map of months and the comparison of like activities."""
    scope = access.sick_leave_units(request.user)
    units = list(scope.order_by("path"))
    roots = [u for u in scope_roots(request.user) if u in units]
    if not can(request.user, Capability.VIEW_SICK_LEAVE_OVERVIEW):
        # A unit manager has no overview: the navigation leads to the own unit's page.
        if not roots:
            raise PermissionDenied
        return redirect("absence:unit", unit_id=roots[0].pk)
    period = _period_or_none()
    context = {"period": period, "roots": roots, "refill": latest_refill()}
    if period and roots:
        gated = {u.pk for u in units} - access.ungated_unit_ids(request.user)
        sort = request.GET.get("sort", "name")
        rows = overview_rows(units, scope, roots[0], period, gated, sort)
        # A large organisation has thousands of units: the table shows them a page at a time.
        page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
        context.update(
            rows=page.object_list,
            page=page,
            sort=sort,
            # Gated viewers see no trends, so they cannot sort by one either.
            sort_options=[option for option in SORT_OPTIONS if not (gated and option[0] == "trend")],
            headline=[row for row in rows if row.unit in roots],
            gated=bool(gated),
            heatmap=None if gated else heatmap_chart(units, roots[0], period),
            activities=[] if gated else activity_rows(units, period),
            years=figures.stored_years(),
        )
    return render(request, "absence/overview.html", context)


@login_required
@require_GET
def unit_page(request, unit_id: str):
    """One unit: healthy attendance and what improved first, then the monthly and rolling series,
    the bands, and the unit beside the average of units with the same activity."""
    unit = access.get_sick_leave_unit(request.user, unit_id)
    period = _period_or_none()
    context = {"unit": unit, "period": period, "refill": latest_refill()}
    if period:
        gated = unit.pk not in access.ungated_unit_ids(request.user)
        context.update(unit_context(unit, period, gated))
    return render(request, "absence/unit.html", context)


@login_required
@require_GET
def annual_report(request):
    """The statutory annual-report figures (LKBR 11 kap.) for a chosen year, ready to copy."""
    if not can(request.user, Capability.VIEW_SICK_LEAVE_OVERVIEW):
        raise PermissionDenied
    years = figures.stored_years()
    try:
        year = int(request.GET.get("year") or (years[0] if years else 0))
    except ValueError:
        year = 0
    roots = [
        u for u in scope_roots(request.user) if access.sick_leave_units(request.user).filter(pk=u.pk).exists()
    ]
    context = {"years": years, "year": year, "refill": latest_refill(), "tables": []}
    if year in years:
        gated = access.ungated_unit_ids(request.user)
        context["tables"] = [annual_table(root, year, gated_viewer=root.pk not in gated) for root in roots]
    return render(request, "absence/annual_report.html", context)
