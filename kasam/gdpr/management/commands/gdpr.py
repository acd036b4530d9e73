"""`kasam gdpr …`: retention and the requests of data subjects (docs/gdpr/).

    kasam gdpr purge [--dry-run] [--format json]
    kasam gdpr export --person ID [--out FILE]
    kasam gdpr erase --person ID [--dry-run] [--format json]

`purge` deletes what is past retention (as `kasam tick` does once a day) and prints what it deleted
per class of data; `export` writes everything Kasam holds about one person as JSON; `erase`
anonymises a person who has left. Everything but a dry run is written to the audit log, as "system".
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kasam.audit.models import AuditEntry, record
from kasam.gdpr import erasure, person_export, retention
from kasam.org.models import Person


def _person(person_id: str) -> Person:
    person = Person.objects.filter(pk=person_id).select_related("user").first()
    if person is None:
        raise CommandError(f"No person {person_id}.")
    return person


class Command(BaseCommand):
    help = "GDPR: delete what is past retention, export a person's data, erase a person who has left."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        p = sub.add_parser("purge", help="Delete what is past retention and say what was deleted.")
        p.add_argument("--dry-run", action="store_true", help="Count what would be deleted; delete nothing.")
        p.add_argument("--format", choices=["table", "json"], default="table", help="Output format.")
        p = sub.add_parser("export", help="Everything Kasam holds about one person, as JSON (article 15).")
        p.add_argument("--person", required=True, help="The person's id (the HR system's).")
        p.add_argument("--out", help="Write to this file instead of standard output.")
        p = sub.add_parser("erase", help="Anonymise a person who has left, keeping every aggregate.")
        p.add_argument("--person", required=True, help="The person's id (the HR system's).")
        p.add_argument("--dry-run", action="store_true", help="Say what would change; change nothing.")
        p.add_argument("--format", choices=["table", "json"], default="table", help="Output format.")

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _purge(self, dry_run=False, format="table", **options):
        try:
            found = retention.purge(dry_run=True).as_json() if dry_run else retention.run_purge().result
        except retention.PurgeError as error:
            self._print_purge(error.result.as_json(), format)
            raise CommandError(f"Retention failed: {error}") from None
        self._print_purge(found, format)

    def _print_purge(self, result: dict, format: str) -> None:
        if format == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        classes = result["classes"]
        verb = "Would delete" if result["dry_run"] else "Deleted"
        parts = [
            f"{retention.CLASS_NAMES[name]} {found['total'] if found['cutoff'] else 'kept'}"
            + (" (failed)" if found.get("error") else "")
            for name, found in classes.items()
        ]
        self.stdout.write(f"{verb} past retention: {', '.join(parts)}.")

    def _export(self, person=None, out=None, **options):
        found = _person(person)
        text = person_export.dumps(person_export.build_export(found))
        record(None, AuditEntry.Action.EXPORT_PERSON, person_id=found.pk, via="command")
        if out:
            Path(out).write_text(text + "\n", encoding="utf-8")
            self.stdout.write(f"Wrote {out}.")
        else:
            self.stdout.write(text)

    def _erase(self, person=None, dry_run=False, format="table", **options):
        found = _person(person)
        try:
            result = erasure.erase(found, dry_run=dry_run)
        except erasure.ErasureRefused as refused:
            raise CommandError(str(refused)) from None
        if format == "json":
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
        else:
            self.stdout.write(result.summary())
