"""The disclosure gate's rules for sick-leave figures (DOMAIN.md "Sick leave", Suppression).

Pure functions over plain numbers: the apps decide who is looking (managers and HR see their units
unsuppressed; everyone else goes through these rules) and call these before any figure leaves.
The pulse's rules (DOMAIN.md "Pulse → Anonymity") live in `pulse_anonymity` and are re-exported
here, so that this module stays the one door for every disclosure rule; survey rules join with their
own issue. Unlike sick leave, no role sees pulse figures unsuppressed: every viewer gets the same shown
nodes, cut to their scope.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kasam.metrics.pulse_anonymity import (
    FREE_TEXT_MIN_RESPONDENTS,
    PULSE_K_DEFAULT,
    PULSE_K_MIN,
    RoundFigure,
    RoundRelease,
    assign_reporting_nodes,
    check_k,
    decide_shown_nodes,
    free_text_listing,
    mask_names,
    multi_round_mean,
    name_masker,
    pool_bottom_up,
    release_free_text,
    release_round,
    repool_by_respondents,
    respondents_in_subtrees,
    response_rate_shown,
    shown_after_repooling,
    shown_rounds,
    signal_from_history,
    subtree_members,
    times_hidden,
    visible_for_viewer,
)

__all__ = [
    # sick leave
    "SICK_LEAVE_MAX_HIDDEN_PERSONS",
    "Group",
    "UnitFigure",
    "hide_in_split",
    "hide_units",
    "is_hidden_alone",
    # pulse
    "FREE_TEXT_MIN_RESPONDENTS",
    "PULSE_K_DEFAULT",
    "PULSE_K_MIN",
    "RoundFigure",
    "RoundRelease",
    "assign_reporting_nodes",
    "check_k",
    "decide_shown_nodes",
    "free_text_listing",
    "mask_names",
    "pool_bottom_up",
    "repool_by_respondents",
    "multi_round_mean",
    "name_masker",
    "release_free_text",
    "release_round",
    "respondents_in_subtrees",
    "response_rate_shown",
    "shown_after_repooling",
    "shown_rounds",
    "signal_from_history",
    "subtree_members",
    "times_hidden",
    "visible_for_viewer",
]

# A group figure is hidden when the group has at most this many persons (setting, DOMAIN.md).
SICK_LEAVE_MAX_HIDDEN_PERSONS = 10


@dataclass(frozen=True)
class Group:
    """One group of a split (or one unit): persons with ordinary working time in the period, its sick
    hours, and the largest sick hours of any one person in it."""

    persons: int
    sick_hours: float
    max_person_sick_hours: float


def is_hidden_alone(group: Group, max_persons: int = SICK_LEAVE_MAX_HIDDEN_PERSONS) -> bool:
    """Hidden on its own: at most `max_persons` persons, or one person's sick hours are more than half
    of the group's. A group without persons has no figure and is not "hidden"."""
    if group.persons == 0:
        return False
    return group.persons <= max_persons or group.max_person_sick_hours > group.sick_hours / 2


def hide_in_split(groups: Sequence[Group], max_persons: int = SICK_LEAVE_MAX_HIDDEN_PERSONS) -> list[bool]:
    """Which groups of one split (K, M; or ≤ 29, 30–49, ≥ 50 – in that order) are hidden.

    When exactly one group is hidden, the smallest other group that has persons (by persons; on a tie
    the first in the given order) is hidden too, so that no figure follows from the total by
    subtraction.
    """
    hidden = [is_hidden_alone(group, max_persons) for group in groups]
    if sum(hidden) == 1:
        others = [i for i, group in enumerate(groups) if not hidden[i] and group.persons > 0]
        if others:
            hidden[min(others, key=lambda i: (groups[i].persons, i))] = True
    return hidden


@dataclass(frozen=True)
class UnitFigure:
    unit_id: str
    parent_id: str | None
    group: Group


def hide_units(units: Sequence[UnitFigure], max_persons: int = SICK_LEAVE_MAX_HIDDEN_PERSONS) -> set[str]:
    """The units whose figures are hidden from viewers who see suppressed figures (politicians).

    Each unit (its whole subtree's figure) is first judged on its own; the root, the organisation's
    total, is always shown. Then, among the children of every shown unit, more are hidden
    complementarily so that the parent's total minus the shown children never gives a hidden unit:
    while the remainder – the parent's persons minus those of its shown children, which holds the
    hidden children and any staff placed directly on the parent – is at least one hidden child and
    is made of one hidden child alone or of at most `max_persons` persons, the shown child with the
    fewest persons (tie: the lowest unit id) is hidden too.

    Choice: the remainder's persons are counted as a difference of head counts, since a person
    employed in two sibling units is counted in both; the check errs towards hiding.
    """
    by_id = {unit.unit_id: unit for unit in units}
    children: dict[str, list[UnitFigure]] = {}
    for unit in units:
        if unit.parent_id is not None:
            children.setdefault(unit.parent_id, []).append(unit)
    hidden = {u.unit_id for u in units if u.parent_id is not None and is_hidden_alone(u.group, max_persons)}
    for parent in _top_down(units, children):
        if parent.unit_id in hidden:
            continue
        _hide_complement(parent, children.get(parent.unit_id, []), hidden, max_persons)
    return {unit_id for unit_id in hidden if unit_id in by_id}


def _hide_complement(parent: UnitFigure, kids: list[UnitFigure], hidden: set[str], max_persons: int) -> None:
    while True:
        hidden_kids = [k for k in kids if k.unit_id in hidden and k.group.persons > 0]
        shown_kids = [k for k in kids if k.unit_id not in hidden and k.group.persons > 0]
        if not hidden_kids or not shown_kids:
            return
        remainder = parent.group.persons - sum(k.group.persons for k in shown_kids)
        own_staff = remainder - sum(k.group.persons for k in hidden_kids) > 0
        if not (len(hidden_kids) == 1 and not own_staff) and remainder > max_persons:
            return
        hidden.add(min(shown_kids, key=lambda k: (k.group.persons, k.unit_id)).unit_id)


def _top_down(units: Sequence[UnitFigure], children: Mapping[str, list[UnitFigure]]) -> list[UnitFigure]:
    roots = [u for u in units if u.parent_id is None]
    order, frontier = [], roots
    while frontier:
        order += frontier
        frontier = [kid for unit in frontier for kid in children.get(unit.unit_id, [])]
    return order
