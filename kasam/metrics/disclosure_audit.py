"""The audit's checks (docs/anonymity.md "The audit"): pure functions that recompute a gate decision
from raw data and say what breaks a rule, with the cells that produce it.

The apps load what they store – the shown nodes a release or a closed round decided, and the raw
groups it was decided from – and call these; `kasam anonymity audit` prints what they find.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from kasam.metrics.disclosure import Rule, Tree, shows, subtree_groups

G = TypeVar("G")


@dataclass(frozen=True)
class Violation:
    """One broken rule: which rule, where (a table, a round, a release), what is wrong in one line, and
    the cells that produce it as (cell, size) pairs."""

    rule: str
    where: str
    message: str
    cells: tuple[tuple[str, float], ...] = field(default_factory=tuple)

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "where": self.where,
            "message": self.message,
            "cells": [{"cell": cell, "size": size} for cell, size in self.cells],
        }

    def line(self) -> str:
        cells = ", ".join(f"{cell} ({_number(size)})" for cell, size in self.cells)
        return f"{self.where}: {self.rule}: {self.message}" + (f" [{cells}]" if cells else "")


def _number(size: float) -> str:
    return str(int(size)) if float(size).is_integer() else f"{size:.2f}"


def check_decision(
    where: str,
    tree: Tree,
    own: Mapping[str, G],
    rule: Rule[G],
    shown: Iterable[str],
    always_shown: Iterable[str] = (),
) -> list[Violation]:
    """Checks a stored decision against the raw groups it must hold for: every shown node passes the
    rule on its own (unless always shown), and every shown node's remainder – its members outside its
    nearest shown descendants – is empty or passes (an always-shown node without shown descendants
    is shown whole, by definition)."""
    shown_set, forced = set(shown), set(always_shown)
    unknown = sorted(shown_set - set(tree.order))
    found = [Violation("tree", where, f"shown node {node} is not in the tree") for node in unknown]
    shown_set -= set(unknown)
    totals = subtree_groups(tree, own, rule)
    for node in sorted(shown_set):
        if node not in forced and not shows(rule, totals[node]):
            found.append(
                Violation(
                    "primary",
                    where,
                    "a shown node fails the primary rule",
                    ((node, rule.size(totals[node])),),
                )
            )
        nearest = tree.nearest_marked_below(node, shown_set)
        zone = tree.zone(node, set(nearest))
        remainder = rule.combine(own[n] for n in zone if n in own)
        # An always-shown node alone (the organisation's total) is its own remainder.
        alone = node in forced and not nearest
        if not alone and not rule.is_empty(remainder) and not rule.passes(remainder):
            cells = ((node, rule.size(totals[node])), *((d, rule.size(totals[d])) for d in nearest))
            found.append(
                Violation(
                    "remainder",
                    where,
                    f"{node} minus its nearest shown descendants leaves {_number(rule.size(remainder))}",
                    cells,
                )
            )
    return found


def check_stored_groups(where: str, groups: Mapping[str, G], rule: Rule[G]) -> list[Violation]:
    """Checks that no stored group is smaller than its rule allows: each must be empty or pass."""
    return [
        Violation("stored group", where, "a stored group is below the rule", ((cell, rule.size(group)),))
        for cell, group in sorted(groups.items())
        if not rule.is_empty(group) and not rule.passes(group)
    ]
