"""A round's stored answers → the disclosure gate → what one viewer may see (docs/definitions.md "Pulse").

The only path by which pulse figures leave the database: the command (`kasam pulse results`) and the
pages read them here. Which nodes are shown was decided once, at close (`Round.shown_nodes`, rule 4);
this module never recomputes it. Figures are computed for the shown nodes only, with the gate's own
functions (`subtree_members`, `node_results`); a hidden node carries nothing but its place in the
tree. Every viewer, whatever the role, gets the same shown nodes cut to the scope of their role
assignments (Capability.VIEW_PULSE) – no role sees anything unsuppressed.

A closed round's gated results are stored at close, one `NodeResult` row per shown node
(kasam.pulse.stored, docs/architecture.md "Caches"): for such a round `load_round` and `node_history`
read only the rows they need instead of grouping the round's answers; the computation from answers
stays for rounds without stored rows and to compute the rows themselves. An open round's live response
counts are held for at most a minute (`generations.cached("pulse-live", …)`).

Choices (the definition is silent):
- The self-rated health question is reported as the dimension `halsa` beside the six dimensions: its
  index on 0–100 and, as `favourable_pct`, the share "good or better" (4–5).
- A round that is not closed releases no results; pages show only its response rate ("live").
"""

import random
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import chain, repeat

from django.db.models import Count, Exists, OuterRef

from kasam.core import generations
from kasam.metrics import anonymity
from kasam.metrics.pulse import (
    DimensionResult,
    ValueCounts,
    comparable_indices,
    node_item_counts,
    node_results,
)
from kasam.org import staff_names
from kasam.org.access import units_for
from kasam.org.roles import Capability
from kasam.pulse import question_bank
from kasam.pulse.models import Answer, FreeText, Invitation, NodeResult, Participation, Round

HEALTH = question_bank.HEALTH_ID
LIVE_SECONDS = 60  # an open round's response counts are at most this old (docs/architecture.md "Caches")
# A round's big JSON fields, left unread where only its identity, dates and statements are needed.
HEAVY_FIELDS = ("tree", "counts", "answer_counts", "shown_nodes")
DIMENSION_ORDER = (*question_bank.DIMENSION_IDS, HEALTH)


def question_dimensions(statement_ids: Iterable[str]) -> dict[str, str]:
    """statement id → dimension (the health question → `halsa`); unknown ids are left out."""
    result = {}
    for statement_id in statement_ids:
        try:
            result[statement_id] = question_bank.get(statement_id).dimension
        except KeyError:
            continue
    return result


def tree_order(parent_of: Mapping[str, str | None]) -> list[str]:
    """The frozen tree's nodes depth first, children by id: a parent before its subtree."""
    children: dict[str | None, list[str]] = defaultdict(list)
    for node, parent in parent_of.items():
        children[parent if parent in parent_of else None].append(node)
    order: list[str] = []
    stack = sorted(children[None], reverse=True)
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(sorted(children[node], reverse=True))
    return order


def pulse_units(user):
    """The units whose pulse results the user may see (the subtrees of their assignments)."""
    return units_for(user, Capability.VIEW_PULSE)


def pulse_scope(user) -> set[str]:
    return set(pulse_units(user).values_list("pk", flat=True))


# ------------------------------------------------------------------------------------------ loading


def _answer_counts(round_ids: Iterable[int], nodes: Iterable[str] | None = None):
    """{round id: [(reporting node, statement, value)] × count}, grouped in the database – or, for a
    round whose raw answers are past their retention, as kept in `Round.answer_counts`."""
    round_ids = list(round_ids)
    nodes = None if nodes is None else set(nodes)
    grouped: dict[int, list] = defaultdict(list)
    kept = Round.objects.filter(pk__in=round_ids, answer_counts__isnull=False)
    for round_id, counted in kept.values_list("pk", "answer_counts"):
        grouped[round_id] = [
            ((node, statement, value), n)
            for node, statement, value, n in counted
            if nodes is None or node in nodes
        ]
    rows = Answer.objects.filter(round_id__in=[pk for pk in round_ids if pk not in grouped])
    if nodes is not None:
        rows = rows.filter(reporting_node__in=nodes)
    for round_id, node, statement, value, n in (
        rows.values_list("round_id", "reporting_node", "statement_id", "value")
        .annotate(n=Count("id"))
        .order_by()
    ):
        grouped[round_id].append(((node, statement, value), n))
    return grouped


