"""The work-environment cycle's pages (docs/definitions.md "The systematic work-environment cycle"):
the units in scope with their latest round, a unit's rounds, risks and delegated tasks, and the
safety round itself – shown on the big screen at the workplace meeting, each area with the unit's
own figures beside it – where risks are rated, turned into plan actions or accepted, and the round is
signed by the manager and the safety representative. Outside one's scope everything is "not found"."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kasam.core.dates import today
from kasam.metrics import sam
from kasam.org import access as org_access
from kasam.org.access import require_capability
from kasam.org.models import Role, Unit
from kasam.org.roles import Capability
from kasam.plans.actions import get_or_create_plan
from kasam.sam import access
from kasam.sam.figures import area_figures
from kasam.sam.forms import (
    AREA_QUESTIONS,
    LEVEL_WORDS,
    RiskAcceptForm,
    RiskActionForm,
    RiskForm,
    RoundNewForm,
)
from kasam.sam.models import Area, AreaAnswer, Risk, SafetyRound, TaskDelegation

PER_PAGE = 50


def risk_level(risk: Risk) -> str:
    return sam.level(risk.likelihood, risk.consequence)


def _risk_rows(risks) -> list[dict]:
    return [{"risk": r, "level": risk_level(r), "level_label": LEVEL_WORDS[risk_level(r)]} for r in risks]


@login_required
@require_GET
@require_capability(Capability.VIEW_WORK_ENVIRONMENT)
def overview(request):
    """The units in scope, each with its latest signed round and its open risks."""
    units = org_access.units_for(request.user, Capability.VIEW_WORK_ENVIRONMENT).filter(kind=Unit.Kind.UNIT)
    page = Paginator(units.order_by("path"), PER_PAGE).get_page(request.GET.get("sida"))
    ids = [unit.pk for unit in page]
    latest: dict[str, date] = {}
    for found in SafetyRound.objects.filter(unit_id__in=ids).exclude(manager_signed_on=None):
        if found.signed_on and found.signed_on > latest.get(found.unit_id, date.min):
            latest[found.unit_id] = found.signed_on
    open_risks: dict[str, int] = {}
    for unit_id in Risk.objects.filter(unit_id__in=ids, closed_on__isnull=True).values_list(
        "unit_id", flat=True
    ):
        open_risks[unit_id] = open_risks.get(unit_id, 0) + 1
    day = today()
    rows = []
    for unit in page:
        last = latest.get(unit.pk)
        due = sam.round_due(last, day)
        rows.append({"unit": unit, "last": last, "due": due, "open_risks": open_risks.get(unit.pk, 0)})
    return render(request, "sam/overview.html", {"page": page, "rows": rows, "today": day})


@login_required
@require_GET
def unit_page(request, unit_id: str):
    unit = access.get_readable_unit(request.user, unit_id)
    rounds = SafetyRound.objects.filter(unit=unit).order_by("-held_on", "-pk")
    risks = Risk.objects.filter(unit=unit).select_related("activity").order_by("closed_on", "-found_on", "pk")
    delegations = TaskDelegation.objects.filter(unit=unit).select_related("holder", "given_by")
    return render(
        request,
        "sam/unit.html",
        {
            "unit": unit,
            "rounds": rounds,
            "risks": _risk_rows(risks),
            "delegations": list(delegations),
            "may_run": org_access.units_for(request.user, Capability.RUN_SAFETY_ROUNDS)
            .filter(pk=unit.pk)
            .exists(),
            "may_give": access.may_give_tasks(request.user, unit),
            "may_decide": org_access.units_for(request.user, Capability.DECIDE_RISKS)
            .filter(pk=unit.pk)
            .exists(),
            "round_form": RoundNewForm(initial={"held_on": today()}),
        },
    )


@login_required
@require_POST
def round_new(request, unit_id: str):
    """Start a round for a unit (its manager or its safety representative)."""
    unit = access.get_round_unit(request.user, unit_id)
    form = RoundNewForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Give the day the round is held."))
        return redirect("sam:unit", unit_id=unit.pk)
    held = SafetyRound.objects.create(unit=unit, created_by=request.user, **form.cleaned_data)
    return redirect("sam:round", round_id=held.pk)


def _round(user, round_id: int, capability: Capability) -> SafetyRound:
    found = SafetyRound.objects.filter(pk=round_id).select_related("unit").first()
    if found is None or not org_access.units_for(user, capability).filter(pk=found.unit_id).exists():
        raise Http404
    return found


@login_required
@require_GET
def round_page(request, round_id: int):
    held = _round(request.user, round_id, Capability.VIEW_WORK_ENVIRONMENT)
    day = today()
    answers = {a.area: a for a in held.answers.all()}
    figures = area_figures(held.unit, request.user, day)
    areas = [
        {
            "id": area,
            "label": label,
            "questions": AREA_QUESTIONS[area],
            "answer": answers.get(area),
            "figures": figures[area],
        }
        for area, label in Area.choices
    ]
    may_run = (
        org_access.units_for(request.user, Capability.RUN_SAFETY_ROUNDS).filter(pk=held.unit_id).exists()
    )
    return render(
        request,
        "sam/round.html",
        {
            "round": held,
            "unit": held.unit,
            "areas": areas,
            "answer_choices": AreaAnswer.Answer.choices,
            "risks": _risk_rows(held.risks.select_related("activity")),
            "risk_form": RiskForm(initial={"participants": held.participants}),
            "matrix": _matrix(),
            "may_decide": org_access.units_for(request.user, Capability.DECIDE_RISKS)
            .filter(pk=held.unit_id)
            .exists(),
            "may_run": may_run and held.signed_on is None,
            "may_sign_manager": access.holds_role_over(request.user, Role.UNIT_MANAGER, held.unit)
            and held.manager_signed_on is None,
            "may_sign_representative": access.holds_role_over(
                request.user, Role.SAFETY_REPRESENTATIVE, held.unit
            )
            and held.representative_signed_on is None,
        },
    )


def _matrix() -> list[list[dict]]:
    """The 4 × 4 matrix in rows for the page: each cell with its level's id and words."""
    from kasam.sam.forms import CONSEQUENCE_WORDS, LIKELIHOOD_WORDS

    rows: list[list[dict]] = []
    for cell in sam.matrix():
        if not rows or rows[-1][0]["likelihood"] != cell.likelihood:
            rows.append([])
        rows[-1].append(
            {
                "likelihood": cell.likelihood,
                "likelihood_label": LIKELIHOOD_WORDS[cell.likelihood],
                "consequence_label": CONSEQUENCE_WORDS[cell.consequence],
                "level": cell.level,
                "level_label": LEVEL_WORDS[cell.level],
            }
        )
    return rows


