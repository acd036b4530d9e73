"""How large a request body Kasam reads (docs/operations.md "Limits on what is sent").

Every page takes at most KASAM_REQUEST_MAX_MB. A view marked with `accepts_upload(capability)` – the
import pages – takes up to KASAM_IMPORT_MAX_MB, but only from a signed-in user who holds the capability.
The middleware decides from the Content-Length header, before any part of the body is read (Django reads
no more than Content-Length says, and nothing of a body sent without one), and refuses a larger body
with 413 and a page that says so. It must come after AuthenticationMiddleware (it asks who the user is)
and before anything that reads request.POST: CsrfViewMiddleware does so in process_view, which runs
after every middleware's __call__ has been entered."""

from collections.abc import Callable

from django.conf import settings
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

MB = 1024 * 1024
# Whether a user holds a capability: kasam.org.access.can, registered by the organisation's
# AppConfig.ready (the kit at the bottom imports no app). Until then nobody may upload more.
HOLDS_CAPABILITY: list[Callable[[object, object], bool]] = []


def accepts_upload(capability):
    """Mark a view as one that may receive files up to KASAM_IMPORT_MAX_MB from a user with `capability`.
    Put it outermost, above login_required, so that the URL resolves to the marked function."""

    def mark(view):
        view.upload_capability = capability
        return view

    return mark


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = _content_length(request)
        if length > settings.KASAM_REQUEST_MAX_MB * MB:
            may_import = _may_upload(request)
            if not may_import or length > settings.KASAM_IMPORT_MAX_MB * MB:
                return too_large(request, may_import)
        return self.get_response(request)


def _may_upload(request) -> bool:
    """Whether the page is marked by accepts_upload and the signed-in user holds its capability."""
    try:
        capability = getattr(resolve(request.path_info).func, "upload_capability", None)
    except Resolver404:
        return False
    if capability is None or not request.user.is_authenticated:
        return False
    return any(holds(request.user, capability) for holds in HOLDS_CAPABILITY)


def _content_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0  # as Django itself: a body it cannot measure is not read


def too_large(request, import_page: bool):
    """413 with a page in plain words; nothing of the body has been read."""
    heading = _("What you sent is too large")
    if import_page:
        explanation = _(
            "The file is larger than %(limit)s MB, the most Kasam takes in one import. Split it into "
            "smaller files and import them one by one, or import it with the command `kasam import`."
        ) % {"limit": settings.KASAM_IMPORT_MAX_MB}
    else:
        explanation = _("Kasam takes at most %(limit)s MB from a form. Go back, send less and try again.") % {
            "limit": settings.KASAM_REQUEST_MAX_MB
        }
    return render(request, "errors/error.html", {"heading": heading, "explanation": explanation}, status=413)