def answer_counts_to_keep(round: Round) -> list[list]:
    """A round's answers as `Round.answer_counts` keeps them once the raw rows are deleted."""
    counted = _answer_counts([round.pk]).get(round.pk, [])
    return sorted([node, statement, value, n] for (node, statement, value), n in counted)


def _expand(counted) -> Iterable[tuple[str, str, int]]:
    return chain.from_iterable(repeat(key, n) for key, n in counted)


def per_node_counts(round_ids: Iterable[int], nodes: Iterable[str] | None = None):
    """{round id: ({reporting node: respondents}, {reporting node: invited})} of open rounds (a closed
    round has no participation rows: its counts are in `Round.counts`)."""
    invitations = Invitation.objects.filter(round_id__in=list(round_ids))
    if nodes is not None:
        invitations = invitations.filter(reporting_node__in=list(nodes))
    answered = Participation.objects.filter(round_id=OuterRef("round_id"), person_id=OuterRef("person_id"))
    result: dict[int, tuple[dict, dict]] = defaultdict(lambda: ({}, {}))
    for round_id, node, has_answered, n in (
        invitations.annotate(has_answered=Exists(answered))
        .values_list("round_id", "reporting_node", "has_answered")
        .annotate(n=Count("id"))
        .order_by()
    ):
        respondents, invited = result[round_id]
        invited[node] = invited.get(node, 0) + n
        if has_answered:
            respondents[node] = respondents.get(node, 0) + n
    return result


# ------------------------------------------------------------------------------ which rounds


def _round_index() -> list[tuple[int, str, frozenset[str]]]:
    """(round id, status, the units of its frozen tree) of every open and closed round, latest first;
    rounds over the same tree share one set."""
    sets: dict[frozenset[str], frozenset[str]] = {}
    index = []
    for pk, status, tree in (
        Round.objects.filter(status__in=[Round.Status.OPEN, Round.Status.CLOSED])
        .order_by("-closes_on", "-pk")
        .values_list("pk", "status", "tree")
    ):
        units = frozenset(tree or {})
        index.append((pk, status, sets.setdefault(units, units)))
    return index


def latest_round(scope: Iterable[str], status: str) -> Round | None:
    """The latest round of the given status (open or closed) whose frozen tree meets the scope. Which
    rounds there are, and a closed one's row, are held per process until the pulse data changes (a
    round planned, opened or closed: kasam.core.generations); the row is shared: read it, never
    change it."""
    scope = set(scope)
    if not scope:
        return None
    for pk, round_status, units in generations.cached("pulse", "rounds", _round_index):
        if round_status == status and not units.isdisjoint(scope):
            if status != Round.Status.CLOSED:
                return _round(pk)
            # A closed round never changes: its row (with the frozen tree) is held as well.
            return generations.cached("pulse", ("round", pk), lambda pk=pk: _round(pk))
    return None


def _round(pk: int) -> Round | None:
    return Round.objects.select_related("programme").defer("answer_counts").filter(pk=pk).first()


def previous_shown(round: Round, unit_id: str) -> Round | None:
    """The programme's latest closed round before `round` in which the node was shown."""
    earlier = Round.objects.filter(
        programme_id=round.programme_id, status=Round.Status.CLOSED, number__lt=round.number
    )
    best = (
        NodeResult.objects.filter(unit_id=unit_id, round__in=earlier.filter(results_stored=True))
        .order_by("-round__number")
        .values_list("round__number", flat=True)
        .first()
    )
    unstored = earlier.filter(results_stored=False, number__gt=best or 0).defer("answer_counts")
    for candidate in unstored.order_by("-number"):
        if unit_id in (candidate.shown_nodes or []):
            return candidate
    return earlier.defer(*HEAVY_FIELDS).filter(number=best).first() if best is not None else None


