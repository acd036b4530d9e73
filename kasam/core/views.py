from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET

from kasam.org import access
from kasam.org.stats import unit_overview


@login_required
@require_GET
def home(request):
    """The start page: the units the user's roles cover, and nothing else."""
    roots = access.scope_roots(request.user)
    units = access.visible_units(request.user)
    return render(
        request,
        "core/home.html",
        {
            "roles": sorted({a.get_role_display() for a in access.assignments_of(request.user)}),
            "rows": unit_overview(units, roots),
        },
    )


@require_GET
def health(request):
    """For load balancers and monitoring: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def csrf_failure(request, reason=""):
    """A form sent from a page that has grown old (or from elsewhere): say so plainly."""
    return render(request, "errors/csrf.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    # Rendered without the request context: the failure may lie in the database or a context
    # processor. If even that fails, a plain sentence is better than a stack trace.
    try:
        body = loader.get_template("errors/500.html").render()
    except Exception:
        body = "Något gick fel hos oss. Försök igen om en stund."
    return HttpResponseServerError(body)