@login_required
@require_POST
def round_answers(request, round_id: int):
    """Save the round's answer for each area (works well, needs attention, risk) and what was seen."""
    held = _round(request.user, round_id, Capability.RUN_SAFETY_ROUNDS)
    if held.signed_on is not None:
        raise Http404
    valid = dict(AreaAnswer.Answer.choices)
    with transaction.atomic():
        for area in Area.values:
            answer = request.POST.get(f"answer-{area}", "")
            note = request.POST.get(f"note-{area}", "").strip()[:500]
            if answer in valid:
                AreaAnswer.objects.update_or_create(
                    round=held, area=area, defaults={"answer": answer, "note": note}
                )
    messages.success(request, gettext("The answers are saved."))
    return redirect("sam:round", round_id=held.pk)


@login_required
@require_POST
def risk_new(request, round_id: int):
    held = _round(request.user, round_id, Capability.RUN_SAFETY_ROUNDS)
    form = RiskForm(request.POST)
    if form.is_valid():
        risk = form.save(commit=False)
        risk.unit, risk.round, risk.found_on, risk.created_by = held.unit, held, held.held_on, request.user
        risk.due_on = sam.act_by(risk_level(risk), risk.found_on)
        if access.holds_role_over(request.user, Role.SAFETY_REPRESENTATIVE, held.unit):
            risk.representative_signed_by, risk.representative_signed_on = request.user, today()
        risk.save()
        messages.success(
            request, gettext("The risk is rated: %(level)s.") % {"level": LEVEL_WORDS[risk_level(risk)]}
        )
    else:
        messages.error(request, gettext("Describe the risk and choose how likely and how serious it is."))
    return redirect("sam:round", round_id=held.pk)


