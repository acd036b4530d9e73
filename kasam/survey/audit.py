"""The survey's part of `kasam anonymity audit` (docs/anonymity.md): every stored cell – a reporting
group's respondents per gender cell, and its answers to each item – describes at least the survey's k
persons, and the decision stored at import passes the gate's rules over the stored cells and the tree
frozen with it."""

from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Sum

from kasam.metrics.disclosure import AtLeastK
from kasam.metrics.disclosure_audit import Violation, check_decision, check_stored_groups
from kasam.metrics.survey.gate import SurveyDecision
from kasam.metrics.survey.items import ORGANISATION
from kasam.metrics.survey.tree import gate_tree
from kasam.survey.models import Distribution, Survey, UnitRespondents


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
            shown = SurveyDecision.from_json(survey.decision).shown
            yield from check_decision(where, tree, known, rule, shown)
