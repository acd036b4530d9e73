"""Two persons, Alfa and Beta, who have left (their employments ended in 2025) and have rows in every
table that names a person or a user – each of the other's rows beside their own, and a few rows that
link the two (Alfa recorded Beta's training, Beta Alfa's)."""

from datetime import date

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from kasam.absence.models import Absence, SignalFollowUp
from kasam.audit.actor import acting_as
from kasam.audit.models import AuditEntry, record
from kasam.dialogs.models import DialogRecord, Evaluation, PlannedMeeting
from kasam.dialogs.models import Programme as DialogProgramme
from kasam.economy.models import CostModel
from kasam.evaluation.models import PowerStudy, Rollout
from kasam.leadership.models import BuildingBlock, ChecklistAnswer, Training
from kasam.org.models import Employment, Person, Role, RoleAssignment
from kasam.plans.models import HealthFactorRating, HealthPlan
from kasam.pulse.models import (
    FreeText,
    Invitation,
    Participation,
    Programme,
    Round,
    TranslationOverride,
    TranslationReview,
)
from kasam.rehab.models import Adjustment, Case, Delegation, DigestSent, Meeting, ReturnPlan, StepDone
from kasam.releases.models import Publication
from kasam.reports.models import Report
from kasam.sam.models import ReminderSent, Risk, RoutineDocument, SafetyRound, TaskDelegation
from kasam.survey.models import Survey
from kasam.targets.models import Target
from kasam.workplace.models import HealthColumn, PersonalLink

PEOPLE = {
    "alfa": {
        "id": "PA-ALFA",
        "first_name": "Alfhild",
        "last_name": "Ahlqvistsson",
        "email": "alfhild.ahlqvistsson@example.invalid",
        "phone": "070-1740001",
        "username": "alfhild.a",
        "unit": "AO-HT1",
    },
    "beta": {
        "id": "PB-BETA",
        "first_name": "Bertil",
        "last_name": "Bjurholmsson",
        "email": "bertil.bjurholmsson@example.invalid",
        "phone": "070-1740002",
        "username": "bertil.b",
        "unit": "AO-SB1",
    },
}


def _closed_round(number: int) -> Round:
    programme = Programme.objects.first() or Programme.objects.create(name="Puls", root_unit_id="SOC")
    tree = {"AO": None, "AO-HT1": "AO", "AO-HT1-A": "AO-HT1", "AO-SB1": "AO"}
    return Round.objects.create(
        programme=programme, number=number, opens_on=date(2025, 3, 3), closes_on=date(2025, 3, 10),
        status=Round.Status.CLOSED, statement_ids=["beg1"], k=3, tree=tree, shown_nodes=["AO"],
        counts={"AO-HT1": [2, 1], "AO-SB1": [1, 1]},
    )  # fmt: skip


