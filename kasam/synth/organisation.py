"""The organisation tree of a fictitious social services administration, modelled on Kalix.

One root (förvaltning), the four areas (område) of Kalix social services, about one unit (enhet)
per 20 employees spread over the activities in proportion to their share of staff, a few large
units split into work groups (arbetsgrupp), and the staff stab directly under the root. Every unit
gets a number of *posts* (one employee's place); the people module fills posts over time.
"""

from dataclasses import dataclass

import numpy as np
import polars as pl

from kasam.synth.names import PLACE_ENDINGS, PLACE_STEMS, TEAM_NAMES

ROOT_NAME = "Socialförvaltningen"
AREAS = ("Äldreomsorg", "Stöd och omsorg", "Individ- och familjeomsorg", "Hälso- och sjukvård")
MAX_UNIT_SIZE = 60
MIN_UNIT_SIZE = 4
STAFF_PER_UNIT = 20


@dataclass(frozen=True)
class Activity:
    area: str  # "" = directly under the root
    name: str  # the unit's `activity`
    staff_share: float
    sizes: tuple[int, int]  # typical headcount range of one unit
    sickness: float  # relative sick-leave level (elderly care above average, the stab below)
    women: float  # share of women among new staff
    hourly: float  # share of posts held by hourly paid staff
    templates: tuple[str, ...]  # unit names; {place} is an invented place name
    teams: bool = False  # large units of this activity may have work groups


ACTIVITIES = (
    Activity("Äldreomsorg", "hemtjänst", 0.24, (20, 55), 1.3, 0.86, 0.08, ("Hemtjänst {place}",), True),
    Activity("Äldreomsorg", "särskilt boende", 0.26, (22, 60), 1.32, 0.88, 0.08, ("{place}",), True),
    Activity("Äldreomsorg", "korttidsboende", 0.04, (10, 25), 1.2, 0.85, 0.06, ("Korttidsboendet {place}",)),
    Activity(
        "Stöd och omsorg",
        "LSS",
        0.14,
        (8, 22),
        1.0,
        0.78,
        0.06,
        ("Gruppbostad {place}", "Servicebostad {place}"),
    ),
    Activity(
        "Stöd och omsorg", "daglig verksamhet", 0.04, (6, 15), 0.9, 0.70, 0.03, ("Daglig verksamhet {place}",)
    ),
    Activity(
        "Stöd och omsorg",
        "personlig assistans",
        0.08,
        (4, 30),
        1.0,
        0.72,
        0.15,
        ("Personlig assistans {place}",),
        True,
    ),
    Activity(
        "Individ- och familjeomsorg",
        "IFO",
        0.10,
        (6, 25),
        0.75,
        0.83,
        0.02,
        ("Barn och unga {place}", "Vuxenstöd {place}", "Försörjningsstöd {place}", "Familjecentrum {place}"),
    ),
    Activity(
        "Hälso- och sjukvård",
        "HSL",
        0.08,
        (6, 30),
        0.7,
        0.90,
        0.03,
        ("Sjuksköterskor {place}", "Rehab {place}"),
    ),
    Activity(
        "",
        "stab",
        0.02,
        (4, 15),
        0.5,
        0.70,
        0.0,
        ("Förvaltningsstab {place}", "Kvalitet och utveckling {place}"),
    ),
)


@dataclass
class Organisation:
    units: pl.DataFrame
    post_unit: np.ndarray  # unit id of each post
    post_activity: np.ndarray  # index into ACTIVITIES of each post


def build_organisation(rng: np.random.Generator, employees: int) -> Organisation:
    counts = _units_per_activity(max(len(AREAS), round(employees / STAFF_PER_UNIT)))
    activity = np.repeat(np.arange(len(ACTIVITIES)), counts)
    sizes = _unit_sizes(rng, activity, employees)
    names = _unit_names(rng, activity)
    return _assemble(rng, activity, sizes, names)


def _largest_remainder(weights: np.ndarray, total: int) -> np.ndarray:
    """Integers proportional to weights that add up to total."""
    exact = weights / weights.sum() * total
    whole = np.floor(exact).astype(np.int64)
    order = np.argsort(-(exact - whole), kind="stable")
    whole[order[: total - whole.sum()]] += 1
    return whole


def _units_per_activity(n_units: int) -> np.ndarray:
    # Units per activity ∝ staff share / typical size, so that staff shares come out right.
    weight = np.array([a.staff_share / np.mean(a.sizes) for a in ACTIVITIES])
    counts = _largest_remainder(weight, n_units)
    for area in AREAS:  # every area has at least one unit, however small the organisation
        first = next(i for i, a in enumerate(ACTIVITIES) if a.area == area)
        in_area = [i for i, a in enumerate(ACTIVITIES) if a.area == area]
        if counts[in_area].sum() == 0:
            counts[first] = 1
            counts[int(np.argmax(counts))] -= 1
    return counts


