"""`kasam sam …`: the systematic work-environment cycle on the command line (docs/definitions.md "The
yearly follow-up").

    kasam sam followup --year Y [--unit UNIT] [--format json]
    kasam sam pack --unit UNIT --out FILE [--lang sv|en] [--format json]

`followup` prints the organisation's yearly follow-up: rounds signed, risks found and closed (on
time), actions overdue, delegated tasks current and returned – for the organisation and each area
(a unit right below the top), the areas' counts summing to the organisation's; with --unit, for that
unit's subtree and each unit right below it (what the follow-up page shows for it).

`pack` writes a unit's inspection pack (kasam.sam.pack), the tagged PDF the unit page's button gives,
and records it in the audit log as the button does."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from kasam.audit.models import AuditEntry, record
from kasam.core.dates import today
from kasam.metrics import sam
from kasam.org.models import Unit
from kasam.sam import followup, pack


class Command(BaseCommand):
    help = "The systematic work-environment cycle: the yearly follow-up, a unit's inspection pack."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        p = sub.add_parser("followup", help="The organisation's yearly follow-up, with each area.")
        p.add_argument("--year", type=int, required=True, help="The year, e.g. 2026.")
        p.add_argument("--unit", help="A unit's id: its subtree and the units right below it.")
        p.add_argument("--format", choices=["table", "json"], default="table", help="Output format.")
        p = sub.add_parser("pack", help="A unit's inspection pack as a tagged PDF.")
        p.add_argument("--unit", required=True, help="The unit's id.")
        p.add_argument("--out", required=True, help="The PDF file to write.")
        p.add_argument("--lang", choices=["sv", "en"], default="sv", help="The pack's language.")
        p.add_argument("--format", choices=["text", "json"], default="text", help="Output format.")

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _followup(self, year=None, unit=None, format="table", **options):
        if unit is not None and not Unit.objects.filter(pk=unit).exists():
            raise CommandError(f"no unit {unit!r}")
        try:
            found = followup.load(year, today())
        except ValueError as error:
            raise CommandError(str(error)) from None
        if unit is None:
            result, below = followup.organisation_json(found), "areas"
        else:
            result, below = followup.unit_json(found, unit), "below"
        if format == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        names = dict(Unit.objects.values_list("pk", "name"))
        of = f" of {names[unit]}" if unit else ""
        total = ", ".join(f"{k} {result[k]}" for k in sam.COUNTS)
        self.stdout.write(f"Yearly follow-up {year}{of}: {total}")
        for row in result[below]:
            counts = ", ".join(f"{k} {row[k]}" for k in sam.COUNTS)
            self.stdout.write(f"  {names.get(row['unit'], row['unit'])}: {counts}")

    def _pack(self, unit=None, out=None, lang="sv", format="text", **options):
        found = Unit.objects.filter(pk=unit).first()
        if found is None:
            raise CommandError(f"no unit {unit!r}")
        path = Path(out)
        if not path.resolve().parent.is_dir():
            raise CommandError(f"the folder of --out does not exist: {path.parent}")
        day = today()
        with translation.override(lang):
            content = pack.pack_pdf(found, day)
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(f"cannot write {out}: {error.strerror}") from None
        record(None, AuditEntry.Action.DOWNLOAD_REPORT, found.pk, report="inspection_pack", via="command")
        if format == "json":
            self.stdout.write(json.dumps({"unit": found.pk, "out": str(path), "bytes": len(content)}))
            return
        self.stdout.write(f"Wrote {out}: the inspection pack of {found.name} ({len(content)} bytes)")
