"""The survey's part of `kasam anonymity audit` (docs/anonymity.md): every stored cell – a reporting
group's respondents per gender cell, and its answers to each item – describes at least the survey's k
persons, the decision stored at import passes the gate's rules over the stored cells and the tree
frozen with it, and the figures stored at import are only of what that decision shows."""

from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Sum

from kasam.metrics.disclosure import AtLeastK
from kasam.metrics.disclosure_audit import Violation, check_decision, check_stored_groups
from kasam.metrics.survey.gate import SurveyDecision
from kasam.metrics.survey.items import ORGANISATION
from kasam.metrics.survey.pooling import ALL
from kasam.metrics.survey.tree import gate_tree
from kasam.survey.models import Distribution, NodeFigures, Survey, UnitRespondents


def violations() -> Iterator[Violation]:
    for survey in Survey.objects.order_by("pk"):
        where = f"survey {survey.pk} ({survey.name} {survey.year})"
        rule = AtLeastK(survey.k)
        cells = {}
        own: dict[str, int] = defaultdict(int)
        for unit, gender, respondents in UnitRespondents.objects.filter(survey=survey).values_list(
            "unit_id", "gender", "respondents"
        ):
            node = unit or ORGANISATION
            cells[f"{node} {gender or '-'}"] = respondents
            own[node] += respondents
        yield from check_stored_groups(where, cells, rule)
        answers = (
            Distribution.objects.filter(survey=survey)
            .values_list("unit_id", "gender", "item")
            .annotate(n=Sum("count"))
            .order_by()
        )
        yield from check_stored_groups(
            where,
            {f"{unit or ORGANISATION} {gender or '-'} {item}": n for unit, gender, item, n in answers},
            rule,
        )
        if survey.tree and survey.decision:
            tree = gate_tree(survey.tree)
            known = {node: n for node, n in own.items() if node in tree}
            for node in sorted(set(own) - set(known)):
                yield Violation(
                    "tree", where, f"answers stored against {node}, which is not in the survey's tree"
                )
            decision = SurveyDecision.from_json(survey.decision)
            yield from check_decision(where, tree, known, rule, decision.shown)
            yield from stored_figure_violations(where, survey, decision)


def stored_figure_violations(where: str, survey: Survey, decision: SurveyDecision) -> Iterator[Violation]:
    """The figures stored at import (`NodeFigures`): a row only for a node the decision shows, a
    split group only where it shows the split, and none of fewer than k respondents."""
    rows = NodeFigures.objects.filter(survey=survey).values_list("unit_id", "group", "respondents")
    for unit, group, respondents in rows:
        node = unit or ORGANISATION
        cell = ((f"{node} {group or '-'}", respondents),)
        if node not in decision.shown:
            yield Violation("stored figures", where, f"figures stored for {node}, which is hidden", cell)
        elif group != ALL and node not in decision.split:
            yield Violation(
                "stored figures", where, f"a split stored for {node}, whose split is hidden", cell
            )
        if respondents < survey.k:
            yield Violation(
                "stored figures", where, f"stored figures of fewer than {survey.k} respondents", cell
            )
