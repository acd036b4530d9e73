"""Absence records: short and medium sick spells, long sick cases in several records (renewed
certificates, often with a graded return at 75/50/25 %), and a few absences of other kinds.

Rates are per person and year, scaled by the unit's activity (elderly care above average), gender,
age and a person's own proneness (a robust quarter hardly ever sick, the rest gamma-distributed: this
gives the many persons without any sick day and the few with repeated short-term absence). Records
are drawn employment by employment, within the employment, as whole NumPy columns. The constants are
calibrated so that the default municipality lands on Swedish municipal levels: about 8 % sick leave,
45 % of it long-term, 30 % healthy attendance (tests/synth/test_synth_calibration.py).
"""

import numpy as np
import polars as pl

from kasam.synth.days import DaySampler, years_of
from kasam.synth.organisation import ACTIVITIES
from kasam.synth.people import Staff

SHORT_PER_YEAR = 2.12  # short and medium spells per person-year at average proneness
# Proneness to short spells: a robust quarter who are hardly ever sick (healthy attendance), the rest
# gamma-distributed (shape: smaller = more persons with many spells, i.e. repeated short-term absence).
ROBUST_SHARE, ROBUST_LEVEL = 0.25, 0.05
SHORT_FRAILTY_SHAPE = 2.5
SHORT_LENGTHS = np.arange(1, 15)
SHORT_LENGTH_WEIGHTS = np.array([14, 17, 16, 12, 9, 6, 8, 3, 2, 2, 2, 1.5, 1.5, 3.0])
MEDIUM_SHARE = 0.16  # spells of 15–59 days
LONG_PER_YEAR = 0.09  # sick cases of 60–400 days per person-year
LONG_FRAILTY_SHAPE = 2.0
LONG_SKEW = 1.5  # lengths 60 × (400/60)^(U^skew): mean about 150 days, one in 30 over a year
LONG_MIN, LONG_MAX = 60, 400
GRADED_SHARE = 0.4  # long cases with a graded return (partial extent in later records)
SEGMENT_DAYS = (14, 90)  # one certificate / record
WINTER_AMPLITUDE = 0.3
GENDER_FACTOR = {"K": (1.06, 1.10), "M": (0.65, 0.5), "": (1.0, 1.0)}  # (short, long)
KEEP_OVERLAP = 0.03  # a few overlapping sick records, as real exports have them
# Kind, records per person-year, lengths. HR exports carry holidays too: about 25 days a year in
# three or four spells, most in summer; their rows are what makes a large file large.
OTHER_KINDS = (("vab", 0.8, (1, 3)), ("semester", 3.2, (2, 21)))


def generate_absences(rng: np.random.Generator, staff: Staff, history_start: int, until: int) -> pl.DataFrame:
    short_rate, long_rate = _rates(rng, staff, history_start, until)
    short = _short_spells(rng, staff, short_rate, history_start, until)
    long_cases = _long_cases(rng, staff, long_rate, history_start, until)
    short = _drop_overlaps(rng, short, long_cases)
    records = pl.concat(
        [short, _segments(rng, long_cases, until), _other_kinds(rng, staff, history_start, until)]
    )
    return _name_persons(records.filter(pl.col("end") >= history_start), staff.people["person_id"])


def _name_persons(records: pl.DataFrame, person_ids: pl.Series) -> pl.DataFrame:
    frame = records.with_columns(
        person_id=person_ids.gather(records["person"]),
        start_date=pl.col("start").cast(pl.Int32).cast(pl.Date),
        end_date=pl.col("end").cast(pl.Int32).cast(pl.Date),
    )
    # (person, start, kind) is the absence key: keep one record per key, the longest.
    return (
        frame.sort(
            ["person_id", "start_date", "kind", "end_date", "extent"],
            descending=[False, False, False, True, True],
        )
        .unique(["person_id", "start_date", "kind"], keep="first", maintain_order=True)
        .select("person_id", "start_date", "end_date", "extent", "kind")
    )


