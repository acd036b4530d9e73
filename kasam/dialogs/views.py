"""The dialog library: the programmes, a programme with its themes, cards and the groups' own
evaluations, a theme, and the facilitator's screen. Readable by everyone logged in (it is Kasam's text
and the organisation's); the evaluations shown are those of units the viewer can see."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from kasam.dialogs import access, meetings
from kasam.dialogs.models import Programme, Theme
from kasam.org.access import visible_units

EVALUATIONS_PER_PAGE = 20  # a group's evaluation is a card of several answers


def get_programme(slug: str, user) -> Programme:
    programmes = (
        Programme.objects.all() if access.can_manage_library(user) else Programme.objects.filter(in_use=True)
    )
    return get_object_or_404(programmes, slug=slug)


@login_required
@require_GET
def library(request):
    programmes = Programme.objects.prefetch_related("themes")
    if not access.can_manage_library(request.user):
        programmes = programmes.filter(in_use=True)
    return render(
        request,
        "dialogs/library.html",
        {
            "programmes": programmes,
            "can_record": access.can_record(request.user),
            "can_manage": access.can_manage_library(request.user),
            "can_see_reach": access.can_see_reach(request.user),
        },
    )


@login_required
@require_GET
def programme(request, slug: str):
    found = get_programme(slug, request.user)
    evaluations = (
        found.evaluations.filter(unit__in=visible_units(request.user))
        .select_related("unit")
        .order_by("-written_on", "-pk")
    )
    page = Paginator(evaluations, EVALUATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "dialogs/programme.html",
        {
            "programme": found,
            "themes": found.themes.all(),
            "evaluations": page,
            "page": page,
            "can_record": access.can_record(request.user),
            "can_manage": access.can_manage_library(request.user),
        },
    )


def _theme(request, slug: str, theme_slug: str) -> Theme:
    return get_object_or_404(get_programme(slug, request.user).themes, slug=theme_slug)


@login_required
@require_GET
def theme(request, slug: str, theme_slug: str):
    found = _theme(request, slug, theme_slug)
    return render(
        request,
        "dialogs/theme.html",
        {
            "programme": found.programme,
            "theme": found,
            "can_record": access.can_record(request.user),
            "can_manage": access.can_manage_library(request.user),
        },
    )


def facilitator_steps(theme: Theme) -> list[dict]:
    """The screens of the facilitator mode, in order: the introduction, one per question, the
    exercise (when there is one) and the closing reflection."""
    steps = [{"kind": "introduction", "text": theme.introduction}]
    steps += [
        {"kind": "question", "text": text, "number": n} for n, text in enumerate(theme.question_texts(), 1)
    ]
    if theme.exercise:
        steps.append({"kind": "exercise", "text": theme.exercise})
    steps.append({"kind": "reflection", "text": theme.reflection})
    return steps


@login_required
@require_GET
def facilitator(request, slug: str, theme_slug: str):
    """Full screen for a TV or projector: every screen is in the page, so it works offline once
    opened; the script shows one at a time and runs the timer. Without the script, `?steg=N` shows
    screen N with links to the previous and next."""
    found = _theme(request, slug, theme_slug)
    steps = facilitator_steps(found)
    # The last screen registers the dialog: of the planned meeting it was opened for, if any.
    record_url = None
    if access.can_record(request.user):
        meeting = meetings.plannable(request.user, request.GET.get("mote"))
        query = f"mote={meeting.pk}" if meeting is not None else f"amne=t{found.pk}"
        record_url = f"{reverse('dialogs:record')}?{query}"
    try:
        current = min(max(int(request.GET.get("steg", 1)), 1), len(steps))
    except ValueError:
        current = 1
    return render(
        request,
        "dialogs/facilitator.html",
        {
            "programme": found.programme,
            "theme": found,
            "steps": steps,
            "current": current,
            "seconds": found.minutes * 60,
            "previous_step": current - 1 if current > 1 else None,
            "next_step": current + 1 if current < len(steps) else None,
            "record_url": record_url,
        },
    )
