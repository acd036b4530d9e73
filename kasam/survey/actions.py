"""Importing an employee survey: a checked file (kasam.survey.imports) becomes one `Survey` with its
per-unit respondents and answer distributions, in one transaction – all or nothing.

Refused before anything is written, with a message naming the file:
- the same file again (its SHA-256 equals an imported survey's), and the same year and name again
  (the model's unique constraint; a re-delivered export with another byte order would otherwise slip
  through as a second survey of the year);
- a name that is empty or longer than 200 characters, a year outside 1900–2100, k below 3.

Definitions recorded on the Survey (DOMAIN.md: store which definition an imported survey used):
`hme_definition` is the model's SKR nine-item definition and `nmi_definition` is
kasam.metrics.survey.NMI_DEFINITION – each only when the survey holds answers to that index's items,
else empty."""

import hashlib
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kasam.core.validation import FIRST_YEAR, LAST_YEAR, ImportMessage
from kasam.metrics.anonymity import check_k
from kasam.metrics.survey import HME_ITEMS, NMI_DEFINITION, NMI_ITEMS, SURVEY_K_DEFAULT
from kasam.org.models import Unit
from kasam.survey.checks import Counted, file_message
from kasam.survey.imports import FORMATS, check_survey_file, detect_format
from kasam.survey.models import Distribution, Survey, UnitRespondents

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
    if dry_run:
        return result
    try:
        survey = _store(checked.counted, filename, name, year, layout, k, digest, user)
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


@transaction.atomic
def _store(
    counted: Counted, filename: str, name: str, year: int, layout: str, k: int, digest: str, user
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
    UnitRespondents.objects.bulk_create(
        [
            UnitRespondents(survey=survey, unit_id=unit, gender=gender, respondents=n)
            for unit, gender, n in counted.respondents.select("unit_id", "gender", "respondents").iter_rows()
        ],
        batch_size=5000,
    )
    Distribution.objects.bulk_create(
        [
            Distribution(survey=survey, unit_id=unit, gender=gender, item=item, value=value, count=n)
            for unit, gender, item, value, n in counted.distributions.select(
                "unit_id", "gender", "item", "value", "count"
            ).iter_rows()
        ],
        batch_size=5000,
    )
    return survey
