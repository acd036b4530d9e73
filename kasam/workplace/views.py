"""The employee page, `/min-arbetsplats/` (docs/employee-page.md): for a logged-in user linked to a
person, or for whoever opened that person's personal link on this phone. It shows the workplace, never
the person; the answer button and the links' switch-off are the only person-specific actions, both
POSTs that the service worker never caches.

The page and its small pages speak the employee's language like the pulse's answer page, with the same
choice and texts (kasam.pulse.languages, docs/employee-page.md "Languages"): the pick in the shared
cookie, else the person's language from the import. The picker at the top posts `language` to the
page's own address and is answered with a 303 back to it.
"""

import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kasam.core.dates import today
from kasam.org import access
from kasam.org.models import Person
from kasam.pulse import actions, languages, page_texts, question_bank
from kasam.pulse.models import Invitation, Round
from kasam.workplace import column, content, links
from kasam.workplace.models import PersonalLink

# Like the pulse's answer page: a followed link carries no address of ours to another site, and a POST
# from the page (the picker, the buttons) keeps its Origin for the CSRF check.
REFERRER_POLICY = "same-origin"
# The texts of the pages: the shared ones of every employee page (the picker, the draft notice, the
# footer), the employee page's own and the dimensions' names.
KEYS = (
    *page_texts.PAGE,
    *page_texts.WORKPLACE,
    *(f"dimension.{d}" for d in question_bank.DIMENSION_IDS),
)


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


def _texts(request: HttpRequest, person: Person | None) -> languages.Catalogue:
    """The employee's language: the pick, else the person's from the import, else the site's."""
    return languages.catalogue(languages.chosen(request, person.language if person else None))


def _render(
    request: HttpRequest, template: str, texts: languages.Catalogue, context: dict | None = None, status=200
) -> HttpResponse:
    """A page in the employee's language. What Kasam's own gettext still renders – the menu of a
    logged-in employee, a dialog theme's title and purpose – is English for English and Swedish for
    every other language (the theme then marked lang="sv")."""
    context = {**(context or {}), **languages.page_context(texts, KEYS)}
    kasams = languages.ENGLISH if texts.language == languages.ENGLISH else languages.SWEDISH
    with translation.override(kasams):
        response = render(request, template, context, status=status)
    response["Content-Language"] = texts.language
    return response


def _login(request: HttpRequest) -> HttpResponse:
    return redirect(f"{reverse('account_login')}?next={reverse('workplace:page')}")


@require_http_methods(["GET", "POST"])
def page(request: HttpRequest) -> HttpResponse:
    if languages.picking(request):
        return languages.picked(request)
    if request.method == "POST":
        return HttpResponse(status=405)
    person, link = _visitor(request)
    if person is None:
        if request.user.is_authenticated:
            return _render(request, "workplace/no_person.html", _texts(request, None), status=404)
        return _login(request)
    texts = _texts(request, person)
    day = today()
    unit = content.home_unit(person, day)
    context = {"unit": unit, "link": link, "day": day, "column": column.current(day)}
    pulse = open_round = meeting = plan = None
    if unit is not None:
        pulse = content.pulse_figures(person, unit)
        open_round = content.invited_round(person, day)
        meeting = content.next_meeting(unit, day)
        plan = content.plan_part(unit, day)
        context.update(
            pulse=pulse,
            open_round=open_round,
            plan=plan,
            agreed=_agreed(texts, content.agreed(unit, day)),
            meeting=meeting,
        )
    context["shown"] = _shown(texts, day, link, open_round, pulse, meeting, plan)
    response = _render(request, "workplace/page.html", texts, context)
    response["Referrer-Policy"] = REFERRER_POLICY
    return response


