"""Which starts (cohorts) of an evaluation a page may show, and which it must leave out of the overall
effect altogether (docs/anonymity.md, "Evaluation").

Pure: no Django. A page shows the overall effect and the effect of some cohorts; whatever the overall
effect holds beyond the shown cohorts follows from them by subtraction (the aggregation's weights –
units × periods since the start – are on the page too). So that remainder must itself be a group the
gate would show, like a parent's remainder in `disclosure.suppress_complements`:

1. A cohort whose units together the gate would hide is left out: not shown, and not in the overall
   effect (the page re-estimates it without the cohort's units).
2. A cohort of at least two units that the gate shows is shown alone.
3. The remaining cohorts – one unit each – are never shown alone; they count in the overall effect
   together only when they hold at least two units and together pass the gate; otherwise they are
   left out too. So the overall effect minus the shown cohorts is 0 or a group of at least two units
   that passes.

A group's size (`group_size`) is taken per period – persons with working time for sick leave,
respondents for a pulse index – summed over the group's units observed in that period; the group's
size is the smallest over the periods in which any of its units is observed. Choice: the gate judges
a figure per period, and the evaluation uses every period, so the smallest one decides.
"""

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from kasam.metrics.disclosure import SICK_LEAVE_MAX_HIDDEN_PERSONS, AtLeastK


@dataclass(frozen=True)
class CohortGate:
    shown: tuple[int, ...]  # shown alone and in the overall effect
    pooled: tuple[int, ...]  # in the overall effect, never shown alone
    left_out: tuple[int, ...]  # neither: their units are removed before the overall effect is estimated


def group_size(units: Collection[str], sizes: Mapping[str, Mapping[int, int]]) -> int:
    """The smallest, over the periods with any of `units` observed, of their summed sizes; 0 if none."""
    totals: dict[int, int] = {}
    for unit in units:
        for period, size in sizes.get(unit, {}).items():
            totals[period] = totals.get(period, 0) + size
    return min(totals.values(), default=0)


def gate_cohorts(
    cohorts: Mapping[int, Sequence[str]], passes: Callable[[Collection[str]], bool]
) -> CohortGate:
    """`cohorts`: cohort → its units; `passes(units)`: whether the gate shows those units together."""
    left_out = sorted(g for g, units in cohorts.items() if not passes(units))
    shown = sorted(g for g, units in cohorts.items() if len(units) >= 2 and g not in left_out)
    pooled = sorted(set(cohorts) - set(left_out) - set(shown))
    together = [unit for g in pooled for unit in cohorts[g]]
    if pooled and (len(set(together)) < 2 or not passes(together)):
        left_out, pooled = sorted(left_out + pooled), []
    return CohortGate(tuple(shown), tuple(pooled), tuple(left_out))


def persons_pass(persons: int, max_hidden_persons: int = SICK_LEAVE_MAX_HIDDEN_PERSONS) -> bool:
    """Sick leave: the gate hides a group of at most 10 persons. Choice: the rule's other half (no one
    with more than half of the sick hours) needs each person's hours, which the stored monthly series
    do not keep; it is not applied here."""
    return persons > max_hidden_persons


def respondents_pass(respondents: int, k: int) -> bool:
    """A pulse index: the gate hides a group of fewer than k respondents."""
    return AtLeastK(k).passes(respondents)
