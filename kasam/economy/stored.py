"""The stored cost of sick leave (kasam.economy.models.UnitSickLeaveCost): every unit's cost for the
latest stored rolling 12 months, computed when what it depends on changes instead of on every view
of /ekonomi/ (at 50,000 employees the computation takes seconds).

It depends on the sick-leave series' period and data, the cost model and the units' salaries, so it
is written again
- after every refill of the series, in the refill's transaction (the absence app runs the steps of
  kasam.absence.series.AFTER_REFILL; this app registers `refresh` there in its AppConfig.ready);
- when the cost model is saved (kasam.economy.views.cost_model);
- after a salary import that changed something (kasam.economy.actions.apply).
Rows carry the cost model they were computed with: a page reads them only while it is the current
one, and computes live otherwise (kasam.economy.figures.sick_leave_costs)."""

from django.db import transaction

from kasam.absence import figures as sick_figures
from kasam.core import generations
from kasam.economy.figures import all_costs, cost_settings
from kasam.economy.models import UnitSickLeaveCost

BATCH = 5000


GENERATION = "economy"  # the stored costs' generation (kasam.core.generations)


def refresh() -> int:
    """Replace the stored costs by those of the latest stored rolling period (none when there is
    none); returns the number of rows written."""
    with transaction.atomic():
        generations.bump(GENERATION)
        UnitSickLeaveCost.objects.all().delete()
        period = sick_figures.latest_rolling_period()
        if period is None:
            return 0
        settings = cost_settings()
        costs = all_costs(period, settings)
        UnitSickLeaveCost.objects.bulk_create(
            (
                UnitSickLeaveCost(
                    unit_id=unit,
                    start=period[0],
                    end=period[1],
                    short_factor=settings.short_factor,
                    mid_factor=settings.mid_factor,
                    default_salary=settings.default_salary,
                    salary=cost.salary,
                    short_days=cost.short_days,
                    mid_days=cost.mid_days,
                    cost_short=cost.cost_short,
                    cost_mid=cost.cost_mid,
                    worth_one_point=cost.worth_one_point,
                    sick_leave_pct=cost.sick_leave_pct,
                )
                for unit, cost in costs.items()
            ),
            batch_size=BATCH,
        )
        return len(costs)
