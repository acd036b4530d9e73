"""The leader's checklist over many leaders: what those above may see of the leaders' private
self-assessments (issue 6, "Leadership building blocks").

Pure: no Django. A leader's answers are the leader's own; nobody else ever sees one leader's answer.
Above the leaders, only aggregates over at least k leaders leave this module (k is the pulse's k,
`settings.KASAM_PULSE_K`, never below 3: `anonymity.check_k`).

- `checklist_summary(latest, k)` takes each leader's LATEST self-assessment within the period (a
  calendar year) and gives the number of leaders and, per statement, the mean (2 decimals) and the
  share answering 4 or 5 (in per cent, 2 decimals). With fewer than k leaders every figure is None
  (hidden); only the number of leaders stays, for the caller to decide what to say.
- Rounding is half up on the exact fraction, so 3.125 is 3.13 and 2/3 of the leaders is 66.67 %.

Guards against subtraction (why an aggregate can never be taken apart into one leader's answer):

1. One aggregate per viewer and period. The overview shows ONE aggregate over all leaders in the
   viewer's scope for a calendar year – never split by unit, area, kind of manager or training – so
   no two aggregates on the page differ by one leader, as a unit's and its area's would.
2. Released in steps of at least k leaders (`released_until`). An aggregate that grew with every
   answer would give away each new answer to someone who looks before and after it. So the year's
   aggregate includes answers only up to a released day, and the released day moves on only when at
   least k different leaders have answered since the previous one – two released aggregates of the
   same scope and year then differ by at least k leaders. Only whole days before today count, so the
   day's last answers (and a leader correcting today's answer) change nothing that is shown.

Not guarded, and why that is acceptable: two viewers whose scopes are nested could compare their
aggregates; the roles that see leadership aggregates (leadership, health strategist, HR) are assigned
over the whole organisation in practice, and within one scope the set of leaders changes only when
managers are appointed or leave.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from kasam.metrics.anonymity import check_k

HIGH = (4, 5)  # "Stämmer ganska bra" and "Stämmer helt"
DECIMALS = 2


@dataclass(frozen=True)
class StatementSummary:
    slug: str
    mean: float | None  # 1..5, None when hidden
    high_share: float | None  # per cent answering 4 or 5, None when hidden


@dataclass(frozen=True)
class Summary:
    leaders: int  # leaders with an answer in the period
    shown: bool  # False: fewer than k leaders, every figure None
    statements: tuple[StatementSummary, ...]


def _round(value: Fraction) -> float:
    """Half up to DECIMALS places, on the exact fraction."""
    scale = 10**DECIMALS
    scaled = value * scale
    return float(Fraction((scaled.numerator * 2 + scaled.denominator) // (scaled.denominator * 2), scale))


def checklist_summary(
    latest: Mapping[Hashable, Mapping[str, int]], k: int, statements: Sequence[str] | None = None
) -> Summary:
    """The aggregate of each leader's latest answer in a period: leader id → {statement slug: 1..5}.

    `statements` gives the statements and their order (the checklist's); without it, the statements
    of the answers in the order first met. A leader missing a statement is left out of that
    statement's figures (hidden when fewer than k remain); a score outside 1..5 is a ValueError."""
    check_k(k)
    if statements is None:
        statements = list(dict.fromkeys(slug for scores in latest.values() for slug in scores))
    for scores in latest.values():
        for slug, score in scores.items():
            if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
                raise ValueError(f"a checklist score is 1..5, not {score!r} ({slug})")
    leaders = len(latest)
    shown = leaders >= k
    rows = []
    for slug in statements:
        scores = [answer[slug] for answer in latest.values() if slug in answer]
        if not shown or len(scores) < k:
            rows.append(StatementSummary(slug, None, None))
            continue
        rows.append(
            StatementSummary(
                slug,
                mean=_round(Fraction(sum(scores), len(scores))),
                high_share=_round(Fraction(100 * sum(score in HIGH for score in scores), len(scores))),
            )
        )
    return Summary(leaders=leaders, shown=shown, statements=tuple(rows))


def released_until(answers: Iterable[tuple[Hashable, date]], k: int, today: date) -> date | None:
    """The last day whose answers an aggregate may include (guard 2 above), or None when nothing is
    released yet. `answers` are (leader id, answered on) of one scope and period.

    Walking the days before `today` in order, the released day moves to a day once the leaders
    answering after the previous released day (up to and including this day) are at least k."""
    check_k(k)
    by_day: dict[date, set[Hashable]] = {}
    for leader, day in answers:
        if day < today:
            by_day.setdefault(day, set()).add(leader)
    released: date | None = None
    waiting: set[Hashable] = set()
    for day in sorted(by_day):
        waiting |= by_day[day]
        if len(waiting) >= k:
            released, waiting = day, set()
    return released
