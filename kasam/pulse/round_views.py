"""A round's page for those who run the pulse (health strategist, HR): how many were invited and
reached, the response rate so far, reminders and the QR sheet for those without e-mail or phone.

Choices:
- The response rate so far is the whole round's, rounded to 5 per cent, and only when at least k
  were invited: it says how the round goes without telling anyone who has or has not answered.
- The QR sheet has one card for every invited person of one unit (its subtree) who has neither
  e-mail nor phone. A code is a new personal link (the old token is not stored): printing the sheet
  again makes new codes and the earlier sheet stops working; the page says so. One who has already
  answered gets a card like the others whose code opens nothing, so that the sheet never tells who
  has answered.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_POST

from kasam.core.dates import today
from kasam.core.export import safe_filename
from kasam.org.access import require_capability
from kasam.org.models import Unit
from kasam.org.roles import Capability
from kasam.pulse import actions, messaging, tokens
from kasam.pulse.models import Invitation, Participation, Round
from kasam.pulse.programme_views import _programmes
from kasam.pulse.qr import render_qr_pdf

RATE_STEP = 5  # per cent


def _round(request, programme_id: int, round_id: int) -> Round:
    programme = get_object_or_404(_programmes(request.user), pk=programme_id)
    return get_object_or_404(Round.objects.filter(programme=programme), pk=round_id)


def rounded_rate(answered: int, invited: int, k: int) -> int | None:
    """The share answered, in per cent rounded to the nearest RATE_STEP (halves up); None below k
    invited."""
    if invited < k or invited == 0:
        return None
    return RATE_STEP * int(100 * answered / invited / RATE_STEP + 0.5)


def _without_address(round: Round):
    """The round's invitations whose person has neither e-mail nor phone – answered or not: a count or
    a sheet that left out those who have answered would tell who they are."""
    return Invitation.objects.filter(round=round, person__email="", person__phone="")


@login_required
@require_GET
@require_capability(Capability.MANAGE_PULSE)
def round_page(request, programme_id: int, round_id: int):
    round = _round(request, programme_id, round_id)
    invitations = Invitation.objects.filter(round=round)
    invited = invitations.count()
    answered = (
        Participation.objects.filter(round=round).count() if round.status == Round.Status.OPEN else None
    )
    units = Unit.objects.filter(
        pk__in=_without_address(round).values("person__employments__unit_id")
    ).order_by("name")
    context = {
        "round": round,
        "programme": round.programme,
        "invited": invited,
        # The channel follows the sending rule (kasam.pulse.messaging): e-mail when there is an address.
        "sent_email": invitations.filter(sent_at__isnull=False).exclude(person__email="").count(),
        "sent_sms": invitations.filter(sent_at__isnull=False, person__email="").count(),
        "reminded": invitations.filter(reminded_at__isnull=False).count(),
        "without_address": _without_address(round).count(),
        "rate": rounded_rate(answered, invited, round.k or 0) if answered is not None else None,
        "qr_units": units if round.status == Round.Status.OPEN else [],
    }
    return render(request, "pulse/round.html", context)


@login_required
@require_POST
@require_capability(Capability.MANAGE_PULSE)
def send_reminders(request, programme_id: int, round_id: int):
    round = _round(request, programme_id, round_id)
    count = messaging.remind(round, today())
    if count:
        text = ngettext("%(n)d reminder sent.", "%(n)d reminders sent.", count) % {"n": count}
    else:
        text = gettext(
            "No reminder was due: one goes at least three days after the invitation, once, never at a "
            "weekend, and only to those not yet answered."
        )
    messages.success(request, text)
    return redirect("pulse:round", programme_id=programme_id, round_id=round_id)


@login_required
@require_POST
@require_capability(Capability.MANAGE_PULSE)
def qr_sheet(request, programme_id: int, round_id: int):
    """New personal links as QR codes for one unit's invited without e-mail or phone: a PDF to print."""
    round = _round(request, programme_id, round_id)
    unit = Unit.objects.filter(pk=request.POST.get("enhet", "")).first()
    if round.status != Round.Status.OPEN or unit is None:
        messages.error(request, gettext("QR cards are printed for a unit of a round open for answers."))
        return redirect("pulse:round", programme_id=programme_id, round_id=round_id)
    subtree = Unit.objects.filter(path__startswith=unit.path)
    chosen = _without_address(round).filter(person__employments__unit__in=subtree).distinct()
    pairs = []
    for invitation in chosen.select_related("person"):
        # One card for everyone: one who has answered gets a code that opens nothing (a new token,
        # never stored) and that looks like every other, so the sheet does not tell who answered.
        token = actions.reissue_token(invitation) or tokens.new_token()
        pairs.append((invitation, token))
    response = HttpResponse(render_qr_pdf(pairs, title=unit.name), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{safe_filename(f"qr-koder-{unit.name}", "pdf")}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
