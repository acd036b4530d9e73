"""The demo's leadership building blocks: the demo's leaders (the logins with a unit-manager or
area-manager role after kasam.accounts.demo.ensure_demo_logins; the generated municipality's other
managers have no logins) get a realistic set of trainings over the last three calendar years
(2024–2026 when today is in 2026), and the demo login `enhetschef` four answers to its own checklist
over two years that show growth. Most trainings are recorded by HR; a few by the leader themselves.

Deterministic; nothing happens when there is a training already. No date is after today."""

from datetime import date, timedelta

from django.db import transaction

from kasam.accounts.models import User
from kasam.core.dates import today
from kasam.leadership.access import LEADER_ROLES
from kasam.leadership.checklist import SLUGS, record_answer
from kasam.leadership.models import BuildingBlock, Training

# (block, years before this year, month, day, recorded by the leader themselves, note)
PLANS: dict[str, list[tuple[str, int, int, int, bool, str]]] = {
    "enhetschef": [
        ("bam", 2, 3, 14, False, "Tillsammans med skyddsombudet."),
        ("coachande-ledarskap", 2, 10, 8, False, ""),
        ("svara-samtal", 1, 2, 20, False, ""),
        ("individuellt-ledarstod", 1, 9, 1, True, "Sex samtal under hösten."),
        ("salutogent-ledarskap", 0, 4, 22, False, ""),
        ("gruppledarskap", 0, 9, 17, True, "Provar stegen på varje APT."),
    ],
    "omradeschef": [
        ("ugl", 2, 5, 23, False, "Internat, fem dagar."),
        ("forandringsledning", 1, 3, 6, False, ""),
        ("tillitsbaserad-styrning", 1, 11, 12, False, ""),
        ("mi", 0, 2, 10, False, ""),
        ("dfu", 0, 6, 3, True, "Utvärderade KASAM på APT med områdets chefer."),
    ],
}
# Any other leader (a login added later): a plain set in turn.
OTHER_PLANS = [
    [("bam", 2, 4, 9, False, ""), ("goda-relationer", 1, 10, 2, False, "")],
    [("coachande-ledarskap", 1, 5, 18, False, ""), ("mi", 0, 3, 24, False, "")],
    [("ugl", 2, 9, 27, False, ""), ("svara-samtal", 0, 1, 29, False, "")],
]

# The demo unit manager's own checklist: days before today and one score per statement (in the
# checklist's order), from a hesitant start to a steadier leader two years later.
CHECKLIST_ANSWERS: list[tuple[int, tuple[int, ...]]] = [
    (700, (2, 4, 2, 3, 3, 3, 2, 3, 2, 2)),
    (520, (3, 4, 3, 3, 4, 3, 2, 3, 2, 2)),
    (300, (3, 4, 3, 4, 4, 4, 3, 4, 3, 3)),
    (40, (4, 5, 4, 4, 4, 4, 4, 5, 4, 3)),
]


def _day(years_back: int, month: int, day: int) -> date:
    """The day in the year `years_back` before this one, never after today."""
    return min(date(today().year - years_back, month, day), today())


@transaction.atomic
def ensure_demo_leadership() -> int:
    """Trainings for the demo's leaders and the demo unit manager's checklist; returns how many
    trainings were added (0 when there were trainings already)."""
    if Training.objects.exists():
        return 0
    blocks = {block.slug: block for block in BuildingBlock.objects.all()}
    leaders = list(
        User.objects.filter(role_assignments__role__in=LEADER_ROLES).distinct().order_by("username")
    )
    recorder = User.objects.filter(username="hr").first()
    trainings = []
    others = 0
    for leader in leaders:
        plan = PLANS.get(leader.username)
        if plan is None:
            plan, others = OTHER_PLANS[others % len(OTHER_PLANS)], others + 1
        for slug, years_back, month, day, own, note in plan:
            if slug not in blocks:
                continue
            trainings.append(
                Training(
                    user=leader,
                    block=blocks[slug],
                    completed_on=_day(years_back, month, day),
                    note=note,
                    recorded_by=leader if own else recorder,
                )
            )
    Training.objects.bulk_create(trainings, ignore_conflicts=True)
    manager = next((leader for leader in leaders if leader.username == "enhetschef"), None)
    if manager is not None:
        for days_back, scores in CHECKLIST_ANSWERS:
            record_answer(manager, today() - timedelta(days=days_back), dict(zip(SLUGS, scores, strict=True)))
    return len(trainings)
