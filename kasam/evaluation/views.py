"""Evaluation pages (docs/definitions.md "Roles and who sees what": the health strategist runs, the area
manager, leadership, HR and the committee read): the effect of an intervention on an outcome, a roll-out
entered by hand, and "can we see an effect?" before a roll-out. Figures come from kasam.evaluation.results,
gated there."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from kasam.evaluation import results
from kasam.evaluation.forms import EvaluationForm, PowerForm, RolloutForm
from kasam.evaluation.models import PowerStudy, Rollout, RolloutStart
from kasam.evaluation.tasks import run_power_study
from kasam.org import access
from kasam.org.access import require_capability
from kasam.org.roles import Capability

DEFAULT = {"intervention": "dialog:kasam-pa-apt", "outcome": "sick_leave"}
STUDIES = 10


@login_required
@require_GET
@require_capability(Capability.VIEW_EVALUATION)
def overview(request):
    form = EvaluationForm(request.GET or DEFAULT)
    view = None
    if form.is_valid():
        chosen = form.cleaned_data["intervention"]
        name = dict(form.fields["intervention"].choices)[chosen]
        view = results.cached_run(chosen, name, form.cleaned_data["outcome"])
    return render(
        request,
        "evaluation/overview.html",
        {"form": form, "view": view, "can_run": access.can(request.user, Capability.RUN_EVALUATION)},
    )


@login_required
@require_http_methods(["GET", "POST"])
@require_capability(Capability.RUN_EVALUATION)
def new_rollout(request):
    # Only the units of the user's own scope: one outside it is "there is no unit", as one that
    # does not exist.
    form = RolloutForm(request.POST or None, units=access.units_for(request.user, Capability.RUN_EVALUATION))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            rollout = Rollout.objects.create(name=form.cleaned_data["name"], created_by=request.user)
            RolloutStart.objects.bulk_create(
                RolloutStart(rollout=rollout, unit_id=unit, started_on=day)
                for unit, day in form.cleaned_data["starts"]
            )
        messages.success(request, gettext("The roll-out has been saved. Choose it to see what it did."))
        return redirect(
            reverse("evaluation:overview") + f"?intervention=rollout:{rollout.pk}&outcome=sick_leave"
        )
    return render(request, "evaluation/rollout_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
@require_capability(Capability.VIEW_EVALUATION)
def power(request):
    can_run = access.can(request.user, Capability.RUN_EVALUATION)
    form = PowerForm(request.POST or None) if can_run else None
    if request.method == "POST":
        if not can_run:
            raise PermissionDenied
        if form.is_valid():
            study = PowerStudy.objects.create(**form.cleaned_data, created_by=request.user)
            transaction.on_commit(lambda: run_power_study.enqueue(study.pk))
            return redirect(reverse("evaluation:power") + "#studies")
    studies = list(PowerStudy.objects.all()[:STUDIES])
    waiting = any(s.status == PowerStudy.Status.QUEUED for s in studies)
    return render(request, "evaluation/power.html", {"form": form, "studies": studies, "waiting": waiting})
