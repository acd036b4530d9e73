"""`kasam kolada …`: public comparison figures from Kolada's API v3 (docs/kolada.md).

    kasam kolada fetch --municipality 2514 --years 2020-2024 [--group-area äldreomsorg] [--format json]

`fetch` is kasam.kolada.actions.fetch: Kasam's KPIs (kasam.kolada.kpis) for the municipality, its county and
Kolada's "Liknande kommuner …" group of each year, all or nothing. A failure is one line on standard error and
exit status 1 (with --format json, standard output still holds only JSON: the failed fetch)."""

import json

from django.core.management.base import BaseCommand, CommandError

from kasam.kolada import actions
from kasam.kolada.client import KoladaError
from kasam.kolada.kpis import GROUP_AREA
from kasam.kolada.models import Fetch


class Command(BaseCommand):
    help = (
        "Kolada: fetch public comparison figures of the municipality, its county and similar municipalities."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{fetch}")
        text = (
            "Fetch Kasam's comparison KPIs from Kolada's API for a municipality, its county and Kolada's "
            "'Liknande kommuner' group of each year, and store them (all or nothing)."
        )
        p = sub.add_parser("fetch", help=text, description=text)
        p.add_argument("--municipality", required=True, help="The municipality's code, e.g. 2514 (Kalix).")
        p.add_argument("--years", required=True, help="Years: 2020-2024, 2023 or 2020,2022.")
        p.add_argument(
            "--group-area",
            default=GROUP_AREA,
            help=f"Which 'Liknande kommuner <area>, <name>, <year>' group to compare with "
            f"(default {GROUP_AREA}).",
        )
        p.add_argument("--format", choices=["text", "json"], default="text", help="Output format.")

    def handle(self, *args, action, **options):
        getattr(self, f"do_{action}")(**options)

    def do_fetch(self, municipality, years, group_area, format="text", **_):
        try:
            year_list = actions.parse_years(years)
            result = actions.fetch(municipality.strip(), year_list, group_area=group_area)
        except ValueError as error:
            raise CommandError(str(error)) from None
        except KoladaError as error:
            failed = Fetch.objects.filter(status=Fetch.Status.FAILED).order_by("-id").first()
            if format == "json":
                data = {"fetch": failed.pk if failed else None, "status": "failed", "error": str(error)}
                self.stdout.write(json.dumps(data, ensure_ascii=False))
            raise CommandError(f"{error}; nothing was stored.", returncode=1) from None
        if format == "json":
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
            return
        groups = sorted({g.title for g in result.groups.values()})
        self.stdout.write(
            f"Fetched {len(result.kpis)} KPIs for {result.municipality.title} ({result.municipality.id}), "
            f"{result.county.title} ({result.county.id}) and {len(groups)} similar-municipalities group(s), "
            f"{year_list[0]}–{year_list[-1]}: {result.values} values in {result.requests} request(s) "
            f"(fetch {result.fetch.pk})."
        )
        for year, group in result.groups.items():
            rule = "" if group.rule == "same year" else f" ({group.rule})"
            self.stdout.write(f"  {year}: {group.title} [{group.id}]{rule}")
