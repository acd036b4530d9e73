"""`kasam release …`: releases of ended periods (docs/definitions.md "Releases").

    kasam release publish --kind KIND --period PERIOD [--format json]
    kasam release list [--kind KIND] [--format json]

PERIOD is 2026-T1 (January–April), 2026-T2 (January–August) or 2026 (the year). Publishing a period
that already has a release publishes a correction: a unit whose difference fails the rules keeps its
earlier figures, and the release says so.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from kasam.releases.models import Release
from kasam.releases.publish import ReleaseError, kind_of, publish


def _json(release: Release) -> dict:
    return {
        "kind": release.kind,
        "period": release.period,
        "start": release.start.isoformat(),
        "end": release.end.isoformat(),
        "version": release.version,
        "published_at": release.published_at.isoformat(timespec="seconds"),
        "published_by": release.published_by,
        "units_shown": len(release.figures),
        "withheld": release.withheld,
    }


class Command(BaseCommand):
    help = "Releases of ended periods: publish one, or list them."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        publish_parser = sub.add_parser("publish", help="Publish the release of an ended period.")
        publish_parser.add_argument("--kind", required=True, help=f"one of: {', '.join(Release.Kind.values)}")
        publish_parser.add_argument("--period", required=True, help="YYYY-T1, YYYY-T2 or YYYY")
        publish_parser.add_argument("--format", choices=["text", "json"], default="text")
        list_parser = sub.add_parser("list", help="List the releases.")
        list_parser.add_argument("--kind", help=f"one of: {', '.join(Release.Kind.values)}")
        list_parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, action, format, **options):
        try:
            if action == "publish":
                releases = [publish(options["kind"], options["period"])]
            else:
                releases = list(Release.objects.all())
                if options.get("kind"):
                    releases = [r for r in releases if r.kind == kind_of(options["kind"])]
        except ReleaseError as error:
            raise CommandError(str(error)) from None
        if format == "json":
            rows = [_json(r) for r in releases]
            self.stdout.write(json.dumps(rows[0] if action == "publish" else rows))
            return
        for r in releases:
            withheld = f", correction withheld for {len(r.withheld)} units" if r.withheld else ""
            self.stdout.write(
                f"{r.kind} {r.period} version {r.version}: {len(r.figures)} units shown{withheld}"
            )
