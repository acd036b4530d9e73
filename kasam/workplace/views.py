"""The employee page, `/min-arbetsplats/` (docs/employee-page.md): for a logged-in user linked to a
person, or for whoever opened that person's personal link on this phone. It shows the workplace, never
the person; the answer button and the links' switch-off are the only person-specific actions, both
POSTs that the service worker never caches."""

import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from kasam.core.dates import today
from kasam.org import access
from kasam.org.models import Person
from kasam.pulse import actions
from kasam.pulse.models import Invitation, Round
from kasam.workplace import column, content, links
from kasam.workplace.models import PersonalLink

# Like the pulse's answer page: a followed link carries no address of ours to another site.
REFERRER_POLICY = "same-origin"


def _visitor(request: HttpRequest) -> tuple[Person | None, PersonalLink | None]:
    """The person whose workplace this is: the logged-in user's (a login with a role: a single sign-on
    that matched a person gets none until HR gives one, docs/sso.md), else the personal link's on this
    phone."""
    if request.user.is_authenticated:
        if not access.roles_of(request.user):
            return None, None
        return Person.objects.filter(user=request.user).first(), None
    link = links.from_cookie(request.COOKIES.get(links.COOKIE), today())
    return (link.person, link) if link else (None, None)


def _login(request: HttpRequest) -> HttpResponse:
    return redirect(f"{reverse('account_login')}?next={reverse('workplace:page')}")


@require_GET
def page(request: HttpRequest) -> HttpResponse:
    person, link = _visitor(request)
    if person is None:
        if request.user.is_authenticated:
            return render(request, "workplace/no_person.html", status=404)
        return _login(request)
    day = today()
    unit = content.home_unit(person, day)
    context = {"unit": unit, "link": link, "day": day, "column": column.current(day)}
    if unit is not None:
        context.update(
            pulse=content.pulse_figures(person, unit),
            open_round=content.invited_round(person, day),
            plan=content.plan_part(unit, day),
            agreed=content.agreed(unit, day),
            meeting=content.next_meeting(unit, day),
        )
    response = render(request, "workplace/page.html", context)
    response["Referrer-Policy"] = REFERRER_POLICY
    return response


@require_GET
def open_link(request: HttpRequest, token: str) -> HttpResponse:
    """A personal link: remembered on this phone (a signed cookie on the page's path only), then on to the
    page without the token in the address bar. An unknown, ended or revoked link says so, nothing more."""
    link = links.find(token, today())
    if link is None:
        response = render(request, "workplace/link_ended.html", status=404)
    else:
        response = redirect("workplace:page")
        response.status_code = 303
        seconds = max(1, (link.expires_on - today()).days + 1) * 86400
        response.set_cookie(
            links.COOKIE,
            links.cookie_value(link),
            max_age=seconds,
            path=links.COOKIE_PATH,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    response["Referrer-Policy"] = "no-referrer"  # the token is in this address
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def answer(request: HttpRequest) -> HttpResponse:
    """To the pulse's answer page with a fresh link (the one sent is not stored: kasam.pulse.tokens); the
    link that was sent stops working, as after a reminder."""
    person, _link = _visitor(request)
    if person is None:
        raise Http404
    day = today()
    for invitation in Invitation.objects.filter(
        person=person, round__status=Round.Status.OPEN, round__closes_on__gte=day
    ).order_by("round__closes_on"):
        token = actions.reissue_token(invitation)
        if token is not None:
            response = redirect("pulse_answer:answer", token=token)
            response.status_code = 303
            return response
    messages.info(request, _("You have already answered this round's pulse. Thank you!"))
    return redirect("workplace:page")


@require_POST
def revoke(request: HttpRequest) -> HttpResponse:
    """Turn off every personal link of the person (a lost phone, a shared one): they stop working at
    once, here and everywhere. Logging in still works."""
    person, _link = _visitor(request)
    if person is None:
        raise Http404
    links.revoke_all(person)
    response = render(request, "workplace/links_revoked.html")
    response.delete_cookie(links.COOKIE, path=links.COOKIE_PATH)
    # The copy of the page the installed app kept goes too (the service worker with it).
    response["Clear-Site-Data"] = '"storage"'
    return response


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """What the installed app shows when it has no network and no copy of the page yet."""
    return render(request, "workplace/offline.html")


@require_GET
@cache_control(max_age=3600, public=True)
def manifest(request: HttpRequest) -> HttpResponse:
    data = {
        "name": _("Kasam – My workplace"),
        "short_name": "Kasam",
        "start_url": reverse("workplace:page"),
        "scope": reverse("workplace:page"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0a5f53",
        "lang": request.LANGUAGE_CODE,
        "icons": [
            {"src": static("kasam/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("kasam/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("kasam/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/manifest+json")


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, served from the page's own path so that its scope is the employee page."""
    shell = [
        reverse("workplace:offline"),
        static("kasam/kasam.css"),
        static("kasam/icon.svg"),
        static("kasam/workplace.js"),
    ]
    context = {"shell_json": json.dumps(shell), "page_json": json.dumps(reverse("workplace:page"))}
    body = render(request, "workplace/sw.js", context, content_type="text/javascript")
    body["Cache-Control"] = "no-cache"  # a new version is found on the next visit
    return body
