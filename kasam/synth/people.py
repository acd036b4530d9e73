"""Staff over time: every post is held by a chain of employments, so the headcount on the reference
date equals the number of posts, while people leave, are hired, retire and change units.

A post's first holder was hired before the history starts; with exponentially distributed tenure
(memoryless) the time they still stay is exponential too. Each later holder starts a few days after
the previous one left. Some leavers move to a post in another unit instead of leaving (a transfer):
the new post's holder is then the same person.
"""

from dataclasses import dataclass

import numpy as np
import polars as pl

from kasam.synth.days import as_dates, new_year, years_of
from kasam.synth.names import (
    EMAIL_DOMAIN,
    MEN,
    PHONE_FIRST,
    PHONE_LAST,
    SURNAME_ENDINGS,
    SURNAME_STEMS,
    WOMEN,
    email_local_part,
)
from kasam.synth.organisation import ACTIVITIES, Organisation

MAX_HOLDERS = 16  # holders drawn per post; more than enough for hourly posts over a decade
MEAN_TENURE_YEARS = {"monthly": 9.0, "hourly": 1.5}
TRANSFER_SHARE = 0.25  # share of leavers who move to another unit instead
TRANSFER_WINDOW_DAYS = 120
RATES = np.array([100, 95, 90, 85, 80, 75, 70, 62.5, 60, 50])
RATE_WEIGHTS = np.array([0.52, 0.03, 0.08, 0.05, 0.09, 0.10, 0.04, 0.02, 0.03, 0.04])
WEEKLY_HOURS = np.array([40.0, 38.25, 37.0])
WEEKLY_HOURS_WEIGHTS = np.array([0.78, 0.14, 0.08])


@dataclass
class Staff:
    people: pl.DataFrame
    employments: pl.DataFrame
    # Per employment, for the absence generator: person row, activity, first and last day (int days;
    # `last` of an ongoing employment is far in the future).
    person_row: np.ndarray
    activity: np.ndarray
    first: np.ndarray
    last: np.ndarray
    birth_year: np.ndarray  # per person row
    gender: np.ndarray  # per person row: "K", "M" or ""


@dataclass
class _Holders:
    post: np.ndarray
    first: np.ndarray
    last: np.ndarray
    ongoing: np.ndarray
    retired: np.ndarray
    birth_year: np.ndarray
    hourly: np.ndarray


def generate_staff(rng: np.random.Generator, org: Organisation, history_start: int, until: int) -> Staff:
    holders = _holders(rng, org, history_start, until)
    person_of = _transfers(rng, org, holders, history_start, until)
    return _tabulate(rng, org, holders, person_of)


def _holders(rng: np.random.Generator, org: Organisation, history_start: int, until: int) -> _Holders:
    n = len(org.post_unit)
    hourly = rng.random(n) < np.array([ACTIVITIES[a].hourly for a in org.post_activity])
    tenure = np.where(hourly, MEAN_TENURE_YEARS["hourly"], MEAN_TENURE_YEARS["monthly"]) * 365.25
    start_year = int(years_of(np.array([history_start]))[0])
    # The first holder: aged 19–65 when the history starts, hired up to 25 years (3 for hourly) before.
    age = np.floor(19 + 46 * rng.beta(1.6, 1.4, n)).astype(np.int64)
    birth = start_year - age
    served = np.minimum(np.where(hourly, 3.0, 25.0), age - 18) * 365.25
    first = history_start - 1 - np.floor(rng.random(n) * served).astype(np.int64)
    last = history_start + np.floor(rng.exponential(tenure)).astype(np.int64)
    active = np.ones(n, dtype=bool)
    keys = ("post", "first", "last", "birth", "retirement", "active")
    columns: dict[str, list[np.ndarray]] = {k: [] for k in keys}
    for holder in range(MAX_HOLDERS):
        if holder > 0:
            # The next holder: hired at 19–60 a few days after the previous one left (never after `until`).
            active &= columns["last"][-1] < until
            first = np.minimum(columns["last"][-1] + 1 + rng.integers(0, 45, n), until)
            age = np.floor(19 + 41 * rng.beta(1.3, 2.5, n)).astype(np.int64)
            birth = years_of(first) - age
            last = first + np.maximum(30, np.floor(rng.exponential(tenure))).astype(np.int64) - 1
        # Everyone retires in the year they turn 65, 66 or 67.
        retirement = new_year(birth + 66 + rng.integers(0, 3, n)) - 1
        last = np.minimum(last, np.maximum(retirement, first))
        values = (np.arange(n), first, last, birth, retirement, active.copy())
        for key, value in zip(keys, values, strict=True):
            columns[key].append(value)
    keep = np.concatenate(columns["active"])
    post, first, last, birth, retirement = (np.concatenate(columns[k])[keep] for k in keys[:5])
    return _Holders(post, first, last, last >= until, last == retirement, birth, hourly[post])