# ------------------------------------------------------------------------------ levels of the tree


def children_in(parent_of: Mapping[str, str | None]) -> dict[str | None, list[str]]:
    """{node: its children in the tree, by id}; the roots under None."""
    children: dict[str | None, list[str]] = defaultdict(list)
    for node, parent in parent_of.items():
        children[parent if parent in parent_of else None].append(node)
    for kids in children.values():
        kids.sort()
    return children


def scope_level(
    parent_of: Mapping[str, str | None], scope: set[str], focus: str | None = None
) -> list[tuple[str, list[str]]]:
    """One level of the tree for a viewer: [(top node, its children in the scope)] – the given `focus`
    node, or the roots of the scope in the tree (nodes whose parent is outside it), in tree order."""
    inside = scope & parent_of.keys()
    if focus is not None:
        tops = [focus] if focus in inside else []
    else:
        tops = _in_tree_order(parent_of, {node for node in inside if parent_of[node] not in inside})
    children = children_in(parent_of)
    return [(top, [kid for kid in children.get(top, []) if kid in inside]) for top in tops]


def path_in(parent_of: Mapping[str, str | None], node: str, scope: set[str]) -> list[str]:
    """The nodes above `node` inside the scope, topmost first (a breadcrumb)."""
    above = []
    parent = parent_of.get(node)
    while parent is not None and parent in scope and parent not in above:
        above.append(parent)
        parent = parent_of.get(parent)
    return above[::-1]


# ------------------------------------------------------------------------------------- one round


@dataclass
class RoundResults:
    """One round through the gate, for every viewer alike: the shown nodes and their figures. Hidden
    nodes appear in `tree` only. For a round whose results are stored, `release.results` holds the
    figures of the nodes read so far (those asked for by `load_round`'s `nodes`, or `read` later)."""

    round: Round
    release: anonymity.RoundRelease
    respondents_own: dict[str, int]  # per stored group – used by the gate's free-text rule only
    invited: dict[str, int]  # per subtree – for the gated response rate
    answered: dict[str, int]  # per subtree – for the gated response rate
    item_counts: dict[str, dict[str, ValueCounts]] = field(default_factory=dict)
    # The round's answers grouped by (reporting node, statement, value) with their counts, when read.
    counted: list | None = None
    # Stored rounds: the item scores of the shown nodes read so far.
    stored_items: dict[str, dict[str, float | None]] | None = None

    @property
    def tree(self) -> dict[str, str | None]:
        return self.round.tree

    def response_rate(self, node: str) -> int | None:
        """The response rate in percent (rounded to 5) or None when fewer than k were invited."""
        return anonymity.response_rate_shown(
            self.invited.get(node, 0), self.answered.get(node, 0), self.round.k or anonymity.PULSE_K_DEFAULT
        )

    def read(self, nodes: Iterable[str]) -> None:
        """Make sure the stored figures of these nodes (the shown ones among them) are in the release."""
        if self.stored_items is None:
            return
        missing = (set(nodes) & self.release.shown) - self.stored_items.keys()
        if missing:
            dimensions, items = _stored_figures(self.round, missing)
            self.release.results.update(dimensions)
            self.stored_items.update(items)

    def item_scores(self, node: str) -> dict[str, float | None]:
        """A shown node's score per statement (for comparisons over common statements); {} if hidden."""
        if node not in self.release.shown:
            return {}
        if self.stored_items is not None:
            self.read([node])
            return dict(self.stored_items.get(node, {}))
        if node not in self.item_counts:
            members = anonymity.subtree_members(self.tree, [node])
            if self.counted is not None:
                inside = members[node]
                rows = [(key, n) for key, n in self.counted if key[0] in inside]
            else:
                rows = _answer_counts([self.round.pk], members[node]).get(self.round.pk, [])
            answers = _expand(rows)
            self.item_counts.update(node_item_counts(answers, members))
        return {statement: counts.score for statement, counts in self.item_counts[node].items()}


