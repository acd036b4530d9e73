"""The demo's economy, through the real imports (kasam.site.imports.import_file):

- the budget of the whole organisation 2018–2025 is the Kalix handbook's published table (public
  data, copied into kasam/economy/data/kalix_economy.csv), with its reported deviations;
- overtime and substitute costs per month and unit from January 2022 to last month, falling as in
  Kalix (overtime about 12 MSEK in 2022, 6 in 2024, near 4 since), spread over the units by staff;
- an average monthly salary per unit by its activity (elderly care, home care and LSS below the
  organisation's default, individual and family care and staff functions above).
Deterministic for a seed; nothing happens when a budget exists."""

import io
import random
from datetime import date
from pathlib import Path

from django.db.models import Count, Q

from kasam.core.contrib import import_file  # kasam.site.imports.import_file
from kasam.core.dates import today
from kasam.economy.models import Budget
from kasam.org.models import Unit

KALIX = Path(__file__).parent / "data" / "kalix_economy.csv"
OVERTIME_MSEK = {2022: 12.0, 2023: 9.0, 2024: 6.0, 2025: 4.6, 2026: 4.0}
SUBSTITUTE_MSEK = {2022: 24.0, 2023: 23.0, 2024: 21.5, 2025: 20.0, 2026: 19.5}
SALARY_BY_ACTIVITY = {
    "hemtjänst": 31_500,
    "särskilt boende": 31_000,
    "lss": 30_500,
    "ifo": 40_500,
    "hsl": 39_000,
}


def _csv(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    out.write(",".join(header) + "\n")
    for row in rows:
        out.write(",".join(str(cell) for cell in row) + "\n")
    return out.getvalue().encode()


def _imported(kind: str, data: bytes, name: str) -> None:
    result = import_file(kind, data, name)
    if not result.ok:
        raise RuntimeError(f"the demo's {name} did not import: {result.errors[:3]}")


def ensure_demo_economy(seed: int = 1) -> None:
    if Budget.objects.exists() or not Unit.objects.exists():
        return
    rng = random.Random(seed)
    root = Unit.objects.get(parent__isnull=True)
    lines = KALIX.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    rows = [line.split(",") for line in lines[1:]]
    _imported("budget", _csv(["unit_id", *header], [[root.pk, *row] for row in rows]), "budget.csv")

    day = today()
    staffed = list(
        Unit.objects.annotate(
            staff=Count(
                "employments",
                filter=Q(employments__end_date__isnull=True) | Q(employments__end_date__gte=day),
            )
        )
        .filter(staff__gt=0)
        .values_list("pk", "staff", "activity")
    )
    total = sum(staff for _pk, staff, _activity in staffed)
    costs = []
    for year in sorted(OVERTIME_MSEK):
        for month in range(1, 13):
            if date(year, month, 1) >= day.replace(day=1):
                break
            for unit, staff, _activity in staffed:
                share = staff / total / 12
                overtime = OVERTIME_MSEK[year] * 1e6 * share * rng.uniform(0.6, 1.4)
                substitute = SUBSTITUTE_MSEK[year] * 1e6 * share * rng.uniform(0.7, 1.3)
                costs.append([f"{year}-{month:02d}", unit, f"{overtime:.0f}", f"{substitute:.0f}"])
    _imported("costs", _csv(["month", "unit_id", "overtime_sek", "substitute_sek"], costs), "costs.csv")

    salaries = [
        [unit, SALARY_BY_ACTIVITY[activity.lower()] + rng.randrange(-1000, 1001, 100)]
        for unit, _staff, activity in staffed
        if activity.lower() in SALARY_BY_ACTIVITY
    ]
    _imported("salaries", _csv(["unit_id", "monthly_salary_sek"], salaries), "salaries.csv")
