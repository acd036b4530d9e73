"""Writing the economics imports: a checked file (kasam.economy.imports) is upserted in one
transaction – rows are added or changed, never deleted – and counted as the organisation's imports
are. Called through kasam.site.imports.import_file, so the command and the import page are shared."""

from datetime import date
from decimal import Decimal

import polars as pl

from kasam.core import bulk, generations
from kasam.core.validation import Counts, ImportScope, Validated
from kasam.economy import stored
from kasam.economy.imports import validate_budget, validate_costs, validate_salaries
from kasam.economy.models import Budget, MonthlyCost, UnitSalary
from kasam.org.models import Unit

KINDS = ("budget", "costs", "salaries")


def _decimal(value: float | None, places: int = 2) -> Decimal | None:
    return None if value is None else Decimal(f"{value:.{places}f}")


def validate(kind: str, data: bytes, filename: str, scope: ImportScope | None = None) -> Validated:
    units = set(Unit.objects.values_list("id", flat=True))
    return {"budget": validate_budget, "costs": validate_costs, "salaries": validate_salaries}[kind](
        data, filename, units, scope
    )


def _upsert(model, key: tuple[str, ...], rows: list[dict], dry_run: bool) -> Counts:
    fields = [name for name in rows[0] if name not in key] if rows else []
    stored = {tuple(getattr(obj, k) for k in key): obj for obj in model.objects.all()}
    new, changed, same = [], [], 0
    for row in rows:
        obj = stored.get(tuple(row[k] for k in key))
        if obj is None:
            new.append(row)
        elif any(getattr(obj, f) != row[f] for f in fields):
            for f in fields:
                setattr(obj, f, row[f])
            changed.append(obj)
        else:
            same += 1
    if not dry_run and new:
        # Straight into the table (kasam.core.bulk): a large organisation's costs are many rows.
        names = list(new[0])
        bulk.insert_rows(model, names, (tuple(row[name] for name in names) for row in new))
        if changed:
            model.objects.bulk_update(changed, fields)
    return Counts(len(new), len(changed), same, 0)


def apply(kind: str, frame: pl.DataFrame, dry_run: bool) -> Counts:
    if kind == "budget":
        root = Unit.objects.filter(parent__isnull=True).values_list("pk", flat=True).first()
        rows = [
            {
                "unit_id": row["unit_id"] or root,
                "year": row["year_int"],
                "period_end": row["period_end_date"] or date(row["year_int"], 12, 31),
                "budget_tkr": _decimal(row["budget"], 1),
                "outcome_tkr": _decimal(row["outcome"], 1),
                "reported_deviation_tkr": _decimal(row["reported"], 1),
                "savings_requirement_tkr": _decimal(row["savings"], 1),
            }
            for row in frame.iter_rows(named=True)
        ]
        return _upsert(Budget, ("unit_id", "year"), rows, dry_run)
    if kind == "costs":
        rows = [
            {
                "unit_id": row["unit_id"],
                "month": row["month_date"],
                "overtime_sek": _decimal(row["overtime"]),
                "substitute_sek": _decimal(row["substitute"]),
            }
            for row in frame.iter_rows(named=True)
        ]
        counts = _upsert(MonthlyCost, ("unit_id", "month"), rows, dry_run)
        if not dry_run and (counts.created or counts.updated):
            generations.bump(stored.GENERATION)  # the yearly costs the page keeps
        return counts
    rows = [
        {"unit_id": row["unit_id"], "monthly_salary_sek": _decimal(row["salary"], 0)}
        for row in frame.iter_rows(named=True)
    ]
    counts = _upsert(UnitSalary, ("unit_id",), rows, dry_run)
    if not dry_run and (counts.created or counts.updated):
        stored.refresh()  # the stored cost of sick leave, with the new salaries
    return counts
