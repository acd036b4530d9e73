"""The sick-leave release's rules over time (docs/anonymity.md "Releases"). Pure: no Django.

A release of an ended period shows, to everyone but the unit's managers, leadership, HR and the
health strategist, the units the gate shows for that period. Two more rules keep it so over time:

- Nested periods (January–April inside January–August inside the year): the difference between two
  releases of one unit is the group of persons whose ordinary or sick hours in the unit's subtree
  differ between the two periods, each with the size of their change of sick hours. It must pass the
  primary rule (more than 10 persons, no one with more than half of the changed hours), or the
  release being made hides that unit – and the gate's walk runs again without it.
- Corrections (a new version of a published period): the same difference between the hours the
  earlier version was made from and today's; a unit whose difference fails keeps its earlier figures.

Hours are given as {unit: {person: (ordinary hours, sick hours)}} for each unit's OWN staff.
"""

from collections.abc import Hashable, Iterable, Mapping

from kasam.metrics.disclosure import PersonHours, SickLeaveRule, Tree, suppress_complements

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


def decide_release(
    tree: Tree,
    own: OwnHours,
    rule: SickLeaveRule,
    nested: Iterable[tuple[str, OwnHours, Iterable[str]]] = (),
) -> tuple[frozenset[str], dict[str, PersonHours], dict[tuple[str, str], PersonHours]]:
    """The units a release shows: the gate's walk over each unit's own staff (the roots always shown),
    then, for every other release whose period nests with this one – (its code, its hours, the units
    it shows) – every unit shown in both must differ from it by a group that passes; a unit that does
    not is left out and the walk runs again, until nothing changes.

    Returns the shown units, the remainder of each, and the difference group of each (unit, other
    release) pair checked."""
    groups = {unit: PersonHours({p: sick for p, (_o, sick) in hours.items()}) for unit, hours in own.items()}
    others = [(code, hours, set(shown)) for code, hours, shown in nested]
    excluded: set[str] = set()
    while True:
        candidates = set(tree.order) - excluded
        walk = suppress_complements(tree, groups, rule, always_shown=tree.roots, candidates=candidates)
        differences: dict[tuple[str, str], PersonHours] = {}
        failed = set()
        for code, hours, shown_there in others:
            for unit in sorted(walk.shown & shown_there - set(tree.roots)):
                group = difference_group(subtree_hours(tree, hours, unit), subtree_hours(tree, own, unit))
                differences[unit, code] = group
                if not difference_passes(group, rule):
                    failed.add(unit)
        if not failed:
            return walk.shown, walk.remainders, differences
        excluded |= failed
