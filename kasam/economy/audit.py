"""The sick-leave releases' part of `kasam anonymity audit` (docs/anonymity.md "The audit").

For the newest version of every released period, recomputed from the raw data still held: every
shown unit passes the primary rule, every remainder passes, and – against every released period that
nests with it and was published before it – every shown unit and remainder differs by a group that
passes. Between versions of
one period, each unit shown in both (and not withheld) differs by a group that passes. Where the raw
data has passed its retention, the ledger's recorded counts and verdicts are checked instead.
"""

from collections.abc import Iterator

from kasam.absence.conf import sick_leave_settings
from kasam.absence.frames import load_frames
from kasam.absence.series import absence_floor  # the retention floor (kasam.gdpr.horizons)
from kasam.economy.release import basis_of, own_hours
from kasam.metrics.disclosure import SickLeaveRule, Tree
from kasam.metrics.disclosure_audit import Violation, check_decision
from kasam.metrics.periods import parse_period
from kasam.metrics.sickleave_release import (
    NestedRule,
    difference_group,
    difference_passes,
    nested_groups,
    subtree_hours,
)
from kasam.metrics.tree_history import parents_on
from kasam.releases.models import LedgerCell, Release
from kasam.releases.publish import latest_versions


def violations() -> Iterator[Violation]:
    releases = list(Release.objects.filter(kind=Release.Kind.SICK_LEAVE))
    if not releases:
        return
    newest = latest_versions(Release.Kind.SICK_LEAVE, releases)
    settings = sick_leave_settings()
    rule = SickLeaveRule(settings.max_hidden_persons)
    frames = load_frames(sick_only=True)
    floor = absence_floor()
    hours = {}
    for code, release in sorted(newest.items()):
        if floor is not None and release.start < floor:
            yield from _ledger(release, rule)
            continue
        hours[code] = own_hours(frames, release.start, release.end, settings)
    for code, release in sorted(newest.items()):
        if code not in hours:
            continue
        tree = Tree(parents_on(frames.units, frames.tree, release.end))
        period = parse_period(code)
        # Each pair is checked from the later release's side, as it was built: against what was
        # published before it.
        others = [
            c
            for c in sorted(hours)
            if c != code and period.nests_with(parse_period(c)) and newest[c].pk < release.pk
        ]
        periods = [hours[code], *(hours[c] for c in others)]
        own = {unit: group for unit, group in nested_groups(periods).items() if unit in tree}
        where = f"sick-leave release {code} version {release.version}"
        yield from check_decision(
            where,
            tree,
            own,
            NestedRule(rule, len(others)),
            set(release.figures) & set(tree.order),
            release.roots,
        )
        yield from _correction(release, releases, tree, rule, where)


def _correction(
    release: Release, releases, tree: Tree, rule: SickLeaveRule, where: str
) -> Iterator[Violation]:
    earlier = [r for r in releases if r.period == release.period and r.version < release.version]
    if not earlier:
        return
    previous = max(earlier, key=lambda r: r.version)
    before, after = basis_of(previous), basis_of(release)
    both = set(release.figures) & set(previous.figures) - set(release.withheld) - set(tree.roots)
    for unit in sorted(both & set(tree.order)):
        group = difference_group(subtree_hours(tree, before, unit), subtree_hours(tree, after, unit))
        if not difference_passes(group, rule):
            yield Violation(
                "difference",
                where,
                f"{unit} differs from version {previous.version} by a small group",
                ((unit, group.persons),),
            )


def _ledger(release: Release, rule: SickLeaveRule) -> Iterator[Violation]:
    where = f"sick-leave release {release.period} version {release.version} (ledger)"
    for cell in LedgerCell.objects.filter(release=release):
        failed = [name for name, verdict in cell.verdicts.items() if verdict is False]
        small = cell.cell == "all" and not cell.verdicts.get("root") and cell.size <= rule.max_hidden_persons
        if failed or small:
            yield Violation(
                "ledger",
                where,
                f"a recorded cell fails {', '.join(failed) or 'the primary rule'}",
                ((f"{cell.unit_id} {cell.cell}", cell.size),),
            )
