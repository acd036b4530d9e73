"""`kasam import KIND FILE`: the command-line face of kasam.site.imports.import_file."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kasam.core.bilingual import language_from_environment
from kasam.site.imports import KINDS, Importer, ImportResult, import_file, recomputing, wait_for_recomputing

__all__ = ["Command", "language_from_environment", "summary"]


class Command(BaseCommand):
    help = (
        "Import units, persons, employments or absences from CSV or XLSX (all or nothing).\n\n"
        "Every problem in the file is listed as file:line:column: message, and if there is one, nothing "
        "is saved. Import units before employments, and persons before employments and absences. The "
        "command runs as the server's operator over the whole organisation; every import is written to "
        "the audit log as 'command line (OS user)' with the file's SHA-256. The sick-leave figures are "
        "recomputed after the import in the background queue (kasam db_worker); --wait recomputes them "
        "before the command ends."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS, help="What the file contains.")
        parser.add_argument("file", help="A CSV file (UTF-8, comma or semicolon) or an XLSX file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and count, but save nothing."
        )
        parser.add_argument(
            "--wait",
            action="store_true",
            help="Recompute the figures the import changed before ending (else the background queue does).",
        )
        parser.add_argument("--format", choices=["text", "json"], default="text", help="Output format.")
        parser.add_argument(
            "--lang",
            choices=["sv", "en"],
            help="Language of the messages (default: from LC_ALL, LC_MESSAGES or LANG, else sv).",
        )

    def handle(self, *args, kind: str, file: str, dry_run: bool, format: str, lang: str | None, **options):
        with translation.override(lang or language_from_environment()):
            data = self._read(file)
            result = import_file(kind, data, file, dry_run=dry_run, importer=Importer.command_line())
            if options["wait"] and result.recompute:
                self._wait()
            if format == "json":
                self.stdout.write(json.dumps(self._as_json(result), ensure_ascii=False))
            else:
                self._write_text(result)
            if not result.ok:
                count = len(result.errors)
                raise CommandError(
                    ngettext(
                        "%(count)s problem; nothing was imported.",
                        "%(count)s problems; nothing was imported.",
                        count,
                    )
                    % {"count": count},
                    returncode=1,
                )

    def _wait(self) -> None:
        try:
            wait_for_recomputing()
        except Exception as error:
            text = _("The file was imported, but recomputing the figures failed: %(reason)s")
            raise CommandError(text % {"reason": f"{type(error).__name__}: {error}"}) from None

    def _read(self, file: str) -> bytes:
        try:
            return Path(file).read_bytes()
        except FileNotFoundError:
            raise CommandError(_("File not found: %(file)s") % {"file": file}) from None
        except OSError as error:
            text = _("Cannot read %(file)s: %(reason)s")
            raise CommandError(text % {"file": file, "reason": error.strerror}) from None

    def _write_text(self, result: ImportResult) -> None:
        for message in [*result.errors, *result.warnings]:
            self.stderr.write(str(message))
        if result.ok:
            self.stdout.write(summary(result))
            if recomputing(result) == "queued":
                self.stdout.write(_("The figures are being recomputed in the background."))

    @staticmethod
    def _as_json(result: ImportResult) -> dict:
        return {
            "kind": result.kind,
            "file": result.filename,
            "dry_run": result.dry_run,
            "ok": result.ok,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "deleted": result.deleted,
            "errors": [str(message) for message in result.errors],
            "warnings": [str(message) for message in result.warnings],
            "refill": recomputing(result),
        }


def summary(result: ImportResult) -> str:
    numbers = {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "deleted": result.deleted,
    }
    if result.dry_run:
        text = _(
            "dry run, nothing saved: would create %(created)s, update %(updated)s, leave %(unchanged)s "
            "unchanged, delete %(deleted)s"
        )
    else:
        text = _("created %(created)s, updated %(updated)s, unchanged %(unchanged)s, deleted %(deleted)s")
    return text % numbers
