"""Re-pooling the surveys imported before their counts were pooled (the data migration
0003_repool_existing_surveys; docs/adr/009-survey-stored-as-distributions.md).

What it does to the stored rows of every survey that has no frozen tree yet:

- its per-unit × gender rows (`UnitRespondents`, `Distribution`) are DELETED and replaced by the rows
  of kasam.metrics.survey.pool_cells: one group per reporting node pooled bottom-up by respondents
  (each at least k), gender cells only where every one reaches k, and no item with fewer than k
  answers in a cell – so no stored row describes fewer than k persons any more;
- `Survey.tree` is set to the organisation tree of the day of the migration: the tree the survey was
  answered on is not kept anywhere, and today's is the one its figures were last shown on;
- `Survey.decision` is set by kasam.metrics.survey.repooled_decision, so that nothing shows more than
  before: a node whose stored members did not change shows identical figures, another node the
  re-pooled figure or nothing; a node, item or split shown before and not after is *withdrawn*;
- `Survey.report["repooled"]` records what was withdrawn, which units were pooled into which group,
  how many answers were dropped; the same report for every survey is written as JSON to
  `repooling-report-survey.json` in Kasam's data directory (KASAM_VAR_DIR).

Idempotent: a survey with a frozen tree is left alone. Model classes are passed in, so that the
migration runs it with its historical models and the tests with today's."""

import json
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path

from kasam.metrics.survey.gate import repooled_decision
from kasam.metrics.survey.items import ORGANISATION
from kasam.metrics.survey.pooling import pool_cells

REPORT_NAME = "repooling-report-survey.json"


def old_cells(survey, UnitRespondents, Distribution) -> dict[str, dict[str, tuple[int, dict]]]:
    """The survey's rows as they were stored: {unit: {gender: (respondents, {item: {value: n}})}}."""
    cells: dict = {}
    for unit, gender, n in UnitRespondents.objects.filter(survey=survey).values_list(
        "unit_id", "gender", "respondents"
    ):
        cells.setdefault(unit or ORGANISATION, {})[gender] = (n, defaultdict(dict))
    for unit, gender, item, value, n in Distribution.objects.filter(survey=survey).values_list(
        "unit_id", "gender", "item", "value", "count"
    ):
        by_gender = cells.setdefault(unit or ORGANISATION, {})
        if gender not in by_gender:  # answers without a respondents row: count them as their own
            by_gender[gender] = (0, defaultdict(dict))
        by_gender[gender][1][item][value] = n
    return cells


def repool_survey(survey, tree: dict[str, str | None], UnitRespondents, Distribution) -> dict:
    """Re-pool one survey in place (see the module); returns its report."""
    cells = old_cells(survey, UnitRespondents, Distribution)
    # A unit without a respondents row but with answers: trust the answers' largest item count.
    for by_gender in cells.values():
        for gender, (n, counts) in list(by_gender.items()):
            if n == 0:
                by_gender[gender] = (max((sum(v.values()) for v in counts.values()), default=0), counts)
    pooled = pool_cells(tree, cells, survey.k)
    decision, withdrawn = repooled_decision(tree, cells, pooled, survey.k)
    report = {
        "survey": survey.pk,
        "name": survey.name,
        "year": survey.year,
        "withdrawn": [asdict(w) for w in withdrawn],
        "pooled_into": {unit: group for unit, group in sorted(pooled.group_of.items()) if unit != group},
        "groups_without_gender_split": sorted(
            node for node, by_gender in pooled.cells.items() if set(by_gender) == {"*"}
        ),
        "dropped_answers": pooled.dropped_answers,
        "dropped_respondents": pooled.dropped_respondents,
    }
    UnitRespondents.objects.filter(survey=survey).delete()
    Distribution.objects.filter(survey=survey).delete()

    def unit(node: str) -> str | None:
        return None if node == ORGANISATION else node

    UnitRespondents.objects.bulk_create(
        [
            UnitRespondents(survey=survey, unit_id=unit(node), gender=gender, respondents=n)
            for node, by_gender in pooled.cells.items()
            for gender, (n, _counts) in by_gender.items()
        ],
        batch_size=5000,
    )
    Distribution.objects.bulk_create(
        [
            Distribution(survey=survey, unit_id=unit(node), gender=gender, item=item, value=value, count=n)
            for node, by_gender in pooled.cells.items()
            for gender, (_n, counts) in by_gender.items()
            for item, values in counts.items()
            for value, n in values.items()
        ],
        batch_size=5000,
    )
    survey.tree = tree
    survey.decision = decision.as_json()
    survey.report = {
        "dropped_answers": pooled.dropped_answers,
        "dropped_respondents": pooled.dropped_respondents,
        "repooled": report,
    }
    survey.save(update_fields=["tree", "decision", "report"])
    return report


def repool_all(Survey, UnitRespondents, Distribution, Unit, report_dir: Path | None) -> list[dict]:
    """Re-pool every survey without a frozen tree; write the reports to `report_dir` when any."""
    tree = dict(Unit.objects.values_list("pk", "parent_id"))
    reports = [
        repool_survey(survey, tree, UnitRespondents, Distribution)
        for survey in Survey.objects.order_by("pk")
        if not survey.tree
    ]
    if reports and report_dir is not None:
        report_dir.mkdir(parents=True, exist_ok=True)
        text = json.dumps(reports, ensure_ascii=False, indent=2)
        (report_dir / REPORT_NAME).write_text(text + "\n", encoding="utf-8")
    return reports
