from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from kasam.absence import access, figures, follow_ups
from kasam.absence.conf import sick_leave_settings
from kasam.absence.duties import HIGH_RISK_NOTE, MARKER_NOTES, REPEATED_NOTE, RETURNING_NOTE
from kasam.absence.early_signals import unit_signals
from kasam.absence.models import SignalFollowUp
from kasam.absence.pages import (
    activity_rows,
    annual_table,
    heatmap_chart,
    overview_rows,
    release_note,
    released_annual_table,
    released_unit_context,
    unit_context,
    year_note,
)
from kasam.absence.series import GENERATION as SERIES
from kasam.absence.series import last_finished_refill as latest_refill
from kasam.audit.models import AuditEntry, record
from kasam.core import generations
from kasam.core.dates import today
from kasam.org.access import can, require_capability, scope_key, scope_roots
from kasam.org.roles import Capability
from kasam.org.stats import ORG


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


FILTER_KINDS = {kind.value for kind in SignalFollowUp.Kind}
FILTER_STATUSES = {status.value for status in SignalFollowUp.Status}


@login_required
@require_GET
def early_signals(request, unit_id: str):
    unit = access.get_early_signal_unit(request.user, unit_id)
    settings = sick_leave_settings()
    day = today()
    signals = unit_signals(unit, day, settings)
    # Every view of person-level sick leave is logged: who, when, which unit, how many persons.
    record(
        request.user,
        AuditEntry.Action.VIEW_EARLY_SIGNALS,
        unit.pk,
        persons_shown=len(signals.people),
        staff=signals.staff_count,
    )
    current = follow_ups.signals_of(signals.people)
    key_of = {(signal.person_id, signal.kind): signal.key for signal in current}
    stored = follow_ups.settle(signals.staff_ids, current, day)
    chosen = _signal_filters(request.GET, signals)
    people = [p for p in signals.people if not chosen["unit"] or (p.unit and p.unit.pk == chosen["unit"])]

    def rows(kind, items):
        if chosen["signal"] not in ("", kind):
            return []
        out = []
        for item in items:
            key = key_of[(item.person.pk, kind)]
            row = stored.get((item.person.pk, kind, key))
            status = row.status if row else SignalFollowUp.Status.NEW
            if chosen["status"] in ("", status):
                out.append(
                    {
                        "item": item,
                        "kind": kind,
                        "key": key,
                        "follow_up": row,
                        "status": status,
                        "rehab_source": _rehab_source(kind, item, settings) if may_open(item) else "",
                    }
                )
        return out

    # A rehabilitation case is opened by the person's own manager or by HR (kasam.rehab.access).
    is_hr = can(request.user, Capability.CLOSE_REHAB_CASES)

    def may_open(item) -> bool:
        return is_hr or request.user.pk in item.manager_ids

    return render(
        request,
        "absence/early_signals.html",
        {
            "signals": signals,
            "settings": settings,
            "open_cases": [
                {**row, "note": MARKER_NOTES.get(row["item"].open_case["next_marker"])}
                for row in rows(SignalFollowUp.Kind.OPEN_CASE, [p for p in people if p.open_case])
            ],
            "repeated": rows(SignalFollowUp.Kind.REPEATED, [p for p in people if p.repeated or p.high_risk]),
            "returning": rows(SignalFollowUp.Kind.RETURNING, [p for p in people if p.returning]),
            "notes": {"repeated": REPEATED_NOTE, "high_risk": HIGH_RISK_NOTE, "returning": RETURNING_NOTE},
            "chosen": chosen,
            "filter_units": sorted({p.unit for p in signals.people if p.unit}, key=lambda u: u.name),
            "kinds": SignalFollowUp.Kind.choices,
            "statuses": SignalFollowUp.Status.choices,
            "ended": follow_ups.recently_ended(signals.staff_ids, day),
        },
    )


def _rehab_source(kind: str, item, settings) -> str:
    """Where a rehabilitation case opened from this signal comes from (kasam.metrics.rehab's sources):
    an ongoing sick case expected to last `long_case_days` or more is a long one; a shorter one is
    opened by hand."""
    if kind == SignalFollowUp.Kind.REPEATED:
        return "repeated_short_term"
    if kind == SignalFollowUp.Kind.RETURNING:
        return "returning"
    return "long_term" if item.open_case["length"] >= settings.long_case_days else "manual"


def _signal_filters(query, signals) -> dict[str, str]:
    """The list's filters from the address: a unit of the list, a kind of signal, a status."""
    units = {p.unit.pk for p in signals.people if p.unit}
    return {
        "unit": query.get("enhet", "") if query.get("enhet") in units else "",
        "signal": query.get("signal", "") if query.get("signal") in FILTER_KINDS else "",
        "status": query.get("status", "") if query.get("status") in FILTER_STATUSES else "",
    }


