"""The plan for the return to work (docs/rehabilitation.md "The plan for the return to work"): every
save is a new version, numbered from 1, with its day and who saved it, and the case's adjustments as
they stood then (`measures`). Earlier versions are never changed. The first version made together with
the employee marks the case's `return_plan` step done that day."""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max

from kasam.audit.models import AuditEntry, record
from kasam.metrics import rehab
from kasam.rehab import cases
from kasam.rehab.models import Adjustment, Case, ReturnPlan

PLAN_STEP = "return_plan"
# The plan's texts and dates, as the form gives them and a version keeps them.
FIELDS = (
    "made_with_person",
    "work_ability",
    "limits",
    "other_measures",
    "expected_return",
    "return_steps",
    "follow_up_on",
    "contacts",
)
DATES = ("expected_return", "follow_up_on")
TEXTS = ("work_ability", "limits", "other_measures", "return_steps", "contacts")


def measure(adjustment: Adjustment) -> dict:
    """One adjustment as a version keeps it (codes, not words: the reader's language shows them)."""
    return {
        "id": adjustment.pk,
        "kind": adjustment.kind,
        "description": adjustment.description,
        "responsible": adjustment.responsible,
        "starts_on": adjustment.starts_on.isoformat(),
        "ends_on": adjustment.ends_on.isoformat() if adjustment.ends_on else None,
        "helped": adjustment.helped,
    }


def latest(case: Case) -> ReturnPlan | None:
    return case.plans.order_by("-version").first()


def save_version(case: Case, data: dict, user, day: date) -> ReturnPlan:
    """A new version of the case's plan from `data` (FIELDS), the adjustments of this moment as its
    measures; marks the plan step done when this is the first version made with the employee."""
    values = {name: data.get(name) for name in DATES}
    values |= {name: (data.get(name) or "").strip() for name in TEXTS}
    values["made_with_person"] = bool(data.get("made_with_person"))
    for _attempt in range(3):
        try:
            with transaction.atomic():
                first_together = (
                    values["made_with_person"] and not case.plans.filter(made_with_person=True).exists()
                )
                number = (case.plans.aggregate(n=Max("version"))["n"] or 0) + 1
                plan = ReturnPlan.objects.create(
                    case=case,
                    version=number,
                    saved_on=day,
                    saved_by=user,
                    measures=[measure(a) for a in case.adjustments.order_by("starts_on", "pk")],
                    **values,
                )
                record(user, AuditEntry.Action.CHANGE_REHAB_CASE, case.unit_id, case=case.pk, plan=number)
                if first_together:
                    _mark_plan_step(case, user, day)
            return plan
        except IntegrityError:  # another save took the number at the same moment: take the next
            continue
    raise IntegrityError("The plan could not be given a version number.")


def _mark_plan_step(case: Case, user, day: date) -> None:
    step = next((s for s in cases.steps(case) if s.step == PLAN_STEP), None)
    if step is not None and step.status != rehab.DONE:
        cases.mark_done(case, PLAN_STEP, day, user)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def measure_rows(measures: list[dict]) -> list[dict]:
    """A version's measures for a page or a file: the kind and whether it helped in words, dates as
    dates."""
    kinds, helped = dict(Adjustment.Kind.choices), dict(Adjustment.Helped.choices)
    return [
        {
            "kind": kinds.get(m.get("kind"), m.get("kind", "")),
            "description": m.get("description", ""),
            "responsible": m.get("responsible", ""),
            "starts_on": _day(m.get("starts_on")),
            "ends_on": _day(m.get("ends_on")),
            "helped": helped.get(m.get("helped", ""), ""),
        }
        for m in measures
    ]


def saved_by_name(plan: ReturnPlan) -> str:
    user = plan.saved_by
    return (user.get_full_name() or user.get_username()) if user else ""
