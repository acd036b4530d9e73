"""The disclosure gate's rules for the pulse (DOMAIN.md "Pulse → Anonymity"). Imported through
`kasam.metrics.anonymity`, the one door for every pulse figure.

Pure functions over plain mappings. A tree is `parent_of`: unit id → parent id (None for a root), the
tree as it stood when the round opened (rule 1: frozen per round). Groups are nodes of that tree only.

Why these rules are enough (the property tests check it with exact arithmetic): answers are stored
against reporting nodes, so each node's respondents are a union of reporting-node groups, and the shown
nodes form a laminar family (any two are nested or disjoint). The span of their indicator vectors is then
spanned by their disjoint "remainders" (a node's groups outside its nearest shown descendants); rule 3
makes every remainder hold 0 or ≥ k respondents, so any exact 0/1 combination of shown results – a
difference of a parent and its children, say – covers 0 or ≥ k respondents. Rule 4 keeps it so over
time: a figure over several rounds of a node only adds results that were shown anyway.
"""

import random
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from kasam.metrics.pulse import EARLY_SIGNAL_DROP, DimensionResult, early_signal, node_results

PULSE_K_DEFAULT = 5
PULSE_K_MIN = 3
FREE_TEXT_MIN_RESPONDENTS = 10
NAME_MASK = "[namn]"
RESPONSE_RATE_STEP = 5


def check_k(k: int) -> int:
    """The pulse's k (a setting, default 5) – an integer of at least 3; anything else is a ValueError."""
    if isinstance(k, bool) or not isinstance(k, int):
        raise ValueError(f"k must be an integer, not {k!r}")
    if k < PULSE_K_MIN:
        raise ValueError(f"k is never below {PULSE_K_MIN} (got {k})")
    return k


# ---------------------------------------------------------------------------------------------- the tree


class _Tree:
    """`parent_of` checked (every parent is a node; no cycles) with children and a top-down order."""

    def __init__(self, parent_of: Mapping[str, str | None]):
        self.parent_of = parent_of
        self.children: dict[str, list[str]] = {node: [] for node in parent_of}
        roots = []
        for node, parent in parent_of.items():
            if parent is None:
                roots.append(node)
            elif parent not in self.children:
                raise ValueError(f"unit {node!r} has parent {parent!r}, which is not in the tree")
            else:
                self.children[parent].append(node)
        for kids in self.children.values():
            kids.sort()
        # Breadth first from the roots: every parent comes before its children.
        self.order: list[str] = sorted(roots)
        for node in self.order:
            self.order.extend(self.children[node])
        if len(self.order) != len(parent_of):
            raise ValueError("the tree has a cycle")

    def check_nodes(self, nodes: Iterable[str], what: str) -> None:
        unknown = sorted(set(nodes) - self.children.keys())
        if unknown:
            raise ValueError(f"{what} not in the tree: {', '.join(map(repr, unknown[:5]))}")

    def subtree_sums(self, own: Mapping[str, int], what: str) -> dict[str, int]:
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

    def nearest_marked_below(self, node: str, marked: set[str] | frozenset[str]) -> list[str]:
        """The marked nodes strictly below `node` with no marked node between."""
        found, stack = [], list(self.children[node])
        while stack:
            current = stack.pop()
            if current in marked:
                found.append(current)
            else:
                stack.extend(self.children[current])
        return found

    def ancestors_or_self(self, node: str) -> Iterable[str]:
        current: str | None = node
        while current is not None:
            yield current
            current = self.parent_of[current]


def subtree_members(parent_of: Mapping[str, str | None], nodes: Iterable[str]) -> dict[str, set[str]]:
    """For each of `nodes`, the set of nodes in its subtree (itself included) – the reporting nodes whose
    answers make up its result (`pulse.node_results`' `node_members`)."""
    tree = _Tree(parent_of)
    wanted = set(nodes)
    tree.check_nodes(wanted, "nodes")
    members: dict[str, set[str]] = {node: set() for node in wanted}
    for node in tree.order:
        for ancestor in tree.ancestors_or_self(node):
            if ancestor in members:
                members[ancestor].add(node)
    return members


# ------------------------------------------------------------------------------------------ rules 1 – 3


def assign_reporting_nodes(
    parent_of: Mapping[str, str | None], invited_per_unit: Mapping[str, int], k: int
) -> dict[str, str]:
    """Rule 1: each unit with invited persons → its reporting node, the nearest ancestor-or-self whose
    SUBTREE has at least k invited. Decided once, at invitation, and stored with every answer.

    If not even the root has k invited, the unit maps to its root; the root then has fewer than k
    invited, hence fewer than k respondents, so rule 2 never shows it and no figure of such a round
    (or of such a separate tree) leaves the gate. Units with 0 invited are not in the result.
    """
    k = check_k(k)
    tree = _Tree(parent_of)
    invited = tree.subtree_sums(invited_per_unit, "invited units")
    reporting = {}
    for unit, count in invited_per_unit.items():
        if count == 0:
            continue
        node = unit
        while invited[node] < k and parent_of[node] is not None:
            node = parent_of[node]  # type: ignore[assignment]
        reporting[unit] = node
    return reporting


