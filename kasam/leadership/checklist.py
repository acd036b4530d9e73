"""The leader's checklist: recording a leader's own answer, reading their own history, and what the
page shows. Only ever the leader's own answers: every function here takes the leader, and the views
pass `request.user`.

One answer per leader and day: answering again on the same day replaces that day's answer (the
leader correcting themselves), and the page says so."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import get_language, gettext

from kasam.core import charts
from kasam.core.formatting import format_number
from kasam.leadership.catalogue import CHECKLIST, CHECKLIST_SCALE
from kasam.leadership.models import ChecklistAnswer

SLUGS: tuple[str, ...] = tuple(s.slug for s in CHECKLIST)
SCALE = range(1, len(CHECKLIST_SCALE) + 1)


def check_scores(scores: dict[str, int]) -> dict[str, int]:
    """The scores of all ten statements, each 1..5 and nothing else; a ValueError says what is wrong."""
    missing = [slug for slug in SLUGS if slug not in scores]
    if missing:
        raise ValueError(f"every statement needs a score; missing: {', '.join(missing)}")
    unknown = sorted(set(scores) - set(SLUGS))
    if unknown:
        raise ValueError(f"not statements of the checklist: {', '.join(unknown)}")
    for slug in SLUGS:
        score = scores[slug]
        if isinstance(score, bool) or not isinstance(score, int) or score not in SCALE:
            raise ValueError(f"a score is 1 to 5, not {score!r} ({slug})")
    return {slug: scores[slug] for slug in SLUGS}


@transaction.atomic
def record_answer(user, answered_on: date, scores: dict[str, int]) -> tuple[ChecklistAnswer, bool]:
    """Store the leader's answer of the day (replacing one from the same day); (answer, replaced)."""
    checked = check_scores(scores)
    answer, created = ChecklistAnswer.objects.update_or_create(
        user=user, answered_on=answered_on, defaults={"scores": checked}
    )
    return answer, not created


def history(user) -> list[ChecklistAnswer]:
    """The leader's own answers, oldest first."""
    return list(ChecklistAnswer.objects.filter(user=user).order_by("answered_on", "id"))


def statement_text(slug: str) -> str:
    language = get_language() or "sv"
    return next((s.text.get(language) for s in CHECKLIST if s.slug == slug), slug)


def scale_text(score: int) -> str:
    return CHECKLIST_SCALE[score - 1].get(get_language() or "sv") if score in SCALE else str(score)


def mean(answer: ChecklistAnswer) -> float:
    values = [answer.scores[slug] for slug in SLUGS if slug in answer.scores]
    return sum(values) / len(values) if values else 0.0


@dataclass(frozen=True)
class Row:
    number: int
    text: str
    score: int
    scale: str
    change: int | None  # against the answer before

    @property
    def change_text(self) -> str:
        return format_number(self.change, 0, sign=True)


def rows(answer: ChecklistAnswer, previous: ChecklistAnswer | None = None) -> list[Row]:
    before = previous.scores if previous else {}
    return [
        Row(
            number=number,
            text=statement_text(slug),
            score=answer.scores[slug],
            scale=scale_text(answer.scores[slug]),
            change=answer.scores[slug] - before[slug] if slug in before else None,
        )
        for number, slug in enumerate(SLUGS, 1)
        if slug in answer.scores
    ]


def history_chart(answers: list[ChecklistAnswer]):
    """The leader's average over the ten statements, answer by answer (two or more), with its table.
    One line: ten lines with sentence-long names would not be readable; each date's table below the
    chart has every statement."""
    if len(answers) < 2:
        return None
    data = [{"answered_on": a.answered_on.isoformat(), "mean": mean(a)} for a in answers]
    return charts.line_chart(
        data,
        x="answered_on",
        y="mean",
        title=gettext("My checklist over time"),
        y_title=gettext("Average over the ten statements (1–5)"),
        x_title=gettext("Date"),
        description=gettext("The average of my own answers each time. 5 is “Completely true”."),
        percent=False,
        decimals=1,
        chart_id="checklist-history",
    )
