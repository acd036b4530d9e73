"""The error pages (400, 403, CSRF, 404, 500), for every app. The start page is kasam.site.views."""

from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

# What each error page says: (status, heading, explanation).
ERRORS = {
    "bad_request": (
        400,
        _("Something was wrong with the request"),
        _("The page could not understand what was sent. Go back and try again."),
    ),
    "permission_denied": (
        403,
        _("This page is not part of your role"),
        _(
            "Your role does not include this page. If you need it in your work, "
            "ask your HR department or health strategist."
        ),
    ),
    "csrf_failure": (
        403,
        _("The page had grown old"),
        _(
            "For your safety, a form can only be sent from a fresh page. "
            "Go back, reload the page and try again."
        ),
    ),
    "page_not_found": (
        404,
        _("The page could not be found"),
        _("The page does not exist, or it is not part of what your role covers."),
    ),
}


def _error_page(request, error: str):
    status, heading, explanation = ERRORS[error]
    return render(
        request, "errors/error.html", {"heading": heading, "explanation": explanation}, status=status
    )


def bad_request(request, exception=None):
    return _error_page(request, "bad_request")


def permission_denied(request, exception=None):
    return _error_page(request, "permission_denied")


def csrf_failure(request, reason=""):
    """A form sent from a page that has grown old (or from elsewhere): say so plainly."""
    return _error_page(request, "csrf_failure")


def page_not_found(request, exception=None):
    return _error_page(request, "page_not_found")


def server_error(request):
    # Rendered without the request context: the failure may lie in the database or a context
    # processor. If even that fails, a plain sentence is better than a stack trace.
    try:
        body = loader.get_template("errors/500.html").render()
    except Exception:
        body = "Något gick fel hos oss. Försök igen om en stund."
    return HttpResponseServerError(body)


def favicon(request):
    """Browsers ask for /favicon.ico whatever a page names: the icon the pages name."""
    return redirect(static("kasam/icon.svg"), permanent=True)
