import time
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from kasam.accounts.demo import DEMO_PASSWORD
from kasam.accounts.models import User
from kasam.core.contrib import DemoRun
from kasam.core.models import DemoDatabase, is_demo_database
from kasam.org.models import Unit
from kasam.site.compose import DEMO_STEPS


def _made_by_an_earlier_demo() -> bool:
    """A database the demo made before it was marked: its health strategist logs in with the demo's
    public password."""
    user = User.objects.filter(username="halsostrateg").first()
    return user is not None and user.check_password(DEMO_PASSWORD)


def mark_demo_database() -> None:
    """Mark the database as the demo's (kasam.core.models.DemoDatabase): an empty one, or one an earlier
    demo made. Any other database is refused: the demo would add logins with a public password and
    exempt them from the second factor."""
    if is_demo_database():
        return
    if Unit.objects.exists() and not _made_by_an_earlier_demo():
        raise CommandError(
            "This database was not made by `kasam demo`; the demo adds logins with a public password and "
            "never does so here. Point KASAM_VAR_DIR (or DATABASE_URL) at an empty database."
        )
    DemoDatabase.objects.create()


def analyse_tables() -> None:
    """Fresh planner statistics after the bulk load, on PostgreSQL: without them the planner takes a
    table of thousands of rows for an empty one (nested loops over every unit) until autovacuum gets
    to it – or never, where autovacuum is off. Only Kasam's own tables: the system catalogues are the
    server's."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


class Command(BaseCommand):
    help = "Set up the demo municipality Exempelkommun (if needed) and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="prepare the database only")
        parser.add_argument("--addr", default="127.0.0.1:8000", help="host:port to serve on")
        parser.add_argument("--employees", type=int, default=800, help="size of a newly generated demo")
        parser.add_argument("--years", type=int, default=3, help="years of absence history")
        parser.add_argument("--seed", type=int, default=1, help="seed of the generator")

    def handle(self, *args, no_serve, addr, employees, years, seed, **options):
        started = time.monotonic()
        call_command("migrate", interactive=False, verbosity=0)
        mark_demo_database()
        if not Unit.objects.exists():
            self.stdout.write("Genererar demokommunen Exempelkommun …")
            # The generated files carry a few overlapping sick records on purpose; their import
            # warnings are for analysts, not for someone starting the demo.
            call_command(
                "generate", employees=employees, years=years, seed=seed, stdout=StringIO(), stderr=StringIO()
            )
        # The apps' demo steps (their contrib.py, in order, kasam.site.compose): the pulse, the surveys,
        # the economy, Kolada, the health plans, the logins, leadership, the dialogs and the
        # evaluation's planted effect, the targets, the releases, and what is already past retention.
        run = DemoRun(seed=seed, kept={})
        for step in DEMO_STEPS:
            step_started = time.monotonic()
            step.run(run)
            if options.get("verbosity", 1) >= 2:  # benchmarks/bench_demo.py reads these lines
                app = step.run.__module__.removeprefix("kasam.").removesuffix(".contrib")
                self.stdout.write(f"  steg {step.order} {app}: {time.monotonic() - step_started:.1f} s")
        analyse_tables()
        logins = run.kept["logins"]
        self.stdout.write(f"Databasen är klar ({time.monotonic() - started:.1f} s).\n")
        if settings.KASAM_INSECURE_HTTP:
            self.stdout.write(
                "KASAM_INSECURE_HTTP=true: vanlig HTTP utan säkra kakor – bara för demon på den här datorn."
            )
        self.stdout.write("E-post och sms hamnar i utkorgen (/utkorg/, som hälsostrateg), inte här.")
        self.stdout.write(f"Kasam: http://{addr}/")
        self.stdout.write(f"Demoinloggningar (lösenord för alla: {DEMO_PASSWORD}):")
        for login in logins:
            units = ", ".join(unit.name for unit in login.units)
            self.stdout.write(f"  {login.username:<14}{login.role.label} – {units}")
        if not no_serve:
            call_command("serve", addr=addr)
