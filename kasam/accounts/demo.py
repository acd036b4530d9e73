"""The demo logins: one per role, named by the role in plain letters (as README lists them), each
assigned over a part of the generated municipality that makes its start page meaningful."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q

from kasam.accounts.models import User
from kasam.core.dates import today
from kasam.org.models import Employment, Person, Role, RoleAssignment, Unit

DEMO_PASSWORD = "kasam-demo"  # noqa: S105 – printed for the local demo; never used in production
# The demo logins, one per role. Only on a database made by `kasam demo` (kasam.core.models.DemoDatabase)
# are they exempt from the second factor (kasam.accounts.second_factor).
DEMO_USERNAMES = frozenset(
    {
        "medarbetare",
        "enhetschef",
        "omradeschef",
        "halsostrateg",
        "hr",
        "ledning",
        "politiker",
        "dialogcoach",
        "skyddsombud",
    }
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: Role
    units: list[Unit]


def _pick_area(root: Unit) -> Unit:
    areas = list(Unit.objects.filter(parent=root).order_by("path"))
    return next((a for a in areas if a.name == "Äldreomsorg"), areas[0] if areas else root)


def _pick_unit(area: Unit) -> Unit:
    """A unit with teams below it if there is one, so the manager sees a small tree."""
    units = (
        Unit.objects.filter(path__startswith=area.path, kind=Unit.Kind.UNIT)
        .annotate(teams=Count("children"))
        .order_by("-teams", "path")
    )
    return units.first() or area


def _current_employee(unit: Unit) -> tuple[Person, Unit] | None:
    day = today()
    employment = (
        Employment.objects.filter(
            unit__path__startswith=unit.path, pay=Employment.Pay.MONTHLY, start_date__lte=day
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("person", "unit")
        .order_by("-rate", "person_id")
        .first()
    )
    return (employment.person, employment.unit) if employment else None


def plan_demo_logins() -> list[DemoLogin]:
    root = Unit.objects.get(parent__isnull=True)
    area = _pick_area(root)
    unit = _pick_unit(area)
    employee = _current_employee(unit)
    coach_units = [_pick_unit(a) for a in Unit.objects.filter(parent=root).order_by("path")[:3]]
    return [
        DemoLogin("medarbetare", Role.EMPLOYEE, [employee[1] if employee else unit]),
        DemoLogin("enhetschef", Role.UNIT_MANAGER, [unit]),
        DemoLogin("omradeschef", Role.AREA_MANAGER, [area]),
        DemoLogin("halsostrateg", Role.HEALTH_STRATEGIST, [root]),
        DemoLogin("hr", Role.HR, [root]),
        DemoLogin("ledning", Role.LEADERSHIP, [root]),
        DemoLogin("politiker", Role.COMMITTEE, [root]),
        DemoLogin("dialogcoach", Role.DIALOG_COACH, coach_units),
        DemoLogin("skyddsombud", Role.SAFETY_REPRESENTATIVE, [unit]),
    ]


@transaction.atomic
def ensure_demo_logins() -> list[DemoLogin]:
    """Create or refresh the demo logins; safe to run again and again."""
    logins = plan_demo_logins()
    for login in logins:
        user, _created = User.objects.get_or_create(username=login.username)
        user.set_password(DEMO_PASSWORD)
        user.save()
        RoleAssignment.objects.filter(user=user).delete()
        RoleAssignment.objects.bulk_create(
            RoleAssignment(user=user, role=login.role, unit=unit) for unit in login.units
        )
    employee = _current_employee(logins[0].units[0])
    if employee:
        medarbetare = User.objects.get(username="medarbetare")
        Person.objects.filter(user=medarbetare).exclude(pk=employee[0].pk).update(user=None)
        Person.objects.filter(pk=employee[0].pk).update(user=medarbetare)
        User.objects.filter(pk=medarbetare.pk).update(first_name=employee[0].first_name)
    return logins
