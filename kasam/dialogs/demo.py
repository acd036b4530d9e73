"""The demo's dialogs: Exempelkommun has run "KASAM på APT" in a staggered way over the last two years –
some units early, some late, some not yet – one theme a month at the workplace meeting (none in
July), so that the reach pages have something to show and the evaluation has a real roll-out to
study. Units that went through all ten themes wrote their own evaluation (DFU).

- Every unit of kind "unit" with staff takes part in the draw; the demo unit manager's unit starts
  early and the dialog coach's units are led by the coach (their records name the coach as leader).
- Participants are 55–90 % of the unit's staff on the day; reflections are short Swedish texts.
- Deterministic for a seed; nothing happens when any dialog is recorded already."""

import bisect
import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from kasam.accounts.demo import plan_demo_logins
from kasam.core.dates import today
from kasam.dialogs.access import staff_on
from kasam.dialogs.models import DialogRecord, Evaluation, PlannedMeeting, Programme, Theme
from kasam.org.models import Employment, Unit
from kasam.plans.models import Activity, HealthPlan

PROGRAMME = "kasam-pa-apt"
# The demo manager's next workplace meeting starts on this programme; the meetings that agreed on its
# plan's activities used the conversation cards.
NEXT_PROGRAMME = "triogrupper"
CARDS = "samtalskort"
CARDS_REFLECTION = "Vi drog kort om vad som ger energi och valde något att pröva till nästa gång."
# Share of units per start: early (the first months of the window), late (the second year), not yet.
EARLY, LATE = 0.35, 0.4
WINDOW_MONTHS = 24

REFLECTIONS = [
    "Vi märkte att vi ofta vet mer än vi tror om varför saker görs. Vi vill säga det högt oftare.",
    "Det som hjälper mest är när vi hjälps åt vid passbyten. Det vill vi hålla fast vid.",
    "Flera sa att det känns lättare när dagen börjar lugnt. Vi provar att ses fem minuter först.",
    "Vi pratade om vad som ger energi i jobbet: brukarnas glädje och att skratta ihop.",
    "Det blev ett bra samtal om hur vi säger till när något är tungt. Alla fick komma till tals.",
    "Vi har lärt oss mycket det senaste året. Vi vill ta vara på det när nya kollegor börjar.",
    "Gruppen kom fram till att vi behöver bli bättre på att fråga varandra om hjälp.",
    "Vi var överens om att vi är stolta över vårt arbete, även när det är mycket.",
]

EVALUATION = [
    {
        "question": "Pratar vi mer med varandra om hur vi har det?",
        "answer": "Ja. Vi tar upp saker tidigare nu, innan de blir stora.",
        "examples": "Vi har en stund på måndagar där vi säger hur veckan ser ut.",
    },
    {
        "question": "Vet vi bättre varför vi gör som vi gör?",
        "answer": "Mest ja, särskilt kring schemat och rutinerna.",
        "examples": "Chefen förklarar ändringar på APT i stället för i mejl.",
    },
    {
        "question": "Vad vill vi fortsätta med?",
        "answer": "Korta samtal på APT, men med egna frågor ibland.",
        "examples": "Samtalskorten i fikarummet används varje vecka.",
    },
]


def _months(start: date, count: int) -> list[date]:
    months, month = [], start.replace(day=1)
    for _ in range(count):
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def _meeting_day(month: date, rng: random.Random, last: date) -> date | None:
    """A weekday in the month's second or third week, not after `last`."""
    day = month + timedelta(days=rng.randint(7, 20))
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day if day <= last else None


class StaffCounter:
    """kasam.dialogs.access.staff_on counted in memory: the employments read once, not a query per unit
    and month (tens of thousands for a large organisation)."""

    def __init__(self) -> None:
        rows = Employment.objects.values_list("unit__path", "person_id", "start_date", "end_date")
        self._rows = sorted(rows, key=lambda row: row[0])
        self._paths = [row[0] for row in self._rows]

    def __call__(self, unit: Unit, day: date) -> int:
        """Persons employed in the unit or below it on the day."""
        first = bisect.bisect_left(self._paths, unit.path)
        last = bisect.bisect_right(self._paths, unit.path + "\U0010ffff", lo=first)
        return len(
            {
                person
                for _path, person, start, end in self._rows[first:last]
                if start <= day and (end is None or end >= day)
            }
        )


