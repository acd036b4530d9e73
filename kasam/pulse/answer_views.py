"""The answer page: `/svara/<token>/`, no login, no JavaScript, one minute on a phone.

The token is the only key: it lives in the path (never a query string), is hashed before any lookup
(kasam.pulse.tokens) and appears in no log line of Kasam's own. Every page here is sent with
`Cache-Control: no-store` (a shared phone's back button does not show someone's answers) and
`Referrer-Policy: same-origin`: no other site ever gets a Referer, so a link followed from the page
does not carry the token away. Not "no-referrer": under it browsers send `Origin: null` with every POST
from the page – the answer form and the language picker – and the CSRF check, which stays
on, rightly refuses that (tests/e2e/test_pulse_answer.py posts both for real). The only Referer sent
goes to this server, which has the token in the path anyway.

Reading the page never uses the link; only a valid POST does, through kasam.pulse.actions.submit, whose
idempotency key (a hidden field made when the form is rendered) makes a second press or a resent POST
one submission. A successful POST redirects (303) to a thank-you page without the token.

The pages speak the employee's language (kasam.pulse.languages, docs/pulse-questions.md "Languages of
the answer page"): their pick, kept in a cookie, else the invited person's language from the import.
The picker at the top of every page is a form that posts `language` to the page's own address – the
token stays in the path, where it already is, and in no query string – and is answered with a 303 back
to the same address. The thank-you page no longer knows the person: where the pulse was answered in
the person's language from the import, its address names that language (/svara/tack/ar/).
"""

import functools
import secrets
from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from kasam.core.dates import today
from kasam.core.languages import normalise
from kasam.pulse import actions, languages, page_texts, spool, tokens
from kasam.pulse.forms import AnswerForm, read_post
from kasam.pulse.models import Invitation, Participation, Round

# Kinds of notice page (templates/pulse/answer_notice.html).
ANSWERED = "answered"
CLOSED = "closed"
NOT_OPEN = "not_open"
UNKNOWN = "unknown"

# See the module's docstring: no Referer leaves for another site; POSTs keep their Origin for CSRF.
REFERRER_POLICY = "same-origin"


def private(view):
    """The headers of every answer page: no Referer to other sites, no caching, no indexing."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = REFERRER_POLICY
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped


@private
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    if languages.picking(request):
        return languages.picked(request)
    if not tokens.is_well_formed(token):
        return notice(request, UNKNOWN)
    if request.method == "POST":
        return _submit(request, token)
    invitation = _invitation(token)
    if invitation is not None and spool.waiting(tokens.keyed_hash(tokens.USED_LINK, token)):
        return notice(request, ANSWERED)  # answered while the database was locked (kasam.pulse.spool)
    if invitation is None:
        used = Participation.objects.filter(link_hash=tokens.keyed_hash(tokens.USED_LINK, token)).exists()
        return notice(request, ANSWERED if used else UNKNOWN)
    request.person_language = invitation.person.language
    state = _round_state(request, invitation.round)
    if state is not None:
        return state
    texts = _texts(request)
    form = AnswerForm.for_round(invitation.round.statement_ids, texts)
    return _form_page(request, invitation.round, form, texts)


@private
@require_http_methods(["GET", "POST"])
def thanks(request: HttpRequest, language: str | None = None) -> HttpResponse:
    """The thank-you page, in the language of the address (the one the pulse was answered in) unless
    the employee picks another here."""
    if languages.picking(request):
        return languages.picked(request)
    if request.method == "POST":
        return HttpResponse(status=405)
    if language is not None and normalise(language) is None:
        return notice(request, UNKNOWN)
    request.person_language = language
    texts = _texts(request)
    return _render(request, "pulse/answer_thanks.html", texts, {})


def _texts(request: HttpRequest) -> languages.Catalogue:
    """The employee's language for this request (the pick, else the person's, else the site's)."""
    return languages.catalogue(languages.chosen(request, getattr(request, "person_language", None)))


