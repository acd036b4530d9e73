"""The demo's rehabilitation cases (docs/rehabilitation.md): Exempelkommun's long sick cases of the
last fifteen months each got a case, worked the way most managers work them – mostly on time, some
late, some plans for the return to work still overdue – with adjustments and plans; cases from
repeated short-term absence with their health conversations; and the demo employee's own case, so
that "Min plan för återgång" has something to show. Closed cases are closed by `cases.refresh`, the
way the daily tick closes them. Nothing is made when cases exist."""

import random
from datetime import date, timedelta

import polars as pl
from django.db import transaction
from django.db.models import Q

from kasam.absence.conf import sick_leave_settings
from kasam.absence.early_signals import absence_frame
from kasam.accounts.models import User
from kasam.core.dates import today
from kasam.metrics import rehab
from kasam.metrics.sickcases import repeated_short_term, sick_cases
from kasam.org.models import Employment, Person
from kasam.rehab import access, cases, plans
from kasam.rehab.models import Adjustment, Case, Meeting, ReturnPlan, StepDone

HISTORY_DAYS = 450  # long sick cases that began this long ago or later get a case
REPEATED_SHARE = 0.4  # the share of persons with repeated short-term absence whose manager opened a case

ABILITY = [
    "Jag klarar korta pass och arbete i lugnt tempo. Jag vill gärna vara med på morgonmötet.",
    "Jag kan göra administrativa uppgifter och dokumentation, helst med färre avbrott.",
    "Jag orkar arbeta förmiddagar och vill börja med de brukare jag känner.",
    "Jag kan planera och stötta kollegor, men inte lyfta tungt ännu.",
]
LIMITS = [
    "Långa pass och många byten under dagen gör det svårt att hinna återhämta sig.",
    "Tunga lyft och stående arbete hela dagen går inte ännu.",
    "Stress när bemanningen är låg gör arbetsdagen svår.",
    "Kvällspass efter dagpass ger för lite vila.",
]
RETURN_STEPS = [
    "25 % i fyra veckor, 50 % i fyra veckor, sedan 75 % och full tid.",
    "Halvtid i sex veckor, sedan trekvartstid i fyra veckor.",
    "Förmiddagar tre dagar i veckan, sedan ökning varannan vecka.",
]
ADJUSTMENTS = {
    "working_hours": ["Kortare pass, börjar kl. 9", "Förmiddagar i stället för hela dagar"],
    "tasks": ["Dokumentation och planering i stället för tunga besök", "Färre brukare per pass"],
    "aids": ["Höj- och sänkbart skrivbord", "Lyfthjälpmedel i alla besök"],
    "place": ["Arbete från kontoret i stället för ute i distrikt", "Eget rum för dokumentation"],
    "pace": ["Längre tid per besök", "Inga akuta inhopp under de första veckorna"],
    "schedule": ["Inga delade turer", "Inga kvällspass direkt efter dagpass"],
}
HELPED = ["yes", "yes", "partly", "no", ""]


def _manager_or_hr(person_id: str, unit, hr):
    managers = access.managers_of(unit) if unit else []
    return managers[0] if managers else hr


def _done(case: Case, step: str, on: date, user) -> None:
    StepDone.objects.create(case=case, step=step, done_on=on, done_by=user)


def _plan(case: Case, rng: random.Random, on: date, user, version: int = 1) -> None:
    kinds = rng.sample(sorted(ADJUSTMENTS), rng.choice([1, 2, 2, 3]))
    if version == 1:
        for kind in kinds:
            Adjustment.objects.create(
                case=case,
                kind=kind,
                description=rng.choice(ADJUSTMENTS[kind]),
                responsible="Enhetschefen",
                starts_on=on,
                ends_on=case.sick_case_end + timedelta(days=28) if case.sick_case_end else None,
                helped=rng.choice(HELPED) if case.sick_case_end and case.sick_case_end < today() else "",
            )
    measures = [plans.measure(a) for a in case.adjustments.order_by("starts_on", "pk")]
    ReturnPlan.objects.create(
        case=case,
        version=version,
        saved_on=on,
        saved_by=user,
        made_with_person=True,
        work_ability=rng.choice(ABILITY),
        limits=rng.choice(LIMITS),
        expected_return=case.sick_case_end + timedelta(days=1) if case.sick_case_end else None,
        return_steps=rng.choice(RETURN_STEPS),
        follow_up_on=on + timedelta(days=28),
        contacts="Enhetschefen; HR-konsulten; företagshälsovården",
        measures=measures,
    )


