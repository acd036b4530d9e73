"""The evaluation estimators (kasam.metrics.evaluation): Callaway & Sant'Anna against R's `did` on its
reference panel mpdta (loaded from the PyPI package moderndid, a port of `did`; not committed here), the
imputation estimator on a panel worked by hand and against least squares written out, recovery of a
planted effect on Kasam's own generator, and every kind of bad input."""

import warnings

import numpy as np
import polars as pl
import pytest

from kasam.metrics.evaluation import EvaluationError, evaluate
from kasam.synth.evaluation import planted_panel

MPDTA = {"unit": "countyreal", "time": "year", "outcome": "lemp", "cohort": "first.treat"}

# R: did::att_gt(yname="lemp", tname="year", idname="countyreal", gname="first.treat", data=mpdta) and
# did::aggte(…, type="simple" | "group" | "dynamic"), as printed by R (four decimals).
R_NEVER_OVERALL = {"overall": -0.0400, "overall_by_cohort": -0.0310, "overall_dynamic": -0.0772}
R_NOT_YET_OVERALL = {"overall": -0.0398, "overall_by_cohort": -0.0305, "overall_dynamic": -0.0774}
R_NEVER_ATT_GT = {
    (2004, 2004): -0.0105,
    (2004, 2005): -0.0704,
    (2004, 2006): -0.1373,
    (2004, 2007): -0.1008,
    (2006, 2004): 0.0065,
    (2006, 2005): -0.0028,
    (2006, 2006): -0.0046,
    (2006, 2007): -0.0412,
    (2007, 2004): 0.0305,
    (2007, 2005): -0.0027,
    (2007, 2006): -0.0311,
    (2007, 2007): -0.0261,
}
# control_group="notyettreated": the same call with not-yet-treated controls, four decimals (as
# moderndid 0.2.0's att_gt gives them; the exact comparison with it is below).
R_NOT_YET_ATT_GT = {
    (2004, 2004): -0.0194,
    (2004, 2005): -0.0783,
    (2004, 2006): -0.1363,
    (2004, 2007): -0.1008,
    (2006, 2004): -0.0026,
    (2006, 2005): -0.0019,
    (2006, 2006): 0.0047,
    (2006, 2007): -0.0412,
    (2007, 2004): 0.0298,
    (2007, 2005): -0.0024,
    (2007, 2006): -0.0311,
    (2007, 2007): -0.0261,
}


@pytest.fixture(scope="module")
def mpdta() -> pl.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from moderndid import load_mpdta

        return load_mpdta().select("countyreal", "year", "lemp", "first.treat")


def overall_atts(result) -> dict[str, float]:
    return {name: getattr(result, name).att for name in R_NEVER_OVERALL}


@pytest.mark.parametrize(
    ("control", "overall", "att_gt"),
    [("never", R_NEVER_OVERALL, R_NEVER_ATT_GT), ("not-yet", R_NOT_YET_OVERALL, R_NOT_YET_ATT_GT)],
)
def test_mpdta_reproduces_r(mpdta, control, overall, att_gt):
    result = evaluate(mpdta, **MPDTA, control=control)
    assert overall_atts(result) == pytest.approx(overall, abs=1e-4)
    ours = {(cell.cohort, cell.time): cell.effect.att for cell in result.group_time}
    assert ours.keys() == att_gt.keys()
    assert ours == pytest.approx(att_gt, abs=1e-4)
    assert (result.units, result.periods) == (500, 5)
    assert [(c.cohort, c.units) for c in result.by_cohort] == [(2004, 20), (2006, 40), (2007, 131)]
    assert [e.e for e in result.event_study] == [-3, -2, -1, 0, 1, 2, 3]


