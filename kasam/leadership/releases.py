"""The checklist's releases: the year's aggregate over the leaders of a scope is stored once and never
recomputed (docs/anonymity.md, "Aggregates over people").

A scope is a unit and its subtree: the topmost units of a viewer's VIEW_LEADERSHIP assignments. Its
leaders are the active users with a leader's role over a unit in it; each leader's latest answer of
the year counts. `release_if_allowed` makes a new release only when
`disclosure.people_release_allowed` holds between the answers the latest release used and today's:
the first needs k leaders; a later one at least k answers given since and the leaders changed by 0
or at least k in each direction (an edited answer – a newer answer, or the same day's answer
replaced – counts as one added and one removed). So a leader leaving or being added never changes
what is shown, and no two releases differ by fewer than k leaders' answers.

The overview calls it whenever the page is viewed (so releases follow the answers without a job);
`release_everywhere` does the same for every scope with leaders, for a scheduled job."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction

from kasam.core.dates import today
from kasam.leadership import access
from kasam.leadership.checklist import SLUGS, statement_text
from kasam.leadership.models import ChecklistAnswer, ChecklistRelease
from kasam.metrics.disclosure import people_release_allowed
from kasam.metrics.leadership import ledger
from kasam.org.models import Unit
from kasam.org.roles import Capability


def scope_roots(viewer, capability: Capability = Capability.VIEW_LEADERSHIP) -> list[Unit]:
    """The topmost units of the viewer's scope: one release (and one aggregate on the page) each. The
    scope is whole subtrees, so they are its units whose parent is outside it."""
    scope = access.scope_units(viewer, capability)
    return list(scope.exclude(parent__in=scope).order_by("path"))


def current_answers(scope: Unit, year: int) -> dict[int, ChecklistAnswer]:
    """Each leader in the scope today with their latest answer of the year."""
    leaders = access.leaders_in(Unit.objects.filter(path__startswith=scope.path)).order_by().values("pk")
    latest: dict[int, ChecklistAnswer] = {}
    for answer in ChecklistAnswer.objects.filter(user_id__in=leaders, answered_on__year=year).order_by(
        "answered_on", "id"
    ):
        latest[answer.user_id] = answer
    return latest


def _version(answer: ChecklistAnswer) -> list:
    """Which answer a release used, and in which version (a replaced answer keeps its id)."""
    return [answer.pk, answer.updated_at.isoformat()]


def latest_release(scope: Unit, year: int) -> ChecklistRelease | None:
    return ChecklistRelease.objects.filter(scope=scope, year=year).order_by("-created_at", "-id").first()


@transaction.atomic
def release_if_allowed(scope: Unit, year: int) -> ChecklistRelease | None:
    """A new release of the scope's year when the people rule allows one, else None."""
    k = settings.KASAM_PULSE_K
    list(Unit.objects.select_for_update().filter(pk=scope.pk))  # one release at a time per scope
    previous = latest_release(scope, year)
    current = current_answers(scope, year)
    now = {leader: _version(answer) for leader, answer in current.items()}
    released: dict[int, list] = {}
    since = 0
    if previous is not None:
        released = {leader: [answer, version] for leader, answer, version in previous.used}
        since = ChecklistAnswer.objects.filter(
            user_id__in=list(current), answered_on__year=year, updated_at__gt=previous.created_at
        ).count()
    if not people_release_allowed(released, now, since, k):
        return None
    summary, rows = ledger({leader: answer.scores for leader, answer in current.items()}, k, SLUGS)
    if not summary.shown:
        return None
    return ChecklistRelease.objects.create(
        scope=scope,
        year=year,
        published_on=today(),
        leaders=summary.leaders,
        k=k,
        figures=rows,
        used=[[leader, *version] for leader, version in sorted(now.items())],
    )


def release_everywhere(year: int | None = None) -> int:
    """A release for each root of the organisation (the usual scope), where allowed (for a scheduled
    job); how many were made. Narrower scopes are released when their overview is viewed."""
    year = year or today().year
    roots = Unit.objects.filter(parent__isnull=True)
    return sum(release_if_allowed(root, year) is not None for root in roots)


@dataclass(frozen=True)
class Aggregate:
    """What the overview shows of one scope's year: the latest release, or nothing yet."""

    year: int
    scope: Unit
    published_on: date | None
    leaders: int
    rows: list  # (statement text, mean, share answering 4–5)

    @property
    def shown(self) -> bool:
        return self.published_on is not None


def aggregate(scope: Unit, year: int) -> Aggregate:
    """Releases what may be released, then shows the latest release."""
    release_if_allowed(scope, year)
    release = latest_release(scope, year)
    if release is None:
        return Aggregate(year, scope, None, 0, [])
    rows = [(statement_text(row["slug"]), row["mean"], row["high_share"]) for row in release.figures]
    return Aggregate(year, scope, release.published_on, release.leaders, rows)