def _rates(rng, staff: Staff, history_start: int, until: int) -> tuple[np.ndarray, np.ndarray]:
    """Short and long rates per employment (per person-year)."""
    n_people = len(staff.birth_year)
    robust = rng.random(n_people) < ROBUST_SHARE
    short_frailty = np.where(
        robust, ROBUST_LEVEL, rng.gamma(SHORT_FRAILTY_SHAPE, 1 / SHORT_FRAILTY_SHAPE, n_people)
    )
    short_frailty /= 1 - ROBUST_SHARE * (1 - ROBUST_LEVEL)  # mean 1, so SHORT_PER_YEAR is the average
    long_frailty = rng.gamma(LONG_FRAILTY_SHAPE, 1 / LONG_FRAILTY_SHAPE, n_people)
    middle_year = (int(years_of(np.array([history_start]))[0]) + int(years_of(np.array([until]))[0])) / 2
    age = middle_year - staff.birth_year
    age_short = np.select([age < 30, age >= 50], [1.25, 0.85], 1.0)
    age_long = np.select([age < 30, age >= 50], [0.5, 1.45], 1.0)
    gender_short = np.array([GENDER_FACTOR[g][0] for g in staff.gender])
    gender_long = np.array([GENDER_FACTOR[g][1] for g in staff.gender])
    person = staff.person_row
    sickness = np.array([a.sickness for a in ACTIVITIES])[staff.activity]
    short = SHORT_PER_YEAR * sickness * (short_frailty * age_short * gender_short)[person]
    long = LONG_PER_YEAR * sickness * (long_frailty * age_long * gender_long)[person]
    return short, long


def _frame(person, start, end, extent, kind: str) -> pl.DataFrame:
    return pl.DataFrame(
        {"person": person, "start": start, "end": end, "extent": extent, "kind": kind},
        schema={
            "person": pl.Int64,
            "start": pl.Int64,
            "end": pl.Int64,
            "extent": pl.Float64,
            "kind": pl.String,
        },
    )


def _draw_within(rng, rate: np.ndarray, sampler: DaySampler, low: np.ndarray, high: np.ndarray):
    """Employment index and start day of each record, Poisson(rate × weight of low…high) records per
    employment (a day weighs about 1, so the weight is about the number of days)."""
    empty = high < low  # an employment that ended before the window draws nothing
    expected = rate * np.where(empty, 0.0, sampler.weight(low, np.maximum(high, low))) / 365.25
    employment = np.repeat(np.arange(len(rate)), rng.poisson(expected))
    return employment, sampler.draw(rng, low[employment], high[employment])


def _draw_stratified(rng, rate: np.ndarray, low: np.ndarray, high: np.ndarray, slice_days: int = 91):
    """Like `_draw_within` without seasons, but with the number of records per quarter fixed at its
    expectation (up to rounding) instead of Poisson.

    Why: the few long cases carry almost half of all sick hours, and with Poisson counts an
    organisation of 800 swings several percentage points in long-term share from year to year,
    so one seed's years would stray from the calibration. Who falls ill, and when within the
    quarter, stays random.
    """
    employments, starts = [], []
    for slice_start in range(int(low.min()), int(high.max()) + 1, slice_days):
        slice_low = np.maximum(low, slice_start)
        slice_high = np.minimum(high, slice_start + slice_days - 1)
        expected = rate * np.maximum(slice_high - slice_low + 1, 0) / 365.25
        total = expected.sum()
        if total <= 0:
            continue
        count = int(total) + int(rng.random() < total - int(total))
        chosen = rng.choice(len(rate), size=count, p=expected / total)
        employments.append(chosen)
        starts.append(rng.integers(slice_low[chosen], slice_high[chosen] + 1))
    if not employments:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(employments), np.concatenate(starts)


def _short_spells(rng, staff: Staff, rate, history_start: int, until: int) -> pl.DataFrame:
    lead = 60  # spells that began before the history but run into it are part of the export
    sampler = DaySampler.seasonal(history_start - lead, until, WINTER_AMPLITUDE)
    low = np.maximum(staff.first, history_start - lead)
    employment, start = _draw_within(rng, rate, sampler, low, np.minimum(staff.last, until))
    n = len(start)
    short_length = rng.choice(SHORT_LENGTHS, size=n, p=SHORT_LENGTH_WEIGHTS / SHORT_LENGTH_WEIGHTS.sum())
    medium_length = np.floor(np.exp(rng.uniform(np.log(15), np.log(60), n))).astype(np.int64)
    length = np.where(rng.random(n) < MEDIUM_SHARE, medium_length, short_length)
    end = np.minimum(start + length - 1, staff.last[employment])
    extent = np.where(rng.random(n) < 0.04, 50.0, 100.0)
    return _frame(staff.person_row[employment], start, end, extent, "sjuk")


