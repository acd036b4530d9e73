"""What the yearly follow-up page and its PDF show a viewer (docs/definitions.md "The yearly
follow-up"): the counts of one unit's subtree – the organisation, an area or a unit – for a year, and
the same counts for each unit right below it.

The roles with VIEW_WORK_ENVIRONMENT see them live over their scope, for this year (as of today) or an
earlier one (kasam.sam.followup). A role with VIEW_WORK_ENVIRONMENT_FOLLOWUP alone – the committee –
reads only releases (kasam.sam.release): the latest year, or a released year it picks, never live
figures; before the first release it gets nothing. Both go through one shape: {unit: name, parent and
counts} (kasam.sam.followup.figures), limited to the viewer's scope."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from kasam.core.dates import today
from kasam.metrics import sam
from kasam.org import access
from kasam.org.models import Unit
from kasam.org.roles import Capability
from kasam.releases.models import Release
from kasam.releases.publish import for_period, latest
from kasam.sam import followup
from kasam.sam.release import first_year

# The counts in plain words, in the order of kasam.metrics.sam.COUNTS.
LABELS = {
    "units": _("Units that should hold a safety round"),
    "units_with_round": _("Of them, with the round done and signed"),
    "risks_found": _("Risks found"),
    "risks_closed": _("Risks dealt with: the action done, or the risk accepted"),
    "risks_closed_on_time": _("Of them, dealt with in time"),
    "actions_overdue": _("Actions past their follow-up date"),
    "delegations_current": _("Work-environment tasks delegated and accepted"),
    "delegations_returned": _("Work-environment tasks returned during the year"),
}
# The same, short, as the headers of the table of the units below.
HEADERS = {
    "units_with_round": _("Rounds done"),
    "risks_found": _("Risks found"),
    "risks_closed": _("Dealt with"),
    "risks_closed_on_time": _("In time"),
    "actions_overdue": _("Actions overdue"),
    "delegations_current": _("Tasks in place"),
    "delegations_returned": _("Tasks returned"),
}


@dataclass
class Shown:
    live: bool
    year: int | None = None
    years: list[int] = field(default_factory=list)
    as_of: date | None = None
    release: Release | None = None
    unpublished: bool = False  # last year is not released yet, an earlier one is shown
    picker: list[tuple[str, str]] = field(default_factory=list)  # (unit id, name) in the tree's order
    chosen: str | None = None  # the unit picked, None for everything the viewer sees
    name: str = ""  # what the counts are of
    counts: dict | None = None  # None: nothing to show
    rows: list[dict] = field(default_factory=list)  # the units right below: id, name and counts

    @property
    def lines(self) -> list[tuple[str, str, int]]:
        """(count id, label, value) for each count, in order."""
        return [(name, str(LABELS[name]), self.counts[name]) for name in sam.COUNTS] if self.counts else []


def is_live(user) -> bool:
    return access.can(user, Capability.VIEW_WORK_ENVIRONMENT)


def shown(user, query) -> Shown:
    """What `user` sees for the request's ?enhet= (a unit in scope) and ?ar= (a year)."""
    if is_live(user):
        return _live(user, query)
    return _released(user, query)


def _year(query, years: list[int]) -> int | None:
    text = query.get("ar", "")
    return int(text) if text.isdigit() and int(text) in years else None


def _live(user, query) -> Shown:
    day = today()
    first = first_year() or day.year
    years = list(range(day.year, min(first, day.year) - 1, -1))
    year = _year(query, years) or day.year
    found = followup.load(year, day)
    figures = followup.figures(found, dict(Unit.objects.values_list("pk", "name")))
    scope = set(access.units_for(user, Capability.VIEW_WORK_ENVIRONMENT).values_list("pk", flat=True))
    result = Shown(live=True, year=year, years=years, as_of=found.as_of)
    _fill(result, figures, scope, query.get("enhet", ""))
    return result


def _released(user, query) -> Shown:
    kind = Release.Kind.SAM
    years = sorted({int(p) for p in Release.objects.filter(kind=kind).values_list("period", flat=True)})
    years.reverse()
    year = _year(query, years)
    release = (for_period(kind, str(year)) if year else None) or latest(kind)
    result = Shown(live=False, years=years, release=release)
    if release is None:
        return result
    result.year = int(release.period)
    result.as_of = date.fromisoformat(release.settings["as_of"])
    result.unpublished = today().year - 1 > result.year and (today().year - 1) not in years
    scope = set(
        access.units_for(user, Capability.VIEW_WORK_ENVIRONMENT_FOLLOWUP).values_list("pk", flat=True)
    )
    _fill(result, release.figures, scope, query.get("enhet", ""))
    return result


def _fill(result: Shown, figures: dict[str, dict], scope: set, asked: str) -> None:
    """The picker, the chosen unit's counts and the units below it, from `figures` within `scope`."""
    seen = {uid: entry for uid, entry in figures.items() if uid in scope}
    children: dict = {}
    for uid, entry in seen.items():
        children.setdefault(entry["parent"], []).append(uid)
    for kids in children.values():
        kids.sort(key=lambda uid: seen[uid]["name"])
    tops = sorted((uid for uid, e in seen.items() if e["parent"] not in seen), key=lambda u: seen[u]["name"])
    chosen = asked if asked in seen else (tops[0] if len(tops) == 1 else None)
    result.chosen = chosen if asked in seen else None
    near = set(tops) | {kid for top in tops for kid in children.get(top, ())}
    if chosen:
        near |= {chosen, *children.get(chosen, ())}
    result.picker = [(uid, seen[uid]["name"]) for uid in _tree_order(tops, children) if uid in near]
    if chosen:
        result.name = seen[chosen]["name"]
        result.counts = {name: seen[chosen][name] for name in sam.COUNTS}
        below = children.get(chosen, [])
    elif tops:
        result.name = str(_("Everything you see"))
        result.counts = {name: sum(seen[top][name] for top in tops) for name in sam.COUNTS}
        below = tops
    else:
        below = []
    result.rows = [
        {"unit": uid, "name": seen[uid]["name"], **{name: seen[uid][name] for name in sam.COUNTS}}
        for uid in below
    ]


def _tree_order(tops: list, children: dict) -> list:
    order: list = []
    stack = list(reversed(tops))
    while stack:
        uid = stack.pop()
        order.append(uid)
        stack.extend(reversed(children.get(uid, [])))
    return order