def _rows_of(key: str, person: Person, other_user, round: Round, number: int) -> None:
    """One or more rows of every table that names `person` or their user."""
    user = person.user
    spec = PEOPLE[key]
    Employment.objects.create(
        person=person, unit_id=spec["unit"], start_date=date(2019, 1, 1), end_date=date(2025, 6, 30),
        rate=100, pay="monthly",
    )  # fmt: skip
    Absence.objects.create(person=person, start_date=date(2025, 2, 3), end_date=date(2025, 2, 5), kind="sjuk")
    Absence.objects.create(person=person, start_date=date(2025, 4, 7), end_date=date(2025, 4, 7), kind="vab")
    SignalFollowUp.objects.create(
        person=person, kind="repeated", key="repeated", status="contacted", note="Samtal bokat",
        updated_on=date(2025, 3, 1), updated_by=user,
    )  # fmt: skip
    Invitation.objects.create(round=round, person=person, reporting_node=spec["unit"], token_hash=f"t-{key}")
    Participation.objects.create(
        round=round,
        person=person,
        answered_on=date(2025, 3, 5),
        link_hash=f"l-{key}",
        idempotency_hash=f"i-{key}",
    )
    RoleAssignment.objects.create(user=user, role=Role.UNIT_MANAGER, unit_id=spec["unit"])
    record(user, AuditEntry.Action.VIEW_EARLY_SIGNALS, spec["unit"], persons_shown=3, staff=9)
    with acting_as(other_user):  # the other one gives this one a role: an entry about this one by the other
        RoleAssignment.objects.create(user=user, role=Role.EMPLOYEE, unit_id=spec["unit"])
    block = BuildingBlock.objects.order_by("pk")[number]
    Training.objects.create(user=user, block=block, completed_on=date(2024, 5, 1), recorded_by=other_user)
    ChecklistAnswer.objects.create(user=user, answered_on=date(2024, 5, 2), scores={"a": 4})
    Survey.objects.create(
        name=f"Enkät {key}", year=2024, filename=f"{key}.csv", file_sha256=str(number) * 64, imported_by=user
    )
    Target.objects.create(
        figure="sick_leave", scope="organisation", unit_id="SOC", year=2025 + number, kind="level", value=6,
        base_year=2024, created_by=user,
    )  # fmt: skip
    HealthFactorRating.objects.create(unit_id=spec["unit"], rated_on=date(2024, 9, 1), created_by=user)
    HealthPlan.objects.create(
        unit_id=spec["unit"], year=2024, snapshot={}, snapshot_taken_on=date(2024, 1, 10), created_by=user
    )
    dialogs = DialogProgramme.objects.order_by("pk").first()
    DialogRecord.objects.create(
        unit_id=spec["unit"], programme=dialogs, held_on=date(2024, 10, 1), participants=7,
        reflections="Vi pratade om vad som ger energi.", led_by=user,
    )  # fmt: skip
    PlannedMeeting.objects.create(
        unit_id=spec["unit"], held_on=date(2025, 1, 8), theme=dialogs.themes.first(), facilitator=user,
        created_by=user,
    )  # fmt: skip
    PersonalLink.objects.create(person=person, token_hash=f"p-{key}", expires_on=date(2025, 3, 1))
    HealthColumn.objects.create(month=date(2024, 1 + number, 1), title=f"Kolumn {key}", published_by=user)
    Evaluation.objects.create(
        unit_id=spec["unit"], programme=dialogs, written_on=date(2024, 11, 1), participants=6, written_by=user
    )
    Report.objects.create(
        kind="annual", year=2024, format="pdf", status="done", content=b"%PDF", requested_by=user
    )
    Publication.objects.create(kind="sick-leave", period="2024", status="failed", requested_by=user)
    Rollout.objects.create(name=f"Införande {key}", created_by=user)
    PowerStudy.objects.create(units=10, rollout_months=6, months_after=12, created_by=user)
    CostModel.objects.create(updated_by=user)
    language = ("so", "fi")[number]
    TranslationOverride.objects.create(language=language, key="page.submit", text="Dir", changed_by=user)
    TranslationReview.objects.create(
        language=language, reviewed_by=f"Granskare {key}", reviewed_on=date(2025, 1, 1), recorded_by=user
    )
    EmailAddress.objects.create(user=user, email=spec["email"], verified=True, primary=True)
    SocialAccount.objects.create(user=user, provider="oidc", uid=f"sub-{key}", extra_data={"sub": key})
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": f"secret-{key}"})
    LogEntry.objects.create(
        user=user, content_type=ContentType.objects.get_for_model(RoleAssignment),
        object_id=str(other_user.pk), object_repr=f"{other_user.username} – enhetschef", action_flag=ADDITION,
    )  # fmt: skip
    user.groups.add(Group.objects.get_or_create(name=f"grupp-{key}")[0])
    user.user_permissions.add(Permission.objects.order_by("pk")[number])
    _rehab_rows(key, person, other_user, number)
    _sam_rows(person.user, other_user, number)


