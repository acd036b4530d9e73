"""Simulated answers to the annual employee survey (medarbetarenkät) for the demo: who answers and what,
as the `long` survey layout's rows (respondent_id, unit_id, item, value, gender).

Pure Python and Polars (no Django import) and deterministic: every draw comes from a `random.Random`
seeded with a string made of the seed and what is drawn for (the year, the unit, the person), so the
same seed gives the same answers whatever order the respondents come in.

- Who answers: in each unit round(rate × its employees), chosen at random; a unit's rate lies between
  55 and 82 % (its own usual rate and a little jitter per year), about 68 % over the organisation.
  Small units thus often have fewer than five respondents and are hidden by the survey's gate.
- What they answer: every item of kasam.metrics.survey.ITEMS on its scale (hme1 … hme9 on 1–5,
  nmi1 … nmi3 on 1–10, enps on 0–10), each skipped with probability `SKIP_SHARE` (a respondent keeps
  at least one answer). An answer is a rounded normal draw around the item's common level, moved by
  the unit's level and the person's own (some people are more positive than others). Levels are set
  so that the organisation lands at an HME total of about 77, NMI about 73 and eNPS about +5.
- Units differ: each has a general level and one per HME area (and NMI) around the common one; some
  are clearly stronger on leadership or motivation, some clearly weaker on leadership or governance,
  so that a unit's gap analysis shows strengths and gaps.
- Years: a unit's levels are its base levels in `first_year` plus its yearly change for each year
  after it: most units improve a little (about +1 to +4 index points a year), about one in five gets
  worse. The caller names `first_year` (the demo: its first survey year), so that two consecutive
  surveys always differ by one year's change.
- Respondent ids are random and opaque (12 hex digits, drawn per year): nothing ties them to a person,
  and the rows leave sorted by them.
"""

import io
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from kasam.metrics.survey.items import HME_SUBINDICES, ITEMS, NMI_ITEMS, SCALES

RESPONSE_MIN, RESPONSE_MAX = 0.55, 0.82
SKIP_SHARE = 0.03
# The mean answer of an ordinary unit, per item, on the item's own scale.
BASE_LEVEL = {
    "hme1": 4.5,  # meningsfullt
    "hme2": 4.1,  # lär nytt
    "hme3": 4.1,  # ser fram emot
    "hme4": 3.95,  # uppskattning
    "hme5": 4.2,  # förtroende
    "hme6": 4.3,  # förutsättningar att ta ansvar
    "hme7": 4.0,  # insatt i målen
    "hme8": 4.2,  # förstår hur arbetet bidrar
    "hme9": 3.65,  # målen följs upp
    "nmi1": 7.8,
    "nmi2": 7.6,
    "nmi3": 7.4,
    "enps": 7.7,
}
# The spread of one answer around its respondent's mean, on the item's own scale.
SPREAD = {**dict.fromkeys(SCALES, 0.7), **dict.fromkeys(NMI_ITEMS, 1.5), "enps": 1.9}
PERSON_SPREAD = 0.3  # a person's own level, in steps of a 1–5 scale
# The area whose unit level moves an item: its HME sub-index, or "nmi" (eNPS has its own rule).
AREA_OF = {item: area for area, items in HME_SUBINDICES.items() for item in items}
AREA_OF.update(dict.fromkeys(NMI_ITEMS, "nmi"))
COLUMNS = ("respondent_id", "unit_id", "item", "value", "gender")
SCHEMA = {
    "respondent_id": pl.String,
    "unit_id": pl.String,
    "item": pl.String,
    "value": pl.Int64,
    "gender": pl.String,
}


@dataclass(frozen=True)
class UnitProfile:
    """A unit's character: its level per area in steps of a 1–5 scale ("general" for every item, the
    HME areas, "nmi"), a small level per item, its yearly change and its usual response rate."""

    levels: dict[str, float]
    items: dict[str, float]
    change: float
    response: float


def _rng(seed: int, *parts: object) -> random.Random:
    return random.Random(":".join(map(str, ("kasam-survey", seed, *parts))))


