"""The organisation tree with its history (docs/definitions.md "The tree and its history").
Pure Python and Polars, no Django.

A unit's history is a list of versions, each holding from its `valid_from` until the day before the
next one's; the last holds until further notice. Choice: a unit's first version also holds for every
day before its `valid_from`: the tree before a unit's first row is not known, and its staff's days
must still count somewhere (otherwise a new unit's earlier employments would drop out of every
total above it). The tree of a day is then every unit with the parent of its version in force.

Two forms:
- `History` ({unit: [Version, …]}) for the import's checks and for freezing a tree (`tree_on`);
- a Polars frame (unit_id, parent_id, valid_from, valid_to: Date; valid_to null = open) for the
  sick-leave engine, which turns it into time-dependent ancestor intervals (`ancestor_intervals`) and
  cuts each unit's time into places whose ancestors do not change (`places`): every employment
  interval is cut at its unit's moves, and the rest of the engine aggregates places as it did units.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

import polars as pl

from kasam.metrics.intervals import ONGOING

# The day number before every date (Int32 like the engine's days): a first version holds back to it.
FAR_PAST = -(2**30)
PLACE_SEPARATOR = "\x1f"  # no id holds it: a place of a moved unit is "unit␟first day"
TREE_SCHEMA = {"unit_id": pl.String, "parent_id": pl.String, "valid_from": pl.Date, "valid_to": pl.Date}


class Version(NamedTuple):
    """What a unit was from `valid_from` on."""

    valid_from: date
    parent_id: str | None
    name: str = ""
    kind: str = ""
    activity: str = ""

    def same_as(self, other: "Version") -> bool:
        return self[1:] == other[1:]


History = Mapping[str, Sequence[Version]]  # each unit's versions in order of valid_from


def tree_on(history: History, day: date) -> dict[str, str | None]:
    """{unit: parent} as the tree stood on `day`: each unit's version in force that day (its first
    version for a day before it, see the module). For freezing a pulse round's or survey's tree."""
    return {unit: version_on(versions, day).parent_id for unit, versions in history.items() if versions}


def version_on(versions: Sequence[Version], day: date) -> Version:
    """The version in force on `day` among versions sorted by valid_from (the first before them)."""
    found = versions[0]
    for version in versions:
        if version.valid_from > day:
            break
        found = version
    return found


def lay_over(stored: History, rows: Mapping[str, Iterable[Version]]) -> dict[str, list[Version]]:
    """The history after an import: for a unit in `rows`, the rows are its truth from their earliest
    valid_from on – stored versions from that day are replaced, the one running into it ends the day
    before – and earlier versions stay. Consecutive versions that say the same are joined, so that a
    row repeating the version in force changes nothing and the same file twice changes nothing."""
    result = {unit: list(versions) for unit, versions in stored.items()}
    for unit, new in rows.items():
        new = sorted(new)
        if not new:
            continue
        kept = [version for version in result.get(unit, []) if version.valid_from < new[0].valid_from]
        result[unit] = joined([*kept, *new])
    return result


def joined(versions: Sequence[Version]) -> list[Version]:
    """Versions sorted by valid_from without repeats: one equal to the previous continues it."""
    out: list[Version] = []
    for version in sorted(versions):
        if not out or not version.same_as(out[-1]):
            out.append(version)
    return out


def change_days(history: History) -> list[date]:
    """The days on which some unit's parent, name or kind may change, in order (the first version of
    each unit included: the tree before it is the first versions' tree)."""
    return sorted({version.valid_from for versions in history.values() for version in versions})


def history_frame(history: History) -> pl.DataFrame:
    """The engine's tree frame: unit_id, parent_id, valid_from, valid_to (the day before the next
    version's valid_from; null for the last)."""
    rows = []
    for unit, versions in history.items():
        for version, following in zip(versions, [*versions[1:], None], strict=True):
            until = date.fromordinal(following.valid_from.toordinal() - 1) if following else None
            rows.append((unit, version.parent_id, version.valid_from, until))
    return pl.DataFrame(rows, schema=TREE_SCHEMA, orient="row")


def static_tree(units: pl.DataFrame) -> pl.DataFrame:
    """The tree frame of a tree without history: each unit's one version holds on every day."""
    return units.select(
        pl.col("unit_id").cast(pl.String),
        pl.col("parent_id").cast(pl.String),
        valid_from=pl.lit(None, pl.Date),
        valid_to=pl.lit(None, pl.Date),
    )


# --- the engine's time-dependent tree -----------------------------------------------------------


def _edges(tree: pl.DataFrame) -> pl.DataFrame:
    """unit_id, parent_id, s, e (Int32 day numbers, inclusive): a first version from FAR_PAST, an
    open one to ONGOING."""
    first = pl.col("valid_from") == pl.col("valid_from").min().over("unit_id")
    return tree.select(
        pl.col("unit_id").cast(pl.String),
        pl.col("parent_id").cast(pl.String),
        s=pl.when(first | pl.col("valid_from").is_null())
        .then(pl.lit(FAR_PAST, pl.Int32))
        .otherwise(pl.col("valid_from").cast(pl.Int32)),
        e=pl.col("valid_to").cast(pl.Int32).fill_null(ONGOING),
    )