def _sam_rows(user, other_user, number: int) -> None:
    """The person's account at work in the work-environment cycle: a round it held and signed (as the
    manager and as the safety representative), a risk it rated, a task it holds and one it gave, a
    routine document it uploaded."""
    held = SafetyRound.objects.create(
        unit_id="AO-HT1", held_on=date(2025, 3, 3 + number), created_by=user, manager_signed_by=user,
        manager_signed_on=date(2025, 3, 4), representative_signed_by=user,
        representative_signed_on=date(2025, 3, 4),
    )  # fmt: skip
    Risk.objects.create(
        unit_id="AO-HT1", round=held, area="workload", description="Stress", likelihood=2, consequence=2,
        found_on=held.held_on, due_on=date(2025, 6, 3), created_by=user, representative_signed_by=user,
    )  # fmt: skip
    TaskDelegation.objects.create(
        unit_id="AO-HT1", holder=user, given_by=other_user, tasks="Skyddsronder", given_on=date(2025, 1, 10)
    )
    TaskDelegation.objects.create(
        unit_id="AO-SB1", holder=other_user, given_by=user, tasks="Skyddsronder", given_on=date(2025, 1, 10)
    )
    ReminderSent.objects.create(user=user, week=date(2025, 3, 3))
    RoutineDocument.objects.create(
        title=f"Rutin {number}", content=b"%PDF-", uploaded_by=user, uploaded_on=date(2025, 1, 2)
    )


def _rehab_case(person_id: str, unit_id: str, by, opened_on: date, closed_on: date | None) -> Case:
    """A case with a row in every table under it, every one recorded by `by`."""
    case = Case.objects.create(
        person_id=person_id, source="manual", opened_on=opened_on, opened_by=by, unit_id=unit_id,
        chosen_steps=["health_conversation"], closed_on=closed_on,
        closing="by_hand" if closed_on else "", closed_by=by if closed_on else None,
        close_reason="Åter i arbete" if closed_on else "",
    )  # fmt: skip
    StepDone.objects.create(
        case=case, step="health_conversation", done_on=opened_on, done_by=by, note="Bokat"
    )
    Meeting.objects.create(
        case=case, held_on=opened_on, with_whom="person", note="Första samtalet", recorded_by=by
    )
    Adjustment.objects.create(case=case, kind="tasks", description="Inga lyft", starts_on=opened_on)
    ReturnPlan.objects.create(
        case=case, version=1, saved_on=opened_on, saved_by=by, work_ability="Halvtid med stöd"
    )
    return case


def _rehab_rows(key: str, person: Person, other_user, number: int) -> None:
    """The person's own rehabilitation case (closed within its retention, kept), worked by the other
    one and delegated to an area manager of its own; and the person's account at work in a case of
    someone else (P1, of the org fixture): opening, recording, delegated to and delegating."""
    spec = PEOPLE[key]
    own = _rehab_case(person.pk, spec["unit"], other_user, date(2025, 3, 3), date(2025, 6, 2))
    delegate = get_user_model().objects.create_user(
        f"delegat-{key}", first_name="Dag", last_name=f"Delegat {key}"
    )
    Delegation.objects.create(
        case=own, user=delegate, granted_by=other_user, granted_on=date(2025, 3, 4), ends_on=date(2025, 5, 1)
    )
    user = person.user
    theirs = _rehab_case("P1", "AO-HT1", user, date(2024, 2, 5 + number), date(2024, 5, 6))
    Delegation.objects.create(
        case=theirs, user=user, granted_by=user, granted_on=date(2024, 2, 6), ends_on=date(2024, 4, 1)
    )
    DigestSent.objects.create(user=user, week=date(2024, 2, 12))


@pytest.fixture
def two_people(org, django_user_model):
    people = {}
    for key, spec in PEOPLE.items():
        user = django_user_model.objects.create_user(
            spec["username"], email=spec["email"], first_name=spec["first_name"], last_name=spec["last_name"]
        )
        people[key] = Person.objects.create(
            id=spec["id"], birth_year=1975, gender="K", first_name=spec["first_name"],
            last_name=spec["last_name"], email=spec["email"], phone=spec["phone"], user=user,
        )  # fmt: skip
    round = _closed_round(1)
    _rows_of("alfa", people["alfa"], people["beta"].user, round, 0)
    _rows_of("beta", people["beta"], people["alfa"].user, round, 1)
    FreeText.objects.create(round=round, reporting_node="AO-HT1", text="Tack Alfhild för hjälpen!")
    return people