@login_required
@require_POST
def round_sign(request, round_id: int):
    """The manager and the safety representative each sign the round, each in the role they hold over
    the unit; it is done when both have."""
    held = _round(request.user, round_id, Capability.RUN_SAFETY_ROUNDS)
    day = today()
    if access.holds_role_over(request.user, Role.UNIT_MANAGER, held.unit):
        held.manager_signed_by, held.manager_signed_on = request.user, day
    elif access.holds_role_over(request.user, Role.SAFETY_REPRESENTATIVE, held.unit):
        held.representative_signed_by, held.representative_signed_on = request.user, day
        held.risks.filter(representative_signed_on__isnull=True).update(
            representative_signed_by=request.user, representative_signed_on=day
        )
    else:
        raise Http404
    held.save()
    messages.success(request, gettext("The round is signed."))
    return redirect("sam:round", round_id=held.pk)


def _risk(user, risk_id: int) -> Risk:
    """A risk still to be decided, for one who may decide it (DECIDE_RISKS: the unit's manager)."""
    risk = get_object_or_404(Risk.objects.select_related("unit", "round"), pk=risk_id)
    if not org_access.units_for(user, Capability.DECIDE_RISKS).filter(pk=risk.unit_id).exists():
        raise Http404
    if risk.decision:
        raise Http404  # decided once
    return risk


def _back(risk: Risk):
    return (
        redirect("sam:round", round_id=risk.round_id)
        if risk.round_id
        else redirect("sam:unit", unit_id=risk.unit_id)
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_action(request, risk_id: int):
    """The manager turns a risk into an action of the unit's health plan (of the year it was found)."""
    risk = _risk(request.user, risk_id)
    initial = {
        "what": risk.description[:300],
        "why": gettext("A risk from the safety round: %(level)s.") % {"level": LEVEL_WORDS[risk_level(risk)]},
        "follow_up_on": risk.due_on,
    }
    form = RiskActionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            plan, _created = get_or_create_plan(
                risk.unit, max(risk.found_on.year, today().year), request.user
            )
            activity = form.save(commit=False)
            activity.plan = plan
            activity.save()
            risk.activity, risk.decision = activity, Risk.Decision.ACTION
            risk.save(update_fields=["activity", "decision"])
        messages.success(request, gettext("The risk is now an action in the health plan."))
        return _back(risk)
    return render(
        request,
        "sam/risk_action.html",
        {"risk": risk, "level": risk_level(risk), "level_label": LEVEL_WORDS[risk_level(risk)], "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_accept(request, risk_id: int):
    """The manager accepts a risk, with a reason; it is closed that day."""
    risk = _risk(request.user, risk_id)
    form = RiskAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        risk.decision, risk.accepted_reason, risk.closed_on = (
            Risk.Decision.ACCEPTED,
            form.cleaned_data["reason"],
            today(),
        )
        risk.save(update_fields=["decision", "accepted_reason", "closed_on"])
        messages.success(request, gettext("The risk is accepted."))
        return _back(risk)
    return render(
        request,
        "sam/risk_accept.html",
        {"risk": risk, "level_label": LEVEL_WORDS[risk_level(risk)], "form": form},
    )
