import time
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kasam.accounts.demo import DEMO_PASSWORD, ensure_demo_logins
from kasam.accounts.models import User
from kasam.core.models import DemoDatabase, is_demo_database
from kasam.dialogs.demo import ensure_demo_dialogs
from kasam.economy.demo import ensure_demo_economy
from kasam.evaluation.demo import plant_demo_effect
from kasam.gdpr.retention import run_purge
from kasam.gdpr.tasks import is_purge_due
from kasam.kolada.demo import ensure_demo_kolada
from kasam.leadership.demo import ensure_demo_leadership
from kasam.org.models import Unit
from kasam.plans.demo_plans import ensure_demo_health_plans
from kasam.pulse.demo import ensure_demo_pulse
from kasam.releases.demo import ensure_demo_releases
from kasam.survey.demo import ensure_demo_survey
from kasam.targets.demo import ensure_demo_targets


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
        # The pulse programme with a year of rounds; nothing when it exists already.
        ensure_demo_pulse(seed=seed)
        # The employee surveys of the last two years; nothing when there is a survey.
        ensure_demo_survey(seed=seed)
        ensure_demo_economy(seed=seed)  # the Kalix budget table, overtime, substitutes, salaries
        ensure_demo_kolada()  # Kalix's published Kolada comparison of 2023; nothing when there is a fetch
        ensure_demo_targets()  # the project plan's targets (måltal); nothing when there are targets
        # Health-factor ratings and health plans of a few units; nothing when there are ratings.
        ensure_demo_health_plans(seed=seed)
        logins = ensure_demo_logins()
        ensure_demo_leadership()  # trainings of the demo's leaders; nothing when there are trainings
        # Two years of staggered KASAM dialogs (after the logins: the coach and manager lead some).
        if ensure_demo_dialogs(seed=seed):
            plant_demo_effect(seed=seed)  # the roll-out lowers sick leave, for the evaluation to find
        ensure_demo_releases()  # every ended period the data covers, as the health strategist publishes
        # What is already past retention (the pulse's first rounds closed over a year ago) goes now,
        # as the daily tick would: `kasam tick` right after the demo has nothing to do.
        if is_purge_due():
            run_purge()
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
