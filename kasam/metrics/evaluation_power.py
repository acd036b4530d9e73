"""Before a roll-out: "can we see an effect?" (docs/definitions.md "Evaluation"): the smallest effect a
planned staggered roll-out could detect with 80 % power in a two-sided 5 % test, from simulations on the
organisation's own history. Pure: no Django.

The planned roll-out is simulated `simulations` times (at least 200) on the history's last periods:
each time, `units` units drawn by lot start one after another, spread evenly over `rollout_periods`
periods, and are followed `periods_after` periods after the last start; nothing is added to their
outcome (a placebo), and the imputation estimator (kasam.metrics.evaluation, "bjs": fast and
unbiased under parallel trends) estimates the overall effect. The spread of these placebo estimates
is the noise a real effect must stand out from: the minimum detectable effect is
(z₀.₉₇₅ + z₀.₈₀) × their standard deviation ≈ 2.80 × sd.

Choices: the history before the window (at most 12 periods) is the comparison's own past; a
simulation that cannot be estimated (too few units left to compare with) is skipped and counted;
"how many units would halve it" follows the usual 1/√n rule – four times as many units – which the
page states as an approximation.
"""

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import polars as pl

from kasam.metrics.evaluation import EvaluationError, evaluate

MINIMUM_SIMULATIONS = 200
POWER, ALPHA = 0.80, 0.05
MULTIPLIER = NormalDist().inv_cdf(1 - ALPHA / 2) + NormalDist().inv_cdf(POWER)
PRE_PERIODS = 12


class PowerError(ValueError):
    """The plan cannot be simulated on this history: the message says why."""


@dataclass(frozen=True)
class Power:
    minimum_detectable_effect: float
    placebo_sd: float
    simulations: int
    skipped: int
    units: int
    periods: int

    @property
    def units_to_halve(self) -> int:
        return 4 * self.units


def minimum_detectable_effect(
    history: pl.DataFrame,
    units: int,
    rollout_periods: int,
    periods_after: int,
    simulations: int = MINIMUM_SIMULATIONS,
    seed: int = 1,
) -> Power:
    """`history` has unit, period, outcome (no starts yet)."""
    if simulations < MINIMUM_SIMULATIONS:
        raise PowerError(f"at least {MINIMUM_SIMULATIONS} simulations are needed, not {simulations}")
    if units < 2 or rollout_periods < 1 or periods_after < 1:
        raise PowerError(
            "the plan needs at least 2 units, a roll-out of at least 1 period and 1 period after"
        )
    periods = sorted(history["period"].unique().to_list())
    needed = rollout_periods + periods_after
    if len(periods) < needed + 2:
        raise PowerError(f"the history has {len(periods)} periods; the plan needs at least {needed + 2}")
    window = periods[-(needed + min(PRE_PERIODS, len(periods) - needed)) :]
    frame = history.filter(pl.col("period").is_in(window))
    all_units = sorted(frame["unit"].unique().to_list())
    if units >= len(all_units):
        raise PowerError(
            f"the plan starts {units} units, but the history has {len(all_units)}: keep some to compare with"
        )
    first_start = window[-needed]
    rng = np.random.default_rng(seed)
    estimates, skipped = [], 0
    for _ in range(simulations):
        chosen = rng.choice(all_units, size=units, replace=False)
        offsets = np.floor(np.arange(units) * rollout_periods / units).astype(int)
        cohort = {str(u): int(first_start + o) for u, o in zip(chosen, offsets, strict=True)}
        panel = frame.with_columns(
            cohort=pl.col("unit").replace_strict(cohort, default=0, return_dtype=pl.Int64)
        )
        try:
            result = evaluate(
                panel, unit="unit", time="period", outcome="outcome", cohort="cohort", estimator="bjs"
            )
        except EvaluationError:
            skipped += 1
            continue
        if result.overall.att is not None:
            estimates.append(result.overall.att)
    if len(estimates) < MINIMUM_SIMULATIONS // 2:
        raise PowerError("too few of the simulated roll-outs could be estimated on this history")
    sd = float(np.std(estimates, ddof=1))
    return Power(MULTIPLIER * sd, sd, len(estimates), skipped, units, len(window))
