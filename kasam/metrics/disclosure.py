"""The one disclosure gate: one tree type and one complementary-suppression walk for every figure
(docs/anonymity.md).

Pure: no Django. Every figure of a unit that reaches someone who must not see raw figures – pulse and
survey results, sick leave and everything computed from sick hours, schedules, targets, plans, reports,
evaluation – is decided here, parameterised by its *primary rule*:

- `AtLeastK(k)`: a group of respondents is shown when it has at least k (pulse, survey, leadership).
- `SickLeaveRule(10)`: a group of persons is shown when it has more than 10 persons with ordinary
  working time and no one person has more than half of its sick hours (sick leave, its cost, schedules).

A group is what the rule needs to judge it: an `int` of respondents for `AtLeastK`, a `PersonHours`
(sick hours per person) for `SickLeaveRule`. Groups are given per node for the node's OWN members (the
persons placed on the unit itself, the answers stored against a reporting node); a node's figure covers
its whole subtree.

Why one walk is enough: the shown nodes of a tree form a laminar family (any two are nested or
disjoint). Every exact 0/1 combination of their figures – a parent minus its children, a total minus
the shown units – is a union of their disjoint *remainders* (a shown node's members outside its nearest
shown descendants). `suppress_complements` makes every remainder empty or itself pass the primary rule,
so no combination isolates a group smaller than the rule allows.
"""

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

G = TypeVar("G")

K_MIN = 3
SICK_LEAVE_MAX_HIDDEN_PERSONS = 10


def check_k(k: int) -> int:
    """k (a setting, default 5) – an integer of at least 3; anything else is a ValueError."""
    if isinstance(k, bool) or not isinstance(k, int):
        raise ValueError(f"k must be an integer, not {k!r}")
    if k < K_MIN:
        raise ValueError(f"k is never below {K_MIN} (got {k})")
    return k


# ---------------------------------------------------------------------------------------------- the tree


class Tree:
    """A forest given as `parent_of` (node → parent, None for a root), checked: every parent is a node,
    no cycles. Children are sorted by id; `order` is breadth first, every parent before its children."""

    def __init__(self, parent_of: Mapping[str, str | None]):
        self.parent_of: dict[str, str | None] = dict(parent_of)
        self.children: dict[str, list[str]] = {node: [] for node in self.parent_of}
        roots = []
        for node, parent in self.parent_of.items():
            if parent is None:
                roots.append(node)
            elif parent not in self.children:
                raise ValueError(f"unit {node!r} has parent {parent!r}, which is not in the tree")
            else:
                self.children[parent].append(node)
        for kids in self.children.values():
            kids.sort()
        self.roots: list[str] = sorted(roots)
        self.order: list[str] = list(self.roots)
        for node in self.order:
            self.order.extend(self.children[node])
        if len(self.order) != len(self.parent_of):
            raise ValueError("the tree has a cycle")

    def __contains__(self, node: object) -> bool:
        return node in self.children

    def check_nodes(self, nodes: Iterable[str], what: str) -> None:
        unknown = sorted(set(nodes) - self.children.keys())
        if unknown:
            raise ValueError(f"{what} not in the tree: {', '.join(map(repr, unknown[:5]))}")

    def subtree_sums(self, own: Mapping[str, int], what: str = "counts") -> dict[str, int]:
        """Each node's own count summed over its subtree."""
        self.check_nodes(own, what)
        totals = {node: 0 for node in self.order}
        for node, count in own.items():
            if count < 0:
                raise ValueError(f"{what}: negative count {count} for {node!r}")
            totals[node] = count
        for node in reversed(self.order):
            parent = self.parent_of[node]
            if parent is not None:
                totals[parent] += totals[node]
        return totals

    def subtree(self, node: str) -> list[str]:
        """The node and every node below it, top-down."""
        found = [node]
        for current in found:
            found.extend(self.children[current])
        return found

    def members(self, nodes: Iterable[str]) -> dict[str, set[str]]:
        """For each of `nodes`, the set of nodes in its subtree, itself included."""
        wanted = set(nodes)
        self.check_nodes(wanted, "nodes")
        return {node: set(self.subtree(node)) for node in wanted}

    def nearest_marked_below(self, node: str, marked: set[str] | frozenset[str]) -> list[str]:
        """The marked nodes strictly below `node` with no marked node between."""
        found, stack = [], list(self.children[node])
        while stack:
            current = stack.pop()
            if current in marked:
                found.append(current)
            else:
                stack.extend(self.children[current])
        return sorted(found)

    def zone(self, node: str, marked: set[str] | frozenset[str]) -> list[str]:
        """The nodes of `node`'s subtree that lie in no marked node's subtree below it: whose members
        make up `node`'s remainder when `marked` are the shown nodes."""
        found, stack = [], [node]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(kid for kid in self.children[current] if kid not in marked)
        return found

    def ancestors_or_self(self, node: str) -> list[str]:
        chain: list[str] = []
        current: str | None = node
        while current is not None:
            chain.append(current)
            current = self.parent_of[current]
        return chain

    def nearest_marked_ancestor_or_self(self, node: str, marked: set[str] | frozenset[str]) -> str | None:
        for ancestor in self.ancestors_or_self(node):
            if ancestor in marked:
                return ancestor
        return None


