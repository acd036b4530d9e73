"""A survey's stored counts → the disclosure gate → what a viewer may see (docs/definitions.md "Employee
survey", ADR 009). The only path by which survey figures leave the database: the pages, the export,
the health plan's snapshot and the targets read them here.

- `load_survey` reads the survey's stored cells (per reporting group and gender cell), its tree as it
  stood at import and the decision made then (which nodes, items and splits are shown), and computes
  the figures with kasam.metrics.survey.survey_figures. Nothing is decided again on today's tree: a
  unit moved since changes no figure. k is the survey's own.
- Every role sees the same gated figures (Capability.VIEW_SURVEY over its scope); there is no
  unsuppressed survey view. A viewer sees the units of their scope and the organisation as a whole
  (the comparison of the gap analysis).
- Choice: a hidden node shows no figure and NOT its number of respondents either (`Row.respondents`
  is None) – "too few answers to show" is all a page, export or snapshot says of it. A shown node's
  respondents are shown.
- Gender splits: shown only where the stored decision says so (kasam.metrics.survey.split_figures);
  a suppressed split has no group figures anywhere.
- The previous survey of a survey is the latest one of an earlier year (tie: the latest imported).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext_lazy as _

from kasam.core import generations
from kasam.metrics.disclosure import Tree
from kasam.metrics.survey.gaps import GapRow, gap_analysis
from kasam.metrics.survey.gate import SurveyDecision
from kasam.metrics.survey.indices import hidden_figures
from kasam.metrics.survey.items import HME_SUBINDICES, INDEX_ITEMS, ORGANISATION
from kasam.metrics.survey.pooling import ALL, GENDERS
from kasam.metrics.survey.results import SurveyResults, survey_figures
from kasam.metrics.survey.splits import split_figures
from kasam.metrics.survey.tree import gate_tree, tree_order
from kasam.org.access import units_for
from kasam.org.models import Unit
from kasam.org.roles import Capability
from kasam.survey.models import Distribution, NodeFigures, Survey, UnitRespondents
from kasam.survey.stored import figures_of

# The large frozen fields a page reads only through the stored figures (loaded when touched).
FROZEN = ("tree", "decision", "report")
GROUP_LABELS = {"K": _("Women"), "M": _("Men"), "": _("Other or not stated")}


def survey_units(user):
    """The units whose survey figures the user may see (the subtrees of their assignments)."""
    return units_for(user, Capability.VIEW_SURVEY)


def latest_survey(year: int | None = None) -> Survey | None:
    """The latest survey (of `year` or before, when given)."""
    surveys = Survey.objects.defer(*FROZEN).order_by("-year", "-imported_at", "-pk")
    if year is not None:
        surveys = surveys.filter(year__lte=year)
    return surveys.first()


def previous_survey(survey: Survey) -> Survey | None:
    return latest_survey(survey.year - 1)


@dataclass
class Row:
    """One node as a page shows it; everything but the name and level is None when hidden."""

    unit_id: str
    name: str
    level: int
    shown: bool
    respondents: int | None
    hme: dict = field(default_factory=dict)
    nmi: float | None = None
    enps: float | None = None

    @property
    def total(self) -> float | None:
        return self.hme.get("total")

    @property
    def subindices(self) -> list[tuple[str, float | None]]:
        return [(name, self.hme.get(name)) for name in HME_SUBINDICES]


def _row(unit_id: str, name: str, level: int, figures: dict) -> Row:
    if not figures["shown"]:
        return Row(unit_id, name, level, False, None, dict.fromkeys(figures["hme"]))
    return Row(
        unit_id,
        name,
        level,
        True,
        figures["respondents"],
        dict(figures["hme"]),
        figures["nmi"],
        figures["enps"],
    )


def stored_cells(survey: Survey, units: list[str] | None = None) -> dict[str, dict[str, tuple[int, dict]]]:
    """The survey's stored cells: {group node: {gender: (respondents, {item: {value: answers}})}}, the
    organisation node "" for a group stored without a unit. Only those of `units` when given."""
    respondents = UnitRespondents.objects.filter(survey=survey)
    distributions = Distribution.objects.filter(survey=survey)
    if units is not None:
        respondents, distributions = respondents.filter(unit__in=units), distributions.filter(unit__in=units)
    cells: dict = defaultdict(dict)
    for unit, gender, n in respondents.values_list("unit_id", "gender", "respondents"):
        cells[unit or ORGANISATION][gender] = (n, defaultdict(dict))
    for unit, gender, item, value, n in distributions.values_list(
        "unit_id", "gender", "item", "value", "count"
    ):
        cells[unit or ORGANISATION][gender][1][item][value] = n
    return dict(cells)


def unit_items(survey: Survey, unit_id: str) -> dict[str, float | None] | None:
    """The unit's item indices in `survey` when the survey shows it, else None – read from the cells
    of the unit's subtree in the survey's tree only (a unit's figures are over its subtree), for the
    change since the previous survey on a unit's page."""
    decision = SurveyDecision.from_json(survey.decision)
    if unit_id not in decision.shown or unit_id not in survey.tree:
        return None
    parent_of = dict(survey.tree)
    cells = stored_cells(survey, gate_tree(parent_of).subtree(unit_id))
    return survey_figures(parent_of, cells, decision, k=survey.k).items.get(unit_id)


class LoadedSurvey:
    """One survey as stored: its frozen tree, its stored cells and its stored decision, the same for
    every viewer. Nothing here decides what is shown."""

    def __init__(self, survey: Survey):
        self.survey = survey
        self.parent_of: dict[str, str | None] = dict(survey.tree)
        self.names = dict(Unit.objects.filter(pk__in=list(self.parent_of)).values_list("pk", "name"))
        self.cells = stored_cells(survey)
        self.decision = SurveyDecision.from_json(survey.decision)
        self.results: SurveyResults = survey_figures(self.parent_of, self.cells, self.decision, k=survey.k)

    # --------------------------------------------------------------------------------- the table

    def organisation_row(self) -> Row:
        return _row(ORGANISATION, str(_("The whole organisation")), 0, self.results.organisation)

    def unit_row(self, unit_id: str, level: int = 0) -> Row:
        """A unit outside the survey's tree (created since) has no figures: a hidden row."""
        figures = self.results.units.get(unit_id) or hidden_figures(0)
        name = (
            self.names.get(unit_id) or Unit.objects.filter(pk=unit_id).values_list("name", flat=True).first()
        )
        return _row(unit_id, name or unit_id, level, figures)

    def rows(self, scope: set[str]) -> list[Row]:
        """Every unit of the survey's tree in the viewer's scope, in tree order (a parent before its
        subtree); the level counts from the top of the viewer's scope in the survey's tree."""
        level: dict[str, int] = {}
        rows = []
        for unit in self.results.units:  # tree order
            if unit not in scope:
                continue
            parent = self.parent_of.get(unit)
            level[unit] = level[parent] + 1 if parent in level else 0
            rows.append(self.unit_row(unit, level[unit]))
        return rows

    # ---------------------------------------------------------------------------------- the gaps

    def item_indices(self, unit_id: str) -> dict[str, float | None] | None:
        """The unit's item indices when it is shown, else None."""
        return self.results.items.get(unit_id)

    def gaps(self, unit_id: str, previous: "LoadedSurvey | dict | None" = None) -> list[GapRow]:
        """kasam.metrics.survey.gap_analysis of the unit (the rows gap_analyses gives it): against the
        organisation and, where the unit was shown there, its previous survey (a loaded survey, or the
        unit's item indices in it from `unit_items`). [] when hidden."""
        items = self.results.items.get(unit_id)
        if items is None:
            return []
        before = previous.results.items.get(unit_id) if isinstance(previous, LoadedSurvey) else previous
        return gap_analysis(items, self.results.organisation_items, before)

    # --------------------------------------------------------------------------------- the splits

    @cached_property
    def _tree(self) -> Tree:
        return gate_tree(self.parent_of)

    def gender_split(self, node: str) -> dict[str, Row] | None:
        """{group: Row} of the node's women, men (and other or not stated, when anyone) when the stored
        decision shows the node's split; None otherwise – then no group has a figure."""
        if node not in self._tree:
            return None
        figures = split_figures(self._tree, self.cells, self.decision, node, self.survey.k)
        if figures is None:
            return None
        return {group: _row(node, str(GROUP_LABELS[group]), 0, r) for group, r in figures.items()}


def load_survey(survey: Survey) -> LoadedSurvey:
    return LoadedSurvey(survey)


# ------------------------------------------------------------------------ the stored figures

HIDDEN_HME = ("total", *HME_SUBINDICES)


@dataclass(frozen=True)
class SurveyTree:
    """A survey's frozen tree for walking it a level at a time: each unit's parent and its children in
    tree order (kasam.metrics.survey.tree_order)."""

    parent_of: dict[str, str | None]
    children: dict[str | None, list[str]]
    order: list[str]

    @classmethod
    def of(cls, parent_of: dict[str, str | None]) -> "SurveyTree":
        order = tree_order(parent_of)
        children: dict[str | None, list[str]] = defaultdict(list)
        for unit in order:
            children[parent_of[unit]].append(unit)
        return cls(dict(parent_of), dict(children), order)

    def __contains__(self, unit_id: object) -> bool:
        return unit_id in self.parent_of


class StoredSurvey:
    """One imported survey as the pages read it: the gated figures stored at import
    (`NodeFigures`, kasam.survey.stored), read for the units asked for only. It answers as
    `LoadedSurvey` does – the same rows, items, gaps and splits – without computing anything; a
    node without a stored row is hidden. The organisation's figures and the survey's tree are held
    between requests under the "survey" generation (kasam.core.generations)."""

    def __init__(self, survey: Survey):
        self.survey = survey
        self._stored: dict[str | None, dict[str, NodeFigures]] = {}
        self._names: dict[str, str] = {}

    @cached_property
    def tree(self) -> SurveyTree:
        pk = self.survey.pk

        def compute() -> SurveyTree:
            return SurveyTree.of(Survey.objects.filter(pk=pk).values_list("tree", flat=True).get())

        return generations.cached("survey", ("tree", pk), compute)

    def load(self, unit_ids) -> None:
        """Read the stored rows and names of these units (once each), in one query each."""
        wanted = [unit for unit in unit_ids if unit not in self._stored]
        if not wanted:
            return
        for unit in wanted:
            self._stored[unit] = {}
        # The item indices are read only when asked for (a unit's gaps), not for a table's rows.
        for row in NodeFigures.objects.filter(survey=self.survey, unit__in=wanted).defer("items"):
            self._stored[row.unit_id][row.group] = row
        self._names.update(Unit.objects.filter(pk__in=wanted).values_list("pk", "name"))

    def _groups(self, unit_id: str) -> dict[str, NodeFigures]:
        if unit_id == ORGANISATION:
            return self._organisation
        self.load([unit_id])
        return self._stored[unit_id]

    @cached_property
    def _organisation(self) -> dict[str, NodeFigures]:
        pk = self.survey.pk

        def compute() -> dict[str, NodeFigures]:
            return {row.group: row for row in NodeFigures.objects.filter(survey_id=pk, unit__isnull=True)}

        return generations.cached("survey", ("organisation", pk), compute)

    @staticmethod
    def _row(unit_id: str, name: str, level: int, stored: NodeFigures | None) -> Row:
        if stored is None:
            return Row(unit_id, name, level, False, None, dict.fromkeys(HIDDEN_HME))
        return _row(unit_id, name, level, figures_of(stored))

    # --------------------------------------------------------------------------------- the table

    def organisation_row(self) -> Row:
        return self._row(ORGANISATION, str(_("The whole organisation")), 0, self._organisation.get(ALL))

    def unit_row(self, unit_id: str, level: int = 0) -> Row:
        """A unit outside the survey's tree (created since) has no figures: a hidden row."""
        stored = self._groups(unit_id).get(ALL)
        return self._row(unit_id, self._names.get(unit_id) or unit_id, level, stored)

    # ---------------------------------------------------------------------------------- the gaps

    def item_indices(self, unit_id: str) -> dict[str, float | None] | None:
        """The unit's item indices when it is shown, else None."""
        stored = self._groups(unit_id).get(ALL)
        return None if stored is None else dict(stored.items)

    @property
    def organisation_items(self) -> dict[str, float | None]:
        stored = self._organisation.get(ALL)
        return dict(stored.items) if stored is not None else dict.fromkeys(INDEX_ITEMS)

    def gaps(self, unit_id: str, before: dict | None = None) -> list[GapRow]:
        """kasam.metrics.survey.gap_analysis of the unit against the organisation and, where given,
        its item indices in the previous survey. [] when hidden."""
        items = self.item_indices(unit_id)
        if items is None:
            return []
        return gap_analysis(items, self.organisation_items, before)

    # --------------------------------------------------------------------------------- the splits

    def gender_split(self, node: str) -> dict[str, Row] | None:
        """{group: Row} of the node's women, men (and other or not stated, when anyone) when the stored
        decision shows the node's split; None otherwise – then no group has a figure."""
        groups = self._groups(node)
        split = {group: groups[group] for group in GENDERS if group in groups}
        if not split:
            return None
        return {
            group: _row(node, str(GROUP_LABELS[group]), 0, figures_of(row)) for group, row in split.items()
        }

    # ------------------------------------------------------------------------- a level at a time

    def level(self, scope: frozenset[str], unit_id: str | None = None) -> "SurveyLevel":
        """What the overview lists for a viewer whose scope is `scope`: with `unit_id` that unit and its
        children; without, the top units of the scope in the survey's tree (those whose parent is
        outside it) and their children – one level at a time, each unit with children a way down.
        Children outside the scope (moved out since the survey) are not listed."""
        tree = self.tree
        if unit_id is None:
            tops = [u for u in tree.order if u in scope and tree.parent_of[u] not in scope]
            if len(tops) == 1:
                unit_id = tops[0]
            else:
                listed = []
                for top in tops:
                    listed.append((top, 0))
                    listed += [(child, 1) for child in tree.children.get(top, []) if child in scope]
                return SurveyLevel(self, [], [], listed, self._with_children(scope, [], listed))
        trail = []
        parent = tree.parent_of.get(unit_id)
        while parent is not None and parent in scope:
            trail.append(parent)
            parent = tree.parent_of.get(parent)
        listed = [(child, 1) for child in tree.children.get(unit_id, []) if child in scope]
        return SurveyLevel(
            self, trail[::-1], [(unit_id, 0)], listed, self._with_children(scope, [unit_id], listed)
        )

    def _with_children(self, scope, units, listed=()) -> frozenset[str]:
        """Of these units, those with children in the scope (a way down)."""
        children = self.tree.children
        every = [*units, *(unit for unit, _level in listed)]
        return frozenset(u for u in every if any(child in scope for child in children.get(u, [])))


@dataclass
class SurveyLevel:
    """One level of the overview: the way back up (`trail`, top first), the unit whose children are
    listed (`heads`; none when several top units are listed), and the `listed` (unit, level) pairs –
    the part a page is cut into."""

    stored: StoredSurvey
    trail: list[str]
    heads: list[tuple[str, int]]
    listed: list[tuple[str, int]]
    with_children: frozenset[str] = frozenset()

    def rows(self, entries: list[tuple[str, int]]) -> list[Row]:
        self.stored.load([unit for unit, _level in entries])
        return [self.stored.unit_row(unit, level) for unit, level in entries]

    def names(self, unit_ids: list[str]) -> list[tuple[str, str]]:
        self.stored.load(unit_ids)
        return [(unit, self.stored._names.get(unit) or unit) for unit in unit_ids]


def stored_survey(survey: Survey) -> StoredSurvey:
    return StoredSurvey(survey)
