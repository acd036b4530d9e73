"""The start page – each role's sections (kasam.site.home; docs/definitions.md "Home pages") above the
units at the level of the user's roles (kasam.org.stats) – and the import page (the files the apps
contribute, kasam.site.imports)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from kasam.core.dates import today
from kasam.core.limits import accepts_upload
from kasam.org import access
from kasam.org.access import require_capability
from kasam.org.models import Person, Role
from kasam.org.roles import Capability
from kasam.org.stats import unit_rows
from kasam.site.forms import ImportForm
from kasam.site.home import area, coach, committee, manager, organisation, rehab, strategist
from kasam.site.imports import Importer, recomputing
from kasam.site.imports import import_file as run_import

UNITS_PER_PAGE = 100


@login_required
@require_GET
def home(request):
    """The start page at the viewer's own level: the units of the user's roles and the units right
    below them (each unit's page leads further down), a hundred to a page. An employee and no more
    starts on their own workplace's page (docs/employee-page.md)."""
    if access.roles_of(request.user) == {Role.EMPLOYEE} and Person.objects.filter(user=request.user).exists():
        return redirect("workplace:page")
    roots = [unit.pk for unit in access.scope_roots(request.user)]
    units = access.visible_units(request.user).filter(Q(pk__in=roots) | Q(parent__in=roots)).order_by("path")
    page = Paginator(units, UNITS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "roles": sorted({a.get_role_display() for a in access.assignments_of(request.user)}),
        "rows": unit_rows(list(page)),
        "page": page,
        "today": today(),
    }
    context.update(sections(request))
    return render(request, "core/home.html", context)


def sections(request) -> dict:
    """The sections of each of the user's roles (the employee's start page has none: only the units)."""
    roles = access.roles_of(request.user)
    found: dict = {}
    if Role.UNIT_MANAGER in roles:
        found["manager"] = manager.section(request)
    if Role.AREA_MANAGER in roles:
        found["area"] = area.section(request)
    if Role.HEALTH_STRATEGIST in roles:
        found["strategist"] = strategist.section(request)
    if Role.COMMITTEE in roles:
        found["committee"] = committee.section(request)
    if roles & {Role.LEADERSHIP, Role.HR, Role.COMMITTEE}:
        found["targets"] = organisation.section(request)
    if Role.DIALOG_COACH in roles:
        found["coach"] = coach.section(request)
    # The person's manager, HR or an area manager with a delegation: the cases' steps due.
    found["rehab"] = rehab.section(request)
    found["has_sections"] = any(value for value in found.values())
    return found


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
    refill = recomputing(result) if result is not None else None
    context = {"form": form, "result": result, "importer": importer, "refill": refill}
    return render(request, "org/import.html", context)
