"""Setting up pulse programmes: the health strategist and HR list the programmes
of their scope and create or edit one. Saving plans the rounds up to today + one cadence (the same
horizon as `kasam tick`). A programme whose root lies outside the user's scope is "not found"."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Max, Min, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from kasam.core.dates import today
from kasam.org import access
from kasam.org.access import require_capability
from kasam.org.models import Unit
from kasam.org.picker import UnitField
from kasam.org.roles import Capability
from kasam.pulse import question_bank, rotation, schedule
from kasam.pulse.models import Programme, Round

CADENCE_MIN, CADENCE_MAX = 7, 56
# The rotation repeats cleanly only when per_round divides the bank's 36 statements.
PER_ROUND_CHOICES = [(3, "3"), (4, "4"), (6, "6")]


class ProgrammeForm(forms.ModelForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    root_unit = UnitField(
        label=_("Part of the organisation"),
        help_text=_("Everyone employed in this unit and the units under it is invited."),
    )
    cadence_days = forms.IntegerField(
        label=_("Days between rounds"),
        help_text=_("From 7 to 56 days; 14 is every second week."),
        min_value=CADENCE_MIN,
        max_value=CADENCE_MAX,
        initial=14,
    )
    per_round = forms.TypedChoiceField(
        label=_("Statements per round"),
        help_text=_("The health question is always asked as well."),
        choices=PER_ROUND_CHOICES,
        coerce=int,
        initial=4,
    )
    window_days = forms.IntegerField(
        label=_("Days open for answers"),
        help_text=_("At least 1 day and at most the days between rounds."),
        min_value=1,
        initial=7,
    )
    include_hourly = forms.BooleanField(label=_("Invite hourly paid staff"), required=False, initial=True)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    class Meta:
        model = Programme
        fields = ["name", "root_unit", "cadence_days", "per_round", "window_days", "include_hourly", "active"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = access.units_for(user, Capability.MANAGE_PULSE)
        # A list for a small scope, a search box for a large one (kasam.org.picker); a new programme
        # starts on the top of the user's own part of the organisation.
        self.fields["root_unit"].offer(units)
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault("root_unit", units.order_by("path").first())

    def clean(self):
        cleaned = super().clean()
        cadence, window = cleaned.get("cadence_days"), cleaned.get("window_days")
        if cadence is not None and window is not None and window > cadence:
            self.add_error(
                "window_days", gettext("A round cannot be open longer than the days between rounds.")
            )
        return cleaned


def _programmes(user):
    return Programme.objects.filter(root_unit__in=access.units_for(user, Capability.MANAGE_PULSE))


@login_required
@require_GET
@require_capability(Capability.MANAGE_PULSE)
def programme_list(request):
    programmes = (
        _programmes(request.user)
        .select_related("root_unit")
        .annotate(
            next_round=Min("rounds__opens_on", filter=Q(rounds__status=Round.Status.PLANNED)),
            open_round=Max("rounds__id", filter=Q(rounds__status=Round.Status.OPEN)),
            latest_round=Max("rounds__id", filter=~Q(rounds__status=Round.Status.PLANNED)),
        )
        .order_by("name", "id")
    )
    return render(request, "pulse/programme_list.html", {"programmes": programmes})


@login_required
@require_http_methods(["GET", "POST"])
@require_capability(Capability.MANAGE_PULSE)
def programme_edit(request, programme_id: int | None = None):
    programme = None
    if programme_id is not None:
        programme = get_object_or_404(_programmes(request.user), pk=programme_id)
    form = ProgrammeForm(request.POST or None, instance=programme, user=request.user)
    if request.method == "POST" and "preview" in request.POST and form.is_valid():
        context = {"form": form, "programme": programme, **_preview(form.cleaned_data, programme)}
        return render(request, "pulse/programme_form.html", context)
    if request.method == "POST" and form.is_valid():
        overlapping = _preview(form.cleaned_data, programme)["overlapping"]
        with transaction.atomic():
            saved = form.save()
            planned = []
            # An inactive programme plans nothing: a planned round would still be opened by the tick.
            if saved.active:
                start = today()
                planned = schedule.plan(saved, start + timedelta(days=saved.cadence_days), start=start)
        messages.success(
            request,
            gettext("%(name)s has been saved. Rounds planned now: %(count)d.")
            % {"name": saved.name, "count": len(planned)},
        )
        if overlapping:
            messages.warning(request, _overlap_text(overlapping))
        return redirect("pulse:programmes")
    return render(request, "pulse/programme_form.html", {"form": form, "programme": programme})


PREVIEW_ROUNDS = 3


def _preview(data: dict, programme: Programme | None) -> dict:
    """The first rounds the programme would plan from today – dates and statements, as
    kasam.pulse.schedule.plan makes them – and the other active programmes over the same persons
    (one unit's subtree holds the other's) with a round in the same week as one of them."""
    done = programme.rounds.count() if programme else 0
    start = today()
    if programme is not None:
        last = programme.rounds.order_by("-number").first()
        if last is not None:
            start = max(start, last.opens_on + timedelta(days=data["cadence_days"]))
    language = get_language() or "sv"
    rounds = []
    for index in range(PREVIEW_ROUNDS):
        opens_on = start + timedelta(days=data["cadence_days"] * index)
        statement_ids = rotation.statements_for_round(done + index, data["per_round"])
        rounds.append(
            {
                "opens_on": opens_on,
                "closes_on": opens_on + timedelta(days=data["window_days"] - 1),
                "statements": [question_bank.get(sid).text(language) for sid in statement_ids],
            }
        )
    return {"preview": rounds, "overlapping": _overlapping(data["root_unit"], programme, rounds)}


def _overlapping(root: Unit, programme: Programme | None, rounds: list[dict]) -> list[str]:
    weeks = {r["opens_on"].isocalendar()[:2] for r in rounds}
    others = Programme.objects.filter(active=True).select_related("root_unit")
    if programme is not None:
        others = others.exclude(pk=programme.pk)
    found = []
    for other in others:
        path = other.root_unit.path
        if not (root.path.startswith(path) or path.startswith(root.path)):
            continue
        last = other.rounds.order_by("-number").first()
        dates = list(
            other.rounds.filter(status__in=[Round.Status.PLANNED, Round.Status.OPEN]).values_list(
                "opens_on", flat=True
            )
        )
        if last is not None:  # and the rounds it will plan, one cadence after another
            dates += [last.opens_on + timedelta(days=other.cadence_days * k) for k in range(1, 9)]
        if any(day.isocalendar()[:2] in weeks for day in dates):
            found.append(other.name)
    return sorted(found)


def _overlap_text(names: list[str]) -> str:
    return gettext(
        "The same persons are also invited by %(names)s in the same week. Two rounds in one week ask "
        "a lot: consider another day or one programme."
    ) % {"names": ", ".join(names)}
