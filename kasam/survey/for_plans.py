"""What the health plans read of the surveys, through kasam.survey.results (the one gate path):

- `plan_section(unit, year)`: the plan snapshot's "survey" part (kasam.plans.snapshot.survey_section).
  The latest survey of the plan's year or before; None when there is none. The unit's HME total and
  sub-indices, NMI and eNPS beside the organisation's, and the unit's respondents – all only when
  the gate shows the unit; else the title says there were too few answers and the unit's column is
  empty. Rows for women, men (and other or not stated) only when the survey's split gate shows the
  unit's split. Labels are stored as text in the language of the request that made the plan: the
  snapshot is a dated document in the words of its day.
- `yearly_figures(figure)`: per survey, oldest first, (1 December of its year, {unit id: HME total or
  NMI of the shown units}) – the targets' survey series (kasam.targets.figures).

Both read the figures stored at import (kasam.survey.stored), never recomputing a survey."""

from datetime import date

from django.utils.translation import gettext as _

from kasam.core import generations
from kasam.metrics.survey.items import HME_SUBINDICES
from kasam.metrics.survey.pooling import ALL
from kasam.org.models import Unit
from kasam.survey.items import SUBINDEX_LABELS
from kasam.survey.models import NodeFigures, Survey
from kasam.survey.results import Row, latest_survey, stored_survey

FIGURES = ("hme", "nmi")


def _figure_rows(unit: Row, organisation: Row, suffix: str = "") -> list[dict]:
    rows = [{"label": _("HME, total index"), "unit": unit.total, "organisation": organisation.total}]
    rows += [
        {
            "label": f"HME, {SUBINDEX_LABELS[name]}",
            "unit": unit.hme.get(name),
            "organisation": organisation.hme.get(name),
        }
        for name in HME_SUBINDICES
    ]
    rows += [
        {"label": "NMI", "unit": unit.nmi, "organisation": organisation.nmi},
        {"label": "eNPS", "unit": unit.enps, "organisation": organisation.enps},
    ]
    return [{**row, "label": str(row["label"]) + suffix} for row in rows]


def _figures(row: Row) -> dict:
    return {"respondents": row.respondents, "hme": dict(row.hme), "nmi": row.nmi, "enps": row.enps}


def plan_section(unit: Unit, year: int) -> dict | None:
    survey = latest_survey(year)
    if survey is None:
        return None
    loaded = stored_survey(survey)
    row, organisation = loaded.unit_row(unit.pk), loaded.organisation_row()
    title = f"{survey.name} {survey.year}"
    if not row.shown:
        title += " – " + _("too few answers to show our unit's figures")
    section = {
        "title": title,
        "survey_id": survey.pk,
        "year": survey.year,
        "shown": row.shown,
        **_figures(row),
        "gender": None,
        "rows": _figure_rows(row, organisation),
    }
    split = loaded.gender_split(unit.pk) if row.shown else None
    if split:
        organisation_split = loaded.gender_split("") or {}
        section["gender"] = {group: _figures(figures) for group, figures in split.items()}
        for group, figures in split.items():
            other = organisation_split.get(group) or Row("", "", 0, False, None)
            section["rows"] += _figure_rows(figures, other, f" – {figures.name.lower()}")[:1]
    return section


def yearly_figures(figure: str) -> list[tuple[date, dict[str, float | None]]]:
    """Per survey, oldest first: (1 December of its year, {unit id: HME total or NMI}) for the units
    the survey shows – a hidden unit has no entry (read it with .get(): None). Read from the figures
    stored at import (kasam.survey.stored) and held between requests until the next import (the
    "survey" generation, kasam.core.generations)."""
    if figure not in FIGURES:
        raise ValueError(f"unknown survey figure {figure!r}; expected one of {', '.join(FIGURES)}")
    return generations.cached("survey", ("yearly", figure), lambda: _yearly(figure))


def _yearly(figure: str) -> list[tuple[date, dict[str, float | None]]]:
    column = "hme_total" if figure == "hme" else "nmi"
    surveys = list(Survey.objects.only("pk", "year").order_by("year", "imported_at", "pk"))
    values: dict[int, dict[str, float | None]] = {survey.pk: {} for survey in surveys}
    rows = NodeFigures.objects.filter(survey__in=surveys, group=ALL, unit__isnull=False)
    for survey_id, unit_id, value in rows.values_list("survey_id", "unit_id", column):
        values[survey_id][unit_id] = value
    return [(date(survey.year, 12, 1), values[survey.pk]) for survey in surveys]