def decide_shown_nodes(
    parent_of: Mapping[str, str | None], respondents_per_node: Mapping[str, int], k: int
) -> frozenset[str]:
    """Rules 2 and 3: the nodes whose results of one round are shown – decided once, at close, for the
    whole frozen tree, the same for every viewer (rule 4), and never recomputed.

    `respondents_per_node` counts answers stored against each reporting node; a node's respondents are
    its subtree's sum. A node is a candidate with at least k respondents (rule 2). Then, for every shown
    node, its remainder – its respondents minus those of its nearest shown descendants – must be 0 or at
    least k; otherwise the nearest shown descendant with the fewest respondents (tie: the lowest unit id)
    is hidden, and the same node is checked again (rule 3).

    Choice (DOMAIN.md is silent on the order): nodes are settled top-down, a parent before its children,
    and a node hidden for an ancestor's sake is not settled itself. Hiding a nearest shown descendant of
    a node changes the remainder of that node only, so one top-down pass makes the rule hold everywhere,
    and the result does not depend on the order among nodes of one level. (Settling bottom-up could hide
    a grandchild for a child that its parent then hides anyway – more hidden than needed.)
    """
    k = check_k(k)
    tree = _Tree(parent_of)
    respondents = tree.subtree_sums(respondents_per_node, "reporting nodes")
    shown = {node for node in tree.order if respondents[node] >= k}
    for node in tree.order:
        if node not in shown:
            continue
        while True:
            nearest = tree.nearest_marked_below(node, shown)
            remainder = respondents[node] - sum(respondents[d] for d in nearest)
            if remainder == 0 or remainder >= k:
                break
            shown.discard(min(nearest, key=lambda d: (respondents[d], d)))
    return frozenset(shown)


def respondents_in_subtrees(
    parent_of: Mapping[str, str | None], respondents_per_node: Mapping[str, int]
) -> dict[str, int]:
    """Each node's respondents: the sum over its subtree of the answers stored per reporting node."""
    return _Tree(parent_of).subtree_sums(respondents_per_node, "reporting nodes")


def response_rate_shown(invited: int, answered: int, k: int) -> int | None:
    """Rule 2: a node's response rate in percent, rounded to the nearest 5, or None when fewer than k
    were invited. Exact halves (e.g. 1 of 8 = 12.5 %) round UP (→ 15 %); the arithmetic is on integers,
    so no float error decides a half. 7 of 9 = 77.8 % → 80 %."""
    k = check_k(k)
    if invited < 0 or answered < 0 or answered > invited:
        raise ValueError(f"answered {answered} of {invited} invited is impossible")
    if invited < k:
        return None
    steps = 100 // RESPONSE_RATE_STEP  # a rate of 1 is 20 steps of 5 %
    # round(answered / invited × steps) with halves up = floor((2 × answered × steps + invited) / 2 invited)
    return (2 * answered * steps + invited) // (2 * invited) * RESPONSE_RATE_STEP


# --------------------------------------------------------------------------------------- rules 4 and 5


def visible_for_viewer(shown: frozenset[str], scope: Iterable[str]) -> set[str]:
    """Rule 4: the shown nodes within the viewer's scope. `scope` is every unit the viewer may see (the
    access layer expands a role's units to their subtrees); nothing is recomputed per viewer."""
    return set(shown).intersection(scope)


def free_text_node(
    parent_of: Mapping[str, str | None],
    shown: frozenset[str],
    respondents_in_subtree: Mapping[str, int],
    writer_node: str,
    min_respondents: int = FREE_TEXT_MIN_RESPONDENTS,
) -> str | None:
    """Rule 5: the one node a free-text answer is listed under – the smallest shown node (fewest
    respondents; tie: the lowest unit id) with at least `min_respondents` respondents that contains the
    writer's reporting node; None when there is none (the text is then never shown)."""
    if min_respondents < FREE_TEXT_MIN_RESPONDENTS:
        raise ValueError(f"free text needs at least {FREE_TEXT_MIN_RESPONDENTS} respondents")
    if writer_node not in parent_of:
        raise ValueError(f"writer's reporting node {writer_node!r} is not in the tree")
    candidates = []
    node: str | None = writer_node
    for _step in range(len(parent_of)):  # called once per comment: no tree is built, cycles still stop
        if node is None:
            break
        if node in shown and respondents_in_subtree.get(node, 0) >= min_respondents:
            candidates.append(node)
        node = parent_of[node]
    if not candidates:
        return None
    return min(candidates, key=lambda node: (respondents_in_subtree[node], node))


