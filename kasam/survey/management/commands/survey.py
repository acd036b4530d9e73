"""`kasam survey …`: the employee survey on the command line.

    kasam survey import FILE --name NAME --year YEAR [--format items|long|distributions]
                         [--map "column=hme1,…"] [--map-file FILE] [--k 5] [--dry-run] [--output json]
    kasam survey indices --answers FILE [--units FILE] [--k 5] [--format table|json]

`import` is kasam.survey.actions.import_survey: all or nothing, every problem as file:line:column on
standard error and exit status 1. `--format` names the file's layout (items, long or distributions;
told by the header when left out) and `--output` the result's, since `--format` is taken.
`indices` is the analyst's command, kasam.metrics_cli.survey_indices: `kasam` sends it there without
setting up Django; its options are declared once, there, and reused here so that `kasam survey --help`
lists both sub-commands."""

import argparse
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kasam.core.bilingual import language_from_environment
from kasam.metrics.anonymity import check_k
from kasam.metrics.survey.items import SURVEY_K_DEFAULT
from kasam.metrics_cli import survey_indices as survey_cli
from kasam.survey.actions import SurveyImportResult, import_survey
from kasam.survey.imports import FORMATS


def _k(text: str) -> int:
    try:
        return check_k(int(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"k is a whole number of at least 3, not {text!r}") from None


class Command(BaseCommand):
    help = (
        "Employee survey: import a survey file (all or nothing), or compute HME, NMI and eNPS from an "
        "answers file. docs/import-formats.md describes the files."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{import,indices}")
        text = "Import an employee survey from CSV or XLSX: all or nothing, every problem listed."
        imp = sub.add_parser("import", help=text, description=text)
        imp.add_argument("file", help="A CSV file (UTF-8, comma or semicolon) or an XLSX file.")
        imp.add_argument("--name", required=True, help="The survey's name, e.g. Medarbetarenkät.")
        imp.add_argument("--year", required=True, type=int, help="The survey's year, e.g. 2026.")
        imp.add_argument(
            "--format",
            choices=FORMATS,
            help="items: one row per respondent (the vendor's export); long: respondent_id, unit_id, item, "
            "value; distributions: unit_id, item, value, count. Default: told by the header.",
        )
        imp.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COLUMN=ID,…",
            help="For --format items: which vendor column is which item, e.g. 'Fråga 1=hme1,Enhet=unit_id'. "
            "May be given more than once.",
        )
        imp.add_argument("--map-file", metavar="FILE", help="The mapping as a file, one COLUMN=ID per line.")
        imp.add_argument(
            "--k",
            type=_k,
            default=SURVEY_K_DEFAULT,
            help="The anonymity threshold k (default 5, never below 3).",
        )
        imp.add_argument("--dry-run", action="store_true", help="Check the file and count, but save nothing.")
        imp.add_argument("--output", choices=["text", "json"], default="text", help="Output format.")
        imp.add_argument(
            "--lang",
            choices=["sv", "en"],
            help="Language of the messages (default: from LC_ALL, LC_MESSAGES or LANG, else sv).",
        )
        survey_cli.add_indices_parser(sub)

    def handle(self, *args, subcommand: str, **options):
        if subcommand == "indices":
            return self._indices(**options)
        with translation.override(options["lang"] or language_from_environment()):
            result = import_survey(
                _read(options["file"]),
                options["file"],
                name=options["name"],
                year=options["year"],
                layout=options["format"],
                mapping=_mapping(options["map"], options["map_file"]),
                k=options["k"],
                dry_run=options["dry_run"],
            )
            if options["output"] == "json":
                self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
            else:
                for message in [*result.errors, *result.warnings]:
                    self.stderr.write(str(message))
                if result.ok:
                    self.stdout.write(summary(result))
            if not result.ok:
                count = len(result.errors)
                text = ngettext(
                    "%(count)s problem; nothing was imported.",
                    "%(count)s problems; nothing was imported.",
                    count,
                )
                raise CommandError(text % {"count": count}, returncode=1)
        return None

    def _indices(self, answers: str, units: str | None, k: int, format: str, **options) -> None:
        try:
            parent_of, results = survey_cli.run(Path(answers), Path(units) if units else None, k)
        except survey_cli.InputError as error:
            raise CommandError(str(error), returncode=1) from None
        self.stdout.write(survey_cli.render(results, parent_of, k, format))


def _read(file: str) -> bytes:
    try:
        return Path(file).read_bytes()
    except FileNotFoundError:
        raise CommandError(_("File not found: %(file)s") % {"file": file}) from None
    except OSError as error:
        raise CommandError(
            _("Cannot read %(file)s: %(reason)s") % {"file": file, "reason": error.strerror}
        ) from None


def _mapping(entries: list[str], map_file: str | None) -> str:
    """One entry per line: each --map split at its commas, then the --map-file's lines."""
    lines = [part for entry in entries for part in entry.split(",")]
    if map_file:
        lines += _read(map_file).decode("utf-8-sig").splitlines()
    return "\n".join(lines)


def summary(result: SurveyImportResult) -> str:
    numbers = {
        "name": result.name,
        "year": result.year,
        "units": result.units,
        "respondents": result.respondents,
        "answers": result.answers,
        "id": result.survey_id,
    }
    if result.dry_run:
        text = _(
            "dry run, nothing saved: %(name)s %(year)s would hold %(respondents)s respondents in %(units)s "
            "units, %(answers)s answers"
        )
    else:
        text = _(
            "imported %(name)s %(year)s (survey %(id)s): %(respondents)s respondents in %(units)s units, "
            "%(answers)s answers"
        )
    return text % numbers
