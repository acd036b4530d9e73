"""`kasam report annual|health --year YEAR --format pdf|xlsx|json [--out FILE] [--lang sv|en]`: the
personnel section of the annual report, or the committee's health account, made now in this process
(the page makes them in the background). Both show what the committee may see: sick leave from the
year's release, so a year without one is refused in one line. `--format json`
prints the report's content – every table's numbers as numbers – on standard output (or to --out)."""

import dataclasses
import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kasam.core.dates import today
from kasam.reports.build import build_document, render, rounded
from kasam.reports.released import NoRelease

KINDS = ("annual", "health")
FORMATS = ("pdf", "xlsx", "json")


def _json(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


class Command(BaseCommand):
    help = (
        "Make the personnel section of the annual report (annual) or the committee's health account (health)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "kind",
            choices=KINDS,
            help="annual: the annual report's personnel section; health: the health account.",
        )
        parser.add_argument("--year", required=True, type=int, help="The calendar year, e.g. 2025.")
        parser.add_argument(
            "--format", choices=FORMATS, default="pdf", help="pdf, xlsx, or json (the content)."
        )
        parser.add_argument("--out", help="The file to write (required for pdf and xlsx).")
        parser.add_argument("--lang", choices=("sv", "en"), default="sv", help="The report's language.")

    def handle(self, *args, kind: str, year: int, format: str, out: str | None, lang: str, **options):
        if not 1900 <= year <= today().year:
            raise CommandError(f"--year must be a year from 1900 to {today().year}, not {year}")
        if format != "json" and not out:
            raise CommandError(f"--out FILE is needed for --format {format}")
        if out and not Path(out).resolve().parent.is_dir():
            raise CommandError(f"the folder of --out does not exist: {Path(out).parent}")
        try:
            document = build_document(kind, year, lang)
        except NoRelease as missing:
            raise CommandError(str(missing)) from None
        if format == "json":
            text = json.dumps(
                dataclasses.asdict(rounded(document, every_column=True)), ensure_ascii=False, default=_json
            )
            if out:
                Path(out).write_text(text + "\n", encoding="utf-8")
            else:
                self.stdout.write(text)
            return
        Path(out).write_bytes(render(document, format))
        self.stderr.write(f"Wrote {out}")
