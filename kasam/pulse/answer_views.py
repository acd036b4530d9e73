"""The answer page: `/svara/<token>/`, no login, no JavaScript, one minute on a phone.

The token is the only key: it lives in the path (never a query string), is hashed before any lookup
(kasam.pulse.tokens) and appears in no log line of Kasam's own. Every page here is sent with
`Cache-Control: no-store` (a shared phone's back button does not show someone's answers) and
`Referrer-Policy: same-origin`: no other site ever gets a Referer, so a link followed from the page
does not carry the token away. Not "no-referrer": under it browsers send `Origin: null` with every POST
from the page – the answer form and the footer's language switch – and the CSRF check, which stays
on, rightly refuses that (tests/e2e/test_pulse_answer.py posts both for real). The only Referer sent
goes to this server, which has the token in the path anyway.

Reading the page never uses the link; only a valid POST does, through kasam.pulse.actions.submit, whose
idempotency key (a hidden field made when the form is rendered) makes a second press or a resent POST
one submission. A successful POST redirects (303) to a thank-you page without the token.
"""

import functools
import secrets
from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from kasam.core.dates import today
from kasam.pulse import actions, spool, tokens
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
    state = _round_state(request, invitation.round)
    if state is not None:
        return state
    return _form_page(request, invitation.round, AnswerForm.for_round(invitation.round.statement_ids))


@private
@require_http_methods(["GET"])
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "pulse/answer_thanks.html")


def _submit(request: HttpRequest, token: str) -> HttpResponse:
    answers, open_text, key = read_post(request.POST)
    result = actions.submit(token, answers, open_text, key)
    if result.outcome == actions.STORED:
        response = redirect("pulse_answer:thanks")
        response.status_code = 303  # See Other: the thank-you page is fetched with GET
        return response
    if result.outcome == actions.ALREADY_ANSWERED:
        return notice(request, ANSWERED)
    if result.outcome == actions.UNKNOWN_TOKEN:
        return notice(request, UNKNOWN)
    invitation = _invitation(token)
    if invitation is None:  # used or replaced between the submit and this lookup
        return notice(request, ANSWERED)
    if result.outcome in (actions.EXPIRED, actions.NOT_OPEN):
        return _round_state(request, invitation.round) or notice(request, CLOSED)
    form = AnswerForm.for_round(invitation.round.statement_ids)
    form.bind(request.POST)
    if "idempotency_key" in result.errors:
        # A tampered key: a fresh one, so that the next press can be stored.
        form.idempotency_key = secrets.token_urlsafe(16)
    form.add_errors(result.errors)
    return _form_page(request, invitation.round, form, status=400)


def _invitation(token: str) -> Invitation | None:
    return Invitation.objects.select_related("round").filter(token_hash=tokens.invitation_hash(token)).first()


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


def _form_page(request: HttpRequest, round: Round, form: AnswerForm, status: int = 200) -> HttpResponse:
    context = {"form": form, "k": round.k, "closes_on": round.closes_on}
    return render(request, "pulse/answer.html", context, status=status)


def notice(request: HttpRequest, kind: str, **context) -> HttpResponse:
    """A kind page for a link that cannot be answered now. An unknown link gets status 404 and says
    nothing about whether such a link ever existed."""
    status = 404 if kind == UNKNOWN else 200
    return render(request, "pulse/answer_notice.html", {"kind": kind, **context}, status=status)
