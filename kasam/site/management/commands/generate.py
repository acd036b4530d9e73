"""`kasam generate`: a fictitious municipality from kasam.synth, as import files or into the database."""

import json
import tempfile
import time
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kasam.core.dates import today
from kasam.site.imports import Importer, import_file
from kasam.synth import generate_municipality, write_files

MIN_EMPLOYEES = 10


class Command(BaseCommand):
    help = (
        "Generate a fictitious municipality (import files or straight into the database).\n\n"
        "The same seed and reference date give byte-identical files. Without --out the four files are "
        "imported in order (units, people, employments, absences), all or nothing per file."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--employees", type=int, default=800, help="Staff on the reference date (default 800)."
        )
        parser.add_argument(
            "--years", type=int, default=3, help="Calendar years of absence history (default 3)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Seed of the random generator (default 1).")
        parser.add_argument(
            "--until", help="Last day of the history, YYYY-MM-DD (default: the reference date today)."
        )
        parser.add_argument("--out", help="Write units.csv, people.csv, employments.csv, absences.csv here.")
        parser.add_argument("--format", choices=["table", "json"], default="table", help="Output format.")

    def handle(self, *args, employees, years, seed, until=None, out=None, format="table", **options):
        until_date = _parse_until(until)
        if employees < MIN_EMPLOYEES:
            raise CommandError(f"--employees must be at least {MIN_EMPLOYEES}, not {employees}.")
        if years < 1:
            raise CommandError(f"--years must be at least 1, not {years}.")
        if out and Path(out).exists() and not Path(out).is_dir():
            raise CommandError(f"--out {out} exists and is not a directory.")
        started = time.perf_counter()
        municipality = generate_municipality(employees, years, seed, until=until_date)
        if out:
            write_files(municipality, Path(out))
        else:
            self._load(municipality)
        counts = {kind: frame.height for kind, frame in municipality.tables().items()}
        seconds = round(time.perf_counter() - started, 2)
        if format == "json":
            self.stdout.write(json.dumps({**counts, "out": out, "seconds": seconds}))
        else:
            where = f"written to {out}" if out else "imported into the database"
            self.stdout.write(
                f"{counts['units']} units, {counts['people']} people, {counts['employments']} employments, "
                f"{counts['absences']} absences {where} in {seconds:.1f} s."
            )

    def _load(self, municipality) -> None:
        """Through the ordinary import, so the demo data passes exactly the checks a real file would."""
        with tempfile.TemporaryDirectory(prefix="kasam-generate-") as directory:
            for kind, path in write_files(municipality, Path(directory)).items():
                result = import_file(kind, path.read_bytes(), path.name, importer=Importer.command_line())
                if result.warnings:  # e.g. the few overlapping sick records, merged (docs/definitions.md)
                    self.stderr.write(f"{kind}: {len(result.warnings)} warnings, first: {result.warnings[0]}")
                if not result.ok:
                    count, first = len(result.errors), result.errors[0]
                    raise CommandError(f"Generated {kind} did not import ({count} problems); first: {first}")


def _parse_until(value: str | None) -> date:
    if value is None:
        return today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--until must be a date YYYY-MM-DD, not {value!r}.") from None
