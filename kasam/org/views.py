from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from kasam.core.dates import today
from kasam.core.limits import accepts_upload
from kasam.org import access
from kasam.org.access import require_capability
from kasam.org.actions import Importer
from kasam.org.actions import import_file as run_import
from kasam.org.forms import ImportForm
from kasam.org.roles import Capability
from kasam.org.stats import unit_overview


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
    return render(
        request,
        "org/unit_detail.html",
        {
            "unit": unit,
            "ancestors": ancestors,
            "rows": unit_overview(visible.filter(path__startswith=unit.path), [unit]),
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


@accepts_upload(Capability.IMPORT_DATA)
@login_required
@require_http_methods(["GET", "POST"])
@require_capability(Capability.IMPORT_DATA)
def import_file(request):
    result = None
    # A role over part of the organisation imports only that part (kasam.org.actions.Importer).
    importer = Importer.for_user(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = run_import(
            form.cleaned_data["kind"],
            upload.read(),
            upload.name,
            dry_run=form.cleaned_data["dry_run"],
            importer=importer,
        )
    return render(request, "org/import.html", {"form": form, "result": result, "importer": importer})
