"""Importing an employee survey: a checked file (kasam.survey.imports) becomes one `Survey` with its
per-unit respondents and answer distributions, in one transaction – all or nothing.

Refused before anything is written, with a message naming the file:
- the same file again (its SHA-256 equals an imported survey's), and the same year and name again
  (the model's unique constraint; a re-delivered export with another byte order would otherwise slip
  through as a second survey of the year);
- a name that is empty or longer than 200 characters, a year outside 1900–2100, k below 3.

Stored (docs/adr/009-survey-stored-as-distributions.md): the organisation tree as it stands at import
(`Survey.tree`), the counts pooled into reporting groups of at least k respondents with gender cells of
at least k (kasam.metrics.survey.pool_cells), and the disclosure decision made on them
(`Survey.decision`, kasam.metrics.survey.decide) – never recomputed – and the figures the pages show,
computed from them once (`NodeFigures`, kasam.survey.stored), all in the import's transaction. A
survey with fewer than k respondents is refused: nothing of it could be stored. Answers to an item
with fewer than k answers in a stored group are not stored; the result says how many
(`dropped_answers`, and a warning).

Definitions recorded on the Survey (docs/definitions.md: store which definition an imported survey used):
`hme_definition` is the model's SKR nine-item definition and `nmi_definition` is
kasam.metrics.survey.NMI_DEFINITION – each only when the survey holds answers to that index's items,
else empty."""

import hashlib
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kasam.core import bulk, generations
from kasam.core.validation import FIRST_YEAR, LAST_YEAR, ImportMessage
from kasam.metrics.disclosure import check_k
from kasam.metrics.survey.gate import decide
from kasam.metrics.survey.items import HME_ITEMS, NMI_DEFINITION, NMI_ITEMS, ORGANISATION, SURVEY_K_DEFAULT
from kasam.metrics.survey.pooling import PooledSurvey, pool_cells
from kasam.org.models import Unit
from kasam.survey import stored
from kasam.survey.checks import Counted, file_message
from kasam.survey.imports import FORMATS, check_survey_file, detect_format
from kasam.survey.models import Distribution, NodeFigures, Survey, UnitRespondents

HME_DEFINITION = Survey._meta.get_field("hme_definition").default
NAME_MAX = Survey._meta.get_field("name").max_length


@dataclass
class SurveyImportResult:
    filename: str
    layout: str
    dry_run: bool
    name: str = ""
    year: int | None = None
    survey_id: int | None = None
    rows: int = 0
    units: int = 0
    respondents: int = 0
    answers: int = 0
    dropped_answers: int = 0
    errors: list[ImportMessage] = field(default_factory=list)
    warnings: list[ImportMessage] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_json(self) -> dict:
        return {
            "ok": self.ok,
            "dry_run": self.dry_run,
            "file": self.filename,
            "format": self.layout,
            "survey": self.survey_id,
            "name": self.name,
            "year": self.year,
            "rows": self.rows,
            "units": self.units,
            "respondents": self.respondents,
            "answers": self.answers,
            "dropped_answers": self.dropped_answers,
            "errors": [str(message) for message in self.errors],
            "warnings": [str(message) for message in self.warnings],
        }


def import_survey(
    data: bytes,
    filename: str,
    *,
    name: str,
    year: int,
    layout: str | None = None,
    mapping: str = "",
    k: int = SURVEY_K_DEFAULT,
    dry_run: bool = False,
    user=None,
) -> SurveyImportResult:
    """Check `data` (CSV or XLSX) in `layout` (None: told by the header, `detect_format`) and, without
    errors and unless `dry_run`, store it as the survey `name` of `year`. `mapping` is the items
    layout's "vendor column = id" entries. On any error nothing is stored."""
    layout = layout or detect_format(data)
    if layout not in FORMATS:
        raise ValueError(f"unknown survey layout {layout!r}; expected one of {', '.join(FORMATS)}")
    name = " ".join(name.split())
    result = SurveyImportResult(filename=filename, layout=layout, dry_run=dry_run, name=name, year=year)
    digest = hashlib.sha256(data).hexdigest()
    result.errors = _survey_problems(filename, name, year, k, digest)
    if result.errors:
        return result
    checked = check_survey_file(
        data, filename, layout, set(Unit.objects.values_list("pk", flat=True)), mapping
    )
    result.errors, result.warnings = checked.errors, checked.warnings
    if checked.counted is None:
        return result
    _summarise(result, checked.counted)
    tree = frozen_tree()
    cells = cells_from_counted(checked.counted)
    if result.respondents < k:
        text = _(
            "Only %(n)s answered in this file. Answers are kept only when at least %(k)s have answered, "
            "so nothing was imported."
        )
        result.errors = [file_message(filename, text % {"n": result.respondents, "k": k})]
        return result
    pooled = pool_cells(tree, cells, k)
    result.dropped_answers = pooled.dropped_answers
    if pooled.dropped_answers:
        text = _(
            "%(n)s answers were not kept: in their group fewer than %(k)s answered that question, so "
            "they are left out of the figures."
        )
        result.warnings.append(file_message(filename, text % {"n": pooled.dropped_answers, "k": k}))
    if dry_run:
        return result
    try:
        survey = _store(checked.counted, tree, pooled, filename, name, year, layout, k, digest, user)
    except IntegrityError:  # the same survey stored meanwhile by another request
        result.errors = _survey_problems(filename, name, year, k, digest) or [
            file_message(filename, _("The survey could not be saved. Try again."))
        ]
        return result
    result.survey_id = survey.pk
    return result


