"""Which units a release of rehabilitation outcomes shows (docs/definitions.md "What rehabilitation
cases add up to", "The remainder rule"). Pure: no Django.

A unit's figures cover the cases of its whole subtree. A unit is shown when more than 10 distinct
persons have a case in its subtree, and – so that no unit minus the units shown below it singles out
a few persons – every remainder (a shown unit's persons outside its nearest shown units below) is
empty or has more than 10 persons too: the one walk of `disclosure.suppress_complements`, with the
persons as sets (a person with cases in two units is one person where the two meet). The same walk
decides each figure again on the persons behind it (those with a judged plan, a done plan, a sick
case, an early-signal case): a figure is shown in a unit only where both walks show the unit.

Choice: no unit is always shown: the organisation's total follows the rule like every unit.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kasam.metrics.disclosure import Decision, Tree, suppress_complements
from kasam.metrics.rehab_outcomes import MIN_PERSONS


@dataclass(frozen=True)
class MorePersons:
    """The rule of more than `limit` distinct persons, on sets of persons (a `disclosure.Rule`)."""

    limit: int = MIN_PERSONS

    def passes(self, group: frozenset) -> bool:
        return len(group) > self.limit

    def is_empty(self, group: frozenset) -> bool:
        return not group

    def size(self, group: frozenset) -> float:
        return len(group)

    def combine(self, groups: Iterable[frozenset]) -> frozenset:
        return frozenset().union(*groups)


def decide(tree: Tree, own: Mapping[str, frozenset]) -> Decision[frozenset]:
    """The shown units, from each unit's OWN persons (those with a case placed on the unit itself)."""
    return suppress_complements(tree, own, MorePersons())


def decide_figures(tree: Tree, own: Mapping[str, Mapping[str, frozenset]]) -> dict[str, frozenset[str]]:
    """{figure: the units whose figure may be shown}, from {figure: {unit: its own persons behind the
    figure}} – each figure's own walk (see the module)."""
    return {figure: decide(tree, persons).shown for figure, persons in own.items()}