def _own_counts(round: Round) -> tuple[dict[str, int], dict[str, int]]:
    """(respondents, invited) per reporting node: frozen at close (per stored group, the participation
    rows being gone), counted from the participation rows while the round runs."""
    if round.status == Round.Status.CLOSED and round.counts is not None:
        invited = {node: pair[0] for node, pair in round.counts.items()}
        return {node: pair[1] for node, pair in round.counts.items() if pair[1]}, invited
    return per_node_counts([round.pk]).get(round.pk, ({}, {}))


@dataclass(frozen=True)
class _Counts:
    """A round's counts in its frozen tree: per stored group, and summed over each node's subtree."""

    respondents_own: dict[str, int]
    invited: dict[str, int]
    answered: dict[str, int]


def _counts(round: Round) -> _Counts:
    tree = round.tree or {}
    respondents_own, invited_own = _own_counts(round)
    respondents_own = {node: n for node, n in respondents_own.items() if node in tree}
    invited_own = {node: n for node, n in invited_own.items() if node in tree}
    invited = anonymity.respondents_in_subtrees(tree, invited_own) if tree else {}
    answered = anonymity.respondents_in_subtrees(tree, respondents_own) if tree else {}
    return _Counts(respondents_own, invited, answered)


def round_counts(round: Round) -> _Counts:
    """The round's counts, held per process (kasam.core.generations): an open round's live counts (the
    invitations against the participations) for at most LIVE_SECONDS; a closed round's, summed from
    its frozen counts, until the pulse data changes."""
    if round.status == Round.Status.OPEN:
        return generations.cached("pulse-live", round.pk, lambda: _counts(round), timeout=LIVE_SECONDS)
    if round.status == Round.Status.CLOSED and round.counts is not None and round.pk is not None:
        return generations.cached("pulse", ("counts", round.pk), lambda: _counts(round))
    return _counts(round)


def _stored_figures(round: Round, nodes: Iterable[str] | None):
    """({node: {dimension: DimensionResult}}, {node: {statement: item score}}) of a stored round, for
    `nodes` (every shown node when None)."""
    rows = NodeResult.objects.filter(round=round)
    if nodes is not None:
        rows = rows.filter(unit_id__in=list(nodes))
    dimensions, items = {}, {}
    for unit_id, stored_dimensions, item_scores in rows.values_list("unit_id", "dimensions", "item_scores"):
        # In DIMENSION_ORDER, as computed ones are: PostgreSQL's jsonb keeps a dict's keys sorted.
        dimensions[unit_id] = _ordered(
            {
                name: DimensionResult(index, favourable)
                for name, (index, favourable) in stored_dimensions.items()
            }
        )
        items[unit_id] = item_scores
    return dimensions, items


def load_round(round: Round, figures: bool = True, nodes: Iterable[str] | None = None) -> RoundResults:
    """Read a round's stored answers and counts and pass them through the gate. For a round that is
    not closed the release is empty (results appear at close); its response rates are still there.
    Without `figures` only the counts are read (shown nodes, respondents, response rates). For a round
    whose results are stored, `nodes` limits the figures read to those nodes (a page reads the rows it
    shows; `RoundResults.read` adds more); a computed round has every shown node's figures."""
    unread = round.get_deferred_fields() & {"tree", "counts", "shown_nodes", "k", "status"}
    if unread:
        round.refresh_from_db(fields=sorted(unread))
    counts = round_counts(round)
    tree = round.tree or {}
    respondents_own, invited, answered = counts.respondents_own, counts.invited, counts.answered
    if round.status != Round.Status.CLOSED or round.shown_nodes is None:
        release = anonymity.RoundRelease(shown=frozenset(), respondents={}, results={})
        return RoundResults(round, release, respondents_own, invited, answered)
    shown = frozenset(round.shown_nodes) & tree.keys()
    respondents = {node: answered.get(node, 0) for node in shown}
    if round.results_stored:
        release = anonymity.RoundRelease(shown=shown, respondents=respondents, results={})
        loaded = RoundResults(round, release, respondents_own, invited, answered, stored_items={})
        if figures:
            loaded.read(shown if nodes is None else nodes)
        return loaded
    members = anonymity.subtree_members(tree, shown)
    counted = _answer_counts([round.pk]).get(round.pk, []) if figures else None
    answers = _expand(counted or [])
    release = anonymity.RoundRelease(
        shown=shown,
        respondents=respondents,
        results=node_results(answers, members, question_dimensions(round.statement_ids)) if figures else {},
    )
    return RoundResults(round, release, respondents_own, invited, answered, counted=counted)


