"""Erasure of a person who has left (`kasam gdpr erase --person ID`), by anonymisation that keeps
every aggregate as it is (docs/gdpr/lagring.md, "Radering av en person").

Refused, with one line, for a person with an employment running today or later, and while the person
has an invitation to a pulse round that is not closed (deleting it would change that round's counts
at close, while its anonymous answers stay).

What it does, in one transaction, audited:
- the person: first and last name, e-mail and phone are emptied. The HR id, birth year and gender
  stay: the stored sick-leave series and every later refill count persons by group (gender, age), so
  removing them would change the statutory figures of past years;
- the person's pulse invitations and participations are deleted (the link hashes with them); a closed
  round whose counts were not frozen at close gets them frozen first, so its response rates stay;
- the person's personal links to the employee page are deleted;
- the person's name is masked in the stored pulse comments the way the pages mask staff names
  (kasam.metrics.pulse_anonymity), since the pages can no longer mask a name that is no longer stored;
- the user account, when there is one: deactivated, names and e-mail emptied, the username replaced by
  "raderad-<id>", the password made unusable; its role assignments are removed (each one audited as a
  role change); its leadership trainings and private checklist answers are deleted (they count in no
  aggregate of anyone active: the leadership pages only count active leaders), as are its links to
  single sign-on, its e-mail addresses and its second factors (django-allauth's tables);
- the person's rehabilitation cases that are past their retention (closed more than
  KASAM_RETENTION_MONTHS["rehab_cases"] months ago: those the daily purge deletes, kasam.gdpr.retention)
  are deleted with everything under them – the daily purge would have, and a leaver's erasure does not
  wait for it;
- kept: employments and absences (the HR system's pseudonymous id remains, with no name), the records
  the person wrote or led for the organisation (dialog records, plans, targets – now pointing to the
  anonymised account), and the audit entries until the audit log's own retention deletes them (the
  log is kept to show who saw personal data, an obligation of its own: article 17.3 b and e);
- kept too: the person's other rehabilitation cases (open, or closed within their retention), as the
  employer's documentation of its duty of rehabilitation (a legal obligation: article 17.3 b), as
  they were written, under the HR id without a name, until the purge deletes them. Case.person
  protects the person's row, which erasure never deletes. The steps, meetings, plans and delegations
  the person's account recorded in other persons' cases stay too, pointing to the anonymised account
  (the account is never deleted either; a delegation to it can no longer be used: it cannot log in).
  The weeks the account was sent the digest of rehabilitation steps are deleted.
"""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.db import transaction
from django.db.models import Q

from kasam.audit.actor import acting_as
from kasam.audit.models import AuditEntry, record
from kasam.core.dates import today
from kasam.gdpr.retention import (
    REHAB_CASES,
    cutoffs,
    delete_rehab_cases,
    rehab_cases_past,
    secure_delete,
)
from kasam.leadership.models import ChecklistAnswer, Training
from kasam.metrics.anonymity import name_masker
from kasam.org.models import Person, RoleAssignment
from kasam.pulse.actions import frozen_counts
from kasam.pulse.models import OPEN_TEXT_MAX, FreeText, Invitation, Participation, Round
from kasam.rehab.models import Case, DigestSent
from kasam.workplace.models import PersonalLink

ERASED_USERNAME = "raderad-{pk}"
# What the result says of rehabilitation cases (not in the erasure's own audit entry: see `erase`).
REHAB_KEYS = ("rehab_cases_deleted", "rehab_case_rows_deleted", "rehab_cases_kept", "rehab_digests_deleted")
CHUNK = 2_000


class ErasureRefused(Exception):
    """The person may not be erased (yet); the message says why in one line."""


@dataclass
class ErasureResult:
    person_id: str
    dry_run: bool
    changed: dict[str, int] = field(default_factory=dict)  # what was (would be) done → rows

    def as_json(self) -> dict:
        return {"person": self.person_id, "dry_run": self.dry_run, "changed": self.changed}

    def summary(self) -> str:
        verb = "Would erase" if self.dry_run else "Erased"
        parts = ", ".join(f"{name} {n}" for name, n in self.changed.items())
        return f"{verb} person {self.person_id}: {parts}."


def refusal(person: Person) -> str | None:
    """Why `person` cannot be erased now, or None."""
    day = today()
    running = person.employments.filter(Q(end_date__isnull=True) | Q(end_date__gte=day)).first()
    if running is not None:
        return (
            f"Person {person.pk} has an employment running on {day.isoformat()} or later "
            f"(unit {running.unit_id}); only a person who has left can be erased."
        )
    waiting = Invitation.objects.filter(person=person).exclude(round__status=Round.Status.CLOSED).first()
    if waiting is not None:
        return (
            f"Person {person.pk} is invited to pulse round {waiting.round_id}, which is not closed; "
            "erase the person after it closes."
        )
    return None


