"""Evaluation – did it make a difference? (docs/definitions.md "Evaluation"): staggered
difference-in-differences on a panel of units × periods with an outcome and, per unit, the period its
intervention started.

Pure NumPy and Polars, no Django. `evaluate()` is the one entry point; the result is an `Evaluation`.

Input: one row per unit and period (unit, period, outcome, cohort). The cohort is the period of the
unit's first treatment, 0 for never; it is constant within a unit. Periods are whole numbers (event
times are differences of periods, so months should be numbered consecutively). Panels may be
unbalanced: a missing row is a period in which the unit was not observed.

Callaway & Sant'Anna (2021), "cs" – as the R package `did` (version 2) with its defaults
est_method="dr", base_period="varying", anticipation=0, no covariates:

- ATT(g, t) for every treated cohort g and every period t after the first: a 2×2 difference in
  differences of the cohort against the comparison units between t and a base period. Post-treatment
  (t ≥ g) the base is the last period before g (a "long" difference); before treatment (t < g) the base
  is the period just before t ("varying" base), so that the pre-period estimates are the placebo check.
  Without covariates the doubly robust estimator is the difference of the mean changes, treated minus
  comparison, and its influence function that of a difference of two means.
- Comparison units: "not-yet" (the default here, as the headline's; R's default is "never"):
  the never-treated units and the units whose cohort is after t; "never": the never-treated units
  only. A cell without treated or comparison units is left out.
- Aggregations (R's `aggte`): "simple" – the post-treatment ATT(g, t) weighted by the cohorts' shares of
  units; "by cohort" – per cohort the plain mean of its post-treatment ATT(g, t), and overall those
  means weighted by the cohorts' shares; "dynamic" (the event study) – per event time e = t − g the
  ATT(g, t) weighted by the cohorts' shares, and overall the plain mean over e ≥ 0. The influence
  functions include R's term for the estimated cohort shares, so the analytic standard errors are R's.

Borusyak, Jaravel & Spiess (2024), "bjs" – the imputation estimator, exactly as docs/definitions.md has it:
unit and period fixed effects fitted by least squares on all untreated observations (never-treated and not
yet treated; no covariates), the effect of each treated unit-period imputed as its outcome minus its
fitted untreated outcome, and the overall effect the unweighted mean of the imputed effects over all
treated unit-periods. Choices where the definition is silent:

- per cohort: the unweighted mean over the cohort's treated unit-periods; per event time e ≥ 0 the
  unweighted mean over the treated unit-periods at e; "overall by cohort" the cohort means weighted by
  the cohorts' shares of units, "overall dynamic" the plain mean of the event-time means (the same
  aggregations as for cs). The event study has no e < 0: imputation estimates no pre-period effects
  (the placebo check is cs's).
- standard errors: BJS Theorem 3 (conservative), every estimate being a linear combination
  Σ v_it·Y_it of the outcomes, clustered by unit: Var = Σ_units (Σ_t v_it·ε̃_it)², where ε̃ is the fixed-
  effect residual for untreated observations and, for treated ones, the imputed effect minus the
  v²-weighted mean of the imputed effects at the same event time. Choice: the partition is by event time
  (cohorts pooled), not cohort × event time, so that a cohort of a single unit still contributes
  variance; with effects that differ between cohorts this errs on the wide side.

Inference (both estimators): every estimate is asymptotically a sum over units of a contribution φ_i
(for cs, the influence function / n). Analytic: se = sqrt(Σ_c (Σ_{i∈c} φ_i)²) over clusters c (each unit
its own cluster unless a cluster column is given; with units as clusters this is R's
sqrt(mean(IF²)/n)). Bootstrap (`bootstrap=B`): R's multiplier bootstrap with Mammen weights drawn per
cluster (the same draws for every estimate), se = interquartile range of the B draws / 1.349. Choice:
a cluster's contribution is the SUM of its units' φ (R averages within a cluster; the two agree when
clusters are of equal size). Intervals are pointwise: estimate ± 1.96·se. A standard error of (almost)
zero cannot be computed (R: NA) and is None, as is its interval.

Preparation and bad input (`EvaluationError`, one line saying what is missing):

- a cohort after the last period is treated as never treated within the panel (as R does);
- no never-treated unit: with "never" comparisons an error; otherwise, as R does, the periods from the
  last cohort's start on are left out (there is nothing to compare them with) and that cohort serves as
  the comparison only, with no effects of its own (for bjs too, for the same reason);
  `Evaluation.truncated_from` records it;
- an error for: a unit with two rows for one period; a cohort that changes within a unit; a negative
  cohort; a missing or non-finite outcome; a cohort starting in or before the first period, or none of
  whose units is observed before its start (it has no pre-period); for bjs, a treated unit with no
  untreated observation, a period with treated but no untreated observations, or untreated observations
  falling apart into groups that share no unit; fewer than 2 units that start, or fewer than 2 units
  to compare with (never-treated, or for "not-yet" also units starting after the first cohort); fewer
  than 2 clusters. (R drops the units of a cohort without a pre-period with a warning; here the analyst
  is told and decides.)
- Unbalanced panels in cs (R would drop incomplete units or switch estimator): each ATT(g, t) uses the
  units observed in both of its periods. Cohort shares are over all units of the panel.
- Cohort sizes are reported (`CohortEffect.units`, `EventTimeEffect.units`) and nothing is dropped:
  the rule that no cohort of a single unit is shown alone is for the pages to apply.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import polars as pl

ESTIMATORS = ("cs", "bjs")
CONTROLS = ("not-yet", "never")
NEVER = 0
MIN_TREATED_UNITS = 2
MIN_COMPARISON_UNITS = 2
Z95 = NormalDist().inv_cdf(0.975)
SE_FLOOR = math.sqrt(np.finfo(float).eps) * 10  # R: a standard error below this is NA
IQR_NORMAL = NormalDist().inv_cdf(0.75) - NormalDist().inv_cdf(0.25)
MAMMEN_KAPPA = (math.sqrt(5) + 1) / 2


class EvaluationError(ValueError):
    """Bad input: the message (one line) says what is missing. `reason` names the cases a page says
    in its own words (too few units that start or to compare with); "" for the rest."""

    def __init__(self, message: str, reason: str = "", **numbers: int):
        super().__init__(message)
        self.reason = reason
        self.numbers = numbers


# --- results -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Effect:
    """An estimate with its standard error and 95 % interval; None where it cannot be computed."""

    att: float | None
    se: float | None
    ci_low: float | None
    ci_high: float | None

    def as_json(self) -> dict:
        return {"att": self.att, "se": self.se, "ci_low": self.ci_low, "ci_high": self.ci_high}


@dataclass(frozen=True)
class GroupTimeEffect:
    """ATT(g, t) of cs: the cohort, the period, the base period, and how many units entered the 2×2."""

    cohort: int
    time: int
    base: int
    treated: int
    comparison: int
    effect: Effect


@dataclass(frozen=True)
class CohortEffect:
    cohort: int
    units: int  # the cohort's size, for the pages' gate
    effect: Effect


@dataclass(frozen=True)
class EventTimeEffect:
    e: int
    units: int  # units of the cohorts with an estimate at this event time
    effect: Effect


@dataclass(frozen=True)
class Evaluation:
    estimator: str
    control: str | None  # None for bjs: it uses every untreated observation
    overall: Effect  # cs: the simple aggregation; bjs: the mean of all imputed effects
    overall_by_cohort: Effect
    overall_dynamic: Effect
    by_cohort: tuple[CohortEffect, ...]
    event_study: tuple[EventTimeEffect, ...]
    group_time: tuple[GroupTimeEffect, ...]  # cs only
    units: int
    periods: int
    first_period: int
    last_period: int
    truncated_from: int | None  # periods from this on were left out (no never-treated unit)
    bootstrap: int  # 0: analytic standard errors, else the number of bootstrap draws
    clusters: int
    imputed: pl.DataFrame | None = None  # bjs: unit, time, cohort, e, effect of every treated unit-period

    def as_json(self) -> dict:
        """The command's JSON (kasam evaluate --format json)."""
        return {
            "estimator": self.estimator,
            "control": self.control,
            "overall": self.overall.as_json(),
            "overall_by_cohort": self.overall_by_cohort.as_json(),
            "overall_dynamic": self.overall_dynamic.as_json(),
            "by_cohort": [{"cohort": c.cohort, **c.effect.as_json()} for c in self.by_cohort],
            "event_study": [{"e": e.e, **e.effect.as_json()} for e in self.event_study],
            "units": self.units,
            "periods": self.periods,
        }


