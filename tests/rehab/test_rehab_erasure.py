"""Erasure of a leaver (kasam.gdpr.erasure) and the person's rehabilitation cases: those past their
retention go with everything under them; the others stay as the employer's documentation, under the
HR id without a name (Case.person protects the person's row, which erasure anonymises and never
deletes). What became of the cases is written to an audit entry only HR reads; the erasure's own
entry, which the health strategist reads too, is the same whether the person had a case or not."""

from datetime import date

import pytest
from rehab_rows import case_with_everything

from kasam.audit.models import AuditEntry
from kasam.gdpr import erasure
from kasam.org.models import Person
from kasam.rehab.models import Adjustment, Case, DigestSent, Meeting, ReturnPlan, StepDone


@pytest.fixture
def leaver_cases(personas):
    """Eva Slutat (P5) left on 2025-06-30. Today is 2026-11-25: 24 months of retention reach back to
    2024-11-25."""
    chef = personas["enhetschef"]
    return {
        "past": case_with_everything("P5", date(2024, 3, 4), date(2024, 6, 3), by=chef),
        "kept": case_with_everything("P5", date(2025, 2, 3), date(2025, 6, 30), by=chef),
        "open": case_with_everything("P5", date(2025, 6, 2), None, by=chef),
    }


def test_cases_past_retention_go_and_the_rest_stay_under_the_hr_id(leaver_cases):
    past, kept, still_open = leaver_cases["past"], leaver_cases["kept"], leaver_cases["open"]
    result = erasure.erase(Person.objects.get(pk="P5"))

    person = Person.objects.get(pk="P5")  # anonymised, never deleted
    assert (person.first_name, person.last_name, person.email) == ("", "", "")
    assert set(Case.objects.filter(person=person).values_list("pk", flat=True)) == {kept.pk, still_open.pk}
    for model in (StepDone, Meeting, Adjustment, ReturnPlan):
        assert not model.objects.filter(case_id=past.pk).exists(), model
        assert model.objects.filter(case_id=kept.pk).exists() and model.objects.filter(case=still_open)
    # The kept documentation is as it was written.
    assert StepDone.objects.get(case=kept).note == "Samtal om arbetstiderna"
    assert ReturnPlan.objects.get(case=kept).work_ability == "Kan arbeta halvtid"
    assert result.changed["rehab_cases_deleted"] == 1 and result.changed["rehab_cases_kept"] == 2
    assert result.changed["rehab_case_rows_deleted"] == 4  # a step, a meeting, an adjustment, a plan


def test_only_hrs_audit_entry_tells_of_the_cases(leaver_cases, personas):
    erasure.erase(Person.objects.get(pk="P5"))
    erased = AuditEntry.objects.get(action=AuditEntry.Action.ERASE_PERSON)
    assert not any(key.startswith("rehab") for key in erased.detail["changed"])
    told = AuditEntry.objects.get(action=AuditEntry.Action.CHANGE_REHAB_CASE)
    assert told.detail == {
        "person_id": "P5",
        "erased": True,
        "rehab_cases_deleted": 1,
        "rehab_case_rows_deleted": 4,
        "rehab_cases_kept": 2,
        "rehab_digests_deleted": 0,
    }


def test_a_leaver_without_a_case_is_erased_alike(org):
    erasure.erase(Person.objects.get(pk="P5"))
    erased = AuditEntry.objects.get(action=AuditEntry.Action.ERASE_PERSON)
    assert not any(key.startswith("rehab") for key in erased.detail["changed"])
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.CHANGE_REHAB_CASE).exists()


def test_what_the_leavers_account_recorded_in_others_cases_stays(org, django_user_model):
    account = django_user_model.objects.create_user("eva.slutat", first_name="Eva", last_name="Slutat")
    Person.objects.filter(pk="P5").update(user=account)
    others = case_with_everything("P1", date(2025, 1, 13), None, by=account)
    DigestSent.objects.create(user=account, week=date(2025, 1, 13))
    result = erasure.erase(Person.objects.get(pk="P5"))
    account.refresh_from_db()
    assert account.username == f"raderad-{account.pk}" and not account.is_active
    assert StepDone.objects.get(case=others).done_by == account
    assert Case.objects.get(pk=others.pk).opened_by == account
    # The weeks the account was sent the digest go; HR's entry says so, the erasure's does not.
    assert not DigestSent.objects.exists() and result.changed["rehab_digests_deleted"] == 1
    told = AuditEntry.objects.get(action=AuditEntry.Action.CHANGE_REHAB_CASE)
    assert told.detail["rehab_digests_deleted"] == 1 and told.detail["rehab_cases_deleted"] == 0


def test_a_dry_run_deletes_no_case(leaver_cases):
    result = erasure.erase(Person.objects.get(pk="P5"), dry_run=True)
    assert Case.objects.filter(person_id="P5").count() == 3
    assert result.changed["rehab_cases_deleted"] == 1
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.CHANGE_REHAB_CASE).exists()