@transaction.atomic
def ensure_demo_dialogs(seed: int = 1) -> bool:
    """Records the demo's dialogs; True when it did, False when there were dialogs already."""
    if DialogRecord.objects.exists():
        return False
    programme = Programme.objects.filter(slug=PROGRAMME).first()
    if programme is None:
        return False
    rng = random.Random(seed)
    themes = list(programme.themes.all())
    logins = {login.username: login for login in plan_demo_logins()}
    users = {user.username: user for user in get_user_model().objects.filter(username__in=logins)}
    manager_unit = logins["enhetschef"].units[0].pk
    coach_units = {unit.pk for unit in logins["dialogcoach"].units}
    last = today() - timedelta(days=1)
    months = [m for m in _months(last.replace(day=1) - timedelta(days=WINDOW_MONTHS * 30), WINDOW_MONTHS + 1)]

    staff_on = StaffCounter()
    units = [
        unit for unit in Unit.objects.filter(kind=Unit.Kind.UNIT).order_by("path") if staff_on(unit, last)
    ]
    records, evaluations = [], []
    for unit in units:
        draw = 0.0 if unit.pk == manager_unit else rng.random()
        if draw < EARLY:
            first = rng.randint(0, 3)
        elif draw < EARLY + LATE:
            first = rng.randint(10, WINDOW_MONTHS - 2)
        else:
            continue  # not yet
        leader = users.get("dialogcoach") if unit.pk in coach_units else None
        if unit.pk == manager_unit:
            leader = users.get("enhetschef")
        done = 0
        for month in months[first:]:
            if done == len(themes):
                break
            if month.month == 7:
                continue
            day = _meeting_day(month, rng, last)
            staff = staff_on(unit, day) if day else 0
            if not staff:
                continue
            records.append(
                DialogRecord(
                    unit=unit,
                    programme=programme,
                    theme=themes[done],
                    held_on=day,
                    participants=max(1, round(staff * rng.uniform(0.55, 0.9))),
                    reflections=rng.choice(REFLECTIONS),
                    led_by=leader,
                )
            )
            done += 1
        if done == len(themes):
            finished = records[-1].held_on + timedelta(days=14)
            if finished <= last:
                evaluations.append(
                    Evaluation(
                        unit=unit,
                        programme=programme,
                        written_on=finished,
                        participants=records[-1].participants,
                        answers=EVALUATION,
                        written_by=leader,
                    )
                )
    DialogRecord.objects.bulk_create(records)
    Evaluation.objects.bulk_create(evaluations)
    _agreed_and_next(manager_unit, users.get("enhetschef"), last)
    return True


def _agreed_and_next(unit_id: str, manager, last: date) -> None:
    """The demo manager's unit: each activity of this year's plan was agreed at a workplace meeting with
    the conversation cards four weeks before its first follow-up (the done ones at one, the rest at
    another), and the next meeting is planned a week ahead with the first theme of the trio groups."""
    plan = HealthPlan.objects.filter(unit_id=unit_id, year=last.year).select_related("unit").first()
    cards = Programme.objects.filter(slug=CARDS).first()
    if plan is not None and cards is not None:
        activities = list(plan.activities.order_by("follow_up_on", "id"))
        done = [a for a in activities if a.status == Activity.Status.DONE]
        for group in (done, [a for a in activities if a not in done]):
            if not group:
                continue
            day = group[0].follow_up_on - timedelta(days=28)
            while day.weekday() >= 5:
                day -= timedelta(days=1)
            staff = staff_on(plan.unit, day)
            if day > last or not staff:
                continue
            record = DialogRecord.objects.create(
                unit_id=unit_id, programme=cards, held_on=day, participants=max(1, round(staff * 0.7)),
                reflections=CARDS_REFLECTION, led_by=manager,
            )  # fmt: skip
            record.activities.set(group)
    theme = Theme.objects.filter(programme__slug=NEXT_PROGRAMME).order_by("position", "id").first()
    if theme is not None:
        day = last + timedelta(days=8)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        PlannedMeeting.objects.create(
            unit_id=unit_id, held_on=day, theme=theme, facilitator=manager, created_by=manager
        )
