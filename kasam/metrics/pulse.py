"""Pulse scores (docs/definitions.md): item scores, dimension indices, shares favourable, early signals.

Pure functions over plain numbers. Nothing here decides what may be shown: every figure computed here
leaves through the disclosure gate (`kasam.metrics.anonymity`), which says which nodes are shown and
hands this module only their members.

Answers are on a 1–5 scale where 5 is favourable; a value outside it is refused with ValueError.
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

SCALE_MIN = 1
SCALE_MAX = 5
FAVOURABLE_MIN = 4  # 4–5 is favourable; for self-rated health 4–5 is "good or better"
EARLY_SIGNAL_DROP = 10.0
EARLY_SIGNAL_ROUNDS = 3
# Indices are floats: a drop that is 10 points up to rounding noise counts as 10 points.
_EPSILON = 1e-9


def _check_value(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not SCALE_MIN <= value <= SCALE_MAX:
        raise ValueError(f"a pulse answer is an integer from {SCALE_MIN} to {SCALE_MAX}, not {value!r}")
    return value


@dataclass(frozen=True)
class ValueCounts:
    """How many answers of each value 1–5 one group gave to one statement."""

    counts: tuple[int, int, int, int, int]

    @classmethod
    def of(cls, values: Iterable[int]) -> "ValueCounts":
        tally = [0] * SCALE_MAX
        for value in values:
            tally[_check_value(value) - 1] += 1
        return cls(tuple(tally))  # type: ignore[arg-type]

    @property
    def answers(self) -> int:
        return sum(self.counts)

    @property
    def score(self) -> float | None:
        """(mean − 1) / 4 × 100, or None without answers."""
        n = self.answers
        if n == 0:
            return None
        mean = sum(value * count for value, count in zip(range(1, 6), self.counts, strict=True)) / n
        return (mean - SCALE_MIN) / (SCALE_MAX - SCALE_MIN) * 100

    @property
    def favourable_pct(self) -> float | None:
        """Share of answers 4–5 in percent, or None without answers."""
        n = self.answers
        if n == 0:
            return None
        return sum(self.counts[FAVOURABLE_MIN - 1 :]) / n * 100

    def __add__(self, other: "ValueCounts") -> "ValueCounts":
        return ValueCounts(tuple(a + b for a, b in zip(self.counts, other.counts, strict=True)))  # type: ignore[arg-type]


NO_ANSWERS = ValueCounts((0, 0, 0, 0, 0))


def item_score(values: Sequence[int]) -> float | None:
    """A group's score on one statement: (mean − 1) / 4 × 100 on 0–100; None without answers."""
    return ValueCounts.of(values).score


def share_favourable(values: Iterable[int]) -> float | None:
    """Share of answers 4–5 on one statement, in percent; None without answers."""
    return ValueCounts.of(values).favourable_pct


def good_or_better_share(health_values: Iterable[int]) -> float | None:
    """Self-rated health: share answering 4 or 5 ("good or better"), in percent; None without answers."""
    return ValueCounts.of(health_values).favourable_pct


def _mean_of_present(values: Iterable[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return sum(present) / len(present) if present else None


def dimension_index(item_scores: Mapping[str, float | None]) -> float | None:
    """A dimension's index = mean of its item scores (statement id → score). Items without a score
    (None) are left out; None when no item has one."""
    return _mean_of_present(item_scores.values())


def dimension_favourable(shares: Mapping[str, float | None]) -> float | None:
    """A dimension's share favourable = mean of its items' shares of 4–5 (statement id → percent)."""
    return _mean_of_present(shares.values())


def comparable_indices(
    current: Mapping[str, float | None], previous: Mapping[str, float | None]
) -> tuple[float | None, float | None]:
    """Two rounds' indices of one dimension over only the statements asked in both (rounds rotate
    statements: docs/definitions.md). Each argument maps statement id → item score of that round."""
    common = current.keys() & previous.keys()
    return (
        dimension_index({s: current[s] for s in common}),
        dimension_index({s: previous[s] for s in common}),
    )


@dataclass(frozen=True)
class DimensionResult:
    index: float | None
    favourable_pct: float | None


def node_item_counts(
    answers: Iterable[tuple[str, str, int]], node_members: Mapping[str, Iterable[str]]
) -> dict[str, dict[str, ValueCounts]]:
    """Value counts per node and statement. `answers` are (reporting node, statement id, value);
    `node_members` maps each node to be computed to the reporting nodes inside its subtree (the gate's
    `subtree_members`). Answers whose reporting node is in no node's members are not counted."""
    by_group: dict[str, dict[str, list[int]]] = {}
    for (group, statement, value), count in Counter(answers).items():
        tally = by_group.setdefault(group, {}).setdefault(statement, [0] * SCALE_MAX)
        tally[_check_value(value) - 1] += count
    result: dict[str, dict[str, ValueCounts]] = {}
    for node, members in node_members.items():
        totals: dict[str, list[int]] = {}
        for group in members:
            for statement, counts in by_group.get(group, {}).items():
                total = totals.setdefault(statement, [0] * SCALE_MAX)
                for i, c in enumerate(counts):
                    total[i] += c
        result[node] = {statement: ValueCounts(tuple(t)) for statement, t in totals.items()}  # type: ignore[misc]
    return result


def node_results(
    answers: Iterable[tuple[str, str, int]],
    node_members: Mapping[str, Iterable[str]],
    question_dimension: Mapping[str, str],
) -> dict[str, dict[str, DimensionResult]]:
    """Per node (its whole subtree) and dimension: the index and share favourable.

    `answers` are (reporting node, statement id, value); `node_members` maps each node to the reporting
    nodes in its subtree (pass only the shown nodes: this computes whatever it is given);
    `question_dimension` maps statement id → dimension. Statements without a dimension (the health
    question) are left out here – see `node_item_counts` and `good_or_better_share`. A dimension without
    answers in a node is absent from that node's dict. Respondents are not counted here: they come from
    the gate, per reporting node.
    """
    results: dict[str, dict[str, DimensionResult]] = {}
    for node, items in node_item_counts(answers, node_members).items():
        scores: dict[str, dict[str, float | None]] = {}
        shares: dict[str, dict[str, float | None]] = {}
        for statement, counts in items.items():
            dimension = question_dimension.get(statement)
            if dimension is None or counts.answers == 0:
                continue
            scores.setdefault(dimension, {})[statement] = counts.score
            shares.setdefault(dimension, {})[statement] = counts.favourable_pct
        results[node] = {
            dimension: DimensionResult(
                dimension_index(scores[dimension]), dimension_favourable(shares[dimension])
            )
            for dimension in sorted(scores)
        }
    return results


def early_signal(
    current_index: float | None, previous_indices: Sequence[float], drop: float = EARLY_SIGNAL_DROP
) -> bool:
    """An early signal: the index falls by at least `drop` points against the mean of the last three
    previous rounds.

    `previous_indices` are, oldest first, the node's indices of earlier rounds in which it was SHOWN
    and that asked the same statements of the dimension (the gate's `signal_from_history` picks them);
    only the last three are used. False with fewer than three, or without a current index.
    """
    if current_index is None or len(previous_indices) < EARLY_SIGNAL_ROUNDS:
        return False
    last = previous_indices[-EARLY_SIGNAL_ROUNDS:]
    baseline = sum(last) / EARLY_SIGNAL_ROUNDS
    return baseline - current_index >= drop - _EPSILON