_LETTERS = r"[^\W\d_]+"
# A word: letters, optionally joined by hyphens (Anna-Karin); Swedish letters are letters in `re`.
_WORD = re.compile(rf"{_LETTERS}(?:-{_LETTERS})*")


def name_masker(names: Iterable[str]) -> Callable[[str], str]:
    """A function that masks the given staff names in a text (see `mask_names`); build it once per
    round and use it for every comment – it costs one pass over each text whatever the number of names."""
    masked: set[str] = set()
    for name in names:
        for word in _WORD.findall(name):
            parts = [word, *word.split("-")]
            masked.update(part.casefold() for part in parts if len(part) >= 2)

    def is_name(word: str) -> bool:
        folded = word.casefold()
        # A Swedish genitive (Annas, Örjans) is the name too.
        return folded in masked or (folded.endswith("s") and folded[:-1] in masked)

    def mask_word(match: re.Match[str]) -> str:
        word = match.group(0)
        if is_name(word):
            return NAME_MASK
        if "-" in word:
            return "-".join(NAME_MASK if is_name(part) else part for part in word.split("-"))
        return word

    return lambda text: _WORD.sub(mask_word, text)


def mask_names(text: str, names: Iterable[str]) -> str:
    """Masks staff first and last names in a free text as "[namn]": case-insensitively, as whole words
    only (letters, Swedish ones included; "Bo" in "boende" stays), names of at least 2 letters.

    Choices (DOMAIN.md is silent): a name joined by hyphens is masked whole and each of its parts on its
    own (Anna-Karin, Karin); a genitive -s is masked with the name (Annas → [namn]); a staff name that is
    also an ordinary word ("Bo", "Berg") is masked wherever it stands alone – masking too much is the
    safe error."""
    return name_masker(names)(text)


def release_free_text(
    texts: Iterable[str], names: Iterable[str], rng: random.Random | None = None
) -> list[str]:
    """Rule 5's release of one node's free-text answers: names masked, in random order (a system random
    source unless one is given, e.g. seeded in tests). Dates are the caller's: the round's date only."""
    mask = name_masker(names)
    released = [mask(text) for text in texts]
    (rng or random.SystemRandom()).shuffle(released)
    return released


# ------------------------------------------------------------------------------- over several rounds


@dataclass(frozen=True)
class RoundFigure:
    """One node's figure of one dimension in one round, as the gate decided it. `statements` are the
    dimension's statements asked in that round."""

    round_id: str
    shown: bool
    index: float | None
    statements: frozenset[str] = frozenset()


def shown_rounds(history: Iterable[RoundFigure]) -> list[RoundFigure]:
    """Rule 4: a figure over several rounds of a node is formed only from rounds in which the node was
    shown; this drops every other round (and rounds without an index). Order is kept."""
    return [figure for figure in history if figure.shown and figure.index is not None]


def multi_round_mean(history: Iterable[RoundFigure]) -> float | None:
    """The mean index of a node over several rounds – over its shown rounds only (rule 4)."""
    indices = [figure.index for figure in shown_rounds(history)]
    return sum(indices) / len(indices) if indices else None  # type: ignore[arg-type]


def signal_from_history(
    history: Sequence[RoundFigure], current: RoundFigure, drop: float = EARLY_SIGNAL_DROP
) -> bool:
    """The early signal for `current` (DOMAIN.md): only if the node is shown now, against the last three
    earlier SHOWN rounds that asked exactly the same statements of the dimension. `history` is oldest
    first and holds earlier rounds only."""
    if not current.shown or current.index is None:
        return False
    same = [f.index for f in shown_rounds(history) if f.statements == current.statements]
    return early_signal(current.index, same, drop)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------- one round's gate


@dataclass(frozen=True)
class RoundRelease:
    """What one closed round may show: the shown nodes, their respondents, their results. Nothing about
    a hidden node is in here – not even its respondents."""

    shown: frozenset[str]
    respondents: dict[str, int]
    results: dict[str, dict[str, DimensionResult]]

    def for_viewer(self, scope: Iterable[str]) -> set[str]:
        return visible_for_viewer(self.shown, scope)


def release_round(
    parent_of: Mapping[str, str | None],
    answers: Iterable[tuple[str, str, int]],
    respondents_per_node: Mapping[str, int],
    question_dimension: Mapping[str, str],
    k: int,
) -> RoundRelease:
    """One round through the gate at close: decides the shown nodes (rules 2–3) and computes results for
    them only. `answers` are (reporting node, statement id, value); `respondents_per_node` counts the
    respondents (submissions, not answers) per reporting node."""
    shown = decide_shown_nodes(parent_of, respondents_per_node, k)
    respondents = respondents_in_subtrees(parent_of, respondents_per_node)
    members = subtree_members(parent_of, shown)
    return RoundRelease(
        shown=shown,
        respondents={node: respondents[node] for node in shown},
        results=node_results(answers, members, question_dimension),
    )
