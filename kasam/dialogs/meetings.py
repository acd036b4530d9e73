"""Planned workplace meetings: the unit manager plans the next one (a day, a theme, who leads it); it
shows on the unit's health plan and on the employees' page until the dialog held is registered."""

from datetime import date

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse

from kasam.core.dates import today
from kasam.dialogs import access
from kasam.dialogs.models import DialogRecord, PlannedMeeting, Theme
from kasam.org.models import Unit


def plan_meeting(unit: Unit, held_on: date, theme: Theme, facilitator, user) -> PlannedMeeting:
    return PlannedMeeting.objects.create(
        unit=unit, held_on=held_on, theme=theme, facilitator=facilitator, created_by=user
    )


def upcoming(units, day: date) -> QuerySet[PlannedMeeting]:
    """The meetings planned for these units (ids or a query of units) on `day` or later and not yet
    registered, soonest first."""
    return (
        PlannedMeeting.objects.filter(unit__in=units, held_on__gte=day, record__isnull=True)
        .select_related("unit", "theme", "theme__programme", "facilitator")
        .order_by("held_on", "id")
    )


def plannable(user, meeting_id) -> PlannedMeeting | None:
    """A planned, not yet registered meeting of a unit the user records dialogs for, or None."""
    if not str(meeting_id or "").isdigit():
        return None
    return (
        PlannedMeeting.objects.filter(
            pk=meeting_id, record__isnull=True, unit__in=access.recordable_units(user)
        )
        .select_related("unit", "theme", "theme__programme")
        .first()
    )


def register(meeting: PlannedMeeting, record: DialogRecord) -> None:
    """The meeting was held and its dialog registered: it leaves the plan and the employees' page."""
    PlannedMeeting.objects.filter(pk=meeting.pk, record__isnull=True).update(record=record)


def facilitator_url(meeting: PlannedMeeting) -> str:
    theme = meeting.theme
    url = reverse("dialogs:facilitator", args=[theme.programme.slug, theme.slug])
    return f"{url}?mote={meeting.pk}"


def plan_section(request, unit: Unit) -> str:
    """The health plan's part about the coming workplace meetings (kasam.plans.sections)."""
    user = request.user
    can_plan = access.can_record(user) and access.recordable_units(user).filter(pk=unit.pk).exists()
    meetings = [
        {"meeting": meeting, "lead_url": facilitator_url(meeting) if can_plan else None}
        for meeting in upcoming([unit.pk], today())
    ]
    if not meetings and not can_plan:
        return ""
    context = {"meetings": meetings, "unit": unit, "can_plan": can_plan}
    return render_to_string("dialogs/_planned_meetings.html", context, request)
