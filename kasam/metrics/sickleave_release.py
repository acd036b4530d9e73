"""The sick-leave release's rules over time (docs/definitions.md "Releases"). Pure: no Django.

A release of an ended period shows, to everyone but the unit's managers, leadership, HR and the
health strategist, the units the gate shows for that period. Two more rules keep it so over time:

- Nested periods (January–April inside January–August inside the year): the difference between two
  releases of one group is the persons whose ordinary or sick hours differ between the two periods,
  each with the size of their change of sick hours. It must pass the primary rule (more than 10
  persons, no one with more than half of the changed hours) – for every unit the release shows and
  for every remainder of it (a shown unit minus its nearest shown descendants), since a remainder of
  the later release less the same group in the earlier one is a difference too. `NestedRule` makes
  both rules one primary rule, so that the one walk (`suppress_complements`) decides it.
  Choice: every shown unit is tested against every nested release, also where that release hid the
  unit (erring towards hiding).
- Corrections (a new version of a published period): the same difference between the hours the
  earlier version was made from and today's; a unit whose difference fails keeps its earlier figures.

Hours are given as {unit: {person: (ordinary hours, sick hours)}} for each unit's OWN staff.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from kasam.metrics.disclosure import Decision, PersonHours, SickLeaveRule, Tree, suppress_complements

OwnHours = Mapping[str, Mapping[Hashable, tuple[float, float]]]
TOLERANCE = 1e-6  # hours: float sums of the same days in another order


def subtree_hours(tree: Tree, own: OwnHours, unit: str) -> dict[Hashable, tuple[float, float]]:
    """Each person's (ordinary, sick) hours over the unit's whole subtree."""
    found: dict[Hashable, tuple[float, float]] = {}
    for member in tree.subtree(unit):
        for person, (ordinary, sick) in own.get(member, {}).items():
            before = found.get(person, (0.0, 0.0))
            found[person] = (before[0] + ordinary, before[1] + sick)
    return found


def difference_group(
    before: Mapping[Hashable, tuple[float, float]], after: Mapping[Hashable, tuple[float, float]]
) -> PersonHours:
    """The persons whose ordinary or sick hours differ, each with the absolute change of sick hours."""
    changed = {}
    for person in before.keys() | after.keys():
        ordinary_a, sick_a = before.get(person, (0.0, 0.0))
        ordinary_b, sick_b = after.get(person, (0.0, 0.0))
        if abs(ordinary_a - ordinary_b) > TOLERANCE or abs(sick_a - sick_b) > TOLERANCE:
            changed[person] = abs(sick_b - sick_a)
    return PersonHours(changed)


def difference_passes(group: PersonHours, rule: SickLeaveRule) -> bool:
    return group.persons == 0 or rule.passes(group)


Hours = tuple[float, float]


@dataclass(frozen=True)
class NestedHours:
    """A group for `NestedRule`: each person's (ordinary, sick) hours in this release's period first,
    then in each nested release's period."""

    hours: Mapping[Hashable, tuple[Hours, ...]]

    def period(self, index: int) -> dict[Hashable, Hours]:
        return {p: values[index] for p, values in self.hours.items() if values[index][0] > 0}


@dataclass(frozen=True)
class NestedRule:
    """The primary rule on this period's persons, and the difference rule against each nested period:
    a group passes only when both hold, so that neither a unit nor a remainder of this release differs
    from the same group in a nested release by a group that fails."""

    base: SickLeaveRule
    nested: int  # how many nested periods follow this one in each person's hours

    def current(self, group: NestedHours) -> PersonHours:
        return PersonHours({p: sick for p, (_o, sick) in group.period(0).items()})

    def passes(self, group: NestedHours) -> bool:
        if not self.base.passes(self.current(group)):
            return False
        now = group.period(0)
        return all(
            difference_passes(difference_group(group.period(i), now), self.base) for i in self._others()
        )

    def is_empty(self, group: NestedHours) -> bool:
        return self.current(group).persons == 0

    def size(self, group: NestedHours) -> float:
        return self.current(group).persons

    def combine(self, groups: Iterable[NestedHours]) -> NestedHours:
        width = self.nested + 1
        merged: dict[Hashable, list[Hours]] = {}
        for group in groups:
            for person, values in group.hours.items():
                total = merged.setdefault(person, [(0.0, 0.0)] * width)
                for i, (ordinary, sick) in enumerate(values):
                    total[i] = (total[i][0] + ordinary, total[i][1] + sick)
        return NestedHours({p: tuple(v) for p, v in merged.items()})

    def _others(self) -> range:
        return range(1, self.nested + 1)


def decide_release(
    tree: Tree, own: OwnHours, rule: SickLeaveRule, nested: Sequence[OwnHours] = ()
) -> Decision[NestedHours]:
    """The units a release shows: the gate's walk over each unit's own staff, the roots always shown,
    with the primary rule and – against every release whose period nests with this one (its hours
    per unit's own staff) – the difference rule on every unit and every remainder."""
    groups = nested_groups([own, *nested])
    return suppress_complements(tree, groups, NestedRule(rule, len(nested)), always_shown=tree.roots)


def nested_groups(periods: Sequence[OwnHours]) -> dict[str, NestedHours]:
    """Each unit's own staff with their hours in every period (this release's first), for
    `NestedRule`."""
    groups = {}
    for unit in set().union(*(hours.keys() for hours in periods)):
        persons = set().union(*(hours.get(unit, {}).keys() for hours in periods))
        groups[unit] = NestedHours(
            {p: tuple(hours.get(unit, {}).get(p, (0.0, 0.0)) for hours in periods) for p in persons}
        )
    return groups