# --- the panel ---------------------------------------------------------------------------------------


@dataclass
class _Panel:
    unit_ids: list[str]
    periods: np.ndarray  # sorted, int64
    cohort: np.ndarray  # per unit, 0 = never treated within the panel
    y: np.ndarray  # units × periods, NaN where not observed
    cluster: np.ndarray  # per unit, cluster index 0 … C − 1
    clusters: int
    truncated_from: int | None

    @property
    def observed(self) -> np.ndarray:
        return ~np.isnan(self.y)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _column_error(panel: pl.DataFrame, name: str) -> None:
    if name not in panel.columns:
        raise EvaluationError(
            f"the panel has no column {name!r} (it has {', '.join(map(repr, panel.columns))})"
        )


def _as_int(frame: pl.DataFrame, name: str, role: str) -> pl.Series:
    column = frame[name]
    if column.null_count():
        raise EvaluationError(f"the {role} column {name!r} is empty in {column.null_count()} rows")
    if column.dtype.is_integer():
        return column.cast(pl.Int64)
    if column.dtype.is_float():
        values = column.to_numpy()
        if np.all(np.isfinite(values)) and np.all(values == np.round(values)):
            return column.cast(pl.Int64)
    raise EvaluationError(f"the {role} column {name!r} must hold whole numbers, not {column.dtype}")