def unit_profile(seed: int, unit_id: str) -> UnitProfile:
    rng = _rng(seed, "unit", unit_id)
    levels = {"general": rng.gauss(0, 0.12)} | {area: rng.gauss(0, 0.1) for area in (*HME_SUBINDICES, "nmi")}
    kind = rng.random()
    if kind < 0.15:  # a clearly strong leadership
        levels["ledarskap"] += 0.3
        levels["nmi"] += 0.15
    elif kind < 0.3:  # clearly more meaningful, keen to learn
        levels["motivation"] += 0.3
    elif kind < 0.45:  # clearly weaker on goals and their follow-up
        levels["styrning"] -= 0.35
    elif kind < 0.58:  # clearly weaker leadership
        levels["ledarskap"] -= 0.4
        levels["nmi"] -= 0.2
    items = {item: rng.gauss(0, 0.07) for item in ITEMS}
    change = rng.uniform(0.03, 0.15) if rng.random() < 0.8 else -rng.uniform(0.06, 0.2)
    return UnitProfile(levels, items, change, rng.uniform(0.6, 0.76))


def response_rate(seed: int, unit_id: str, year: int) -> float:
    """The share of a unit's employees who answer the survey of `year`: 55–82 %."""
    jitter = _rng(seed, "rate", unit_id, year).gauss(0, 0.04)
    return min(RESPONSE_MAX, max(RESPONSE_MIN, unit_profile(seed, unit_id).response + jitter))


def _mean(profile: UnitProfile, item: str, years: int, person: float) -> float:
    """The item's mean for one respondent, on the item's own scale."""
    low, high = SCALES[item]
    steps = profile.levels["general"] + profile.items[item] + profile.change * years + person
    steps += profile.levels.get(AREA_OF.get(item, ""), 0.0)
    if item == "enps":  # recommending the workplace follows how it is to work there
        steps += 0.5 * (profile.levels["ledarskap"] + profile.levels["motivation"])
    return BASE_LEVEL[item] + steps * (high - low) / 4


def answers(
    seed: int, year: int, respondents: Iterable[tuple[str, str, str]], *, first_year: int | None = None
) -> pl.DataFrame:
    """The long rows of the survey of `year` (COLUMNS; value Int64) for the employees `respondents`:
    (person id, unit id, gender "K", "M" or ""), each person once, in any order. `first_year` is the year
    of the units' base levels (default: `year`)."""
    by_unit: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for person_id, unit_id, gender in respondents:
        by_unit[unit_id].append((person_id, gender))
    years = year - (year if first_year is None else first_year)
    ids = _rng(seed, "ids", year)
    used: set[str] = set()
    columns: dict[str, list] = {name: [] for name in COLUMNS}
    for unit_id in sorted(by_unit):
        staff = sorted(by_unit[unit_id])
        profile = unit_profile(seed, unit_id)
        rng = _rng(seed, "answers", unit_id, year)
        chosen = sorted(rng.sample(staff, round(response_rate(seed, unit_id, year) * len(staff))))
        for person_id, gender in chosen:
            respondent = f"{ids.getrandbits(48):012x}"
            while respondent in used:
                respondent = f"{ids.getrandbits(48):012x}"
            used.add(respondent)
            person = _rng(seed, "person", person_id).gauss(0, PERSON_SPREAD) + rng.gauss(0, 0.1)
            given = [item for item in ITEMS if rng.random() >= SKIP_SHARE] or [ITEMS[0]]
            for item in given:
                low, high = SCALES[item]
                value = round(rng.gauss(_mean(profile, item, years, person), SPREAD[item]))
                columns["respondent_id"].append(respondent)
                columns["unit_id"].append(unit_id)
                columns["item"].append(item)
                columns["value"].append(min(high, max(low, value)))
                columns["gender"].append(gender)
    frame = pl.DataFrame(columns, schema=SCHEMA)
    order = {item: number for number, item in enumerate(ITEMS)}
    return frame.sort(
        "respondent_id", pl.col("item").replace_strict(order, return_dtype=pl.Int64), maintain_order=True
    )


def to_csv(frame: pl.DataFrame) -> bytes:
    """The rows as the `long` layout's CSV: UTF-8, comma separated, a header, an empty gender as an
    empty field."""
    out = io.BytesIO()
    frame.select(COLUMNS).with_columns(
        pl.when(pl.col("gender") != "").then(pl.col("gender")).alias("gender")
    ).write_csv(out, separator=",", line_terminator="\n", null_value="")
    return out.getvalue()