@dataclass(frozen=True)
class NodeView:
    """One node as a viewer sees it: figures only when shown."""

    unit: str
    parent: str | None
    shown: bool
    respondents: int | None
    dimensions: dict[str, DimensionResult]
    response_rate: int | None

    def as_json(self) -> dict:
        return {
            "unit": self.unit,
            "parent": self.parent,
            "respondents": self.respondents,
            "shown": self.shown,
            "dimensions": {
                name: {"index": round(result.index, 2), "favourable_pct": round(result.favourable_pct, 2)}
                for name, result in self.dimensions.items()
                if result.index is not None and result.favourable_pct is not None
            },
        }


def _ordered(dimensions: Mapping[str, DimensionResult]) -> dict[str, DimensionResult]:
    rank = {name: i for i, name in enumerate(DIMENSION_ORDER)}
    return {name: dimensions[name] for name in sorted(dimensions, key=lambda n: (rank.get(n, 99), n))}


def viewer_nodes(
    results: RoundResults, scope: set[str], units: Iterable[str] | None = None
) -> list[NodeView]:
    """The nodes of the round's frozen tree inside the viewer's scope (and among `units`, if given),
    parent before subtree; figures for the shown ones only (rule 4: the same shown nodes for everyone,
    cut to the scope)."""
    wanted = scope if units is None else set(units) & scope
    results.read(wanted)
    visible = results.release.for_viewer(wanted)
    nodes = []
    for node in tree_order(results.tree) if units is None else _in_tree_order(results.tree, wanted):
        if node not in wanted:
            continue
        shown = node in visible
        nodes.append(
            NodeView(
                unit=node,
                parent=results.tree[node],
                shown=shown,
                respondents=results.release.respondents[node] if shown else None,
                dimensions=_ordered(results.release.results.get(node, {})) if shown else {},
                response_rate=results.response_rate(node),
            )
        )
    return nodes


def _in_tree_order(parent_of: Mapping[str, str | None], nodes: set[str]) -> list[str]:
    """`nodes` of the tree in `tree_order`'s order, without ordering the whole tree: by the path of ids
    from the root."""

    def path(node: str) -> list[str]:
        steps = []
        while node is not None and node in parent_of:
            steps.append(node)
            node = parent_of[node]
        return steps[::-1]

    return sorted((node for node in nodes if node in parent_of), key=path)


def nearest_shown(results: RoundResults, unit_id: str) -> str | None:
    """The nearest shown node above `unit_id` in the round's frozen tree (docs/anonymity.md: an
    employee whose own group is hidden sees the unit it is part of), or None."""
    tree = results.tree
    node = tree.get(unit_id)
    while node is not None and node not in results.release.shown:
        node = tree.get(node)
    return node


def viewer_json(round: Round, user) -> list[dict]:
    """`kasam pulse results --as`: exactly what the user would see of a closed round ([] otherwise)."""
    if round.status != Round.Status.CLOSED:
        return []
    return [node.as_json() for node in viewer_nodes(load_round(round), pulse_scope(user))]


# -------------------------------------------------------------------------------- free text


def staff_masker():
    """The name masker over every staff name, rebuilt only when the names may have changed."""
    return staff_names.derived_from_names("pulse-comment-masker", anonymity.name_masker)


def comment_listing(results: RoundResults) -> dict[str, str | None]:
    """Rule 5's placement of the round's comments: reporting node → the shown node its comments are
    listed under, or None (kasam.metrics.anonymity.free_text_listing). A closed round's is held per
    process until the pulse data changes (kasam.core.generations): its tree, shown nodes and counts
    are frozen."""

    def listing() -> dict[str, str | None]:
        return anonymity.free_text_listing(results.tree, results.release.shown, results.respondents_own)

    if results.round.status == Round.Status.CLOSED and results.round.pk is not None:
        return generations.cached("pulse", ("comment-listing", results.round.pk), listing)
    return listing()