def _prepare(
    panel: pl.DataFrame,
    unit: str,
    time: str,
    outcome: str,
    cohort: str,
    cluster: str | None,
    estimator: str,
    control: str,
) -> _Panel:
    """The panel checked and as arrays, or an EvaluationError that says what is wrong in one line."""
    frame = _frame(panel, unit, time, outcome, cohort, cluster)
    _check_rows(frame, unit, outcome, cluster)
    frame, truncated_from = _starts_within(frame, estimator, control)
    periods = _periods(frame, truncated_from)
    unit_ids, y, cohort_of, cluster_index, clusters = _arrays(frame, periods)
    _check_sizes(cohort_of, clusters, cluster, estimator, control)
    return _Panel(unit_ids, periods, cohort_of, y, cluster_index, clusters, truncated_from)


def _frame(
    panel: pl.DataFrame, unit: str, time: str, outcome: str, cohort: str, cluster: str | None
) -> pl.DataFrame:
    """The columns under their own names: unit, time, cohort, y and cluster (the unit when none)."""
    names = [unit, time, outcome, cohort]
    for name in names + ([cluster] if cluster else []):
        _column_error(panel, name)
    if len(set(names)) < len(names) or cluster in (time, outcome, cohort):
        raise EvaluationError(
            "the unit, time, outcome and cohort columns must be different columns "
            "(the cluster may be the unit)"
        )
    if panel.height == 0:
        raise EvaluationError("the panel has no rows")
    frame = pl.DataFrame(
        {
            "unit": panel[unit].cast(pl.String),
            "time": _as_int(panel, time, "time"),
            "cohort": _as_int(panel, cohort, "cohort"),
            "y": panel[outcome].cast(pl.Float64, strict=False),
            "cluster": panel[cluster].cast(pl.String) if cluster else panel[unit].cast(pl.String),
        }
    )
    return frame


def _check_rows(frame: pl.DataFrame, unit: str, outcome: str, cluster: str | None) -> None:
    """Every row with a unit and a finite outcome, one row per unit-period, each unit in one cohort
    (0 or later) and one cluster."""
    if frame["unit"].null_count():
        raise EvaluationError(f"the unit column {unit!r} is empty in {frame['unit'].null_count()} rows")
    bad_y = frame.filter(pl.col("y").is_null() | ~pl.col("y").is_finite())
    if bad_y.height:
        first = bad_y.row(0, named=True)
        raise EvaluationError(
            f"the outcome {outcome!r} is missing or not a number for unit {first['unit']!r} in period "
            f"{first['time']} ({bad_y.height} rows); leave out the row of a period that was not observed"
        )
    duplicates = frame.group_by("unit", "time").len().filter(pl.col("len") > 1).sort("unit", "time")
    if duplicates.height:
        first = duplicates.row(0, named=True)
        raise EvaluationError(
            f"unit {first['unit']!r} has {first['len']} rows for period {first['time']} "
            f"({duplicates.height} duplicate unit-periods); each unit has one row per period"
        )
    if frame["cohort"].min() < 0:
        bad = frame.filter(pl.col("cohort") < 0).row(0, named=True)
        raise EvaluationError(f"unit {bad['unit']!r} has a negative cohort {bad['cohort']} (0 means never)")
    per_unit = (
        frame.group_by("unit")
        .agg(
            pl.col("cohort").n_unique().alias("cohorts"),
            pl.col("cohort").first(),
            pl.col("cluster").n_unique().alias("clusters"),
            pl.col("cluster").first(),
        )
        .sort("unit")
    )
    changing = per_unit.filter(pl.col("cohorts") > 1)
    if changing.height:
        raise EvaluationError(
            f"unit {changing['unit'][0]!r} has more than one cohort "
            f"({_count(changing.height, 'such unit')}); the cohort is the period of the unit's first "
            "treatment, the same in all its rows"
        )
    if cluster and (per_unit["clusters"] > 1).any():
        bad = per_unit.filter(pl.col("clusters") > 1)["unit"][0]
        raise EvaluationError(f"unit {bad!r} lies in more than one cluster of {cluster!r}")


