"""Health plans: the overview above unit level, one unit's plan for a year, making the plan (which
takes its snapshot) and the plan as PDF. Readers: VIEW_HEALTH_PLAN over their scope; writers:
EDIT_HEALTH_PLAN over theirs (kasam.plans.access). Every change is a POST with CSRF; nothing needs
JavaScript."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from kasam.core.dates import today
from kasam.plans import access, actions, display, pdf, sections
from kasam.plans.lookup import check_year
from kasam.plans.models import Activity, HealthPlan, PlanArea
from kasam.plans.overview import overview_rows

ROWS_PER_PAGE = 100


@login_required
@require_GET
def overview(request):
    """Each unit of the viewer's scope: a plan for the year or not, activities done and overdue."""
    day = today()
    try:
        year = check_year(int(request.GET.get("year") or day.year))
    except ValueError:
        year = day.year
    rows, totals = overview_rows(access.readable_units(request.user), year, day)
    years = sorted({day.year, day.year + 1, *HealthPlan.objects.values_list("year", flat=True)}, reverse=True)
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/overview.html",
        {"rows": page, "page": page, "totals": totals, "year": year, "years": years},
    )


@login_required
@require_GET
def unit_start(request, unit_id: str):
    """The unit's plan for this year (the address the other pages link to)."""
    unit = access.get_readable_unit(request.user, unit_id)
    return redirect("plans:plan", unit_id=unit.pk, year=today().year)


def plan_context(request, unit, year: int) -> dict:
    day = today()
    plan = HealthPlan.objects.filter(unit=unit, year=year).first()
    context = {
        "unit": unit,
        "year": year,
        "plan": plan,
        "today": day,
        "can_edit": access.can_edit(request.user, unit),
        "creatable": year in actions.creatable_years(day),
        "sections": sections.render_sections(request, unit),
        "other_years": list(
            HealthPlan.objects.filter(unit=unit).exclude(year=year).values_list("year", flat=True)
        ),
    }
    if plan is not None:
        areas = list(plan.areas.all())
        activities = list(plan.activities.select_related("area").order_by("follow_up_on", "id"))
        context.update(
            snapshot=display.snapshot_for(plan, request.viewer),
            keep=[a for a in areas if a.kind == PlanArea.Kind.KEEP],
            strengthen=[a for a in areas if a.kind == PlanArea.Kind.STRENGTHEN],
            activities=display.activity_views(plan, activities, day),
            done=sum(1 for a in activities if a.status == Activity.Status.DONE),
            overdue=sum(1 for a in activities if display.is_overdue(a, day)),
        )
    return context


@login_required
@require_GET
def plan_page(request, unit_id: str, year: int):
    """The plan: the dated snapshot first, then strengths, areas to strengthen and activities."""
    unit = access.get_readable_unit(request.user, unit_id)
    return render(request, "plans/plan.html", plan_context(request, unit, check_year(year)))


@login_required
@require_POST
def plan_create(request, unit_id: str, year: int):
    """Make the unit's plan for the year and take its snapshot (once; a second POST finds it)."""
    unit = access.get_editable_unit(request.user, unit_id)
    try:
        _plan, created = actions.get_or_create_plan(unit, check_year(year), request.user)
    except actions.PlanYearError:
        messages.error(request, gettext("A plan can be made for this year and next year."))
        return redirect("plans:plan", unit_id=unit.pk, year=year)
    if created:
        messages.success(
            request, gettext("The plan for %(year)s has been made, with today's figures.") % {"year": year}
        )
    return redirect("plans:plan", unit_id=unit.pk, year=year)


@login_required
@require_GET
def plan_pdf(request, unit_id: str, year: int):
    """The plan as a PDF: the same content the page shows this viewer."""
    unit = access.get_readable_unit(request.user, unit_id)
    context = plan_context(request, unit, check_year(year))
    if context["plan"] is None:
        raise Http404
    content = pdf.plan_pdf(context)
    response = HttpResponse(content, content_type="application/pdf")
    # Unit ids come from the HR system: only safe characters go into the header.
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", unit.pk)
    response["Content-Disposition"] = f'attachment; filename="halsoplan-{name}-{year}.pdf"'
    return response