def _work_long_case(case: Case, rng: random.Random, day: date, user, overdue_plan: bool) -> None:
    """Mark the steps of a case from a long sick case done as a manager would have done them."""
    late = rng.random() < 0.2
    for step in cases.steps(case):
        if step.status != rehab.OPEN or step.due is None:
            continue
        if step.step == rehab.FOLLOW_UP:
            on = step.due + timedelta(days=rng.randint(-6, 4))
        elif step.step == "return_plan":
            if overdue_plan:
                continue
            on = step.due + timedelta(days=rng.randint(-10, 12 if late else 0))
        else:
            on = step.due + timedelta(days=rng.randint(-5, 6 if late else 0))
        on = max(on, case.opened_on)
        if on > day:
            continue
        _done(case, step.step, on, user)
        if step.step == "return_plan":
            _plan(case, rng, on, user)
            Meeting.objects.create(case=case, held_on=on, with_whom=Meeting.With.PERSON, recorded_by=user)
            if rng.random() < 0.3 and on + timedelta(days=35) <= day:
                _plan(case, rng, on + timedelta(days=35), user, version=2)
        if step.step == "day_90" and rng.random() < 0.5:
            Meeting.objects.create(
                case=case, held_on=on, with_whom=Meeting.With.OCCUPATIONAL_HEALTH, recorded_by=user
            )


@transaction.atomic
def ensure_demo_rehab(seed: int = 1) -> int:
    """Make the demo's cases; returns how many (0 when there were cases)."""
    if Case.objects.exists():
        return 0
    rng = random.Random(seed)
    day = today()
    hr = User.objects.filter(username="hr").first()
    settings = sick_leave_settings()
    since = day - timedelta(days=HISTORY_DAYS)
    employed = Employment.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=since))
    staff = sorted(set(employed.values_list("person_id", flat=True)))
    sick = cases.sick_cases_of(staff)
    persons = Person.objects.in_bulk(staff)
    made = 0
    for person_id in staff:
        for sick_case in sick.get(person_id, []):
            long = (sick_case.end - sick_case.start).days + 1 >= settings.long_case_days
            if not long or sick_case.start < day - timedelta(days=HISTORY_DAYS) or sick_case.start > day:
                continue
            opened = min(day, sick_case.start + timedelta(days=rng.randint(2, 8)))
            if Case.objects.filter(person_id=person_id, closed_on__isnull=True).exists():
                cases.refresh(opened, [person_id])
            if Case.objects.filter(person_id=person_id, closed_on__isnull=True).exists():
                continue
            unit = access.main_unit(person_id, opened)
            user = _manager_or_hr(person_id, unit, hr)
            case = cases.open_case(persons[person_id], rehab.LONG_TERM, user, opened, tell=False)
            # Some plans for the return to work of the last month are still to be made.
            plan_due = sick_case.start + timedelta(days=29)
            overdue = day - timedelta(days=30) <= plan_due < day and rng.random() < 0.5
            _work_long_case(case, rng, day, user, overdue)
            made += 1
    made += _repeated_cases(staff, persons, rng, day, hr, settings)
    made += _employee_case(day, rng)
    cases.refresh(day)
    return made


def _repeated_cases(staff, persons, rng, day, hr, settings) -> int:
    """Cases from repeated short-term absence: the health conversation held, most on time."""
    frame = sick_cases(absence_frame(staff), settings)
    found = repeated_short_term(frame, day, settings).filter(pl.col("repeated"))
    made = 0
    for person_id in found["person_id"].to_list():
        if rng.random() > REPEATED_SHARE:
            continue
        opened = day - timedelta(days=rng.randint(3, 120))
        unit = access.main_unit(person_id, opened)
        if unit is None:
            continue
        user = _manager_or_hr(person_id, unit, hr)
        try:
            case = cases.open_case(persons[person_id], rehab.REPEATED_SHORT_TERM, user, opened, tell=False)
        except cases.CaseRefused:
            continue
        for step in cases.steps(case):
            on = step.due + timedelta(days=rng.randint(-10, 3)) if step.due else None
            if step.status == rehab.OPEN and on and max(on, opened) <= day:
                _done(case, step.step, max(on, opened), user)
        made += 1
    return made


def _employee_case(day: date, rng: random.Random) -> int:
    """The demo employee's own case, opened by hand three weeks ago with a health conversation, and a
    plan made together at it."""
    person = Person.objects.filter(user__username="medarbetare").first()
    if person is None or Case.objects.filter(person=person, closed_on__isnull=True).exists():
        return 0
    unit = access.main_unit(person.pk, day)
    manager = _manager_or_hr(person.pk, unit, User.objects.filter(username="hr").first())
    opened = day - timedelta(days=21)
    case = cases.open_case(person, rehab.MANUAL, manager, opened, ("health_conversation",), tell=False)
    _done(case, "health_conversation", opened + timedelta(days=6), manager)
    _plan(case, rng, opened + timedelta(days=7), manager)
    return 1