def _starts_within(frame: pl.DataFrame, estimator: str, control: str) -> tuple[pl.DataFrame, int | None]:
    """The frame with starts after the panel as no start; without a never-treated unit, cut before the
    last cohort's start (returned as `truncated_from`, else None)."""
    first = int(frame["time"].min())
    early = frame.filter((pl.col("cohort") != NEVER) & (pl.col("cohort") <= first))
    if early.height:
        g = int(early["cohort"].min())
        size = early.filter(pl.col("cohort") == g)["unit"].n_unique()
        raise EvaluationError(
            f"cohort {g} ({_count(size, 'unit')}) starts in or before the panel's first period {first}, "
            "so it has no period before its start; give earlier periods or leave those units out"
        )
    frame = _no_start_after(frame)
    truncated_from = None
    if not (frame["cohort"] == NEVER).any():
        if estimator == "cs" and control == "never":
            raise EvaluationError(
                "no never-treated unit (cohort 0) to compare with; use the not-yet-treated comparison"
            )
        if frame["cohort"].n_unique() == 1:
            raise EvaluationError(
                "no untreated comparison left: no unit is never treated and every unit starts in the "
                "same period, so none shows what would have happened without the start"
            )
        truncated_from = int(frame["cohort"].max())
        frame = _no_start_after(frame.filter(pl.col("time") < truncated_from))
    return frame, truncated_from


def _no_start_after(frame: pl.DataFrame) -> pl.DataFrame:
    """A start after the panel's last period is no start within it (R does the same)."""
    last = frame["time"].max()
    return frame.with_columns(
        pl.when(pl.col("cohort") > last).then(NEVER).otherwise("cohort").alias("cohort")
    )


def _periods(frame: pl.DataFrame, truncated_from: int | None) -> np.ndarray:
    """The panel's periods, in order: at least 2, and every cohort observed before its start."""
    periods = np.sort(frame["time"].unique().to_numpy()).astype(np.int64)
    if len(periods) < 2:
        left = f" left before {truncated_from}, when the last units start (no unit is never treated)"
        raise EvaluationError(
            f"the panel has {_count(len(periods), 'period')}{left if truncated_from else ''}; "
            "at least 2 are needed"
        )
    before = (
        frame.filter(pl.col("cohort") != NEVER)
        .group_by("cohort")
        .agg((pl.col("time") < pl.col("cohort")).any().alias("pre"))
    )
    no_pre = before.filter(~pl.col("pre")).sort("cohort")
    if no_pre.height:
        raise EvaluationError(
            f"cohort {no_pre['cohort'][0]} has no observation before its start, so it has no pre-period"
        )
    return periods


def _arrays(frame: pl.DataFrame, periods: np.ndarray) -> tuple[list, np.ndarray, np.ndarray, np.ndarray, int]:
    """(unit ids, outcome units × periods with NaN where not observed, each unit's cohort, each unit's
    cluster index, the number of clusters)."""
    units = frame["unit"].unique().sort()
    unit_ids = units.to_list()
    u = np.searchsorted(units.to_numpy(), frame["unit"].to_numpy())
    t = np.searchsorted(periods, frame["time"].to_numpy())
    y = np.full((len(unit_ids), len(periods)), np.nan)
    y[u, t] = frame["y"].to_numpy()
    per_unit = frame.group_by("unit").agg(pl.col("cohort").first(), pl.col("cluster").first()).sort("unit")
    cohort_of = per_unit["cohort"].to_numpy().astype(np.int64)
    _, cluster_index = np.unique(per_unit["cluster"].to_numpy(), return_inverse=True)
    clusters = int(cluster_index.max()) + 1
    return unit_ids, y, cohort_of, cluster_index, clusters


