"""A survey's unit tree: every unit in order, the one gate's tree with the organisation node
(ORGANISATION) above the roots, and where pooling ends."""

from collections.abc import Mapping

from kasam.metrics.disclosure import Tree
from kasam.metrics.survey.items import ORGANISATION


def tree_order(parent_of: Mapping[str, str | None]) -> list[str]:
    """Every unit, each parent before its subtree (depth first), roots and children by id. ValueError
    for a parent that is not a unit, or a cycle."""
    children: dict[str | None, list[str]] = {unit: [] for unit in parent_of}
    children[None] = []
    for unit, parent in parent_of.items():
        if parent is not None and parent not in parent_of:
            raise ValueError(f"unit {unit!r} has parent {parent!r}, which is not a unit")
        children[parent].append(unit)
    order: list[str] = []
    stack = sorted(children[None], reverse=True)
    while stack:
        unit = stack.pop()
        order.append(unit)
        stack.extend(sorted(children[unit], reverse=True))
    if len(order) != len(parent_of):
        cyclic = sorted(set(parent_of) - set(order))
        raise ValueError(f"the units {', '.join(map(repr, cyclic[:5]))} are in a cycle")
    return order


def gate_tree(parent_of: Mapping[str, str | None]) -> Tree:
    """The survey's tree for the one gate: the units under one organisation node (ORGANISATION)."""
    if ORGANISATION in parent_of:
        raise ValueError("a unit id must not be empty")
    tree_order(parent_of)  # the unit tree's own checks, with messages naming units
    return Tree({ORGANISATION: None, **{unit: parent or ORGANISATION for unit, parent in parent_of.items()}})


def pooling_top(parent_of: Mapping[str, str | None]) -> str:
    """Where the pooling ends: the tree's one root, or the organisation node above several roots (the
    analyst command's units without --units)."""
    roots = [unit for unit, parent in parent_of.items() if parent is None]
    return roots[0] if len(roots) == 1 else ORGANISATION