def _masked_comments(person: Person) -> list[tuple[str, str]]:
    """(id, masked text) of the stored comments in which the person's names occur."""
    names = [name for name in (person.first_name, person.last_name) if name]
    if not names:
        return []
    mask = name_masker(names)
    changed = []
    for pk, text in FreeText.objects.values_list("id", "text").iterator(chunk_size=CHUNK):
        masked = mask(text)
        if masked != text:
            changed.append((pk, masked[:OPEN_TEXT_MAX]))
    return changed


def _login_records(account) -> list:
    """allauth's rows of a user: single sign-on links, e-mail addresses and second factors."""
    if account is None:
        return []
    return [
        SocialAccount.objects.filter(user=account),
        EmailAddress.objects.filter(user=account),
        Authenticator.objects.filter(user=account),
    ]


def _rehab_cases_past(person: Person) -> dict[str, object]:
    """The person's rehabilitation cases past their retention and the rows under them, as the purge
    finds them ({} when the cases are kept for ever)."""
    cutoff = cutoffs(today())[REHAB_CASES]
    return rehab_cases_past(cutoff, person=person) if cutoff is not None else {}


def erase(person: Person, dry_run: bool = False, user=None) -> ErasureResult:
    """Anonymise a person who has left (see the module); raises ErasureRefused otherwise. `user` is
    who does it (None: "system"), for the audit log."""
    reason = refusal(person)
    if reason:
        raise ErasureRefused(reason)
    account = person.user
    invitations = Invitation.objects.filter(person=person)
    participations = Participation.objects.filter(person=person)
    comments = _masked_comments(person)
    rehab_past = _rehab_cases_past(person)
    rehab_deleted = rehab_past["rehab.Case"].count() if rehab_past else 0
    result = ErasureResult(person.pk, dry_run)
    result.changed = {
        "person_names_cleared": 1,
        "pulse_invitations_deleted": invitations.count(),
        "pulse_participations_deleted": participations.count(),
        "pulse_comments_masked": len(comments),
        "personal_links_deleted": PersonalLink.objects.filter(person=person).count(),
        "user_account_deactivated": 1 if account is not None else 0,
        "role_assignments_removed": RoleAssignment.objects.filter(user=account).count() if account else 0,
        "leadership_trainings_deleted": Training.objects.filter(user=account).count() if account else 0,
        "leadership_checklist_answers_deleted": (
            ChecklistAnswer.objects.filter(user=account).count() if account else 0
        ),
        "login_records_deleted": sum(rows.count() for rows in _login_records(account)),
        "rehab_cases_deleted": rehab_deleted,
        "rehab_case_rows_deleted": sum(rows.count() for rows in rehab_past.values()) - rehab_deleted,
        "employments_kept": person.employments.count(),
        "absences_kept": person.absences.count(),
        "rehab_cases_kept": Case.objects.filter(person=person).count() - rehab_deleted,
        "rehab_digests_deleted": DigestSent.objects.filter(user=account).count() if account else 0,
    }
    if dry_run:
        return result
    with transaction.atomic(), acting_as(user):
        for round in Round.objects.filter(
            status=Round.Status.CLOSED, counts__isnull=True, invitations__person=person
        ).distinct():
            round.counts = frozen_counts(round)
            round.save(update_fields=["counts"])
        secure_delete()
        invitations.delete()
        participations.delete()
        PersonalLink.objects.filter(person=person).delete()
        if rehab_past:
            delete_rehab_cases(rehab_past)
        for pk, text in comments:
            FreeText.objects.filter(pk=pk).update(text=text)
        person.first_name = person.last_name = person.email = person.phone = ""
        person.save(update_fields=["first_name", "last_name", "email", "phone"])  # bumps the staff names
        if account is not None:
            # One by one, so that each removal is audited as a role change (kasam.audit.signals).
            for assignment in RoleAssignment.objects.filter(user=account):
                assignment.delete()
            Training.objects.filter(user=account).delete()
            DigestSent.objects.filter(user=account).delete()
            ChecklistAnswer.objects.filter(user=account).delete()
            for rows in _login_records(account):
                rows.delete()
            account.username = ERASED_USERNAME.format(pk=account.pk)
            account.first_name = account.last_name = account.email = ""
            account.is_active = False
            account.set_unusable_password()
            account.save()
        # Whether the person had a rehabilitation case is for HR's eyes only (kasam.audit.views): the
        # erasure's entry, which the health strategist reads, leaves the cases out, and an entry of
        # its own that only HR reads says what became of them.
        general = {key: n for key, n in result.changed.items() if key not in REHAB_KEYS}
        record(user, AuditEntry.Action.ERASE_PERSON, person_id=person.pk, changed=general)
        if any(result.changed[key] for key in REHAB_KEYS):
            rehab = {key: result.changed[key] for key in REHAB_KEYS}
            record(user, AuditEntry.Action.CHANGE_REHAB_CASE, person_id=person.pk, erased=True, **rehab)
    return result
