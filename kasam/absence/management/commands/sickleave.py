"""`kasam sickleave report`: the statutory sick-leave report from the database (or, with --from-dir,
from the four import files). The options are defined once, in kasam.metrics_cli.sickleave_report;
`kasam` sends `sickleave report --from-dir` straight there without setting up Django."""

from django.core.management.base import BaseCommand, CommandError

from kasam.absence.conf import sick_leave_settings
from kasam.absence.frames import load_frames
from kasam.core.dates import today
from kasam.metrics.frames import read_import_dir
from kasam.metrics_cli import sickleave_report as report_cli


class Command(BaseCommand):
    help = report_cli.DESCRIPTION

    def add_arguments(self, parser):
        report_cli.add_subcommands(parser)

    def handle(self, *args, subcommand: str, **options):
        from_dir = options.get("from_dir")
        # The files' rows without valid_from hold from today, as an import would read them.
        load = (
            (lambda: read_import_dir(from_dir, today=today()))
            if from_dir
            else (lambda: load_frames(sick_only=True))
        )
        try:
            text = report_cli.run(options, load, sick_leave_settings())
        except report_cli.ReportError as error:
            raise CommandError(str(error), returncode=error.code) from None
        self.stdout.write(text)
