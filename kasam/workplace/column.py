"""The monthly health column (docs/employee-page.md "The health column"): Kasam drafts it from what it
knows – what improved in the organisation's latest pulse, the good example a unit offered, the theme of
the coming workplace meetings, one released sick-leave figure – and the health strategist edits and
publishes it. Every figure in the draft is one the organisation has already shown to everyone: the
pulse through the gate at the organisation's level, sick leave from a release."""

from collections import Counter
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from kasam.absence.released import latest_sick_leave
from kasam.core.formatting import format_number, format_percent
from kasam.dialogs.meetings import upcoming
from kasam.org.models import Unit
from kasam.plans.models import Activity
from kasam.pulse import results
from kasam.pulse.dimensions import dimension_name
from kasam.pulse.models import Round
from kasam.workplace.models import HealthColumn

# The coming workplace meetings whose most common theme is "the next theme".
NEXT_THEME_DAYS = 45


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def _organisation() -> Unit | None:
    return Unit.objects.filter(parent__isnull=True).order_by("path").first()


def improved_text(root: Unit) -> str:
    """What rose in the organisation's latest closed round against the previous round it was shown in."""
    round = results.latest_round({root.pk}, Round.Status.CLOSED)
    if round is None:
        return ""
    loaded = results.load_round(round, nodes=[root.pk])
    previous = results.previous_shown(round, root.pk)
    if root.pk not in loaded.release.shown or previous is None:
        return ""
    before = results.node_history(root.pk, [previous])[0].item_scores
    rises = results.improvements(loaded.item_scores(root.pk), before)[:2]
    if not rises:
        return ""
    said = [
        _("%(name)s rose %(change)s points")
        % {"name": dimension_name(d).lower(), "change": format_number(c, 1)}
        for d, c in rises
    ]
    listed = (
        said[0] if len(said) == 1 else _("%(first)s and %(second)s") % {"first": said[0], "second": said[1]}
    )
    return _("In the pulse that closed on %(date)s, %(rises)s for the whole of %(organisation)s.") % {
        "date": formats.date_format(round.closes_on, "j F"),
        "rises": listed,
        "organisation": root.name,
    }


def offered_example() -> Activity | None:
    """The latest done activity a unit offered as a good example and no column has told yet."""
    told = HealthColumn.objects.exclude(example_activity=None).values("example_activity_id")
    return (
        Activity.objects.filter(shared_on__isnull=False, status=Activity.Status.DONE)
        .exclude(pk__in=told)
        .select_related("plan__unit")
        .order_by("-shared_on", "-id")
        .first()
    )


def example_text(activity: Activity | None) -> str:
    if activity is None:
        return ""
    text = _("%(unit)s: %(what)s.") % {"unit": activity.plan.unit.name, "what": activity.what.rstrip(".")}
    return f"{text} {activity.reflection.strip()}".strip()


def next_theme_text(day: date) -> str:
    """The theme most of the coming workplace meetings will talk about."""
    meetings = list(
        upcoming(Unit.objects.all(), day).filter(held_on__lte=day + timedelta(days=NEXT_THEME_DAYS))
    )
    if not meetings:
        return ""
    theme, count = Counter(m.theme for m in meetings).most_common(1)[0]
    return _("Next on the workplace meetings: %(title)s. %(purpose)s") % {
        "title": theme.title,
        "purpose": theme.purpose,
    }


def figure_text(root: Unit) -> str:
    release = latest_sick_leave()
    if release is None or not release.shows(root.pk):
        return ""
    figure = release.figure(root.pk)
    if figure.sick_leave_pct is None:
        return ""
    return _("Sick leave in %(organisation)s was %(pct)s (%(period)s, published figures).") % {
        "organisation": root.name,
        "pct": format_percent(figure.sick_leave_pct, 1),
        "period": release.label,
    }


def draft(month: date, day: date) -> HealthColumn | None:
    """The month's draft, made once (None when the month has a column already)."""
    root = _organisation()
    if root is None:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        activity = offered_example()
        column = HealthColumn(
            month=first_of_month(month),
            title=_("The health column, %(month)s") % {"month": formats.date_format(month, "F Y")},
            improved=improved_text(root),
            example=example_text(activity),
            example_activity=activity,
            next_theme=next_theme_text(day),
            figure=figure_text(root),
        )
    try:
        with transaction.atomic():
            column.save()
    except IntegrityError:
        return None
    return column


def publish(column: HealthColumn, user, at=None) -> None:
    column.status = HealthColumn.Status.PUBLISHED
    column.published_at = at or timezone.now()
    column.published_by = user
    column.save(update_fields=["status", "published_at", "published_by"])


def current(day: date) -> HealthColumn | None:
    """The latest published column of a month up to `day`'s (for the employees' page)."""
    return (
        HealthColumn.objects.filter(status=HealthColumn.Status.PUBLISHED, month__lte=first_of_month(day))
        .order_by("-month")
        .first()
    )


def tick(day: date) -> list[str]:
    """`kasam tick`: the month's draft, once (it names nothing: `tick` reports what it enqueued or sent)."""
    draft(day, day)
    return []  # nothing enqueued or sent: the draft waits on the health strategist's page
