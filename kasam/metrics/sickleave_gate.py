"""The sick-leave gate's decision for one stored period (docs/anonymity.md), made once when the series
are refilled, from person-level sick hours, and stored with the period's rows. Pure: no Django.

The rules (the one gate, kasam.metrics.disclosure, with the sick-leave primary rule: more than
`max_hidden_persons` persons and no person with more than half of the group's sick hours):
- Units, for viewers who see suppressed figures only: `suppress_complements` over the tree from each
  unit's OWN staff, the roots always shown. Going top-down, every shown unit's remainder (its persons
  outside its nearest shown descendants, its own staff included) must be empty or pass the rule,
  else the nearest shown descendant with the fewest persons (tie: the lowest id) is hidden too. A unit
  without persons has no figure and is not hidden.
- Splits, for every viewer: within each unit, K / M / not stated and ≤ 29 / 30–49 / ≥ 50 / not stated
  through `suppress_split` (persons without gender or birth year form the *not stated* group, which
  has no stored figure but counts in the pairing).
- Splits, for viewers who see suppressed figures only: a group of a hidden unit is hidden; and for each
  group (K, M, …) the remainder rule over the tree (a shown unit's K figure minus its nearest shown
  descendants' K figures must pass), then the pairing again, until nothing changes.
  Choice: the split walk has no always-shown node (the organisation's total is always shown, its
  groups follow the rules).
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from kasam.metrics.disclosure import (
    SICK_LEAVE_MAX_HIDDEN_PERSONS,
    PersonHours,
    SickLeaveRule,
    Tree,
    subtree_groups,
    suppress_complements,
    suppress_split,
)

NOT_STATED_GENDER = "K/M?"
NOT_STATED_AGE = "age?"
GENDER_SPLIT = ("K", "M", NOT_STATED_GENDER)
AGE_SPLIT = ("-29", "30-49", "50-", NOT_STATED_AGE)
SPLITS = (GENDER_SPLIT, AGE_SPLIT)


@dataclass(frozen=True)
class OwnHours:
    """One person's sick hours in the period in one unit's own employments (a person with ordinary
    working time there), with the person's groups: gender "K", "M" or None, age group or None."""

    unit_id: str
    person_id: Hashable
    sick_hours: float
    gender: str | None = None
    age_group: str | None = None


@dataclass(frozen=True)
class GateDecision:
    hidden_units: frozenset[str]  # hidden from viewers who see suppressed figures only
    split_hidden: frozenset[tuple[str, str]]  # (unit, group) hidden for every viewer
    gated_split_hidden: frozenset[tuple[str, str]]  # (unit, group) hidden from those viewers


def age_group(age: int | None) -> str | None:
    if age is None:
        return None
    return "-29" if age <= 29 else "30-49" if age <= 49 else "50-"


def decide(
    parent_of: Mapping[str, str | None],
    persons: Iterable[OwnHours],
    max_hidden_persons: int = SICK_LEAVE_MAX_HIDDEN_PERSONS,
) -> GateDecision:
    """The gate's decision for one period over the whole tree (see the module)."""
    tree = Tree(parent_of)
    rule = SickLeaveRule(max_hidden_persons)
    own: dict[str, dict[Hashable, float]] = {}
    own_by_group: dict[str, dict[str, dict[Hashable, float]]] = {g: {} for split in SPLITS for g in split}
    for row in persons:
        _add(own, row.unit_id, row.person_id, row.sick_hours)
        gender = row.gender if row.gender in GENDER_SPLIT[:2] else NOT_STATED_GENDER
        age = row.age_group if row.age_group in AGE_SPLIT[:3] else NOT_STATED_AGE
        for group in (gender, age):
            _add(own_by_group[group], row.unit_id, row.person_id, row.sick_hours)

    groups = {unit: PersonHours(hours) for unit, hours in own.items()}
    units = suppress_complements(tree, groups, rule, always_shown=tree.roots)
    hidden_units = {u for u in tree.order if u not in units.shown and not rule.is_empty(units.subtree[u])}

    own_groups = {g: {u: PersonHours(h) for u, h in by_unit.items()} for g, by_unit in own_by_group.items()}
    subtree = {g: subtree_groups(tree, own_groups[g], rule) for g in own_groups}
    split_hidden = set()
    for unit in tree.order:
        for split in SPLITS:
            flags = suppress_split([subtree[g][unit] for g in split], rule)
            split_hidden.update((unit, g) for g, hide in zip(split, flags, strict=True) if hide)

    gated = set(split_hidden) | {(u, g) for u in hidden_units for g in subtree}
    changed = True
    while changed:
        changed = False
        for split in SPLITS:
            for group in split:
                candidates = {u for u in tree.order if (u, group) not in gated}
                walk = suppress_complements(tree, own_groups[group], rule, candidates=candidates)
                for unit in candidates - walk.shown:
                    if not rule.is_empty(subtree[group][unit]):
                        gated.add((unit, group))
                        changed = True
            for unit in tree.order:
                changed |= _pair(unit, split, subtree, gated, rule)
    return GateDecision(frozenset(hidden_units), frozenset(split_hidden), frozenset(gated))


def _add(table: dict, unit: str, person: Hashable, hours: float) -> None:
    by_person = table.setdefault(unit, {})
    by_person[person] = by_person.get(person, 0.0) + hours


def _pair(unit: str, split, subtree, hidden: set, rule: SickLeaveRule) -> bool:
    """The split's pairing on an already hidden set: when exactly one group with persons is hidden,
    the smallest other group with persons (tie: the first in the order) is hidden too."""
    present = [g for g in split if not rule.is_empty(subtree[g][unit])]
    hidden_here = [g for g in present if (unit, g) in hidden]
    others = [g for g in present if (unit, g) not in hidden]
    if len(hidden_here) != 1 or not others:
        return False
    hidden.add((unit, min(others, key=lambda g: (subtree[g][unit].persons, split.index(g)))))
    return True