def _long_cases(rng, staff: Staff, rate, history_start: int, until: int) -> pl.DataFrame:
    """Whole long cases (one row each), before they are split into records; no two overlap."""
    lead = LONG_MAX  # cases that began up to 400 days before the history still run into it
    low = np.maximum(staff.first, history_start - lead)
    employment, start = _draw_stratified(rng, rate, low, np.minimum(staff.last, until))
    length = np.floor(LONG_MIN * (LONG_MAX / LONG_MIN) ** rng.random(len(start)) ** LONG_SKEW).astype(
        np.int64
    )
    end = np.minimum(start + length - 1, staff.last[employment])
    cases = _frame(staff.person_row[employment], start, end, np.full(len(start), 100.0), "sjuk")
    return (
        cases.sort(["person", "start"])
        .filter(pl.col("start") > pl.col("end").cum_max().shift(1).over("person").fill_null(-(2**40)))
        .filter(pl.col("end") >= history_start)
    )


def _drop_overlaps(rng, short: pl.DataFrame, long_cases: pl.DataFrame) -> pl.DataFrame:
    """No short spell inside a long case, and few overlapping short spells (most exports have none)."""
    inside_long = (
        short.sort("end")
        .with_row_index("row")
        .join_asof(
            long_cases.select("person", long_start="start", long_end="end").sort("long_start"),
            left_on="end",
            right_on="long_start",
            by="person",
            strategy="backward",
            check_sortedness=False,
        )
        .filter(pl.col("long_end") >= pl.col("start"))
        .get_column("row")
    )
    short = (
        short.sort("end")
        .with_row_index("row")
        .filter(~pl.col("row").is_in(inside_long.implode()))
        .drop("row")
    )
    short = short.sort(["person", "start"]).with_columns(
        keep=pl.Series(rng.random(short.height) < KEEP_OVERLAP)
    )
    overlaps = pl.col("start") <= pl.col("end").cum_max().shift(1).over("person")
    return short.filter(~overlaps.fill_null(False) | pl.col("keep")).drop("keep")


def _segments(rng, cases: pl.DataFrame, until: int) -> pl.DataFrame:
    """Split each long case into consecutive records of 14–90 days, as certificates are renewed.

    A few records follow the previous one after 1–4 days back at work (joined again by the
    re-sickness rule). Records starting after `until` do not exist yet: an open case's last record
    is the current certificate, and its end date is the expected end.
    """
    n, most = cases.height, LONG_MAX // SEGMENT_DAYS[0] + 1
    start, end = cases["start"].to_numpy(), cases["end"].to_numpy()
    length = rng.integers(SEGMENT_DAYS[0], SEGMENT_DAYS[1] + 1, (n, most))
    pause = np.where(rng.random((n, most)) < 0.08, rng.integers(1, 5, (n, most)), 0)
    pause[:, 0] = 0
    seg_start = start[:, None] + np.cumsum(length + pause, axis=1) - length
    seg_end = np.minimum(seg_start + length - 1, end[:, None])
    graded = rng.random(n) < GRADED_SHARE
    steps = rng.choice(np.array([100.0, 75.0, 50.0, 50.0, 25.0]), size=(n, most))
    extent = np.where(graded[:, None], steps, 100.0)
    extent[:, 0] = np.where(rng.random(n) < 0.15, 50.0, 100.0)  # some are part-time sick from day 1
    valid = (seg_start <= end[:, None]) & (seg_start <= until)
    person = np.broadcast_to(cases["person"].to_numpy()[:, None], (n, most))
    return _frame(person[valid], seg_start[valid], seg_end[valid], extent[valid], "sjuk")


def _other_kinds(rng, staff: Staff, history_start: int, until: int) -> pl.DataFrame:
    """Care-of-child (vab) and holiday records; they take no part in sick-leave figures."""
    low, high = np.maximum(staff.first, history_start), np.minimum(staff.last, until)
    age = years_of(np.array([until]))[0] - staff.birth_year[staff.person_row]
    frames = []
    for kind, per_year, (shortest, longest) in OTHER_KINDS:
        if kind == "vab":
            sampler, rate = (
                DaySampler.seasonal(history_start, until, WINTER_AMPLITUDE),
                np.where((age >= 25) & (age <= 45), per_year, 0.0),
            )
        else:
            sampler, rate = DaySampler.summer(history_start, until), np.full(len(low), per_year)
        employment, start = _draw_within(rng, rate, sampler, low, high)
        length = rng.integers(shortest, longest + 1, len(start))
        end = np.minimum(start + length - 1, staff.last[employment])
        frames.append(_frame(staff.person_row[employment], start, end, np.full(len(start), 100.0), kind))
    return pl.concat(frames)
