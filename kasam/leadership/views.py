"""The leadership building blocks' pages.

- home: the catalogue for everyone logged in; a leader's own trainings and "I have taken …".
- own_training (POST): a leader adds a training they took (KEEP_LEADER_CHECKLIST).
- checklist: the leader's private checklist and their own history (KEEP_LEADER_CHECKLIST); it takes
  no user id – a leader's answers are read only through `request.user`, so nobody reads another's.
- overview: the trainings of the leaders in scope and the checklist's latest release for a year, over
  at least k leaders, one per root of the viewer's scope (VIEW_LEADERSHIP); viewing it makes a new
  release when the people rule allows one.
- training_new: a training recorded for a leader in scope (MANAGE_LEADERSHIP).

Roles without the capability are refused outright (403)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kasam.core.dates import today
from kasam.leadership import access, checklist, overview, releases
from kasam.leadership.forms import ChecklistForm, OwnTrainingForm, TrainingForm
from kasam.leadership.models import BuildingBlock, Training
from kasam.org.access import require_capability
from kasam.org.roles import Capability


def _home(request, form=None, status=200):
    blocks = list(BuildingBlock.objects.filter(in_use=True))
    is_leader = access.is_leader(request.user)
    context = {
        "trainings_kind": [b for b in blocks if b.kind == BuildingBlock.Kind.TRAINING],
        "methods": [b for b in blocks if b.kind == BuildingBlock.Kind.METHOD],
        "is_leader": is_leader,
        "can_view": access.can_view(request.user),
        "can_manage": access.can_manage(request.user),
    }
    if is_leader:
        context["my_trainings"] = Training.objects.filter(user=request.user).select_related("block")
        context["form"] = form or OwnTrainingForm(user=request.user, initial={"completed_on": today()})
    return render(request, "leadership/home.html", context, status=status)


@login_required
@require_GET
def home(request):
    return _home(request)


@login_required
@require_POST
@require_capability(Capability.KEEP_LEADER_CHECKLIST)
def own_training(request):
    form = OwnTrainingForm(request.POST, user=request.user)
    if not form.is_valid():
        return _home(request, form)
    data = form.cleaned_data
    Training.objects.create(
        user=request.user,
        block=data["block"],
        completed_on=data["completed_on"],
        note=data["note"],
        recorded_by=request.user,
    )
    messages.success(
        request,
        gettext("Well done! “%(title)s” is now among your trainings.") % {"title": data["block"].title},
    )
    return redirect(reverse("leadership:home") + "#my-trainings")


@login_required
@require_http_methods(["GET", "POST"])
@require_capability(Capability.KEEP_LEADER_CHECKLIST)
def checklist_page(request):
    form = ChecklistForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _answer, replaced = checklist.record_answer(request.user, today(), form.scores())
        messages.success(
            request,
            gettext("You had already answered today; today's answer has been updated.")
            if replaced
            else gettext("Thank you! Your answer has been saved. Only you can see it."),
        )
        return redirect(reverse("leadership:checklist") + "#history")
    answers = checklist.history(request.user)
    earlier = [None, *answers][: len(answers)]
    return render(
        request,
        "leadership/checklist.html",
        {
            "form": form,
            "errors": form.error_list() if form.is_bound else [],
            "history": [
                (answer, checklist.mean(answer), checklist.rows(answer, previous))
                for answer, previous in reversed(list(zip(answers, earlier, strict=True)))
            ],
            "chart": checklist.history_chart(answers),
            "answered_today": bool(answers) and answers[-1].answered_on == today(),
        },
    )


@login_required
@require_GET
@require_capability(Capability.VIEW_LEADERSHIP)
def overview_page(request):
    years = overview.years_offered(request.user)
    try:
        year = int(request.GET.get("ar", ""))
    except ValueError:
        year = today().year
    if year not in years:
        year = today().year
    counts, rows = overview.trainings_table(request.user)
    return render(
        request,
        "leadership/overview.html",
        {
            "counts": counts,
            "leader_rows": rows,
            "aggregates": [releases.aggregate(root, year) for root in releases.scope_roots(request.user)],
            "years": years,
            "year": year,
            "can_manage": access.can_manage(request.user),
            "k": settings.KASAM_PULSE_K,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@require_capability(Capability.MANAGE_LEADERSHIP)
def training_new(request):
    leaders = list(
        access.leaders_in_scope(request.user, Capability.MANAGE_LEADERSHIP).select_related("person")
    )
    form = TrainingForm(
        request.POST or None,
        leaders=leaders,
        initial={"completed_on": today(), "leader_id": request.GET.get("chef")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        leader = form.leader()
        Training.objects.create(
            user=leader,
            block=data["block"],
            completed_on=data["completed_on"],
            note=data["note"],
            recorded_by=request.user,
        )
        messages.success(
            request,
            gettext("The training “%(title)s” has been recorded for %(name)s.")
            % {"title": data["block"].title, "name": access.display_name(leader)},
        )
        return redirect(reverse("leadership:overview") + "#trainings")
    return render(request, "leadership/training_form.html", {"form": form})