@pytest.mark.parametrize(
    ("control", "control_group"), [("never", "nevertreated"), ("not-yet", "notyettreated")]
)
def test_mpdta_estimates_and_analytic_standard_errors_equal_moderndid(mpdta, control, control_group):
    """moderndid ports R's did line by line: our point estimates and analytic standard errors (with the
    term for the estimated cohort shares) agree with it to rounding."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import moderndid

        reference = moderndid.att_gt(
            data=mpdta,
            yname="lemp",
            tname="year",
            gname="first.treat",
            idname="countyreal",
            control_group=control_group,
            boot=False,
            cband=False,
        )
        aggregated = {
            kind: moderndid.aggte(reference, type=kind, boot=False, cband=False)
            for kind in ("simple", "group", "dynamic")
        }
    result = evaluate(mpdta, **MPDTA, control=control)
    assert [c.effect.att for c in result.group_time] == pytest.approx(reference.att_gt, abs=1e-12)
    assert [c.effect.se for c in result.group_time] == pytest.approx(reference.se_gt, abs=1e-12)
    for name, kind in (("overall", "simple"), ("overall_by_cohort", "group"), ("overall_dynamic", "dynamic")):
        effect = getattr(result, name)
        assert (effect.att, effect.se) == pytest.approx(
            (aggregated[kind].overall_att, aggregated[kind].overall_se), abs=1e-12
        )
    assert [c.effect.att for c in result.by_cohort] == pytest.approx(
        aggregated["group"].att_by_event, abs=1e-12
    )
    assert [c.effect.se for c in result.by_cohort] == pytest.approx(
        aggregated["group"].se_by_event, abs=1e-12
    )
    assert [e.effect.att for e in result.event_study] == pytest.approx(
        aggregated["dynamic"].att_by_event, abs=1e-12
    )
    assert [e.effect.se for e in result.event_study] == pytest.approx(
        aggregated["dynamic"].se_by_event, abs=1e-12
    )


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize(
    ("control", "control_group"), [("never", "nevertreated"), ("not-yet", "notyettreated")]
)
def test_many_cohorts_equal_moderndid(seed, control, control_group):
    """Kasam's generator: 40 units, 12 months, starts in months 3–10 (up to 8 cohorts, some of one unit)."""
    panel = planted_panel(seed, units=40, months=12, first_start=3, last_start=10).frame
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import moderndid

        reference = moderndid.att_gt(
            data=panel.with_columns(pl.col("unit").str.slice(1).cast(pl.Int64)),
            yname="sick_leave",
            tname="month",
            gname="start",
            idname="unit",
            control_group=control_group,
            boot=False,
            cband=False,
        )
        aggregated = {
            kind: moderndid.aggte(reference, type=kind, boot=False, cband=False)
            for kind in ("simple", "group", "dynamic")
        }
    result = evaluate(panel, unit="unit", time="month", outcome="sick_leave", cohort="start", control=control)
    assert [(c.cohort, c.time) for c in result.group_time] == list(
        zip(reference.groups.astype(int), reference.times.astype(int), strict=True)
    )
    assert [c.effect.att for c in result.group_time] == pytest.approx(reference.att_gt, abs=1e-10)
    assert [c.effect.se for c in result.group_time] == pytest.approx(reference.se_gt, abs=1e-10)
    for name, kind in (("overall", "simple"), ("overall_by_cohort", "group"), ("overall_dynamic", "dynamic")):
        effect = getattr(result, name)
        assert (effect.att, effect.se) == pytest.approx(
            (aggregated[kind].overall_att, aggregated[kind].overall_se), abs=1e-10
        )
    assert [e.effect.se for e in result.event_study] == pytest.approx(
        aggregated["dynamic"].se_by_event, abs=1e-10
    )


def test_intervals_are_the_estimate_plus_minus_1_96_standard_errors(mpdta):
    overall = evaluate(mpdta, **MPDTA).overall
    assert overall.ci_low == pytest.approx(overall.att - 1.959964 * overall.se)
    assert overall.ci_high == pytest.approx(overall.att + 1.959964 * overall.se)


def test_the_bootstrap_changes_standard_errors_only(mpdta):
    analytic = evaluate(mpdta, **MPDTA)
    draws = [evaluate(mpdta, **MPDTA, bootstrap=999, seed=seed) for seed in range(5)]
    assert all(overall_atts(d) == overall_atts(analytic) for d in draws)
    ratio = np.mean([d.overall.se for d in draws]) / analytic.overall.se
    assert 0.9 < ratio < 1.1
    again = evaluate(mpdta, **MPDTA, bootstrap=999, seed=0)
    assert again.overall == draws[0].overall and draws[0].overall.se != draws[1].overall.se