def _survey_problems(filename: str, name: str, year: int, k: int, digest: str) -> list[ImportMessage]:
    problems = []
    if not name:
        problems.append(file_message(filename, _("Give the survey a name, for example “Medarbetarenkät”.")))
    elif len(name) > NAME_MAX:
        text = _("The survey's name can be at most %(max)s characters long.")
        problems.append(file_message(filename, text % {"max": NAME_MAX}))
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        text = _("The year must be between %(first)s and %(last)s, not %(year)s.")
        problems.append(file_message(filename, text % {"first": FIRST_YEAR, "last": LAST_YEAR, "year": year}))
    try:
        check_k(k)
    except (TypeError, ValueError):
        text = _("The anonymity threshold k must be a whole number of at least 3, not %(k)s.")
        problems.append(file_message(filename, text % {"k": k}))
    same_file = Survey.objects.filter(file_sha256=digest).first()
    if same_file is not None:
        text = _(
            "This file has already been imported, as the survey “%(name)s” %(year)s. Nothing was imported "
            "again."
        )
        problems.append(file_message(filename, text % {"name": same_file.name, "year": same_file.year}))
    elif name and Survey.objects.filter(year=year, name__iexact=name).exists():
        text = _(
            "There is already a survey “%(name)s” for %(year)s. Nothing was imported. If this is another "
            "survey, give it another name."
        )
        problems.append(file_message(filename, text % {"name": name, "year": year}))
    return problems


def _summarise(result: SurveyImportResult, counted: Counted) -> None:
    result.rows = counted.rows
    result.units = counted.respondents["unit_id"].n_unique()
    result.respondents = int(counted.respondents["respondents"].sum())
    result.answers = int(counted.distributions["count"].sum())


def frozen_tree() -> dict[str, str | None]:
    """Today's organisation tree {unit id: parent id or None}: the tree a survey imported today keeps."""
    return dict(Unit.objects.values_list("pk", "parent_id"))


def cells_from_counted(counted: Counted) -> dict[str, dict[str, tuple[int, dict]]]:
    """{unit: {gender: (respondents, {item: {value: answers}})}} of a checked file."""
    cells: dict[str, dict[str, tuple[int, dict]]] = {}
    for unit, gender, n in counted.respondents.select("unit_id", "gender", "respondents").iter_rows():
        cells.setdefault(unit, {})[gender] = (n, {})
    for unit, gender, item, value, n in counted.distributions.select(
        "unit_id", "gender", "item", "value", "count"
    ).iter_rows():
        cells[unit][gender][1].setdefault(item, {})[value] = n
    return cells


def store_pooled(survey: Survey, tree: dict[str, str | None], pooled: PooledSurvey, report: dict) -> None:
    """Write a pooled survey: its frozen tree, the decision made on its pooled cells now (once), the
    report, and one row per stored cell (a group at the organisation node has no unit)."""
    survey.tree = tree
    survey.decision = decide(tree, pooled.cells, survey.k).as_json()
    survey.report = {
        "dropped_answers": pooled.dropped_answers,
        "dropped_respondents": pooled.dropped_respondents,
        **report,
    }
    survey.save(update_fields=["tree", "decision", "report"])
    write_cells(survey, pooled)
    # The figures the pages show, computed once (kasam.survey.stored), and every worker's cached
    # survey figures made stale in the same transaction (docs/architecture.md "Caches").
    stored.store(survey, NodeFigures, UnitRespondents, Distribution)
    generations.bump("survey")


def write_cells(survey: Survey, pooled: PooledSurvey) -> None:
    def unit(node: str) -> str | None:
        return None if node == ORGANISATION else node

    cells = pooled.cells
    UnitRespondents.objects.bulk_create(
        [
            UnitRespondents(survey=survey, unit_id=unit(node), gender=gender, respondents=n)
            for node, by_gender in cells.items()
            for gender, (n, _counts) in by_gender.items()
        ],
        batch_size=5000,
    )
    # Hundreds of thousands of rows for a large organisation: straight into the table (kasam.core.bulk).
    bulk.insert_rows(
        Distribution,
        ["survey_id", "unit_id", "gender", "item", "value", "count"],
        (
            (survey.pk, unit(node), gender, item, value, n)
            for node, by_gender in cells.items()
            for gender, (_n, counts) in by_gender.items()
            for item, values in counts.items()
            for value, n in values.items()
        ),
        ready=True,
    )


@transaction.atomic
def _store(
    counted: Counted,
    tree: dict[str, str | None],
    pooled: PooledSurvey,
    filename: str,
    name: str,
    year: int,
    layout: str,
    k: int,
    digest: str,
    user,
) -> Survey:
    items = set(counted.distributions["item"].unique().to_list())
    survey = Survey.objects.create(
        name=name,
        year=year,
        source=Survey.Source.DISTRIBUTIONS if layout == "distributions" else Survey.Source.ITEMS,
        hme_definition=HME_DEFINITION if items.intersection(HME_ITEMS) else "",
        nmi_definition=NMI_DEFINITION if items.intersection(NMI_ITEMS) else "",
        k=k,
        filename=filename[:255],
        file_sha256=digest,
        imported_by=user if user is not None and user.is_authenticated else None,
    )
    store_pooled(survey, tree, pooled, {})
    return survey
