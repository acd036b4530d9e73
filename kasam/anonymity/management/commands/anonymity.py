"""`kasam anonymity audit [--format json]`: checks every stored table and release against the
disclosure rules, recomputed from the raw data still held. Prints each violation with the cells that
produce it; exits 0 only when there is none (docs/anonymity.md)."""

import json
import sys

from django.core.management.base import BaseCommand

from kasam.anonymity.audit import run


class Command(BaseCommand):
    help = "Anonymity: audit every stored table and release against the disclosure rules."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        audit = sub.add_parser("audit", help="Check the database; exit 1 on any violation.")
        audit.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, action, format, **options):
        found = list(run())
        if format == "json":
            self.stdout.write(json.dumps({"clean": not found, "violations": [v.as_dict() for v in found]}))
        else:
            for violation in found:
                self.stdout.write(violation.line())
            self.stdout.write(
                "No violations of the disclosure rules." if not found else f"{len(found)} violations."
            )
        if found:
            sys.exit(1)