def test_clustered_standard_errors(mpdta):
    """Counties in 50 states (the FIPS code's thousands): clustering by state widens the interval; the
    clustered bootstrap agrees with the clustered analytic figure; clustering by unit is the default."""
    panel = mpdta.with_columns((pl.col("countyreal") // 1000).alias("state"))
    plain = evaluate(panel, **MPDTA)
    by_unit = evaluate(panel, **MPDTA, cluster="countyreal")
    assert by_unit.overall == plain.overall and by_unit.clusters == 500
    by_state = evaluate(panel, **MPDTA, cluster="state")
    assert by_state.clusters == panel["state"].n_unique()
    assert by_state.overall.att == plain.overall.att and by_state.overall.se > plain.overall.se
    booted = [evaluate(panel, **MPDTA, cluster="state", bootstrap=999, seed=s).overall.se for s in range(5)]
    assert np.mean(booted) / by_state.overall.se == pytest.approx(1, abs=0.15)


def test_string_unit_ids_and_dotted_column_names(mpdta):
    panel = mpdta.with_columns(pl.format("kommun {}", pl.col("countyreal")).alias("unit.id"))
    result = evaluate(panel, unit="unit.id", time="year", outcome="lemp", cohort="first.treat")
    assert overall_atts(result) == overall_atts(evaluate(mpdta, **MPDTA))


def test_without_never_treated_units_the_last_cohort_is_the_comparison(mpdta):
    """As R: the periods from the last start (2007) on are left out and cohort 2007 compares."""
    panel = mpdta.filter(pl.col("first.treat") != 0)
    result = evaluate(panel, **MPDTA)
    assert result.truncated_from == 2007 and result.periods == 4 and result.last_period == 2006
    same = panel.filter(pl.col("year") < 2007).with_columns(
        pl.when(pl.col("first.treat") == 2007).then(0).otherwise("first.treat").alias("first.treat")
    )
    assert overall_atts(result) == overall_atts(evaluate(same, **MPDTA))
    assert [c.cohort for c in result.by_cohort] == [2004, 2006]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import moderndid

        reference = moderndid.att_gt(
            data=panel,
            yname="lemp",
            tname="year",
            gname="first.treat",
            idname="countyreal",
            control_group="notyettreated",
            boot=False,
            cband=False,
        )
    # moderndid also gives the comparison cohort's own pre-period cells (2007 in 2004, 2005); R's
    # pre_process_did drops that cohort from the groups ("only used as controls"), as we do.
    theirs = {
        (int(g), int(t)): a
        for g, t, a in zip(reference.groups, reference.times, reference.att_gt, strict=True)
    }
    ours = {(c.cohort, c.time): c.effect.att for c in result.group_time}
    assert ours == pytest.approx({cell: theirs[cell] for cell in ours}, abs=1e-12)
    assert set(theirs) - set(ours) == {(2007, 2004), (2007, 2005)}


def test_a_start_after_the_last_period_is_no_start_within_the_panel(mpdta):
    later = mpdta.with_columns(
        pl.when(pl.col("first.treat") == 0).then(2010).otherwise("first.treat").alias("first.treat")
    )
    assert overall_atts(evaluate(later, **MPDTA, control="never")) == overall_atts(
        evaluate(mpdta, **MPDTA, control="never")
    )


def test_unbalanced_cs_uses_the_units_seen_in_both_periods():
    """Units A, B, C never; D, E start in period 3. Period 2 of C and D is missing: ATT(3, 3) compares
    the change 2 → 3 of E alone with that of A and B."""
    rows = {
        "A": [1.0, 2.0, 3.0, 4.0],
        "B": [2.0, 2.0, 4.0, 4.0],
        "C": [5.0, None, 5.0, 6.0],
        "D": [1.0, None, 9.0, 9.0],
        "E": [3.0, 4.0, 8.0, 9.0],
    }
    start = {"A": 0, "B": 0, "C": 0, "D": 3, "E": 3}
    panel = pl.DataFrame(
        [
            {"unit": unit, "period": period, "y": value, "start": start[unit]}
            for unit, values in rows.items()
            for period, value in enumerate(values, start=1)
            if value is not None
        ]
    )
    result = evaluate(panel, unit="unit", time="period", outcome="y", cohort="start")
    cells = {(c.cohort, c.time): c for c in result.group_time}
    first = cells[(3, 3)]
    assert (first.base, first.treated, first.comparison) == (2, 1, 2)
    assert first.effect.att == pytest.approx((8 - 4) - ((3 - 2) + (4 - 2)) / 2)
    later = cells[(3, 4)]  # base 2 again: D is out, C is out
    assert (later.treated, later.comparison) == (1, 2)
    assert later.effect.att == pytest.approx((9 - 4) - ((4 - 2) + (4 - 2)) / 2)
    pre = cells[(3, 2)]  # 1 → 2: only E, A and B are seen in both
    assert pre.effect.att == pytest.approx((4 - 3) - ((2 - 1) + (2 - 2)) / 2)


# --- the imputation estimator ------------------------------------------------------------------------

# Untreated outcomes exactly α_unit + β_period, so the imputation is done by eye. B's period 2 is
# missing. C starts in 3, D in 4; their effects are 2 and 4 (C) and 3 (D).
ALPHA = {"A": 1.0, "B": 3.0, "C": 2.0, "D": 5.0}
BETA = {1: 0.0, 2: 1.0, 3: 3.0, 4: 4.0}
START = {"A": 0, "B": 0, "C": 3, "D": 4}
EFFECT = {("C", 3): 2.0, ("C", 4): 4.0, ("D", 4): 3.0}


def hand_panel() -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "unit": unit,
                "period": period,
                "y": ALPHA[unit] + beta + EFFECT.get((unit, period), 0.0),
                "start": START[unit],
            }
            for unit in ALPHA
            for period, beta in BETA.items()
            if (unit, period) != ("B", 2)
        ]
    )


