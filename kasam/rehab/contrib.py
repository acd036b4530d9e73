"""What rehabilitation cases contribute to the site (kasam.core.contrib): for `kasam tick`, the daily
renewal of the open cases from the absences – closing those that closed by themselves, reopening those
whose sick case continued (kasam.rehab.cases.refresh) – and the week's digest of steps due
(kasam.rehab.digest); after an absence import, the renewal of the imported persons' cases."""

import logging
from datetime import date, timedelta

import polars as pl
from django.core.cache import cache

from kasam.core.contrib import DemoRun, DemoStep, TickStep, frame_keys
from kasam.core.dates import today
from kasam.rehab import cases, digest
from kasam.rehab.demo import ensure_demo_rehab
from kasam.rehab.models import Case

logger = logging.getLogger(__name__)

# The cache key that says the cases were renewed on a day (the tick runs every few minutes; the renewal
# once a day is enough, as the absences change only by import, which renews the cases it touches). A
# lost key only means one more renewal, which changes nothing.
REFRESHED = "rehab:refreshed:{day}"
# The import kinds whose persons' cases are renewed at once: the absences (the sick cases), the
# employments (whose manager sees a case).
REFRESHED_BY = ("absences", "employments")


def refresh_cases(day: date) -> list[str]:
    """For `kasam tick`, once a day: renew every open case (see the module); the names of what changed."""
    key = REFRESHED.format(day=day.isoformat())
    if cache.get(key):
        return []
    try:
        counts = cases.refresh(day)
    except ValueError:  # a case whose steps cannot be computed: logged, tried again at the next tick
        logger.exception("rehab: the cases could not be renewed")
        return ["rehab cases not renewed (see the log)"]
    cache.set(key, True, timeout=2 * 24 * 3600)
    done = []
    if counts["closed"]:
        done.append(f"rehab cases closed: {counts['closed']}")
    if counts["reopened"]:
        done.append(f"rehab cases reopened: {counts['reopened']}")
    return done


def _renewed(person_ids: list[str], day: date) -> list[str]:
    """Of `person_ids`, those whose cases `cases.refresh` looks at (an open case, or one closed by
    itself lately): an import of thousands of persons renews the few with a case."""
    candidates = Case.objects.filter(closed_on__isnull=True) | Case.objects.filter(
        closing=Case.Closing.BY_ITSELF, closed_on__gte=day - timedelta(days=cases.REOPEN_DAYS)
    )
    with_case = set(candidates.values_list("person_id", flat=True))
    return sorted(with_case.intersection(person_ids))


def refresh_after_import(kind: str, frame: pl.DataFrame) -> bool:
    """After a saved absence (or employment) import: renew the cases of the persons in the file. It
    asks for no figures to be recomputed, so returns False (kasam.site.imports)."""
    if kind not in REFRESHED_BY or "person_id" not in frame.columns:
        return False
    day = today()
    persons = _renewed(frame_keys(frame, "person_id"), day)
    if persons:
        try:
            cases.refresh(day, persons)
        except ValueError:  # the import is saved; the daily renewal tries again
            logger.exception("rehab: the cases of an import could not be renewed")
    return False


# After the pulse (20), the results back (25) and the plans' reminders (30): the renewal first, so
# that the digest counts no step of a case that closed by itself today.
TICK_STEPS = (TickStep(32, refresh_cases), TickStep(34, digest.tick))
AFTER_IMPORT = (refresh_after_import,)


def _demo(run: DemoRun) -> None:
    # After the demo logins (70), whose manager and HR open the cases; before the releases (110).
    ensure_demo_rehab(seed=run.seed)


DEMO_STEPS = (DemoStep(75, _demo),)
