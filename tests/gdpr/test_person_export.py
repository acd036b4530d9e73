"""The person export (kasam.gdpr.person_export): it contains every table that names the person and
nothing of anyone else. Two persons with rows everywhere (conftest.py); the export of one holds rows
of every table that has a foreign key to Person or the user model, and none of the other's ids, names
or e-mail addresses. A model that gets such a key without a row in the fixture fails the first test,
so a new table naming a person cannot be left out of the export unnoticed."""

import json
from io import StringIO

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from kasam.audit.models import AuditEntry
from kasam.gdpr import person_export
from kasam.org.models import Person

# Every (model, field) of the project with a foreign key or one-to-one to Person or the user model,
# found here independently of the export's own walk. When this test fails with a new entry, give the
# new table rows in conftest.py and check what the export shows of it.
EXPECTED_LINKS = {
    "absence.Absence.person",
    "absence.SignalFollowUp.person",
    "absence.SignalFollowUp.updated_by",
    "account.EmailAddress.user",
    "accounts.User_groups.user",
    "accounts.User_user_permissions.user",
    "admin.LogEntry.user",
    "audit.AuditEntry.user",
    "dialogs.DialogRecord.led_by",
    "dialogs.Evaluation.written_by",
    "dialogs.PlannedMeeting.created_by",
    "dialogs.PlannedMeeting.facilitator",
    "economy.CostModel.updated_by",
    "evaluation.PowerStudy.created_by",
    "evaluation.Rollout.created_by",
    "leadership.ChecklistAnswer.user",
    "leadership.Training.recorded_by",
    "leadership.Training.user",
    "mfa.Authenticator.user",
    "org.Employment.person",
    "org.Person.user",
    "org.RoleAssignment.user",
    "plans.HealthFactorRating.created_by",
    "plans.HealthPlan.created_by",
    "pulse.Invitation.person",
    "pulse.Participation.person",
    "pulse.TranslationOverride.changed_by",
    "pulse.TranslationReview.recorded_by",
    "rehab.Case.closed_by",
    "rehab.Case.opened_by",
    "rehab.Case.person",
    "rehab.Delegation.granted_by",
    "rehab.Delegation.user",
    "rehab.DigestSent.user",
    "rehab.Meeting.recorded_by",
    "rehab.ReturnPlan.saved_by",
    "rehab.StepDone.done_by",
    "sam.Risk.created_by",
    "sam.ReminderSent.user",
    "sam.Risk.representative_signed_by",
    "sam.RoutineDocument.uploaded_by",
    "sam.SafetyRound.created_by",
    "sam.SafetyRound.manager_signed_by",
    "sam.SafetyRound.representative_signed_by",
    "sam.TaskDelegation.given_by",
    "sam.TaskDelegation.holder",
    "releases.Publication.requested_by",
    "reports.Report.requested_by",
    "socialaccount.SocialAccount.user",
    "survey.Survey.imported_by",
    "targets.Target.created_by",
    "workplace.HealthColumn.published_by",
    "workplace.PersonalLink.person",
}


def project_links() -> set[str]:
    """Walk every model – Django's own and the auto-created many-to-many tables included."""
    found = set()
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.fields:
            if field.remote_field is not None and field.remote_field.model in (Person, get_user_model()):
                found.add(f"{model._meta.label}.{field.name}")
    return found


def test_every_table_that_names_a_person_is_in_the_fixture_and_in_the_export(two_people):
    assert project_links() == EXPECTED_LINKS
    export = person_export.build_export(two_people["alfa"])
    searched = {row["table"]: row["rows"] for row in export["searched"]}
    assert set(searched) == EXPECTED_LINKS | {"audit.AuditEntry.detail"}
    # Rows for Alfa in every one of them (the fixture has some everywhere).
    assert all(n >= 1 for n in searched.values()), {k: n for k, n in searched.items() if not n}
    tables = export["tables"]
    for link in EXPECTED_LINKS - {"org.Person.user"}:
        label = link.rsplit(".", 1)[0]
        assert tables.get(label), label


def all_strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in (str(key), *all_strings(item))]
    if isinstance(value, list):
        return [s for item in value for s in all_strings(item)]
    return [str(value)] if value is not None else []


