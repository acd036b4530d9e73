"""The "can we see an effect?" study runs in the background: 200 simulated roll-outs take seconds."""

import dataclasses
import logging

import polars as pl
from django_tasks import task

from kasam.absence import figures as sick_figures
from kasam.economy.figures import all_costs
from kasam.evaluation.models import PowerStudy
from kasam.evaluation.panels import evaluated_units, sick_leave_rows
from kasam.metrics.evaluation_power import PowerError, minimum_detectable_effect
from kasam.org.models import Unit

logger = logging.getLogger(__name__)


def _kronor(power) -> float | None:
    """The effect in kronor a year: the organisation's worth of one percentage point lower sick leave,
    for the share of the units that start (an approximation: units differ in size and salary)."""
    period = sick_figures.latest_rolling_period()
    if period is None:
        return None
    root = Unit.objects.filter(parent__isnull=True).values_list("pk", flat=True).first()
    worth = all_costs(period)[root].worth_one_point
    return power.minimum_detectable_effect * worth * power.units / max(len(evaluated_units()), 1)


@task()
def run_power_study(study_id: int) -> str:
    study = PowerStudy.objects.get(pk=study_id)
    history = pl.DataFrame(
        sick_leave_rows(evaluated_units()),
        schema={"unit": pl.String, "period": pl.Int64, "outcome": pl.Float64},
        orient="row",
    )
    try:
        power = minimum_detectable_effect(
            history, study.units, study.rollout_months, study.months_after, study.simulations
        )
    except PowerError as error:
        PowerStudy.objects.filter(pk=study_id).update(status=PowerStudy.Status.FAILED, error=str(error))
        return "failed"
    result = {**dataclasses.asdict(power), "units_to_halve": power.units_to_halve, "kronor": _kronor(power)}
    PowerStudy.objects.filter(pk=study_id).update(status=PowerStudy.Status.DONE, result=result)
    return "done"