def _unit_sizes(rng: np.random.Generator, activity: np.ndarray, employees: int) -> np.ndarray:
    """Headcount of each unit: a draw within the activity's range, scaled to add up to `employees`."""
    low = np.array([ACTIVITIES[a].sizes[0] for a in activity])
    high = np.array([ACTIVITIES[a].sizes[1] for a in activity])
    sizes = _largest_remainder(rng.uniform(low, high), employees)
    smallest = min(MIN_UNIT_SIZE, employees // len(sizes))
    sizes = np.clip(sizes, smallest, MAX_UNIT_SIZE)
    # Clipping moved the total; walk it back one post at a time in units that have room.
    while (excess := int(sizes.sum()) - employees) != 0:
        room = sizes > smallest if excess > 0 else sizes < MAX_UNIT_SIZE
        candidates = np.flatnonzero(room)
        if len(candidates) == 0:  # more staff than 60 per unit allows: let units grow
            candidates = np.arange(len(sizes))
        chosen = rng.choice(candidates, size=min(abs(excess), len(candidates)), replace=False)
        sizes[chosen] -= np.sign(excess)
    return sizes


def _unit_names(rng: np.random.Generator, activity: np.ndarray) -> list[str]:
    places = [stem + ending for stem in PLACE_STEMS for ending in PLACE_ENDINGS]
    place_order = rng.permutation(len(places))
    names, seen = [], {}
    for i, a in enumerate(activity):
        templates = ACTIVITIES[a].templates
        name = templates[i % len(templates)].format(place=places[place_order[i % len(places)]])
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} {seen[name]}")
    return names


def _team_split(rng: np.random.Generator, size: int) -> list[int]:
    """Posts of a unit with work groups: one or two at the unit itself, the rest in 2–3 groups."""
    own = int(rng.integers(1, 3))
    teams = int(rng.integers(2, 4))
    return [own, *_largest_remainder(rng.uniform(0.8, 1.2, teams), size - own).tolist()]


def _assemble(rng, activity, sizes, names) -> Organisation:
    with_teams = (
        np.array([ACTIVITIES[a].teams for a in activity]) & (sizes >= 28) & (rng.random(len(sizes)) < 0.3)
    )
    eligible = np.array([ACTIVITIES[a].teams for a in activity]) & (sizes >= 28)
    if not with_teams.any() and eligible.any():  # the demo's unit manager needs a unit with groups
        with_teams[np.flatnonzero(eligible)[np.argmax(sizes[eligible])]] = True
    rows: list[tuple[str | None, str, str, str]] = [(None, ROOT_NAME, "förvaltning", "")]
    post_row, post_activity = [], []
    area_row = {}
    for area in AREAS:
        area_row[area] = len(rows)
        rows.append((0, area, "område", ""))
    # Units area by area (the stab, under the root, last), each followed by its work groups.
    order = sorted(range(len(activity)), key=lambda i: (ACTIVITIES[activity[i]].area == "", activity[i], i))
    team_names = (f"Grupp {name}" for round_ in range(len(rows) + len(order)) for name in _numbered(round_))
    for i in order:
        act = ACTIVITIES[activity[i]]
        unit_row = len(rows)
        rows.append((area_row.get(act.area, 0), names[i], "enhet", act.name))
        parts = _team_split(rng, int(sizes[i])) if with_teams[i] else [int(sizes[i])]
        post_row += [unit_row] * parts[0]
        for team_size in parts[1:]:
            post_row += [len(rows)] * team_size
            rows.append((unit_row, next(team_names), "arbetsgrupp", act.name))
        post_activity += [activity[i]] * int(sizes[i])
    width = max(3, len(str(len(rows))))
    ids = [f"U{n + 1:0{width}d}" for n in range(len(rows))]
    units = pl.DataFrame(
        {
            "unit_id": ids,
            "parent_id": [None if parent is None else ids[parent] for parent, *_ in rows],
            "name": [row[1] for row in rows],
            "kind": [row[2] for row in rows],
            "activity": [row[3] for row in rows],
        },
        schema={c: pl.String for c in ("unit_id", "parent_id", "name", "kind", "activity")},
    )
    return Organisation(units, np.array(ids, dtype=object)[post_row], np.array(post_activity))


def _numbered(round_: int) -> list[str]:
    """Team names, unique in the organisation: Tranan … Sädesärlan, then Tranan 2 … and so on."""
    return [name if round_ == 0 else f"{name} {round_ + 1}" for name in TEAM_NAMES]