def test_it_contains_nothing_of_anyone_else(two_people):
    alfa, beta = two_people["alfa"], two_people["beta"]
    export = person_export.build_export(alfa)
    text = person_export.dumps(export)
    for secret in (beta.pk, beta.first_name, beta.last_name, beta.email, beta.phone, beta.user.username):
        assert secret not in text, secret
    assert "secret-alfa" not in text  # a second factor's secret is never exported, not even one's own
    assert "grupp-beta" not in text  # only ids are exported, but not even Beta's group's id
    # No reference to Beta's person or user row anywhere: every key to Person or the user model in
    # every row is Alfa's or empty.
    user_model = get_user_model()
    for label, rows in export["tables"].items():
        model = apps.get_model(label)
        keys = [f.name for f in model._meta.fields if f.remote_field and f.remote_field.model is user_model]
        people = [f.name for f in model._meta.fields if f.remote_field and f.remote_field.model is Person]
        for row in rows:
            assert all(row[key] in (alfa.user.pk, None) for key in keys), (label, row)
            assert all(row[key] in (alfa.pk, None) for key in people), (label, row)
    # Beta recorded Alfa's training and gave Alfa a role: both are there, without Beta.
    training = export["tables"]["leadership.Training"]
    assert {row["recorded_by"] for row in training} == {None, alfa.user.pk}
    about = [
        row
        for row in export["tables"]["audit.AuditEntry"]
        if row["action"] == "role_assigned" and not row["user"]
    ]
    # The system gave Alfa one role, Beta another: Beta's name is left out.
    assert sorted(row["username"] or "" for row in about) == ["", "system"]
    by_beta = about
    assert all(row["detail"]["subject_username"] == alfa.user.username for row in by_beta)
    # Alfa gave Beta a role: Alfa's own entry, with Beta left out of its detail.
    mine = [row for row in export["tables"]["audit.AuditEntry"] if row["user"] == alfa.user.pk]
    given = [
        row for row in mine if row["action"] == "role_assigned" and row["detail"]["subject_user_id"] is None
    ]
    assert given and all(row["detail"]["subject_username"] is None for row in given)


def test_it_holds_the_persons_own_data_and_says_what_it_cannot(two_people):
    alfa = two_people["alfa"]
    export = json.loads(person_export.dumps(person_export.build_export(alfa)))
    assert export["person"]["id"] == alfa.pk and export["person"]["email"] == alfa.email
    assert export["user_account"]["username"] == "alfhild.a" and "password" not in export["user_account"]
    tables = export["tables"]
    assert {(a["start_date"], a["kind"]) for a in tables["absence.Absence"]} == {
        ("2025-02-03", "sjuk"),
        ("2025-04-07", "vab"),
    }
    assert [e["unit"] for e in tables["org.Employment"]] == ["AO-HT1"]
    assert "token_hash" not in tables["pulse.Invitation"][0]
    assert "link_hash" not in tables["pulse.Participation"][0]
    assert "content" not in tables["reports.Report"][0]
    assert set(tables["admin.LogEntry"][0]) == {"id", "action_time", "user", "content_type", "action_flag"}
    assert tables["admin.LogEntry"][0]["content_type"] == "org.roleassignment"
    # Pulse answers are not linked to anyone: the export says so, and holds no comment.
    assert len(export["about"]["notes"]) == 5 and "Alfhild för hjälpen" not in json.dumps(export)
    assert "pulse.Answer" not in tables and "pulse.FreeText" not in tables


def test_the_command_writes_the_file_and_the_audit_log(two_people, tmp_path):
    out = tmp_path / "alfa.json"
    call_command("gdpr", "export", "--person", "PA-ALFA", "--out", str(out), stdout=StringIO())
    export = json.loads(out.read_text(encoding="utf-8"))
    assert export["person"]["id"] == "PA-ALFA" and export["about"]["made_by"] == "system"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT_PERSON)
    assert entry.username == "system" and entry.detail == {"person_id": "PA-ALFA", "via": "command"}
    # The export of the export is in the next one, as an entry about the person.
    again = person_export.build_export(two_people["alfa"])
    assert any(row["action"] == "export_person" for row in again["tables"]["audit.AuditEntry"])