def test_imputation_worked_by_hand():
    result = evaluate(hand_panel(), unit="unit", time="period", outcome="y", cohort="start", estimator="bjs")
    assert result.estimator == "bjs" and result.control is None and result.group_time == ()
    imputed = {(u, t): e for u, t, e in result.imputed.select("unit", "time", "effect").iter_rows()}
    assert imputed == pytest.approx(EFFECT)
    assert result.overall.att == pytest.approx((2 + 4 + 3) / 3)  # the unweighted mean
    assert [(c.cohort, c.units, c.effect.att) for c in result.by_cohort] == [
        (3, 1, pytest.approx(3.0)),
        (4, 1, pytest.approx(3.0)),
    ]
    assert [(e.e, e.units, e.effect.att) for e in result.event_study] == [
        (0, 2, pytest.approx(2.5)),
        (1, 1, pytest.approx(4.0)),
    ]
    assert result.overall_by_cohort.att == pytest.approx(3.0)
    assert result.overall_dynamic.att == pytest.approx(3.25)
    # The fit is exact, so only the treated observations vary: ε̃ = τ − mean at its event time,
    # −0.5 (C, 3) and 0.5 (D, 4); each carries the weight 1/3 in the overall effect.
    assert result.overall.se == pytest.approx(np.sqrt(2) / 6)


def brute_force(panel: pl.DataFrame) -> tuple[np.ndarray, float, float]:
    """The imputation written out: dummies, least squares on the untreated rows, BJS Theorem 3 for the
    overall effect with the event-time partition."""
    frame = panel.with_columns(((pl.col("start") > 0) & (pl.col("month") >= pl.col("start"))).alias("d"))
    units = sorted(frame["unit"].unique())
    months = sorted(frame["month"].unique())
    z = np.zeros((frame.height, len(units) + len(months)))
    z[np.arange(frame.height), [units.index(u) for u in frame["unit"]]] = 1
    z[np.arange(frame.height), [len(units) + months.index(m) for m in frame["month"]]] = 1
    d = frame["d"].to_numpy()
    y = frame["sick_leave"].to_numpy()
    z0, z1, y0, y1 = z[~d], z[d], y[~d], y[d]
    gram = np.linalg.pinv(z0.T @ z0)
    coefficients = gram @ z0.T @ y0
    tau = y1 - z1 @ coefficients
    w = np.full(len(tau), 1 / len(tau))
    v0 = -z0 @ gram @ z1.T @ w
    e = (frame["month"] - frame["start"]).to_numpy()[d]
    residual_tilde = tau.copy()
    for event in np.unique(e):
        at = e == event
        residual_tilde[at] -= (w[at] ** 2 @ tau[at]) / (w[at] ** 2).sum()
    contribution = np.zeros(frame.height)
    contribution[~d] = v0 * (y0 - z0 @ coefficients)
    contribution[d] = w * residual_tilde
    per_unit = (
        pl.DataFrame({"unit": frame["unit"], "c": contribution}).group_by("unit").agg(pl.col("c").sum())
    )
    return tau, float(tau.mean()), float(np.sqrt((per_unit["c"] ** 2).sum()))


