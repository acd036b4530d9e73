"""The disclosure gate's rules for the pulse (docs/definitions.md "Anonymity rules"). Imported through
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

from kasam.metrics.disclosure import K_MIN, AtLeastK, Tree, check_k, suppress_complements
from kasam.metrics.pulse import EARLY_SIGNAL_DROP, DimensionResult, early_signal, node_results

PULSE_K_DEFAULT = 5
PULSE_K_MIN = K_MIN
FREE_TEXT_MIN_RESPONDENTS = 10
NAME_MASK = "[namn]"
RESPONSE_RATE_STEP = 5


# ---------------------------------------------------------------------------------------------- the tree


def subtree_members(parent_of: Mapping[str, str | None], nodes: Iterable[str]) -> dict[str, set[str]]:
    """For each of `nodes`, the set of nodes in its subtree (itself included) – the reporting nodes whose
    answers make up its result (`pulse.node_results`' `node_members`)."""
    return Tree(parent_of).members(nodes)


# ------------------------------------------------------------------------------------------ rules 1 – 3


def pool_bottom_up(parent_of: Mapping[str, str | None], own: Mapping[str, int], k: int) -> dict[str, str]:
    """Rule 1's walk: each node with a count → the node its count is pooled at, so that every such node
    holds at least k of its OWN (docs/definitions.md "Anonymity rules" 1, and 6 for the re-pooling at close).

    From the leaves up, a node's pool is its own count plus the pools its children passed up; a pool of
    at least k makes the node the pooling node of everything in it, a smaller one passes to the parent.
    If a root's pool stays between 1 and k − 1, the smallest pooling node below it (fewest in its pool;
    tie: the lowest id) gives its pool to the root, repeated until the root holds at least k. If the
    whole tree holds fewer than k, everything is pooled at the root – the caller decides what that
    means (a round does not open; a round's answers are deleted).

    Nodes with a count of 0 are not in the result. Counting a whole subtree is not enough: a parent
    with 2 of its own and large children would hold 2.
    """
    k = check_k(k)
    tree = Tree(parent_of)
    tree.check_nodes(own, "counted nodes")
    for node, count in own.items():
        if count < 0:
            raise ValueError(f"negative count {count} for {node!r}")
    passed: dict[str, list[str]] = {node: [] for node in tree.order}  # atoms a node passes up
    at: dict[str, str] = {}  # atom → its pooling node
    size: dict[str, int] = {}  # pooling node → its pool
    for node in reversed(tree.order):  # every child before its parent
        atoms = [node] if own.get(node, 0) > 0 else []
        for kid in tree.children[node]:
            atoms.extend(passed[kid])
        pool = sum(own[atom] for atom in atoms)
        parent = tree.parent_of[node]
        if pool >= k or parent is None:
            for atom in atoms:
                at[atom] = node
            if atoms:
                size[node] = pool
        else:
            passed[node] = atoms
    for root in tree.roots:
        while 0 < size.get(root, 0) < k:
            below = [node for node in size if node != root and root in tree.ancestors_or_self(node)]
            if not below:
                break
            smallest = min(below, key=lambda node: (size[node], node))
            for atom, node in at.items():
                if node == smallest:
                    at[atom] = root
            size[root] += size.pop(smallest)
    return {atom: at[atom] for atom in sorted(at)}


def assign_reporting_nodes(
    parent_of: Mapping[str, str | None], invited_per_unit: Mapping[str, int], k: int
) -> dict[str, str]:
    """Rule 1: each unit with invited persons → its reporting node, by `pool_bottom_up` over the persons
    invited through each unit: every reporting node holds at least k invited of its own. Decided once,
    at invitation. Raises ValueError when fewer than k are invited in all (such a round does not open).
    """
    if sum(invited_per_unit.values()) < check_k(k):
        raise ValueError(f"fewer than k = {k} invited: the round does not open")
    return pool_bottom_up(parent_of, invited_per_unit, k)


def repool_by_respondents(
    parent_of: Mapping[str, str | None], respondents_per_node: Mapping[str, int], k: int
) -> dict[str, str] | None:
    """Rule 6, at close: each reporting node with respondents → the node its answers are stored
    against, by rule 1's walk with the reporting nodes as the atoms, counting those who answered (tie:
    fewest respondents, then the lowest unit id), so that every stored group has at least k respondents
    or is empty. None when the whole round has fewer than k respondents: its answers are deleted.

    Choice: a reporting node nobody answered through keeps its place (an empty group) – it is not in
    the result; its invited stay where they were invited."""
    if sum(respondents_per_node.values()) < check_k(k):
        return None
    return pool_bottom_up(parent_of, respondents_per_node, k)


def times_hidden(
    earlier: Iterable[tuple[Mapping[str, str | None], Mapping[str, int], Iterable[str], int]],
) -> dict[str, int]:
    """For rule 3's tie-break: in how many of the programme's earlier closed rounds each node was
    hidden. Choice: a node counts as hidden in a round when its subtree had at least that round's k
    respondents and it was not shown – hidden for another's sake (rule 3), the case the tie-break is
    about. `earlier` holds (frozen tree, respondents per stored group, shown nodes, k) per round."""
    hidden: dict[str, int] = {}
    for parent_of, respondents, shown, k in earlier:
        totals = Tree(parent_of).subtree_sums({n: c for n, c in respondents.items() if n in parent_of})
        shown_set = set(shown)
        for node, total in totals.items():
            if total >= k and node not in shown_set:
                hidden[node] = hidden.get(node, 0) + 1
    return hidden


def decide_shown_nodes(
    parent_of: Mapping[str, str | None],
    respondents_per_node: Mapping[str, int],
    k: int,
    hidden_before: Mapping[str, int] | None = None,
) -> frozenset[str]:
    """Rules 2 and 3 through the one gate (`disclosure.suppress_complements` with `AtLeastK(k)`): a node
    with at least k respondents is shown unless, for some shown node, the respondents inside it but
    outside its nearest shown descendants are between 1 and k − 1; then, among those descendants, the
    one with the fewest respondents is hidden – tie: the one hidden in fewer of the programme's earlier
    rounds (`hidden_before`, see `times_hidden`), then the lowest unit id – and the check repeats.
    Decided once, at close, for the whole frozen tree, the same for every viewer (rule 4)."""
    rule = AtLeastK(check_k(k))
    tree = Tree(parent_of)
    tree.subtree_sums(respondents_per_node, "reporting nodes")  # refuses unknown nodes and negatives
    counts = hidden_before or {}
    decision = suppress_complements(
        tree, dict(respondents_per_node), rule, tie_break=lambda node: counts.get(node, 0)
    )
    return decision.shown


def respondents_in_subtrees(
    parent_of: Mapping[str, str | None], respondents_per_node: Mapping[str, int]
) -> dict[str, int]:
    """Each node's respondents: the sum over its subtree of the answers stored per reporting node."""
    return Tree(parent_of).subtree_sums(respondents_per_node, "reporting nodes")


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


def free_text_listing(
    parent_of: Mapping[str, str | None],
    shown: Iterable[str],
    respondents_per_node: Mapping[str, int],
    min_respondents: int = FREE_TEXT_MIN_RESPONDENTS,
) -> dict[str, str | None]:
    """Rule 5: each reporting node → the one shown node its respondents' comments are listed under, or
    None (never shown). Pooled bottom-up like rule 1: a shown node lists the comments of the respondents
    inside it that no shown node below it lists – only when those respondents (its own comment pool,
    not its whole subtree) number at least `min_respondents`; a smaller pool passes to the next shown
    ancestor, and one that reaches the top below the threshold, or that has no shown node above it,
    is not shown at all. `respondents_per_node` counts respondents per stored group."""
    if min_respondents < FREE_TEXT_MIN_RESPONDENTS:
        raise ValueError(f"free text needs at least {FREE_TEXT_MIN_RESPONDENTS} respondents")
    tree = Tree(parent_of)
    tree.check_nodes(respondents_per_node, "reporting nodes")
    shown_set = set(shown)
    tree.check_nodes(shown_set, "shown nodes")
    pending: dict[str, list[str]] = {node: [] for node in tree.order}  # groups a node passes up
    listing: dict[str, str | None] = {}
    for node in reversed(tree.order):  # children before parents
        groups = [node] if node in respondents_per_node else []
        for kid in tree.children[node]:
            groups.extend(pending[kid])
        if node in shown_set and sum(respondents_per_node[g] for g in groups) >= min_respondents:
            listing.update(dict.fromkeys(groups, node))
        elif tree.parent_of[node] is None:
            listing.update(dict.fromkeys(groups))
        else:
            pending[node] = groups
    return listing


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

    Choices (the definition is silent): a name joined by hyphens is masked whole and each of its parts on its
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
    """The early signal for `current` (docs/definitions.md): only if the node is shown now, against the last
    three earlier SHOWN rounds that asked exactly the same statements of the dimension. `history` is oldest
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


def shown_after_repooling(
    parent_of: Mapping[str, str | None],
    stored_at: Mapping[str, str],
    respondents_after: Mapping[str, int],
    shown_before: Iterable[str],
    k: int,
) -> frozenset[str]:
    """The shown nodes of a round closed under the old rules, once its answers were re-pooled
    (`stored_at`: old reporting node → new one). Nothing shows more than before: a node whose members
    did not change keeps exactly its figure; a node that lost members shows the re-pooled figure only
    if it still has k respondents and rule 3 holds, else nothing. Rule 3 is settled top-down as in
    `decide_shown_nodes`, hiding changed nodes first (fewest respondents, then lowest id); an unchanged
    node is hidden only if no changed one is left to hide (which the old decision makes impossible:
    moves inside an unchanged node's remainder leave it as it was)."""
    rule = AtLeastK(check_k(k))
    tree = Tree(parent_of)
    changed: set[str] = set()
    for old, new in stored_at.items():
        if old != new:
            for node in tree.ancestors_or_self(old):
                if node == new:
                    break
                changed.add(node)
    totals = tree.subtree_sums(respondents_after, "reporting nodes")
    shown = {n for n in shown_before if n in tree and (n not in changed or rule.passes(totals[n]))}
    for node in tree.order:
        if node not in shown:
            continue
        while True:
            nearest = tree.nearest_marked_below(node, shown)
            remainder = totals[node] - sum(totals[d] for d in nearest)
            if remainder == 0 or remainder >= k or not nearest:
                break
            shown.discard(min(nearest, key=lambda d: (d not in changed, totals[d], d)))
    return frozenset(shown)