def comment_sample(
    results: RoundResults, visible: set[str], limit: int | None = None, rng=None
) -> dict[str, tuple[list[str], int]]:
    """The round's free-text answers the viewer may read, per node (rule 5): pooled bottom-up over the
    shown nodes, each comment listed under the lowest shown node whose own comment pool holds at least
    10 respondents (`comment_listing`), and only when that node is visible; in random order, at most
    `limit` per node (None: all), names masked (one masker for the round). {node: (texts, how many
    are listed there in all)}."""
    if not results.release.shown or not visible:
        return {}
    listing = comment_listing(results)
    writers = sorted(writer for writer, node in listing.items() if node is not None and node in visible)
    if not writers:
        return {}
    placed: dict[str, list[str]] = defaultdict(list)
    texts = FreeText.objects.filter(round=results.round, reporting_node__in=writers)
    for writer, text in texts.values_list("reporting_node", "text"):
        placed[listing[writer]].append(text)
    if not placed:
        return {}
    mask = staff_masker()
    rng = rng or random.SystemRandom()
    released = {}
    for node, texts in placed.items():
        if limit is None:
            rng.shuffle(texts)
            drawn = texts
        else:
            drawn = rng.sample(texts, min(limit, len(texts)))
        released[node] = ([mask(text) for text in drawn], len(texts))
    return released


def comments(results: RoundResults, visible: set[str], rng=None) -> dict[str, list[str]]:
    """Every comment the viewer may read of the round, per node (`comment_sample` without a limit)."""
    return {node: texts for node, (texts, _total) in comment_sample(results, visible, None, rng).items()}


# ---------------------------------------------------------------------------- several rounds


@dataclass(frozen=True)
class RoundPoint:
    """One closed round of one node: its figures only when the node was shown (rule 4)."""

    round: Round
    shown: bool
    dimensions: dict[str, DimensionResult]
    item_scores: dict[str, float | None]


def closed_rounds_with(unit_id: str) -> list[Round]:
    """The closed rounds whose frozen tree holds the unit, oldest first (their big JSON fields are read
    only if used)."""
    return list(
        Round.objects.filter(status=Round.Status.CLOSED, tree__has_key=unit_id)
        .defer(*HEAVY_FIELDS)
        .order_by("closes_on", "programme_id", "number")
    )


def node_history(unit_id: str, rounds: list[Round]) -> list[RoundPoint]:
    """The unit's figures over `rounds` (closed, oldest first): for a round with stored results its row
    (none: the node was hidden), for another computed only when the node was shown; the rounds in which
    it was hidden are points without figures."""
    stored = {
        round_id: (dimensions, items)
        for round_id, dimensions, items in NodeResult.objects.filter(
            unit_id=unit_id, round_id__in=[r.pk for r in rounds if r.results_stored]
        ).values_list("round_id", "dimensions", "item_scores")
    }
    computed = _computed_history(unit_id, [r for r in rounds if not r.results_stored])
    points = []
    for r in rounds:
        if r.pk in stored:
            dimensions, items = stored[r.pk]
            figures = {name: DimensionResult(*pair) for name, pair in dimensions.items()}
            points.append(RoundPoint(r, True, _ordered(figures), items))
        elif r.pk in computed:
            points.append(computed[r.pk])
        else:
            points.append(RoundPoint(r, False, {}, {}))
    return points