def test_imputation_equals_least_squares_written_out_on_an_unbalanced_panel():
    panel = planted_panel(3, units=30, months=14, first_start=4, last_start=12, missing_share=0.1).frame
    result = evaluate(panel, unit="unit", time="month", outcome="sick_leave", cohort="start", estimator="bjs")
    tau, overall, se = brute_force(panel)
    assert result.imputed.height == len(tau) and result.imputed.height < 30 * 14
    assert np.sort(result.imputed["effect"].to_numpy()) == pytest.approx(np.sort(tau), abs=1e-9)
    assert result.overall.att == pytest.approx(overall, abs=1e-12)
    assert result.overall.att == pytest.approx(result.imputed["effect"].mean(), abs=1e-12)
    assert result.overall.se == pytest.approx(se, rel=1e-9)


def test_imputation_on_mpdta_uses_every_untreated_observation(mpdta):
    result = evaluate(mpdta, **MPDTA, estimator="bjs")
    assert result.imputed.height == 20 * 4 + 40 * 2 + 131  # every treated county-year
    assert result.overall.att == pytest.approx(result.imputed["effect"].mean())
    assert [e.e for e in result.event_study] == [0, 1, 2, 3]
    assert evaluate(mpdta, **MPDTA, estimator="bjs", control="never").overall == result.overall


# --- recovery of a planted effect --------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("estimator", ["cs", "bjs"])
def test_recovers_the_planted_effect_in_at_least_90_percent_of_50_seeds(estimator):
    """60 units × 36 months, 30 % never treated, starts in months 7–30, a drop of 1 percentage point,
    unit levels and trends, seasons, common shocks and noise (kasam.synth.evaluation)."""
    covered = {"overall": 0, "overall_by_cohort": 0, "overall_dynamic": 0}
    errors = []
    for seed in range(50):
        planted = planted_panel(seed)
        result = evaluate(
            planted.frame,
            unit="unit",
            time="month",
            outcome="sick_leave",
            cohort="start",
            estimator=estimator,
        )
        for name in covered:
            effect = getattr(result, name)
            covered[name] += effect.ci_low <= planted.effect <= effect.ci_high
        errors.append(result.overall.att - planted.effect)
    assert covered["overall"] >= 45, covered
    assert min(covered.values()) >= 45, covered
    assert abs(np.mean(errors)) < 0.05  # no bias to speak of


def test_the_generator_is_deterministic_and_plants_what_it_says():
    first, again = planted_panel(7), planted_panel(7)
    assert first.frame.equals(again.frame) and first.effect == -1.0
    frame = first.frame
    assert frame.height == 60 * 36 and frame["unit"].n_unique() == 60
    per_unit = frame.group_by("unit").agg(pl.col("start").n_unique())
    assert (per_unit["start"] == 1).all()
    starts = frame.group_by("unit").agg(pl.col("start").first())["start"]
    assert (starts == 0).any() and starts.filter(starts > 0).is_between(7, 30).all()
    assert frame["sick_leave"].min() > 0
    unbalanced = planted_panel(7, missing_share=0.2).frame
    assert 0.7 * 60 * 36 < unbalanced.height < 0.9 * 60 * 36


# --- bad input ---------------------------------------------------------------------------------------


def small(**changes) -> pl.DataFrame:
    """Six units over five periods: N1, N2 never; S1, S2 start in 3; L1, L2 in 4."""
    start = {"N1": 0, "N2": 0, "S1": 3, "S2": 3, "L1": 4, "L2": 4} | changes
    rng = np.random.default_rng(0)
    return pl.DataFrame(
        [
            {"unit": unit, "t": t, "y": float(rng.normal()), "g": g}
            for unit, g in start.items()
            for t in range(1, 6)
        ]
    )


def run(panel, **options):
    return evaluate(panel, unit="unit", time="t", outcome="y", cohort="g", **options)


def test_the_small_panel_is_fine():
    assert run(small()).units == 6
    assert run(small(), estimator="bjs").units == 6


