"""The demo's work-environment cycle (docs/definitions.md "The systematic work-environment cycle"):
two years of psychosocial safety rounds in most units of Exempelkommun, each area answered, risks
rated on the matrix – most made actions of the health plan or accepted, some still open – the demo
unit manager's and area manager's delegated work-environment tasks, one of them returned. The
committee's follow-up comes with the demo's releases. Nothing is made when rounds exist."""

import random
from datetime import date, timedelta

from django.db import transaction

from kasam.accounts.models import User
from kasam.core.dates import today
from kasam.metrics import sam
from kasam.org.models import Role, RoleAssignment, Unit
from kasam.plans.models import Activity, HealthPlan
from kasam.sam.models import Area, AreaAnswer, Risk, SafetyRound, TaskDelegation

ROUND_SHARE = 0.85  # the share of units that held their rounds
NOTES = {
    "works_well": ["Vi hjälps åt och det märks", "Tydligt vem som gör vad", "Bra introduktion av nya"],
    "needs_attention": ["Morgnarna är stressiga", "Svårt att hinna med raster", "Otydligt vem som bestämmer"],
    "risk": ["För många besök per pass", "Hård ton mellan kollegor", "Ensamarbete sena kvällar"],
}
RISKS = {
    "workload": "För många besök per pass under morgonen",
    "working_hours": "Korta vändor mellan kvälls- och dagpass",
    "victimisation": "Hård ton och utfrysning i personalgruppen",
    "goals": "Otydliga mål efter omorganisationen",
    "knowledge": "Nya vikarier får ingen introduktion",
    "cooperation": "Arbetsplatsträffarna blir ofta inställda",
}


def _users() -> dict[str, User]:
    return {
        user.username: user
        for user in User.objects.filter(username__in=["enhetschef", "skyddsombud", "omradeschef", "ledning"])
    }


def _answer(rng: random.Random) -> str:
    return rng.choices(sam.ANSWERS, weights=(6, 3, 1))[0]


def _round(unit: Unit, held_on: date, rng: random.Random, manager, representative, day: date) -> None:
    signed = held_on + timedelta(days=rng.randint(0, 6))
    held = SafetyRound.objects.create(
        unit=unit,
        held_on=held_on,
        participants="Enhetschefen, skyddsombudet och arbetsgruppen",
        created_by=manager,
        manager_signed_by=manager,
        manager_signed_on=min(signed, day),
        representative_signed_by=representative,
        representative_signed_on=min(signed, day),
    )
    for area in Area.values:
        answer = _answer(rng)
        AreaAnswer.objects.create(round=held, area=area, answer=answer, note=rng.choice(NOTES[answer]))
        if answer != "risk":
            continue
        likelihood, consequence = rng.randint(1, 4), rng.randint(1, 4)
        level = sam.level(likelihood, consequence)
        risk = Risk(
            unit=unit,
            round=held,
            area=area,
            description=RISKS[area],
            likelihood=likelihood,
            consequence=consequence,
            participants=held.participants,
            found_on=held_on,
            due_on=sam.act_by(level, held_on),
            created_by=manager,
            representative_signed_by=representative,
            representative_signed_on=held.representative_signed_on,
        )
        if rng.random() < 0.8:
            plan, _made = HealthPlan.objects.get_or_create(
                unit=unit, year=held_on.year, defaults={"snapshot": {}, "snapshot_taken_on": held_on}
            )
            done = risk.due_on < day and rng.random() < 0.8
            activity = Activity.objects.create(
                plan=plan,
                what=RISKS[area],
                how="Vi går igenom planeringen tillsammans på arbetsplatsträffen",
                why=f"En risk från skyddsronden ({likelihood} × {consequence})",
                who="Enhetschefen med skyddsombudet",
                when="Inom en månad",
                follow_up="På nästa arbetsplatsträff",
                follow_up_on=risk.due_on,
                status=Activity.Status.DONE if done else Activity.Status.ONGOING,
            )
            risk.decision, risk.activity = Risk.Decision.ACTION, activity
            closed = max(held_on, risk.due_on - timedelta(days=rng.randint(0, 10)))
            risk.closed_on = min(closed, day) if done else None
        elif level == sam.LOW:
            risk.decision, risk.accepted_reason = (
                Risk.Decision.ACCEPTED,
                "Liten risk som vi följer på nästa rond",
            )
            risk.closed_on = held_on
        risk.save()


def _delegations(users: dict[str, User], unit: Unit, area: Unit, day: date) -> None:
    manager, area_manager, leadership = (
        users.get("enhetschef"),
        users.get("omradeschef"),
        users.get("ledning"),
    )
    if manager and area_manager:
        TaskDelegation.objects.create(
            unit=unit, holder=manager, given_by=area_manager, tasks="Arbetsmiljöuppgifterna för enheten",
            knowledge="Arbetsmiljöutbildning (BAM) 2024",
            authority="Beslutar om schema och bemanning inom budget",
            resources="Budget för vikarier; stöd från HR och företagshälsovården",
            given_on=date(day.year - 1, 1, 10), accepted_on=date(day.year - 1, 1, 12),
            returned_on=date(day.year - 1, 3, 1),
            return_reason="Budgeten räcker inte till vikarier; jag kan inte ta ansvar för bemanningen.",
        )  # fmt: skip
        TaskDelegation.objects.create(
            unit=unit, holder=manager, given_by=area_manager, tasks="Arbetsmiljöuppgifterna för enheten",
            knowledge="Arbetsmiljöutbildning (BAM) 2024",
            authority="Beslutar om schema och bemanning inom budget",
            resources="Budget för vikarier, utökad efter returneringen; stöd från HR och FHV",
            given_on=date(day.year - 1, 3, 20), accepted_on=date(day.year - 1, 3, 22),
        )  # fmt: skip
    if area_manager and leadership:
        TaskDelegation.objects.create(
            unit=area, holder=area_manager, given_by=leadership, tasks="Arbetsmiljöuppgifterna för området",
            knowledge="Arbetsmiljöutbildning (BAM)", authority="Beslutar om områdets organisation och budget",
            resources="Områdets budget; HR-stöd", given_on=date(day.year - 2, 1, 15),
            accepted_on=date(day.year - 2, 1, 20),
        )  # fmt: skip


@transaction.atomic
def ensure_demo_sam(seed: int = 1) -> int:
    """Make the demo's rounds, risks and tasks; the number of rounds made (0 when there were rounds)."""
    if SafetyRound.objects.exists():
        return 0
    rng = random.Random(seed)
    day = today()
    users = _users()
    manager_units = set(
        RoleAssignment.objects.filter(role=Role.UNIT_MANAGER, user__username="enhetschef").values_list(
            "unit_id", flat=True
        )
    )
    made = 0
    for unit in Unit.objects.filter(kind=Unit.Kind.UNIT).order_by("path"):
        ours = unit.pk in manager_units
        if not ours and rng.random() > ROUND_SHARE:
            continue
        manager = users.get("enhetschef") if ours else None
        representative = users.get("skyddsombud") if ours else None
        for years_ago in (1, 0):
            held_on = date(day.year - years_ago, rng.randint(2, 5), rng.randint(1, 28))
            if held_on <= day:
                _round(unit, held_on, rng, manager, representative, day)
                made += 1
        if ours:
            _delegations(users, unit, unit.parent, day)
    return made
