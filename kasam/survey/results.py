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

from kasam.metrics.disclosure import Tree
from kasam.metrics.survey.gaps import GapRow, gap_analysis
from kasam.metrics.survey.gate import SurveyDecision
from kasam.metrics.survey.indices import hidden_figures
from kasam.metrics.survey.items import HME_SUBINDICES, ORGANISATION
from kasam.metrics.survey.results import SurveyResults, survey_figures
from kasam.metrics.survey.splits import split_figures
from kasam.metrics.survey.tree import gate_tree
from kasam.org.access import units_for
from kasam.org.models import Unit
from kasam.org.roles import Capability
from kasam.survey.models import Distribution, Survey, UnitRespondents

GROUP_LABELS = {"K": _("Women"), "M": _("Men"), "": _("Other or not stated")}


def survey_scope(user) -> set[str]:
    """The unit ids whose survey figures the user may see (the subtrees of their assignments)."""
    return set(units_for(user, Capability.VIEW_SURVEY).values_list("pk", flat=True))


def latest_survey(year: int | None = None) -> Survey | None:
    """The latest survey (of `year` or before, when given)."""
    surveys = Survey.objects.order_by("-year", "-imported_at", "-pk")
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