@pytest.mark.parametrize(
    ("panel", "options", "message"),
    [
        (pl.concat([small(), small().head(1)]), {}, "unit 'N1' has 2 rows for period 1"),
        (small(S1=1, S2=1), {}, "cohort 1 (2 units) starts in or before the panel's first period 1"),
        (
            small().filter(~(pl.col("g") == 3) | (pl.col("t") >= 3)),
            {},
            "cohort 3 has no observation before its start",
        ),
        (
            small(N1=3, N2=3, L1=3, L2=3),
            {},
            "no untreated comparison left: no unit is never treated and every unit starts in the same period",
        ),
        (small(N1=4, N2=4), {"control": "never"}, "no never-treated unit (cohort 0) to compare with"),
        (small(S1=0, L1=0, L2=0), {}, "too few units that start: 1 (at least 2 are needed)"),
        (small(N2=3, L1=3, L2=3), {"control": "never"}, "too few never-treated units to compare with: 1"),
        (small(N2=3, L1=3, L2=3), {}, "too few units to compare with: 1 never treated or starting later"),
        (small().with_columns(pl.col("y").replace(small()["y"][3], None)), {}, "the outcome 'y' is missing"),
        (small().with_columns(pl.col("y").replace(small()["y"][3], float("nan"))), {}, "not a number"),
        (
            small().with_columns(
                pl.when((pl.col("unit") == "S1") & (pl.col("t") == 5)).then(4).otherwise("g").alias("g")
            ),
            {},
            "unit 'S1' has more than one cohort (1 such unit)",
        ),
        (small(N1=-1), {}, "unit 'N1' has a negative cohort -1"),
        (small().drop("g"), {}, "the panel has no column 'g'"),
        (small().with_columns(pl.col("g").alias("u2")), {"cluster": "g"}, "must be different columns"),
        (small().head(0), {}, "the panel has no rows"),
        (small().filter(pl.col("t") == 1), {}, "the panel has 1 period; at least 2 are needed"),
        (
            small().filter((pl.col("unit") != "S1") | (pl.col("t") >= 3)),
            {"estimator": "bjs"},
            "unit 'S1' has no observation before its start (1 such unit)",
        ),
        (small().with_columns(pl.lit("x").alias("c")), {"cluster": "c"}, "has 1 cluster; at least 2"),
        (
            small().with_columns(pl.col("t").cast(pl.String)),
            {},
            "the time column 't' must hold whole numbers",
        ),
        (small().with_columns(pl.col("t") + 0.5), {}, "the time column 't' must hold whole numbers"),
    ],
)
def test_bad_input_says_what_is_missing(panel, options, message):
    with pytest.raises(EvaluationError) as error:
        run(panel, **options)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_a_period_with_only_treated_observations_in_bjs():
    """In period 5 only the treated are observed: cs leaves the cells out, bjs cannot impute."""
    panel = small().filter((pl.col("t") < 5) | (pl.col("g") > 0))
    assert run(panel).periods == 5
    with pytest.raises(EvaluationError, match="period 5 has no untreated observation"):
        run(panel, estimator="bjs")


def test_no_unit_observed_after_its_start():
    panel = small().filter((pl.col("g") == 0) | (pl.col("t") < pl.col("g")))
    with pytest.raises(EvaluationError, match="no cohort is observed from its start on"):
        run(panel)
    with pytest.raises(EvaluationError, match="no unit is observed from its start on"):
        run(panel, estimator="bjs")


def test_untreated_observations_that_fall_apart():
    """Periods 1–2 seen only by N1, S1 and S2 (S's pre-periods), periods 3–5 only by N2 and L1, L2: no
    unit links the two groups of periods."""
    panel = small().filter(
        pl.when(pl.col("unit").is_in(["N1", "S1", "S2"])).then(pl.col("t") <= 2).otherwise(pl.col("t") >= 3)
    )
    with pytest.raises(EvaluationError, match="fall apart into groups"):
        run(panel, estimator="bjs")


def test_bad_options_are_programming_errors():
    for options in ({"estimator": "twfe"}, {"control": "all"}, {"bootstrap": -1}):
        with pytest.raises(ValueError) as error:
            run(small(), **options)
        assert not isinstance(error.value, EvaluationError)