def _shown(texts: languages.Catalogue, day, link, open_round, pulse, meeting, plan) -> dict:
    """The page's sentences that carry the page's data (a name, a date, a count), filled in."""
    text = texts.text
    shown: dict = {"plan_heading": text("workplace.plan_heading").fill(year=day.year)}
    if open_round is not None:
        until = texts.date(open_round.closes_on)
        shown["pulse_open_lead"] = text("workplace.pulse_open_lead").fill(date=until)
    if link is not None:
        shown["link_until"] = text("workplace.link_until").fill(date=texts.date(link.expires_on, year=True))
    if pulse is not None:
        count = "one" if pulse.respondents == 1 else "other"
        shown["respondents"] = text(f"workplace.respondents_{count}").fill(
            n=pulse.respondents, date=texts.date(pulse.round.closes_on, year=True)
        )
        which = "own_group" if pulse.own_group else "group_above"
        shown["group"] = text(f"workplace.{which}").fill(name=pulse.unit_name)
        shown["caption"] = text("workplace.results_caption").fill(name=pulse.unit_name)
        shown["rows"] = [(_dimension(texts, d), result) for d, result in pulse.dimensions]
    if meeting is not None:
        shown["meeting_date"] = texts.date(meeting.held_on, weekday=True)
        shown["meeting_for"] = text("workplace.meeting_for").fill(name=meeting.unit.name)
    if plan is not None:
        shown["plan_of"] = text("workplace.plan_of").fill(name=plan.unit_name)
        shown["activities"] = [
            (
                activity,
                _status(texts, activity),
                text("workplace.who_follow_up").fill(
                    who=activity.who, date=texts.date(activity.follow_up_on)
                ),
            )
            for activity in plan.activities
        ]
    return shown


def _dimension(texts: languages.Catalogue, dimension: str) -> languages.Text:
    if dimension == question_bank.HEALTH_ID:
        return texts.text("workplace.self_rated_health")
    return texts.text(f"dimension.{dimension}")


def _status(texts: languages.Catalogue, activity) -> languages.Text:
    return texts.text(f"workplace.status_{activity.status}")


def _agreed(texts: languages.Catalogue, records) -> list[tuple]:
    """What was agreed: each meeting with its date and its activities with their status."""
    return [
        (
            record,
            texts.date(record.held_on, year=True),
            [(activity, _status(texts, activity)) for activity in record.activities.all()],
        )
        for record in records
    ]


@require_http_methods(["GET", "POST"])
def open_link(request: HttpRequest, token: str) -> HttpResponse:
    """A personal link: remembered on this phone (a signed cookie on the page's path only), then on to the
    page without the token in the address bar. An unknown, ended or revoked link says so, nothing more,
    in the language picked on this phone (its own picker posts here)."""
    if languages.picking(request):
        return languages.picked(request)
    if request.method == "POST":
        return HttpResponse(status=405)
    link = links.find(token, today())
    if link is None:
        response = _render(request, "workplace/link_ended.html", _texts(request, None), status=404)
        # The page's picker posts to this address: under "no-referrer" a browser sends that POST with
        # `Origin: null`, which the CSRF check refuses. The Referer stays on this server, and this
        # link no longer opens anything.
        response["Referrer-Policy"] = REFERRER_POLICY
        response["Cache-Control"] = "no-store"
        return response
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
    messages.info(request, str(_texts(request, person).text("workplace.already_answered")))
    return redirect("workplace:page")


@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest) -> HttpResponse:
    """Turn off every personal link of the person (a lost phone, a shared one): they stop working at
    once, here and everywhere. Logging in still works. The page that says so has the picker too: its
    POST comes back here as a GET, which shows the page again (or, where a link still works on this
    phone, the employee page)."""
    if languages.picking(request):
        return languages.picked(request)
    person, link = _visitor(request)
    if request.method == "GET":
        if link is not None:
            return redirect("workplace:page")
        return _render(request, "workplace/links_revoked.html", _texts(request, person))
    if person is None:
        raise Http404
    links.revoke_all(person)
    response = _render(request, "workplace/links_revoked.html", _texts(request, person))
    response.delete_cookie(links.COOKIE, path=links.COOKIE_PATH)
    # The copy of the page the installed app kept goes too (the service worker with it).
    response["Clear-Site-Data"] = '"storage"'
    return response


@require_http_methods(["GET", "POST"])
def offline(request: HttpRequest) -> HttpResponse:
    """What the installed app shows when it has no network and no copy of the page yet (kept by the
    service worker in the language of the day it was installed)."""
    if languages.picking(request):
        return languages.picked(request)
    if request.method == "POST":
        return HttpResponse(status=405)
    person, _link = _visitor(request)
    return _render(request, "workplace/offline.html", _texts(request, person))


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
