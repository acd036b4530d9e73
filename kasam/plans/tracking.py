"""Pulse statements tracked by health-plan activities.

An activity may name one statement of the pulse question bank (never the health question, which every
round asks anyway, and never the open question). While the activity is planned or ongoing, every
round of a programme whose part of the tree holds the activity's unit asks that statement: the round's
statements are completed when it opens (kasam.pulse.actions.open_round, through
kasam.pulse.rotation.add_tracking), so an activity made after a round was planned still reaches it.

Choices:
- A round asks the same statements of everyone in it, so a programme over many units gathers the
  tracked statements of all of them. To keep a round under a minute, at most MAX_TRACKED_PER_ROUND
  extra statements are added: those tracked by the most running activities, then the one tracked
  longest, then by id. A statement the rotation already asks in that round is not added twice.
- The plan shows the statement's trend for the unit from closed rounds in which the unit was shown
  (kasam.pulse.results.node_history), so it passes the pulse's disclosure gate like every pulse
  figure; a round where the unit was hidden or that did not ask the statement has no point.
"""

from collections.abc import Iterable
from datetime import date

from django.db.models import Count, Min
from django.utils.translation import get_language, gettext

from kasam.core import charts
from kasam.org.models import Unit
from kasam.plans.models import Activity
from kasam.pulse import question_bank

MAX_TRACKED_PER_ROUND = 3
RUNNING = (Activity.Status.PLANNED, Activity.Status.ONGOING)


def is_trackable(statement_id: str) -> bool:
    try:
        statement = question_bank.get(statement_id)
    except KeyError:
        return False
    return statement.id != question_bank.HEALTH_ID


def statement_choices(language: str | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """The trackable statements grouped by dimension, for a select's optgroups."""
    language = language or get_language() or "sv"
    groups = []
    for dimension in question_bank.DIMENSIONS:
        members = question_bank.statements(dimension.id)
        groups.append((dimension.name(language), [(s.id, s.text(language)) for s in members]))
    return groups


def statement_text(statement_id: str, language: str | None = None) -> str:
    """The statement's wording; for an id the bank no longer holds, a sentence saying so (never the id)."""
    try:
        return question_bank.get(statement_id).text(language or get_language() or "sv")
    except KeyError:
        return gettext("A pulse statement that is no longer in the question bank")


def tracked_statements(root: Unit, day: date | None = None, already: Iterable[str] = ()) -> list[str]:
    """The statements to add to a round over `root`'s subtree: tracked by running activities of plans
    of units in it and not `already` asked by the round, at most MAX_TRACKED_PER_ROUND (see the
    module's choices). `day` is the round's opening day; an activity runs by its status, whatever its
    dates say."""
    asked = set(already)
    rows = (
        Activity.objects.filter(status__in=RUNNING, plan__unit__path__startswith=root.path)
        .exclude(tracked_statement="")
        .values("tracked_statement")
        .annotate(n=Count("id"), since=Min("created_at"))
        .order_by("-n", "since", "tracked_statement")
    )
    chosen = []
    for row in rows:
        if is_trackable(row["tracked_statement"]) and row["tracked_statement"] not in asked:
            chosen.append(row["tracked_statement"])
        if len(chosen) == MAX_TRACKED_PER_ROUND:
            break
    return chosen


def statement_trends(unit_id: str, statement_ids: Iterable[str]) -> dict[str, list[tuple[date, float]]]:
    """{statement: [(round closed, score 0–100)]} for the unit, from closed rounds where it was shown
    and the statement was asked, oldest first."""
    from kasam.pulse import results

    wanted = list(dict.fromkeys(statement_ids))
    if not wanted:
        return {}
    rounds = [r for r in results.closed_rounds_with(unit_id) if set(wanted) & set(r.statement_ids or [])]
    points = results.node_history(unit_id, rounds) if rounds else []
    trends: dict[str, list[tuple[date, float]]] = {s: [] for s in wanted}
    for point in points:
        if not point.shown:
            continue
        for statement_id in wanted:
            score = point.item_scores.get(statement_id)
            if score is not None:
                trends[statement_id].append((point.round.closes_on, score))
    return trends


def trend_chart(statement_id: str, trend: list[tuple[date, float]], chart_id: str):
    """The statement's score over the rounds (two points or more), with its table."""
    if len(trend) < 2:
        return None
    data = [{"round": closed.isoformat(), "score": round(score, 1)} for closed, score in trend]
    return charts.line_chart(
        data,
        x="round",
        y="score",
        title=statement_text(statement_id),
        y_title=gettext("Score (0–100)"),
        x_title=gettext("Round closed"),
        description=gettext("Only rounds that asked the statement and had enough answers to be shown."),
        percent=False,
        decimals=0,
        height=200,
        chart_id=chart_id,
    )