def _check_sizes(
    cohort_of: np.ndarray, clusters: int, cluster: str | None, estimator: str, control: str
) -> None:
    """Enough units that start, enough to compare with, and at least 2 clusters."""
    treated = int((cohort_of != NEVER).sum())
    if treated == 0:
        raise EvaluationError(
            "no unit starts within the panel's periods: there is nothing to evaluate", "no_start"
        )
    if treated < MIN_TREATED_UNITS:
        raise EvaluationError(
            f"too few units that start: {treated} (at least {MIN_TREATED_UNITS} are needed)",
            "few_started",
            n=treated,
            needed=MIN_TREATED_UNITS,
        )
    never = int((cohort_of == NEVER).sum())
    if estimator == "cs" and control == "never":
        if never < MIN_COMPARISON_UNITS:
            raise EvaluationError(
                f"too few never-treated units to compare with: {never} "
                f"(at least {MIN_COMPARISON_UNITS} are needed; or use the not-yet-treated comparison)",
                "few_compared",
                n=never,
                needed=MIN_COMPARISON_UNITS,
            )
    else:
        earliest = cohort_of[cohort_of != NEVER].min()
        comparison = int(((cohort_of == NEVER) | (cohort_of > earliest)).sum())
        if comparison < MIN_COMPARISON_UNITS:
            raise EvaluationError(
                f"too few units to compare with: {comparison} never treated or starting later than the "
                f"first cohort (at least {MIN_COMPARISON_UNITS} are needed)",
                "few_compared",
                n=comparison,
                needed=MIN_COMPARISON_UNITS,
            )
    if cluster and clusters < 2:
        raise EvaluationError(
            f"the cluster column {cluster!r} has {_count(clusters, 'cluster')}; at least 2 are needed"
        )


# --- Callaway & Sant'Anna ----------------------------------------------------------------------------


@dataclass
class _Cells:
    cohort: np.ndarray
    time: np.ndarray
    base: np.ndarray
    treated: np.ndarray
    comparison: np.ndarray
    att: np.ndarray
    influence: np.ndarray  # units × cells


def _group_time(p: _Panel, control: str) -> _Cells:
    """Every ATT(g, t) with its influence function (R's att_gt, panel, dr without covariates)."""
    n = len(p.unit_ids)
    cohorts = np.unique(p.cohort[p.cohort != NEVER])
    rows: list[tuple[int, int, int, int, int, float]] = []
    columns: list[np.ndarray] = []
    for g in cohorts:
        in_cohort = p.cohort == g
        last_before = int(np.searchsorted(p.periods, g)) - 1  # the last period before g
        for k in range(1, len(p.periods)):
            tk = p.periods[k]
            base = last_before if g <= tk else k - 1
            if control == "never":
                comparison = p.cohort == NEVER
            else:
                comparison = ((p.cohort == NEVER) | (p.cohort > tk)) & ~in_cohort
            change = p.y[:, k] - p.y[:, base]
            seen = ~np.isnan(change)
            treated_units = in_cohort & seen
            comparison_units = comparison & seen
            n_treated, n_comparison = int(treated_units.sum()), int(comparison_units.sum())
            if n_treated == 0 or n_comparison == 0:
                continue
            mean_treated = change[treated_units].mean()
            mean_comparison = change[comparison_units].mean()
            influence = np.zeros(n)
            influence[treated_units] = n * (change[treated_units] - mean_treated) / n_treated
            influence[comparison_units] = -n * (change[comparison_units] - mean_comparison) / n_comparison
            rows.append(
                (
                    int(g),
                    int(tk),
                    int(p.periods[base]),
                    n_treated,
                    n_comparison,
                    mean_treated - mean_comparison,
                )
            )
            columns.append(influence)
    if not rows:
        raise EvaluationError("no cohort has both treated and comparison units observed in two periods")
    g, t, b, nt, nc, att = (np.array(column) for column in zip(*rows, strict=True))
    return _Cells(g, t, b, nt, nc, att.astype(float), np.column_stack(columns))


def _share_influence(
    p: _Panel, share: dict[int, float], kept_cohorts: np.ndarray, att: np.ndarray
) -> np.ndarray:
    """R's term for estimating the weights pg_k / Σ pg_kept (wif %*% att)."""
    total = sum(share[g] for g in kept_cohorts)
    indicator = {g: (p.cohort == g).astype(float) - share[g] for g in np.unique(kept_cohorts)}
    first = sum(indicator[g] * a for g, a in zip(kept_cohorts, att, strict=True)) / total
    second = (
        sum(indicator[g] for g in kept_cohorts)
        * sum(share[g] * a for g, a in zip(kept_cohorts, att, strict=True))
        / total**2
    )
    return first - second