# ---------------------------------------------------------------------------------------------- groups


@dataclass(frozen=True)
class PersonHours:
    """A group for the sick-leave rule: its persons (those with ordinary working time) and each one's
    sick hours. A person in two units of one group is one person whose hours add up."""

    hours: Mapping[Hashable, float] = field(default_factory=dict)

    @property
    def persons(self) -> int:
        return len(self.hours)

    @property
    def sick_hours(self) -> float:
        return sum(self.hours.values())

    @property
    def max_person_sick_hours(self) -> float:
        return max(self.hours.values(), default=0.0)

    @staticmethod
    def combine(groups: Iterable["PersonHours"]) -> "PersonHours":
        merged: dict[Hashable, float] = {}
        for group in groups:
            for person, hours in group.hours.items():
                merged[person] = merged.get(person, 0.0) + hours
        return PersonHours(merged)


class Rule(Protocol[G]):
    """A primary rule: when a non-empty group may be shown on its own, how big it is (the smallest is
    hidden first), and how groups add up."""

    def passes(self, group: G) -> bool: ...

    def is_empty(self, group: G) -> bool: ...

    def size(self, group: G) -> float: ...

    def combine(self, groups: Iterable[G]) -> G: ...


@dataclass(frozen=True)
class AtLeastK:
    """Respondents: a group is shown when at least k answered (k never below 3)."""

    k: int

    def __post_init__(self) -> None:
        check_k(self.k)

    def passes(self, group: int) -> bool:
        return group >= self.k

    def is_empty(self, group: int) -> bool:
        return group == 0

    def size(self, group: int) -> float:
        return group

    def combine(self, groups: Iterable[int]) -> int:
        return sum(groups)


@dataclass(frozen=True)
class SickLeaveRule:
    """Persons with ordinary working time: a group is shown when it has more than `max_hidden_persons`
    persons and no one person has more than half of its sick hours."""

    max_hidden_persons: int = SICK_LEAVE_MAX_HIDDEN_PERSONS

    def passes(self, group: PersonHours) -> bool:
        return group.persons > self.max_hidden_persons and group.max_person_sick_hours <= group.sick_hours / 2

    def is_empty(self, group: PersonHours) -> bool:
        return group.persons == 0

    def size(self, group: PersonHours) -> float:
        return group.persons

    def combine(self, groups: Iterable[PersonHours]) -> PersonHours:
        return PersonHours.combine(groups)


def shows(rule: Rule[G], group: G) -> bool:
    """A group alone: shown when it passes; an empty group has no figure (and is not 'hidden')."""
    return not rule.is_empty(group) and rule.passes(group)


# ------------------------------------------------------------------------------------ the one walk


@dataclass
class Decision(Generic[G]):
    """What the walk decided: the shown nodes, every node's subtree group, and the remainder of every
    shown node (for the ledger: its size and the rule's verdict are recorded with a release)."""

    shown: frozenset[str]
    subtree: dict[str, G]
    remainders: dict[str, G]


def subtree_groups(tree: Tree, own: Mapping[str, G], rule: Rule[G]) -> dict[str, G]:
    """Each node's group over its whole subtree, from the groups of each node's own members."""
    tree.check_nodes(own, "groups")
    empty = rule.combine(())
    totals: dict[str, G] = {}
    for node in reversed(tree.order):
        parts = [own[node]] if node in own else []
        parts.extend(totals[kid] for kid in tree.children[node])
        totals[node] = rule.combine(parts) if parts else empty
    return totals