def ancestor_intervals(tree: pl.DataFrame) -> pl.DataFrame:
    """unit_id, target, s, e: on the days s…e, `target` is the unit itself or one of its ancestors –
    the time-dependent form of intervals.ancestor_map. A unit's days count to the parent it had that
    day. Computed by joining parent links level by level (each level intersects the intervals), so
    the work grows with the tree's depth, not with the number of days. Touching intervals of the
    same unit and target are joined. Raises ValueError on a cycle on some day."""
    edges = _edges(tree)
    units = edges.select("unit_id").unique()
    found = [
        units.select("unit_id", target="unit_id", s=pl.lit(FAR_PAST, pl.Int32), e=pl.lit(ONGOING, pl.Int32))
    ]
    links = edges.filter(pl.col("parent_id").is_not_null()).rename({"parent_id": "target"})
    level = links
    for _depth in range(units.height + 1):
        if not level.height:
            return _join_touching(pl.concat(found))
        found.append(level)
        level = (
            level.join(links, left_on="target", right_on="unit_id", suffix="_up")
            .select(
                "unit_id",
                target="target_up",
                s=pl.max_horizontal("s", "s_up"),
                e=pl.min_horizontal("e", "e_up"),
            )
            .filter(pl.col("s") <= pl.col("e"))
        )
    raise ValueError("the units' parents go round in a circle on some day")


def _join_touching(intervals: pl.DataFrame) -> pl.DataFrame:
    keys = ["unit_id", "target"]
    ordered = intervals.sort([*keys, "s"])
    same = pl.all_horizontal([pl.col(k) == pl.col(k).shift(1) for k in keys])
    reach = pl.col("e").cum_max().shift(1).over(keys)
    opens = ~(same & (pl.col("s") <= reach + 1)).fill_null(False)
    return (
        ordered.with_columns(block=opens.cum_sum())
        .group_by("block", maintain_order=True)
        .agg(*[pl.col(k).first() for k in keys], pl.col("s").min(), pl.col("e").max())
        .drop("block")
    )


def places(targets: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """From targets (unit_id, target, and optionally s, e: the days the unit counts to the target;
    without s and e on every day), the places and their targets:
    - place_of: unit_id, place, s, e – each unit's days cut where its targets change; a unit whose
      targets never change is one place named as the unit, so a tree without history costs nothing;
    - place_targets: unit_id (the place), target – the static map the engine aggregates over.
    Days on which a unit counts to no target have no place."""
    if "s" not in targets.columns:
        targets = targets.with_columns(s=pl.lit(FAR_PAST, pl.Int32), e=pl.lit(ONGOING, pl.Int32))
    targets = targets.select("unit_id", "target", pl.col("s").cast(pl.Int32), pl.col("e").cast(pl.Int32))
    cuts = (
        pl.concat([targets.select("unit_id", day="s"), targets.select("unit_id", day=pl.col("e") + 1)])
        .unique()
        .sort("unit_id", "day")
    )
    segments = (
        cuts.with_columns(next_day=pl.col("day").shift(-1).over("unit_id"))
        .filter(pl.col("next_day").is_not_null())
        .select("unit_id", s="day", e=pl.col("next_day") - 1)
    )
    covered = segments.join(targets, on="unit_id", suffix="_t").filter(
        (pl.col("s_t") <= pl.col("s")) & (pl.col("e") <= pl.col("e_t"))
    )
    pieces = covered.select("unit_id", "s", "e").unique().with_columns(count=pl.len().over("unit_id"))
    place = (
        pl.when(pl.col("count") == 1)
        .then(pl.col("unit_id"))
        .otherwise(pl.col("unit_id") + PLACE_SEPARATOR + pl.col("s").cast(pl.String))
    )
    place_of = pieces.select("unit_id", place=place, s="s", e="e")
    place_targets = covered.join(place_of, on=["unit_id", "s", "e"]).select(unit_id="place", target="target")
    return place_of, place_targets


def at_places(intervals: pl.DataFrame, place_of: pl.DataFrame) -> pl.DataFrame:
    """Intervals (unit_id, s, e, …) cut at their unit's places, with unit_id the place. Intervals of
    days without a place are dropped."""
    columns = intervals.columns
    return (
        intervals.join(place_of, on="unit_id", suffix="_p")
        .with_columns(unit_id="place", s=pl.max_horizontal("s", "s_p"), e=pl.min_horizontal("e", "e_p"))
        .filter(pl.col("s") <= pl.col("e"))
        .select(columns)
    )


def subtree_intervals(tree: pl.DataFrame, unit_id: str) -> pl.DataFrame:
    """unit_id, target, s, e: the units in `unit_id`'s subtree on the days they were, all mapped to
    `unit_id` (the targets of a report on one unit)."""
    return ancestor_intervals(tree).filter(pl.col("target") == unit_id)


def engine_tree(units: pl.DataFrame, tree: pl.DataFrame | None) -> pl.DataFrame:
    """The tree frame the engine uses: the frames' history, with today's version of every unit that
    has none (a unit written without history holds its place on every day)."""
    today = static_tree(units)
    if tree is None:
        return today
    tree = tree.select(TREE_SCHEMA.keys()).cast(TREE_SCHEMA)
    return pl.concat([tree, today.join(tree, on="unit_id", how="anti")])


def parents_on(units: pl.DataFrame, tree: pl.DataFrame | None, day: date) -> dict[str, str | None]:
    """{unit: parent} of the engine's frames as the tree stood on `day`: today's tree when the units
    have no history; else each unit's version in force that day (its first one for a day before it).
    The gate decides a period on its last day's tree, the tree its figures end on."""
    if tree is None:
        return dict(zip(units["unit_id"].to_list(), units["parent_id"].to_list(), strict=True))
    history: dict[str, list[Version]] = {}
    for unit, parent, valid_from in (
        tree.sort("unit_id", "valid_from", nulls_last=False)
        .select("unit_id", "parent_id", "valid_from")
        .iter_rows()
    ):
        history.setdefault(unit, []).append(Version(valid_from or date.min, parent))
    return tree_on(history, day)
