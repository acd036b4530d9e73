"""An evaluation as a page shows it: the headline (Callaway & Sant'Anna with not-yet-started units as
comparisons, intervals from the clustered multiplier bootstrap) in one plain sentence, the second
estimator (imputation) beside it, the event study with the before-period as the check, the basis,
and for sick leave the effect in sick days and kronor through the cost model.

Disclosure (docs/anonymity.md, "Evaluation"): before anything is estimated, the cohort gate
(kasam.metrics.evaluation_gate) removes the units of every cohort whose units together the gate
would hide, and of single-unit cohorts that cannot be pooled into a group it would show; everything
on the page – the overall effects, the cohorts, the event study, the basis and the money – is
estimated on what is left, so the overall effect minus the shown cohorts gives no hidden cohort. The
page names the starts left out. A cohort of a single unit is never shown alone, nor an event time
that only one unit stands behind; the page says how many. `kasam evaluate` on an analyst's own panel
keeps every cohort.

Wording (docs/definitions.md "Evaluation"): one number with a plausible range in the outcome's unit; "we
cannot tell yet" when the range includes zero; never the word "significant"."""

from dataclasses import dataclass, field, replace
from datetime import date

import polars as pl
from django.conf import settings
from django.utils.translation import get_language, gettext, pgettext
from django.utils.translation import gettext as _

from kasam.absence import figures as sick_figures
from kasam.absence.series import GENERATION as SICK_LEAVE_SERIES
from kasam.core import charts, generations
from kasam.core.dates import today
from kasam.core.formatting import format_number
from kasam.dialogs.models import GENERATION as DIALOGS
from kasam.economy.figures import all_costs
from kasam.economy.stored import GENERATION as ECONOMY
from kasam.evaluation.models import GENERATION as ROLLOUTS
from kasam.evaluation.panels import HEALTHY_ATTENDANCE, PULSE, SICK_LEAVE, Panel, build_panel, period_label
from kasam.metrics.evaluation import Effect, EvaluationError, evaluate
from kasam.metrics.evaluation_gate import (
    CohortGate,
    gate_cohorts,
    group_size,
    persons_pass,
    respondents_pass,
)
from kasam.metrics.intervals import DEFAULT_WEEKLY_HOURS
from kasam.org.stats import ORG

BOOTSTRAP = 999
SEED = 1
SHOWN_EVENT_TIMES = (-12, 24)
FULL_TIME_DAY_HOURS = DEFAULT_WEEKLY_HOURS / 7

# What an evaluation is computed from: the sick-leave series, the pulse rounds, the dialogs, the costs,
# the organisation and the roll-outs (their generations, kasam.core.generations).
SOURCES = (SICK_LEAVE_SERIES, "pulse", DIALOGS, ECONOMY, ORG, ROLLOUTS)


@dataclass
class Outcome:
    key: str
    name: str  # as the subject of a sentence: "sick leave" (Swedish: "sjukfrånvaron")
    unit: str  # "percentage points" or "points"
    higher_is_better: bool
    it: str  # the pronoun for it later in the sentence (Swedish: "den" or "det")


def outcome_of(key: str) -> Outcome:
    from kasam.pulse.dimensions import dimension_name

    points = _("percentage points")
    if key == SICK_LEAVE:
        name = pgettext("subject of a sentence", "sick leave")
        return Outcome(key, name, points, False, pgettext("sick leave", "it"))
    if key == HEALTHY_ATTENDANCE:
        name = pgettext("subject of a sentence", "healthy attendance")
        return Outcome(key, name, points, True, pgettext("healthy attendance", "it"))
    if key.startswith(PULSE):
        name = _("the pulse index “%(name)s”") % {"name": dimension_name(key.removeprefix(PULSE))}
        return Outcome(key, name, _("points"), True, pgettext("the pulse index", "it"))
    raise ValueError(key)


def _n(value: float) -> str:
    return format_number(abs(value), 1)


