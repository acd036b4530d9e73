"""The leadership checklist's part of `kasam anonymity audit` (docs/anonymity.md "Aggregates over
people"): every release shows figures only over at least k answers, and every release after the first
of a scope and year differs from the one before by 0 or at least k leaders each way (added, removed;
an edited answer counts as one of each), read from the answer rows each release records it used."""

from collections.abc import Iterator
from itertools import pairwise

from kasam.leadership.models import ChecklistRelease
from kasam.metrics.disclosure_audit import Violation


def violations() -> Iterator[Violation]:
    releases: dict[tuple[str, int], list[ChecklistRelease]] = {}
    for release in ChecklistRelease.objects.order_by("created_at", "id"):
        releases.setdefault((release.scope_id, release.year), []).append(release)
    for (scope, year), series in sorted(releases.items()):
        for release in series:
            where = f"leadership release {scope} {year} of {release.published_on.isoformat()}"
            for row in release.figures:
                if row["mean"] is not None and row["answers"] < release.k:
                    yield Violation(
                        "primary",
                        where,
                        "a statement shown over fewer than k answers",
                        ((row["slug"], row["answers"]),),
                    )
        for before, after in pairwise(series):
            used_before = {leader: (answer, version) for leader, answer, version in before.used}
            used_after = {leader: (answer, version) for leader, answer, version in after.used}
            edited = sum(
                1
                for leader in used_before.keys() & used_after.keys()
                if used_before[leader] != used_after[leader]
            )
            added = len(used_after.keys() - used_before.keys()) + edited
            removed = len(used_before.keys() - used_after.keys()) + edited
            if any(0 < n < after.k for n in (added, removed)):
                where = f"leadership release {scope} {year} of {after.published_on.isoformat()}"
                yield Violation(
                    "difference",
                    where,
                    "differs from the release before by fewer than k leaders",
                    (("added", added), ("removed", removed)),
                )