@login_required
@require_POST
def follow_up_signal(request, unit_id: str):
    """Save a signal's status and note: for a signal the list shows now, of a person in the unit."""
    unit = access.get_early_signal_unit(request.user, unit_id)
    day = today()
    signals = unit_signals(unit, day, sick_leave_settings())
    wanted = follow_ups.Signal(
        request.POST.get("person", ""), request.POST.get("kind", ""), request.POST.get("key", "")
    )
    status = request.POST.get("status", "")
    note = request.POST.get("note", "").strip()[:300]
    if wanted not in follow_ups.signals_of(signals.people) or status not in FILTER_STATUSES:
        messages.error(request, gettext("That signal no longer holds; the list shows what holds now."))
    else:
        follow_ups.follow_up(wanted, status, note, request.user, day)
        record(
            request.user,
            AuditEntry.Action.FOLLOW_UP_SIGNAL,
            unit.pk,
            person_id=wanted.person_id,
            signal=wanted.kind,
            status=status,
        )
        messages.success(request, gettext("The follow-up is saved."))
    # Back to the list as it was filtered (only the filters' own names are carried over).
    given = QueryDict(request.POST.get("back", ""))
    query = QueryDict(mutable=True)
    for name in ("enhet", "signal", "status"):
        if given.get(name):
            query[name] = given[name]
    back = reverse("absence:early-signals", kwargs={"unit_id": unit.pk})
    return redirect(f"{back}?{query.urlencode()}" if query else back)


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
    attendance, a heat map of months and the comparison of like activities. Units the viewer sees
    only through releases (the committee) show the latest release, nothing live."""
    viewer = request.viewer
    scope = viewer.sick_leave_units
    # Every unit of the scope, kept until the organisation changes (kasam.core.generations); shared
    # between requests, so never changed here.
    units = generations.cached(
        ORG, ("sick-leave-unit-list", viewer.cache_key), lambda: list(scope.order_by("path"))
    )
    roots = [u for u in scope_roots(request.user) if u in units]
    if not can(request.user, Capability.VIEW_SICK_LEAVE_OVERVIEW):
        # A unit manager has no overview: the navigation leads to the own unit's page.
        if not roots:
            raise PermissionDenied
        return redirect("absence:unit", unit_id=roots[0].pk)
    ungated = viewer.live_sick_leave_ids
    gated = {u.pk for u in units} - ungated
    released_only = viewer.sick_leave_released_only(u.pk for u in units)
    period = None if released_only else _period_or_none()
    context = {"period": period, "roots": roots, "refill": latest_refill(), "gated": bool(gated)}
    context["released_only"] = released_only
    if gated:
        context.update(release_note(viewer.latest_sick_leave_release))
    if (period or context.get("release")) and roots:
        sort = request.GET.get("sort", "name")
        release = context.get("release")
        # The same for every viewer with the same roles over the same units, until a refill, a change
        # of the organisation or a new release (kasam.core.generations).
        shown_release = release.release.pk if release else None
        key = (scope_key(request.user, Capability.VIEW_SICK_LEAVE), sort, period, shown_release)
        rows = generations.cached(
            (SERIES, ORG),
            ("sick-leave-overview", *key),
            lambda: overview_rows(units, scope, roots[0], period, gated, sort, release),
        )
        # A large organisation has thousands of units: the table shows them a page at a time.
        page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
        context.update(
            rows=page.object_list,
            page=page,
            sort=sort,
            # Gated viewers see no trends, so they cannot sort by one either.
            sort_options=[option for option in SORT_OPTIONS if not (gated and option[0] == "trend")],
            headline=[row for row in rows if row.unit in roots],
            # Nothing month by month and no pooled averages of activities for a gated viewer: both
            # are live, and an activity's average could single out a unit the release hides.
            heatmap=None if gated or not period else heatmap_chart(units, roots[0], period),
            activities=[]
            if gated or not period
            else generations.cached(
                (SERIES, ORG), ("sick-leave-activities", *key), lambda: activity_rows(units, period, ungated)
            ),
        )
    return render(request, "absence/overview.html", context)


@login_required
@require_GET
def unit_page(request, unit_id: str):
    """One unit: healthy attendance and what improved first, then the monthly and rolling series,
    the bands, and the unit beside the average of units with the same activity – or, for a viewer who
    sees the unit only through releases, the latest release and the released years."""
    viewer = request.viewer
    unit = viewer.sick_leave_unit(unit_id)
    context = {"unit": unit, "refill": latest_refill()}
    if not viewer.sick_leave_is_live(unit.pk):
        note = release_note(viewer.latest_sick_leave_release)
        context.update(note, released_only=True)
        context.update(released_unit_context(unit, note["release"]))
        return render(request, "absence/unit.html", context)
    period = _period_or_none()
    context["period"] = period
    if period:
        context.update(unit_context(unit, period, viewer.live_sick_leave_ids))
    return render(request, "absence/unit.html", context)


@login_required
@require_GET
@require_capability(Capability.VIEW_SICK_LEAVE_OVERVIEW)
def annual_report(request):
    """The statutory annual-report figures (LKBR 11 kap.) for a chosen year, ready to copy. A unit the
    viewer sees only through releases shows the year's release; its years are the released ones."""
    viewer = request.viewer
    roots = [u for u in scope_roots(request.user) if u.pk in viewer.sick_leave_unit_ids]
    ungated = viewer.live_sick_leave_ids
    released_only = viewer.sick_leave_released_only(root.pk for root in roots)
    years = set(viewer.released_years) if any(root.pk not in ungated for root in roots) else set()
    if not released_only:
        years |= set(figures.stored_years())
    years = sorted(years, reverse=True)
    try:
        year = int(request.GET.get("year") or (years[0] if years else 0))
    except ValueError:
        year = 0
    context = {"years": years, "year": year, "refill": latest_refill(), "tables": []}
    context["released_only"] = released_only
    if released_only:
        context.update(year_note(viewer.sick_leave_year_release(year) if year in years else None))
    if year in years:
        release = viewer.sick_leave_year_release(year)
        context["tables"] = [
            annual_table(root, year)
            if root.pk in ungated
            else (released_annual_table(root, release) if release else None)
            for root in roots
        ]
    return render(request, "absence/annual_report.html", context)