def _transfers(rng, org, holders: _Holders, history_start: int, until: int) -> np.ndarray:
    """Holder index → index of the holder whose person it is (itself unless someone moved in)."""
    leaving = np.flatnonzero(
        ~holders.ongoing
        & ~holders.retired
        & (holders.last >= history_start)
        & (rng.random(len(holders.post)) < TRANSFER_SHARE)
    )
    arriving = np.flatnonzero(holders.first >= history_start)
    arriving = arriving[np.argsort(holders.first[arriving], kind="stable")]
    starts = holders.first[arriving]
    low = np.searchsorted(starts, holders.last[leaving] + 1, side="left")
    high = np.searchsorted(starts, holders.last[leaving] + TRANSFER_WINDOW_DAYS, side="right")
    has_post = high > low
    leaving, low, high = leaving[has_post], low[has_post], high[has_post]
    target = arriving[low + np.floor(rng.random(len(low)) * (high - low)).astype(np.int64)]
    # A post takes one mover, who must change unit.
    _, first_claim = np.unique(target, return_index=True)
    ok = np.zeros(len(target), dtype=bool)
    ok[first_claim] = True
    ok &= org.post_unit[holders.post[leaving]] != org.post_unit[holders.post[target]]
    target, leaving = target[ok], leaving[ok]
    end_there = np.where(holders.ongoing[target], until, holders.last[target])
    while True:
        person_of = _follow_moves(len(holders.post), target, leaving)
        # The mover must be below 65 in the new post. A person who moved twice has the birth year
        # of the first post's holder, so check after following the chains, and drop offending moves.
        too_old = end_there >= new_year(holders.birth_year[person_of[target]] + 65)
        if not too_old.any():
            return person_of
        target, leaving, end_there = target[~too_old], leaving[~too_old], end_there[~too_old]


def _follow_moves(n: int, target: np.ndarray, leaving: np.ndarray) -> np.ndarray:
    person_of = np.arange(n)
    person_of[target] = leaving
    while not np.array_equal(jumped := person_of[person_of], person_of):  # pointer jumping
        person_of = jumped
    return person_of


def _tabulate(rng, org: Organisation, holders: _Holders, person_of: np.ndarray) -> Staff:
    roots, person_row = np.unique(person_of, return_inverse=True)
    # Number persons by their first day with us (then post), as an HR system would hand out ids.
    order = np.lexsort((holders.post[roots], holders.first[roots]))
    rank = np.empty(len(roots), dtype=np.int64)
    rank[order] = np.arange(len(roots))
    person_row = rank[person_row]
    roots = roots[order]
    activity = org.post_activity[holders.post]
    people = _people(rng, roots, holders, activity)
    n = len(holders.post)
    rate = np.where(holders.hourly, 100.0, rng.choice(RATES, size=n, p=RATE_WEIGHTS))
    employments = pl.DataFrame(
        {
            "person_id": people["person_id"].to_numpy()[person_row],
            "unit_id": org.post_unit[holders.post].astype(str),
            "start_date": as_dates(holders.first),
            "end_date": as_dates(holders.last, missing=holders.ongoing),
            "rate": rate,
            "weekly_hours": rng.choice(WEEKLY_HOURS, size=n, p=WEEKLY_HOURS_WEIGHTS),
            "pay": np.where(holders.hourly, "hourly", "monthly"),
        }
    ).sort(["person_id", "start_date", "unit_id"])
    far = np.iinfo(np.int32).max // 2
    return Staff(
        people=people,
        employments=employments,
        person_row=person_row,
        activity=activity,
        first=holders.first,
        last=np.where(holders.ongoing, far, holders.last),
        birth_year=holders.birth_year[roots],
        gender=people["gender"].to_numpy(),
    )


def _people(rng, roots: np.ndarray, holders: _Holders, activity: np.ndarray) -> pl.DataFrame:
    n = len(roots)
    women = np.array([ACTIVITIES[a].women for a in activity[roots]])
    draw = rng.random(n)
    gender = np.where(draw < 0.003, "", np.where(rng.random(n) < women, "K", "M"))
    first_name = np.where(
        gender == "M",
        np.array(MEN)[rng.integers(0, len(MEN), n)],
        np.array(WOMEN)[rng.integers(0, len(WOMEN), n)],
    )
    surnames = np.array([stem + ending.lower() for stem in SURNAME_STEMS for ending in SURNAME_ENDINGS])
    last_name = surnames[rng.integers(0, len(surnames), n)]
    phone = np.char.add("070-1740", rng.integers(PHONE_FIRST, PHONE_LAST + 1, n).astype(str).astype("U3"))
    width = max(6, len(str(n)))
    frame = pl.DataFrame(
        {
            "person_id": [f"P{i + 1:0{width}d}" for i in range(n)],
            "birth_year": holders.birth_year[roots].astype(np.int32),
            "gender": gender,
            "first_name": first_name,
            "last_name": last_name,
            "phone": np.where(rng.random(n) < 0.1, "", phone),
        }
    )
    # Same name, same address: add 2, 3 … so every address is unique (as a mail system would).
    local = pl.Series([email_local_part(f, s) for f, s in zip(first_name, last_name, strict=True)])
    frame = frame.with_columns(local=local).with_columns(
        email=pl.col("local")
        + pl.when(pl.int_range(pl.len()).over("local") == 0)
        .then(pl.lit(""))
        .otherwise((pl.int_range(pl.len()).over("local") + 1).cast(pl.String))
        + pl.lit("@" + EMAIL_DOMAIN),
        phone=pl.when(pl.col("phone") == "").then(None).otherwise(pl.col("phone")),
    )
    return frame.select("person_id", "birth_year", "gender", "first_name", "last_name", "email", "phone")