def _callaway_santanna(p: _Panel, control: str) -> tuple[_Cells, dict, np.ndarray, np.ndarray]:
    """The cells, the aggregated estimates (name → column index), all estimates and their influence
    functions (units × estimates: the cells first, then the aggregates)."""
    cells = _group_time(p, control)
    n = len(p.unit_ids)
    share = {int(g): float((p.cohort == g).mean()) for g in np.unique(p.cohort[p.cohort != NEVER])}
    estimates = list(cells.att)
    influences = [cells.influence[:, j] for j in range(len(cells.att))]
    index: dict = {"cohort": {}, "e": {}}

    def add(value: float, influence: np.ndarray) -> int:
        estimates.append(value)
        influences.append(influence)
        return len(estimates) - 1

    def weighted(mask: np.ndarray) -> tuple[float, np.ndarray]:
        kept = cells.cohort[mask]
        pg = np.array([share[g] for g in kept])
        weights = pg / pg.sum()
        att = cells.att[mask]
        influence = cells.influence[:, mask] @ weights + _share_influence(p, share, kept, att)
        return float(att @ weights), influence

    post = cells.cohort <= cells.time
    if not post.any():
        raise EvaluationError(
            "no cohort is observed from its start on together with units to compare with: nothing to evaluate"
        )
    index["overall"] = add(*weighted(post))

    cohort_values, cohort_influences, cohort_list = [], [], []
    for g in share:
        mask = post & (cells.cohort == g)
        if mask.any():
            value = float(cells.att[mask].mean())
            influence = cells.influence[:, mask].mean(axis=1)
            index["cohort"][g] = add(value, influence)
            cohort_values.append(value)
            cohort_influences.append(influence)
            cohort_list.append(g)
        else:
            index["cohort"][g] = None
    kept = np.array(cohort_list)
    pg = np.array([share[g] for g in cohort_list])
    weights = pg / pg.sum()
    values = np.array(cohort_values)
    influence = np.column_stack(cohort_influences) @ weights + _share_influence(p, share, kept, values)
    index["overall_by_cohort"] = add(float(values @ weights), influence)

    event = cells.time - cells.cohort
    post_values, post_influences = [], []
    for e in np.unique(event):
        value, influence = weighted(event == e)
        index["e"][int(e)] = add(value, influence)
        if e >= 0:
            post_values.append(value)
            post_influences.append(influence)
    index["overall_dynamic"] = add(float(np.mean(post_values)), np.mean(post_influences, axis=0))
    phi = np.column_stack(influences) / n  # contributions: estimate − truth ≈ Σ_i φ_i
    return cells, index, np.array(estimates), phi


# --- Borusyak, Jaravel & Spiess ----------------------------------------------------------------------


