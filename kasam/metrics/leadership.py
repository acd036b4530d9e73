"""The leader's checklist over many leaders: what those above may see of the leaders' private
self-assessments (docs/definitions.md "Aggregates over people").

Pure: no Django. A leader's answers are the leader's own; nobody else ever sees one leader's answer.
Above the leaders, only aggregates over at least k leaders leave this module (k is the pulse's k,
`settings.KASAM_PULSE_K`, never below 3: `anonymity.check_k`).

- `checklist_summary(latest, k)` takes each leader's LATEST self-assessment within the period (a
  calendar year) and gives the number of leaders and, per statement, the mean (2 decimals) and the
  share answering 4 or 5 (in per cent, 2 decimals). With fewer than k leaders every figure is None
  (hidden); only the number of leaders stays, for the caller to decide what to say.
- Rounding is half up on the exact fraction, so 3.125 is 3.13 and 2/3 of the leaders is 66.67 %.

Guards against subtraction (why an aggregate can never be taken apart into one leader's answer):

1. One aggregate per scope and period. The overview shows ONE aggregate over all leaders under each
   root of the viewer's scope (in practice one: the organisation) for a calendar year – never split
   by unit, area, kind of manager or training – so no two aggregates on the page differ by one
   leader, as a unit's and its area's would.
2. Released, never recomputed. The aggregate a viewer sees is a release stored when it was made
   (kasam.leadership.releases): a leader leaving, or a leader added, never changes it. A new release
   of the same scope and year is made only when `disclosure.people_release_allowed` holds – at least
   k answers given since the last release and the contributors changed by 0 or at least k in each
   direction (an edited answer counts as one added and one removed) – so two releases never differ
   by fewer than k leaders' answers. `ledger` gives what a release stores: per statement its count
   of answers and the rule's verdict beside the figures.

Not guarded, and why that is acceptable: two viewers whose scopes are nested could compare their
releases; the roles that see leadership aggregates (leadership, health strategist, HR) are assigned
over the whole organisation in practice.
"""

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
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


def ledger(
    latest: Mapping[Hashable, Mapping[str, int]], k: int, statements: Sequence[str] | None = None
) -> tuple[Summary, list[dict]]:
    """The summary of `checklist_summary` and the ledger rows a release stores with it: per statement
    {"slug", "answers", "passes" (answers ≥ k and the release shown), "mean", "high_share"}."""
    summary = checklist_summary(latest, k, statements)
    rows = [
        {
            "slug": row.slug,
            "answers": sum(1 for answer in latest.values() if row.slug in answer),
            "passes": row.mean is not None,
            "mean": row.mean,
            "high_share": row.high_share,
        }
        for row in summary.statements
    ]
    return summary, rows
