"""What the health plans read of the surveys, through kasam.survey.results (the one gate path):

- `plan_section(unit, year)`: the plan snapshot's "survey" part (kasam.plans.snapshot.survey_section).
  The latest survey of the plan's year or before; None when there is none. The unit's HME total and
  sub-indices, NMI and eNPS beside the organisation's, and the unit's respondents – all only when
  the gate shows the unit; else the title says there were too few answers and the unit's column is
  empty. Rows for women, men (and other or not stated) only when the survey's split gate shows the
  unit's split. Labels are stored as text in the language of the request that made the plan: the
  snapshot is a dated document in the words of its day.
- `yearly_figures(figure)`: per survey, oldest first, (1 December of its year, {unit id: HME total or
  NMI, None where hidden}) – the targets' survey series (kasam.targets.figures)."""

import logging
from datetime import date

from django.utils.translation import gettext as _

from kasam.metrics.survey.items import HME_SUBINDICES
from kasam.org.models import Unit
from kasam.survey.items import SUBINDEX_LABELS
from kasam.survey.models import Survey
from kasam.survey.results import Row, latest_survey, load_survey

FIGURES = ("hme", "nmi")
logger = logging.getLogger(__name__)


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
    loaded = load_survey(survey)
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
    if figure not in FIGURES:
        raise ValueError(f"unknown survey figure {figure!r}; expected one of {', '.join(FIGURES)}")
    found = []
    for survey in Survey.objects.order_by("year", "imported_at", "pk"):
        try:
            results = load_survey(survey).results
        except ValueError:
            logger.exception("Survey %s could not be read for the targets", survey.pk)
            continue
        values = {
            unit: (row["hme"]["total"] if figure == "hme" else row["nmi"])
            for unit, row in results.units.items()
        }
        found.append((date(survey.year, 12, 1), values))
    return found