def sentence(effect: Effect, outcome: Outcome, intervention: str) -> tuple[str, str]:
    """(kind, sentence): kind is "unclear", "better" or "worse"."""
    att, low, high = effect.att, effect.ci_low, effect.ci_high
    words = {"outcome": outcome.name, "intervention": intervention, "unit": outcome.unit, "it": outcome.it}
    if att is None or low is None or high is None:
        return "unclear", _("We cannot tell yet: there is too little to compare with.")
    if low <= 0 <= high:
        text = _(
            "We cannot tell yet whether %(intervention)s has made a difference to %(outcome)s. "
            "The estimate is %(value)s %(unit)s %(direction)s, but a plausible range goes from "
            "%(low)s %(unit)s lower to %(high)s %(unit)s higher – it holds both an improvement "
            "and a worsening."
        )
        direction = _("lower") if att < 0 else _("higher")
        return "unclear", text % {
            **words,
            "value": _n(att),
            "direction": direction,
            "low": _n(low),
            "high": _n(high),
        }
    lower = att < 0
    better = lower != outcome.higher_is_better
    text = _(
        "After the start, %(outcome)s was on average %(value)s %(unit)s %(direction)s than %(it)s "
        "would probably have been without %(intervention)s. A plausible range is %(near)s to "
        "%(far)s %(unit)s %(direction)s."
    )
    near, far = sorted((abs(low), abs(high)))
    found = text % {
        **words,
        "value": _n(att),
        "direction": _("lower") if lower else _("higher"),
        "near": format_number(near, 1),
        "far": format_number(far, 1),
    }
    if not better:
        found += " " + _("That is a worsening: look closely at how the start went.")
    return ("better" if better else "worse"), found


@dataclass
class EvaluationView:
    intervention: str
    outcome: Outcome
    panel: Panel
    headline: Effect | None = None
    second: Effect | None = None
    kind: str = "unclear"
    text: str = ""
    cohorts: list = field(default_factory=list)  # (start, the cohort's effect) of the shown cohorts
    events: list = field(default_factory=list)
    hidden_cohorts: int = 0
    left_out: list[tuple[date, int]] = field(default_factory=list)  # (start, units) not in the answer
    hidden_events: int = 0
    chart: object = None
    error: str = ""
    days: float | None = None
    kronor: float | None = None


def event_chart(events, outcome: Outcome, yearly: bool):
    if not events:
        return None
    label = _("Years from the start") if yearly else _("Months from the start")
    return charts.bar_chart(
        [{"e": str(e.e), "att": e.effect.att} for e in events],
        x="e",
        y="att",
        title=_("The effect before and after the start"),
        y_title=outcome.unit,
        x_title=label,
        description=_("Before the start the bars should lie around zero; after it they show the effect."),
        percent=False,
        decimals=1,
        chart_id="event-study",
    )


def _money(view: EvaluationView) -> None:
    """Sick days and kronor a year for the units that started: |effect| percentage points of their
    ordinary hours of the latest 12 months, and |effect| × what one point lower is worth. Sizes: the
    page says "fewer" or "more" by the effect's sign."""
    period = sick_figures.latest_rolling_period()
    started = set(view.panel.frame.filter(view.panel.frame["cohort"] > 0)["unit"].unique().to_list())
    if period is None or not started or view.headline is None or view.headline.att is None:
        return
    rows = sick_figures.period_rows(*period, unit_ids=list(started))
    hours = sum(row.ordinary_hours for row in rows.values())
    costs = all_costs(period)
    size = abs(view.headline.att)
    view.days = size / 100 * hours / FULL_TIME_DAY_HOURS
    view.kronor = size * sum(costs[u].worth_one_point for u in started if u in costs)


