from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kasam.core.dates import today
from kasam.org import access
from kasam.org.roles import Capability
from kasam.org.stats import unit_rows

PER_PAGE = 100


@login_required
@require_GET
def unit_detail(request, unit_id: str):
    unit = access.get_unit(request.user, unit_id)
    visible = access.visible_units(request.user)
    # The breadcrumb stops where the viewer's scope stops.
    ancestors = list(visible.filter(pk__in=unit.path.strip("/").split("/")[:-1]).order_by("path"))
    staff = None
    if access.can_view_staff(request.user, unit):
        subtree = visible.filter(path__startswith=unit.path)
        staff = (
            access.current_staff(subtree)
            .prefetch_related(
                Prefetch(
                    "employments",
                    queryset=access.current_employments(subtree)
                    .select_related("unit")
                    .order_by("unit__path"),
                    to_attr="current_employments",
                )
            )
            .order_by("last_name", "first_name", "id")
        )
        staff = Paginator(staff, PER_PAGE).get_page(request.GET.get("personer"))
    below = Paginator(unit.children.order_by("path"), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "org/unit_detail.html",
        {
            "unit": unit,
            "ancestors": ancestors,
            "rows": unit_rows([unit, *below]),
            "page": below,
            "staff": staff,
            "shows_sick_leave": access.units_for(request.user, Capability.VIEW_SICK_LEAVE)
            .filter(pk=unit.pk)
            .exists(),
            "shows_early_signals": access.units_for(request.user, Capability.VIEW_EARLY_SIGNALS)
            .filter(pk=unit.pk)
            .exists(),
            "today": today(),
        },
    )


@login_required
@require_GET
def person_detail(request, person_id: str):
    person = access.get_person_for(request.user, person_id)
    units = access.staff_units(request.user)
    employments = person.employments.filter(unit__in=units).select_related("unit").order_by("-start_date")
    return render(request, "org/person_detail.html", {"person": person, "employments": employments})