def histories(unit_ids: Iterable[str]) -> dict[str, list[RoundPoint]]:
    """`node_history(unit, closed_rounds_with(unit))` of many units at once, for a page that lists them
    (the home pages): which closed rounds hold each unit is read from the held index of rounds, the
    rounds' rows in one query and their stored results in one more. A round without stored results
    (older than the stored rows) is computed as node_history computes it."""
    wanted = set(unit_ids)
    holding = {
        pk: units & wanted
        for pk, status, units in generations.cached("pulse", "rounds", _round_index)
        if status == Round.Status.CLOSED and not units.isdisjoint(wanted)
    }
    found: dict[str, list[RoundPoint]] = {unit: [] for unit in wanted}
    if not holding:
        return found
    rounds = list(
        Round.objects.filter(pk__in=list(holding))
        .defer(*HEAVY_FIELDS)
        .order_by("closes_on", "programme_id", "number")
    )
    stored: dict[tuple[int, str], tuple[dict, dict]] = {
        (round_id, unit): (dimensions, items)
        for round_id, unit, dimensions, items in NodeResult.objects.filter(
            unit_id__in=list(wanted), round_id__in=[r.pk for r in rounds if r.results_stored]
        ).values_list("round_id", "unit_id", "dimensions", "item_scores")
    }
    for unit in wanted:
        own = [r for r in rounds if unit in holding[r.pk]]
        computed = _computed_history(unit, [r for r in own if not r.results_stored])
        for r in own:
            if (r.pk, unit) in stored:
                dimensions, items = stored[(r.pk, unit)]
                figures = {name: DimensionResult(*pair) for name, pair in dimensions.items()}
                found[unit].append(RoundPoint(r, True, _ordered(figures), items))
            elif r.pk in computed:
                found[unit].append(computed[r.pk])
            else:
                found[unit].append(RoundPoint(r, False, {}, {}))
    return found


def _computed_history(unit_id: str, rounds: list[Round]) -> dict[int, RoundPoint]:
    """The unit's figures computed from the answers of the rounds (without stored results) in which it
    was shown."""
    shown_rounds = [r for r in rounds if unit_id in (r.shown_nodes or [])]
    members = {r.pk: anonymity.subtree_members(r.tree, [unit_id])[unit_id] for r in shown_rounds}
    all_members = set().union(*members.values()) if members else set()
    counted = _answer_counts([r.pk for r in shown_rounds], all_members) if shown_rounds else {}
    points = {}
    for r in shown_rounds:
        answers = [(key, n) for key, n in counted.get(r.pk, []) if key[0] in members[r.pk]]
        items = node_item_counts(_expand(answers), {unit_id: members[r.pk]})[unit_id]
        dims = node_results(_expand(answers), {unit_id: members[r.pk]}, question_dimensions(r.statement_ids))
        points[r.pk] = RoundPoint(
            r,
            True,
            _ordered(dims[unit_id]),
            {statement: counts.score for statement, counts in items.items()},
        )
    return points


def dimension_statements(statement_ids: Iterable[str], dimension: str) -> frozenset[str]:
    dims = question_dimensions(statement_ids)
    return frozenset(s for s, d in dims.items() if d == dimension)


def early_signals(points: list[RoundPoint]) -> list[str]:
    """The dimensions with an early signal in the last round of `points` (docs/definitions.md): a drop of at
    least 10 points against the mean of the last three earlier shown rounds that asked the same statements."""
    if not points or not points[-1].shown:
        return []
    *earlier, current = points
    signals = []
    for dimension, result in current.dimensions.items():
        statements = dimension_statements(current.round.statement_ids, dimension)
        history = [
            anonymity.RoundFigure(
                str(p.round.pk),
                p.shown,
                p.dimensions[dimension].index if dimension in p.dimensions else None,
                dimension_statements(p.round.statement_ids, dimension),
            )
            for p in earlier
        ]
        now = anonymity.RoundFigure(str(current.round.pk), True, result.index, statements)
        if anonymity.signal_from_history(history, now):
            signals.append(dimension)
    return signals


def improvements(current: Mapping[str, float | None], previous: Mapping[str, float | None]) -> list[tuple]:
    """(dimension, change in points) over the statements asked in both rounds, largest rise first;
    only rises that show as at least +0.1 at the one decimal the pages give (+0.0 is no rise)."""
    found = []
    for dimension in DIMENSION_ORDER:
        now = {s: v for s, v in current.items() if question_dimensions([s]).get(s) == dimension}
        before = {s: v for s, v in previous.items() if question_dimensions([s]).get(s) == dimension}
        a, b = comparable_indices(now, before)
        if a is not None and b is not None and round(a - b, 1) > 0:
            found.append((dimension, a - b))
    return sorted(found, key=lambda pair: -pair[1])