def page_panel(panel: Panel, outcome_key: str) -> tuple[Panel, CohortGate, dict[int, list[str]]]:
    """The panel a page may estimate on – without the units of the cohorts the gate leaves out – the
    gate's decision, and the units of each cohort that starts within the panel."""
    k, pulse = settings.KASAM_PULSE_K, outcome_key.startswith(PULSE)

    def passes(units) -> bool:
        size = group_size(units, panel.sizes)
        return respondents_pass(size, k) if pulse else persons_pass(size)

    last = panel.frame["period"].max() if panel.frame.height else 0
    starts = panel.frame.filter((pl.col("cohort") > 0) & (pl.col("cohort") <= last))
    cohorts: dict[int, list[str]] = {}
    for unit, cohort in starts.select("unit", "cohort").unique().sort("unit").iter_rows():
        cohorts.setdefault(cohort, []).append(unit)
    gate = gate_cohorts(cohorts, passes)
    removed = sorted(unit for cohort in gate.left_out for unit in cohorts[cohort])
    frame = panel.frame.filter(~pl.col("unit").is_in(removed))
    sizes = {unit: periods for unit, periods in panel.sizes.items() if unit not in removed}
    respondents = None
    if panel.respondents is not None:  # the basis counts only the answers behind the kept cells
        respondents = sum(
            sizes.get(unit, {}).get(period, 0) for unit, period in frame.select("unit", "period").iter_rows()
        )
    return replace(panel, frame=frame, sizes=sizes, respondents=respondents), gate, cohorts


def error_text(error: EvaluationError) -> str:
    """Why there is no answer, in the reader's language (the engine's own message is English)."""
    if error.reason == "no_start":
        return gettext("no unit has started within the months the figures cover")
    if error.reason == "few_started":
        return (
            gettext("too few units have started: %(n)s, and at least %(needed)s are needed") % error.numbers
        )
    if error.reason == "few_compared":
        return (
            gettext("too few units to compare with: %(n)s, and at least %(needed)s are needed")
            % error.numbers
        )
    return gettext("the figures are not enough for an estimate yet")


def cached_run(intervention: str, intervention_name: str, outcome_key: str) -> EvaluationView:
    """`run`, computed once per worker until the data it reads changes (kasam.core.generations): an
    estimate over the whole organisation takes seconds at 50,000 employees and is the same for every
    viewer."""
    key = (intervention, intervention_name, outcome_key, get_language(), today())
    return generations.cached(SOURCES, key, lambda: run(intervention, intervention_name, outcome_key))


def run(intervention: str, intervention_name: str, outcome_key: str) -> EvaluationView:
    outcome = outcome_of(outcome_key)
    panel, gate, cohorts = page_panel(build_panel(intervention, outcome_key), outcome_key)
    view = EvaluationView(intervention_name, outcome, panel)
    view.left_out = [(period_label(g, panel.yearly), len(cohorts[g])) for g in gate.left_out]
    columns = {"unit": "unit", "time": "period", "outcome": "outcome", "cohort": "cohort"}
    try:
        headline = evaluate(panel.frame, **columns, bootstrap=BOOTSTRAP, seed=SEED)
        second = evaluate(panel.frame, **columns, estimator="bjs")
    except EvaluationError as error:
        view.error = error_text(error)
        return view
    view.headline, view.second = headline.overall, second.overall
    view.kind, view.text = sentence(headline.overall, outcome, intervention_name)
    view.cohorts = [
        (period_label(c.cohort, panel.yearly), c)
        for c in headline.by_cohort
        if c.cohort in gate.shown and c.units >= 2
    ]
    view.hidden_cohorts = sum(c.cohort in gate.pooled for c in headline.by_cohort)
    low, high = SHOWN_EVENT_TIMES
    window = [e for e in headline.event_study if low <= e.e <= high]
    view.events = [e for e in window if e.units >= 2]
    view.hidden_events = len(window) - len(view.events)
    view.chart = event_chart(view.events, outcome, panel.yearly)
    if outcome_key == SICK_LEAVE:
        _money(view)
    return view