def _sum_by(index: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """Rows of `values` summed by `index` (0 … size − 1): size × columns."""
    order = np.argsort(index, kind="stable")
    index, values = index[order], values[order]
    starts = np.flatnonzero(np.r_[True, index[1:] != index[:-1]])
    total = np.zeros((size, values.shape[1]))
    if len(index):
        total[index[starts]] = np.add.reduceat(values, starts, axis=0)
    return total


def _connected(adjacency: np.ndarray) -> bool:
    seen = np.zeros(len(adjacency), dtype=bool)
    seen[0] = True
    frontier = seen.copy()
    while frontier.any():
        reached = adjacency[frontier].any(axis=0) & ~seen
        seen |= reached
        frontier = reached
    return bool(seen.all())


def _check_untreated(
    p: _Panel, u1: np.ndarray, t1: np.ndarray, n_unit: np.ndarray, n_period: np.ndarray, untreated: np.ndarray
) -> None:
    """Every treated unit and period has untreated observations, and these hang together, so that the
    untreated level of each can be estimated."""
    lacking = np.unique(u1[n_unit[u1] == 0])
    if len(lacking):
        raise EvaluationError(
            f"unit {p.unit_ids[lacking[0]]!r} has no observation before its start "
            f"({_count(len(lacking), 'such unit')}), so its untreated level cannot be estimated"
        )
    empty = np.unique(t1[n_period[t1] == 0])
    if len(empty):
        raise EvaluationError(
            f"period {p.periods[empty[0]]} has no untreated observation (every unit observed in it has "
            "started), so its untreated level cannot be estimated"
        )
    if not _connected(untreated.T @ untreated > 0):
        raise EvaluationError(
            "the untreated observations fall apart into groups of units and periods that share no unit, "
            "so their levels cannot be compared"
        )


def _weights(p: _Panel, g1: np.ndarray, e1: np.ndarray) -> tuple[dict, np.ndarray, np.ndarray]:
    """Each estimate is Σ w·τ over the treated observations (cohorts g1, event times e1): (the estimates'
    column index by name, the weights: treated observations × estimates, the event times)."""
    columns: list[np.ndarray] = []
    index: dict = {"cohort": {}, "e": {}}
    n1 = len(g1)
    index["overall"] = len(columns)
    columns.append(np.full(n1, 1.0 / n1))
    cohorts = np.unique(g1)
    units_in = {int(c): int((p.cohort == c).sum()) for c in cohorts}
    total_units = sum(units_in.values())
    by_cohort = np.zeros(n1)
    for c in cohorts:
        mask = g1 == c
        index["cohort"][int(c)] = len(columns)
        columns.append(mask / mask.sum())
        by_cohort += mask / mask.sum() * units_in[int(c)] / total_units
    index["overall_by_cohort"] = len(columns)
    columns.append(by_cohort)
    events = np.unique(e1)
    dynamic = np.zeros(n1)
    for e in events:
        mask = e1 == e
        index["e"][int(e)] = len(columns)
        columns.append(mask / mask.sum())
        dynamic += mask / mask.sum() / len(events)
    index["overall_dynamic"] = len(columns)
    columns.append(dynamic)
    weights = np.column_stack(columns)  # treated observations × estimates
    return index, weights, events


def _imputation(p: _Panel) -> tuple[dict, np.ndarray, np.ndarray, pl.DataFrame]:
    """The aggregated estimates (name → column index), the estimates, their contributions per unit
    (units × estimates) and the imputed effects."""
    n_units, n_periods = p.y.shape
    u, t = np.nonzero(p.observed)  # row-major: sorted by unit, then period
    y = p.y[u, t]
    g = p.cohort[u]
    treated = (g != NEVER) & (p.periods[t] >= g)
    u0, t0, y0 = u[~treated], t[~treated], y[~treated]
    u1, t1, y1, g1 = u[treated], t[treated], y[treated], g[treated]

    if not treated.any():
        raise EvaluationError("no unit is observed from its start on: nothing to evaluate")
    n_unit = np.bincount(u0, minlength=n_units).astype(float)
    n_period = np.bincount(t0, minlength=n_periods).astype(float)
    untreated = np.zeros((n_units, n_periods))
    untreated[u0, t0] = 1.0
    _check_untreated(p, u1, t1, n_unit, n_period, untreated)

    # Least squares y = α_i + β_t on the untreated observations, α eliminated (Schur complement).
    inv_n_unit = np.divide(1.0, n_unit, out=np.zeros(n_units), where=n_unit > 0)
    laplacian = np.diag(n_period) - untreated.T @ (untreated * inv_n_unit[:, None])
    laplacian_pinv = np.linalg.pinv(laplacian)

    def solve(r_unit: np.ndarray, r_period: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        beta = laplacian_pinv @ (r_period - untreated.T @ (r_unit * inv_n_unit[:, None]))
        alpha = (r_unit - untreated @ beta) * inv_n_unit[:, None]
        return alpha, beta

    alpha, beta = solve(np.bincount(u0, y0, n_units)[:, None], np.bincount(t0, y0, n_periods)[:, None])
    alpha, beta = alpha[:, 0], beta[:, 0]
    residual = y0 - alpha[u0] - beta[t0]
    tau = y1 - alpha[u1] - beta[t1]
    e1 = p.periods[t1] - g1

    index, weights, events = _weights(p, g1, e1)
    estimates = tau @ weights

    # Implied weights of the untreated observations: v0 = −Z0 (Z0'Z0)⁻ Z1'w.
    k = weights.shape[1]
    r_unit = np.stack([np.bincount(u1, weights[:, j], n_units) for j in range(k)], axis=1)
    r_period = np.stack([np.bincount(t1, weights[:, j], n_periods) for j in range(k)], axis=1)
    x_unit, x_period = solve(r_unit, r_period)
    v0 = -(x_unit[u0] + x_period[t0])

    # ε̃ of treated observations: τ minus its v²-weighted mean at the same event time (per estimate).
    event_index = np.searchsorted(events, e1)
    squared = weights**2
    tau_bar = _sum_by(event_index, squared * tau[:, None], len(events))
    mass = _sum_by(event_index, squared, len(events))
    tau_bar = np.divide(tau_bar, mass, out=np.zeros_like(tau_bar), where=mass > 0)
    contribution1 = weights * (tau[:, None] - tau_bar[event_index])
    contribution0 = v0 * residual[:, None]
    phi = _sum_by(u1, contribution1, n_units) + _sum_by(u0, contribution0, n_units)

    imputed = pl.DataFrame(
        {
            "unit": [p.unit_ids[i] for i in u1],
            "time": p.periods[t1],
            "cohort": g1,
            "e": e1,
            "effect": tau,
        }
    )
    return index, estimates, phi, imputed


# --- inference ---------------------------------------------------------------------------------------


def _mammen(rng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    low = rng.random(shape) < MAMMEN_KAPPA / math.sqrt(5)
    return np.where(low, 1 - MAMMEN_KAPPA, MAMMEN_KAPPA)


def _standard_errors(phi: np.ndarray, p: _Panel, bootstrap: int, seed: int | None) -> np.ndarray:
    """Per estimate (column of φ): analytic or multiplier-bootstrap standard error, NaN if degenerate."""
    by_cluster = phi if p.clusters == len(phi) else _sum_by(p.cluster, phi, p.clusters)
    if bootstrap:
        rng = np.random.default_rng(seed)
        draws = _mammen(rng, (bootstrap, p.clusters)) @ by_cluster
        q75, q25 = np.percentile(draws, [75, 25], axis=0, method="inverted_cdf")
        se = (q75 - q25) / IQR_NORMAL
    else:
        se = np.sqrt((by_cluster**2).sum(axis=0))
    return np.where(se <= SE_FLOOR, np.nan, se)


def _effect(att: float, se: float) -> Effect:
    if not math.isfinite(att):
        return Effect(None, None, None, None)
    if not math.isfinite(se):
        return Effect(float(att), None, None, None)
    return Effect(float(att), float(se), float(att - Z95 * se), float(att + Z95 * se))


# --- the entry point ---------------------------------------------------------------------------------


def evaluate(
    panel: pl.DataFrame,
    *,
    unit: str,
    time: str,
    outcome: str,
    cohort: str,
    estimator: str = "cs",
    control: str = "not-yet",
    bootstrap: int = 0,
    seed: int | None = None,
    cluster: str | None = None,
) -> Evaluation:
    """The effect of the starts in `cohort` on `outcome` (see the module's docstring).

    estimator: "cs" (Callaway & Sant'Anna) or "bjs" (imputation); control: "not-yet" or "never" (cs
    only; ignored by bjs); bootstrap: 0 for analytic standard errors, else the number of multiplier-
    bootstrap draws (seeded by `seed`); cluster: a column constant within each unit to cluster by.
    Raises EvaluationError (one line) for input that cannot be evaluated."""
    if estimator not in ESTIMATORS:
        raise ValueError(f"estimator must be one of {ESTIMATORS}, not {estimator!r}")
    if control not in CONTROLS:
        raise ValueError(f"control must be one of {CONTROLS}, not {control!r}")
    if bootstrap < 0:
        raise ValueError(f"bootstrap draws must be ≥ 0, not {bootstrap}")
    p = _prepare(panel, unit, time, outcome, cohort, cluster, estimator, control)
    sizes = {int(g): int((p.cohort == g).sum()) for g in np.unique(p.cohort[p.cohort != NEVER])}
    cells = None
    imputed = None
    if estimator == "cs":
        cells, index, estimates, phi = _callaway_santanna(p, control)
    else:
        index, estimates, phi, imputed = _imputation(p)
    se = _standard_errors(phi, p, bootstrap, seed)
    effects = [_effect(a, s) for a, s in zip(estimates, se, strict=True)]
    missing = Effect(None, None, None, None)

    def units_at(e: int) -> int:
        if cells is not None:
            cohorts = np.unique(cells.cohort[cells.time - cells.cohort == e])
        else:
            cohorts = imputed.filter(pl.col("e") == e)["cohort"].unique().to_numpy()
        return sum(sizes[int(c)] for c in cohorts)

    group_time = ()
    if cells is not None:
        group_time = tuple(
            GroupTimeEffect(int(g), int(t), int(b), int(nt), int(nc), effects[j])
            for j, (g, t, b, nt, nc) in enumerate(
                zip(cells.cohort, cells.time, cells.base, cells.treated, cells.comparison, strict=True)
            )
        )
    return Evaluation(
        estimator=estimator,
        control=control if estimator == "cs" else None,
        overall=effects[index["overall"]],
        overall_by_cohort=effects[index["overall_by_cohort"]],
        overall_dynamic=effects[index["overall_dynamic"]],
        by_cohort=tuple(
            CohortEffect(
                g, sizes[g], missing if index["cohort"].get(g) is None else effects[index["cohort"][g]]
            )
            for g in sorted(sizes)
        ),
        event_study=tuple(EventTimeEffect(e, units_at(e), effects[j]) for e, j in sorted(index["e"].items())),
        group_time=group_time,
        units=len(p.unit_ids),
        periods=len(p.periods),
        first_period=int(p.periods[0]),
        last_period=int(p.periods[-1]),
        truncated_from=p.truncated_from,
        bootstrap=bootstrap,
        clusters=p.clusters,
        imputed=imputed,
    )