def suppress_complements(
    tree: Tree,
    own: Mapping[str, G],
    rule: Rule[G],
    *,
    always_shown: Iterable[str] = (),
    candidates: Iterable[str] | None = None,
    tie_break: Callable[[str], object] | None = None,
) -> Decision[G]:
    """Which nodes may be shown: each node whose subtree passes the primary rule (and is a candidate,
    when candidates are given), plus `always_shown` (the organisation's total); then, going top-down,
    for every shown node the remainder – its members outside its nearest shown descendants, its own
    members included – must be empty or pass the rule itself; otherwise the nearest shown descendant
    with the smallest group is hidden (tie: `tie_break(node)` ascending, then the lowest id), and the
    node is checked again.

    Settling top-down is enough: hiding a nearest shown descendant of a node changes that node's
    remainder only (the hidden node's own nearest shown descendants move up to it). A node hidden for
    an ancestor's sake is not settled itself."""
    totals = subtree_groups(tree, own, rule)
    forced = set(always_shown)
    tree.check_nodes(forced, "always shown")
    allowed = None if candidates is None else set(candidates)
    shown = {
        node
        for node in tree.order
        if node in forced or ((allowed is None or node in allowed) and shows(rule, totals[node]))
    }
    remainders: dict[str, G] = {}
    key = tie_break or (lambda node: 0)
    for node in tree.order:
        if node not in shown:
            continue
        while True:
            nearest = tree.nearest_marked_below(node, shown)
            zone = tree.zone(node, set(nearest))
            remainder = rule.combine(own[n] for n in zone if n in own)
            if rule.is_empty(remainder) or rule.passes(remainder) or not nearest:
                remainders[node] = remainder
                break
            shown.discard(min(nearest, key=lambda d: (rule.size(totals[d]), key(d), d)))
    return Decision(shown=frozenset(shown), subtree=totals, remainders=remainders)


def suppress_split(groups: Sequence[G], rule: Rule[G]) -> list[bool]:
    """Which groups of one split of one node are hidden (K, M, not stated; or ≤ 29, 30–49, ≥ 50, not
    stated – in that order). A group is hidden when it has members and fails the rule; when exactly one
    is hidden, the smallest other group with members (tie: the first in the order) is hidden too, so
    that no figure follows from the node's total by subtraction."""
    hidden = [not rule.is_empty(group) and not rule.passes(group) for group in groups]
    if sum(hidden) == 1:
        others = [i for i, group in enumerate(groups) if not hidden[i] and not rule.is_empty(group)]
        if others:
            hidden[min(others, key=lambda i: (rule.size(groups[i]), i))] = True
    return hidden


# ------------------------------------------------------------------------------------ over time


def answers_difference_passes(
    before: Mapping[Hashable, object], after: Mapping[Hashable, object], k: int
) -> bool:
    """Two releases of one group of answers (contributor → their answer): the difference passes when
    0 or at least k contributors changed – added, removed or with an edited answer."""
    check_k(k)
    changed = sum(1 for person in before.keys() | after.keys() if before.get(person) != after.get(person))
    return changed == 0 or changed >= k


def hours_difference(before: Mapping[Hashable, float], after: Mapping[Hashable, float]) -> PersonHours:
    """The group of persons whose sick hours differ between two releases (or two nested periods) of a
    unit, each with the size of the change.

    Choice: the changed hours of a person are the absolute difference, so a correction that moves hours
    away from one person and onto another counts both."""
    delta = {}
    for person in before.keys() | after.keys():
        change = abs(after.get(person, 0.0) - before.get(person, 0.0))
        if change > 1e-9:
            delta[person] = change
    return PersonHours(delta)


def hours_difference_passes(
    before: Mapping[Hashable, float],
    after: Mapping[Hashable, float],
    max_hidden_persons: int = SICK_LEAVE_MAX_HIDDEN_PERSONS,
) -> bool:
    """Sick leave: the difference passes when nothing changed, or more than `max_hidden_persons`
    persons' hours changed and no one person holds more than half of the changed hours."""
    difference = hours_difference(before, after)
    return difference.persons == 0 or SickLeaveRule(max_hidden_persons).passes(difference)


def people_release_allowed(
    released: Mapping[Hashable, object], current: Mapping[Hashable, object], answers_since: int, k: int
) -> bool:
    """An aggregate over people (leaders, coaches): a new release of it is allowed only when at least k
    answers were given since the last release and the contributors changed by 0 or at least k in each
    direction. An edited answer counts as one added and one removed. The first release needs k
    contributors."""
    check_k(k)
    if not released:
        return len(current) >= k
    edited = sum(1 for person in released.keys() & current.keys() if released[person] != current[person])
    added = len(current.keys() - released.keys()) + edited
    removed = len(released.keys() - current.keys()) + edited
    return answers_since >= k and all(n == 0 or n >= k for n in (added, removed))
