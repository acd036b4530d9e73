"""A rehabilitation case with a row in every table under it, for the GDPR tests of kasam.rehab
(retention, erasure, the person export)."""

from datetime import date, timedelta

from kasam.rehab.models import Adjustment, Case, Delegation, Meeting, ReturnPlan, StepDone

UNDER_CASE = ("rehab.StepDone", "rehab.Meeting", "rehab.Adjustment", "rehab.ReturnPlan", "rehab.Delegation")


def case_with_everything(
    person_id: str,
    opened_on: date,
    closed_on: date | None = None,
    *,
    unit_id: str = "AO-HT1",
    by=None,
    delegate=None,
    note: str = "Samtal om arbetstiderna",
) -> Case:
    """A case by hand about `person_id`, worked by `by` (a user or None), with a step done, a meeting,
    an adjustment, a plan version and, when `delegate` is given, a delegation to that user."""
    case = Case.objects.create(
        person_id=person_id,
        source=Case.Source.MANUAL,
        opened_on=opened_on,
        opened_by=by,
        chosen_steps=["health_conversation"],
        unit_id=unit_id,
        closed_on=closed_on,
        closing=Case.Closing.BY_HAND if closed_on else "",
        closed_by=by if closed_on else None,
        close_reason="Tillbaka i arbete" if closed_on else "",
    )
    StepDone.objects.create(
        case=case, step="health_conversation", done_on=opened_on + timedelta(days=3), done_by=by, note=note
    )
    Meeting.objects.create(
        case=case, held_on=opened_on + timedelta(days=3), with_whom=Meeting.With.PERSON, note=note,
        recorded_by=by,
    )  # fmt: skip
    Adjustment.objects.create(
        case=case, kind=Adjustment.Kind.WORKING_HOURS, description="Börjar kl. 9 i stället för 7",
        starts_on=opened_on + timedelta(days=5),
    )  # fmt: skip
    ReturnPlan.objects.create(
        case=case, version=1, saved_on=opened_on + timedelta(days=6), saved_by=by,
        work_ability="Kan arbeta halvtid",
    )  # fmt: skip
    if delegate is not None:
        Delegation.objects.create(
            case=case, user=delegate, granted_by=by, granted_on=opened_on,
            ends_on=opened_on + timedelta(days=60),
        )  # fmt: skip
    return case