def _submit(request: HttpRequest, token: str) -> HttpResponse:
    answers, open_text, key = read_post(request.POST)
    result = actions.submit(token, answers, open_text, key)
    if result.outcome == actions.STORED:
        # The language the form was shown in: the pick, or the invited person's (read before the
        # submission cleared the invitation's link).
        # Its address names it only where the thank-you page would not choose it by itself.
        language = languages.chosen(request, request.POST.get("shown_language"))
        if language == languages.chosen(request):
            response = redirect("pulse_answer:thanks")
        else:
            response = redirect("pulse_answer:thanks-in", language=language)
        response.status_code = 303  # See Other: the thank-you page is fetched with GET
        return response
    if result.outcome == actions.ALREADY_ANSWERED:
        return notice(request, ANSWERED)
    if result.outcome == actions.UNKNOWN_TOKEN:
        return notice(request, UNKNOWN)
    invitation = _invitation(token)
    if invitation is None:  # used or replaced between the submit and this lookup
        return notice(request, ANSWERED)
    request.person_language = invitation.person.language
    if result.outcome in (actions.EXPIRED, actions.NOT_OPEN):
        return _round_state(request, invitation.round) or notice(request, CLOSED)
    texts = _texts(request)
    form = AnswerForm.for_round(invitation.round.statement_ids, texts)
    form.bind(request.POST)
    if "idempotency_key" in result.errors:
        # A tampered key: a fresh one, so that the next press can be stored.
        form.idempotency_key = secrets.token_urlsafe(16)
    form.add_errors(result.errors)
    return _form_page(request, invitation.round, form, texts, status=400)


def _invitation(token: str) -> Invitation | None:
    found = Invitation.objects.select_related("round", "person").filter(
        token_hash=tokens.invitation_hash(token)
    )
    return found.first()


def _round_state(request: HttpRequest, round: Round) -> HttpResponse | None:
    """A notice when the round does not take answers today; None when it does."""
    day = today()
    if round.status == Round.Status.CLOSED or day > round.closes_on:
        return notice(request, CLOSED, next_round=_next_round(round, day))
    if round.status == Round.Status.PLANNED or day < round.opens_on:
        return notice(request, NOT_OPEN, opens_on=round.opens_on)
    return None


def _next_round(round: Round, day: date) -> date | None:
    return (
        Round.objects.filter(programme_id=round.programme_id, opens_on__gt=day)
        .exclude(status=Round.Status.CLOSED)
        .order_by("opens_on")
        .values_list("opens_on", flat=True)
        .first()
    )


def _form_page(
    request: HttpRequest, round: Round, form: AnswerForm, texts: languages.Catalogue, status: int = 200
) -> HttpResponse:
    context = {"form": form, "k": round.k, "closes_on": round.closes_on}
    values = {"k": round.k, "limit": form.open_max, "date": texts.date(round.closes_on)}
    return _render(request, "pulse/answer.html", texts, context, values, status)


def notice(request: HttpRequest, kind: str, **context) -> HttpResponse:
    """A kind page for a link that cannot be answered now. An unknown link gets status 404 and says
    nothing about whether such a link ever existed."""
    status = 404 if kind == UNKNOWN else 200
    texts = _texts(request)
    day = context.get("next_round") or context.get("opens_on")
    values = {"date": texts.date(day)} if day else {}
    return _render(request, "pulse/answer_notice.html", texts, {"kind": kind, **context}, values, status)


def _render(
    request: HttpRequest,
    template: str,
    texts: languages.Catalogue,
    context: dict,
    values: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    """An answer page in the employee's language: every sentence of the page (kasam.pulse.page_texts)
    as t.<section>.<name>, filled in with `values`; the picker's languages; the draft notice."""
    context = {**context, **languages.page_context(texts, page_texts.PAGE, **(values or {}))}
    response = render(request, template, context, status=status)
    response["Content-Language"] = texts.language
    return response
