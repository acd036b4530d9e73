"""Everything Kasam holds about one person, for a request under article 15 (`kasam gdpr export`, the
page at /gdpr/).

Written generically, so that a new table that names a person is not forgotten: every model of the
project (Django's own included) is walked, and every foreign key or one-to-one field to Person or to
the user model is searched – for the person, and for the person's user account when there is one
(`links`). tests/gdpr/test_person_export.py fails when a model gets such a field without rows for it
in its fixture, so each new one is looked at once.

Besides those rows, the audit log is searched for entries about the person that are not theirs: the
exports and erasure of the person's data (detail "person_id") and the changes of the user's roles
(detail "subject_user_id").

Nothing of anyone else leaves with it:
- a reference to another person or user (a foreign key to Person or the user model that is not the
  person's) is left out (null); in audit entries by others, the other user's name is left out too
  (the CJEU's Pankki S judgment, C-579/21: the log's entries about the person are theirs, the
  identity of the employee who made them in general is not), and so are the subjects in the detail
  of an entry by the person that concerns someone else;
- secrets and keyed hashes (the password hash, the pulse link hashes) and files (report contents)
  are left out: they tell the person nothing and would only help an attacker;
- the admin's change log keeps when and what kind of object only, not which object or its name.
What is in free-text fields the person wrote (a training note, a group's reflections) is exported as
written: the one handling the request reads them through before sending the file (docs/gdpr/).

Pulse answers and comments cannot be found: they are stored without any link to a person (ADR 008).
The export says so, and lists the invitations and participations (that the person was invited, and
on which day they answered) instead.

Rehabilitation cases (kasam.rehab) are HR's documentation, and whether a person has one is for the
person's manager and HR alone (docs/definitions.md "Roles and who sees what"). So the tables of the
rehab app, and the audit entries of its actions, are in an export only when it is made by HR over
one of the person's units (kasam.gdpr.access.sees_rehab_of) or by the administrator's command.
Otherwise they are left out without a trace – not searched, not counted – and the export says, for
every person alike, that rehabilitation documentation, if any, is exported by HR. When they are in:
- the person's own cases with everything under them (steps done, meetings, adjustments, plan
  versions, delegations). A delegation names the user it was given to (`user_name`): it says who saw
  the person's data, which the person has a right to know; other references to users are left out
  as everywhere. The audit entries of views and changes of the person's cases are listed like the
  other entries about the person, without the other user's name;
- what the person did in other persons' cases as a user (opened, closed, recorded a step, a meeting
  or a plan, delegated or was delegated a case) only as that and when: the id, the user columns and
  the day of the act (ACTS), never the case or its content, which are the other person's.
"""

import json

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kasam.audit.models import REHAB_ACTIONS, SYSTEM, AuditEntry
from kasam.core.dates import today
from kasam.core.export import safe_filename
from kasam.gdpr.access import sees_rehab_of
from kasam.org.models import Person
from kasam.rehab.models import Case

FORMAT_VERSION = 1
# Fields never exported (see the module).
OMITTED = {
    "accounts.User": {"password"},
    "mfa.Authenticator": {"data"},  # the TOTP secret, the recovery codes' seed, a security key's keys
    "pulse.Invitation": {"token_hash"},
    "pulse.Participation": {"link_hash", "idempotency_hash"},
    "workplace.PersonalLink": {"token_hash"},
    "admin.LogEntry": {"object_id", "object_repr", "change_message"},
}
# The app whose tables are HR's documentation (see the module); its audit actions are REHAB_ACTIONS.
REHAB_APP = "rehab"
# In a row of someone else's case that the person's account is named in: the day of each act.
ACTS = {
    "rehab.Case": {"opened_by": ("opened_on",), "closed_by": ("closed_on",)},
    "rehab.StepDone": {"done_by": ("done_on",)},
    "rehab.Meeting": {"recorded_by": ("held_on",)},
    "rehab.ReturnPlan": {"saved_by": ("saved_on",)},
    "rehab.Delegation": {"user": ("granted_on", "ends_on"), "granted_by": ("granted_on",)},
}
# Keys of an audit entry's detail that name the person or user it concerns.
SUBJECT_KEYS = {"person_id": "person", "subject_user_id": "user", "subject_username": "username"}


def links() -> list[tuple[type[models.Model], models.Field]]:
    """Every (model, field) of the project whose foreign key or one-to-one points to Person or to the
    user model – the tables that name a person – in a stable order."""
    targets = (Person, get_user_model())
    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if field.concrete and (field.many_to_one or field.one_to_one) and field.related_model in targets:
                found.append((model, field))
    return sorted(found, key=lambda link: (link[0]._meta.label, link[1].name))


def link_key(model: type[models.Model], field: models.Field) -> str:
    return f"{model._meta.label}.{field.name}"


def is_rehab(model: type[models.Model]) -> bool:
    return model._meta.app_label == REHAB_APP


def _case_person(obj: models.Model) -> str | None:
    """The person whose case a row of the rehab app belongs to (None: a row of no case)."""
    if obj._meta.label == "rehab.Case":
        return obj.person_id
    for field in obj._meta.concrete_fields:
        if field.is_relation and field.related_model._meta.label == "rehab.Case":
            case = getattr(obj, field.name)
            return case.person_id if case is not None else None
    return None


class _Subject:
    """The person and their user account, and how to write a row without anyone else in it."""

    def __init__(self, person: Person, rehab: bool = True):
        self.person = person
        self.user = person.user
        self.user_model = get_user_model()
        self.rehab = rehab
        self.case_ids: set[int] = set()
        if rehab:
            self.case_ids = set(Case.objects.filter(person=person).values_list("pk", flat=True))

    def owns(self, model, pk) -> bool:
        if pk is None:
            return True
        if model is Person:
            return pk == self.person.pk
        return self.user is not None and pk == self.user.pk

    def row(self, obj: models.Model) -> dict:
        label = obj._meta.label
        omitted = OMITTED.get(label, set())
        row = {}
        for field in obj._meta.concrete_fields:
            if field.name in omitted or isinstance(field, models.BinaryField):
                continue
            value = getattr(obj, field.attname)
            if field.is_relation and field.related_model in (Person, self.user_model):
                value = value if self.owns(field.related_model, value) else None
            elif field.is_relation and field.related_model is ContentType and value is not None:
                content_type = ContentType.objects.get_for_id(value)
                value = f"{content_type.app_label}.{content_type.model}"
            row[field.name] = value
        if isinstance(obj, AuditEntry):
            row.update(self._audit_row(obj))
        elif is_rehab(type(obj)):
            row = self._rehab_row(obj, row)
        return row

    def _rehab_row(self, obj: models.Model, row: dict) -> dict:
        """A row of the person's own case as it is, a delegation with the delegate's name; a row of
        someone else's case reduced to the person's acts and their days (see the module)."""
        owner = _case_person(obj)
        if owner is None or owner == self.person.pk:
            if obj._meta.label == "rehab.Delegation":
                row["user_name"] = obj.user.get_full_name() or obj.user.get_username()
            return row
        people = [
            f.name
            for f in obj._meta.concrete_fields
            if f.is_relation and f.related_model in (Person, self.user_model)
        ]
        acts = ACTS.get(obj._meta.label, {})
        kept = {"id": row["id"], **{name: row[name] for name in people}}
        for name, days in acts.items():
            if row.get(name) is not None:
                kept.update({day: row[day] for day in days})
        return kept

    def _audit_row(self, entry: AuditEntry) -> dict:
        by_subject = self.user is not None and entry.user_id == self.user.pk
        username = entry.username if by_subject or entry.username == SYSTEM else None
        detail = dict(entry.detail or {})
        if entry.action in REHAB_ACTIONS:  # only the person's own cases
            if "case" in detail and detail["case"] not in self.case_ids:
                detail["case"] = None
            if isinstance(detail.get("cases"), list):
                detail["cases"] = [pk for pk in detail["cases"] if pk in self.case_ids]
        for key, kind in SUBJECT_KEYS.items():
            if key not in detail:
                continue
            mine = {
                "person": detail[key] == self.person.pk,
                "user": self.user is not None and detail[key] == self.user.pk,
                "username": self.user is not None and detail[key] == self.user.get_username(),
            }[kind]
            if not mine:
                detail[key] = None
        return {"username": username, "detail": detail}


def _audit_about(subject: _Subject) -> list[AuditEntry]:
    """Audit entries about the person that the searched foreign keys do not find (not theirs): about
    the person or their account, and – with the rehab tables – about the person's cases."""
    about = Q(detail__person_id=subject.person.pk)
    if subject.user is not None:
        about |= Q(detail__subject_user_id=subject.user.pk)
    entries = AuditEntry.objects.filter(about)
    if subject.user is not None:
        entries = entries.exclude(user=subject.user)
    if not subject.rehab:
        return list(entries.exclude(action__in=REHAB_ACTIONS).order_by("pk"))
    found = {entry.pk: entry for entry in entries}
    if subject.case_ids:
        cases = AuditEntry.objects.filter(action__in=REHAB_ACTIONS)
        if subject.user is not None:
            cases = cases.exclude(user=subject.user)
        for entry in cases.iterator(chunk_size=2_000):
            detail = entry.detail or {}
            named = {detail.get("case"), *(detail.get("cases") or [])}
            if named & subject.case_ids:
                found[entry.pk] = entry
    return [found[pk] for pk in sorted(found)]


def _rehab_rows(subject: _Subject) -> list[models.Model]:
    """Everything under the person's own cases (their steps, meetings, adjustments, plan versions
    and delegations), which no foreign key to the person finds."""
    rows = []
    for relation in sorted(Case._meta.related_objects, key=lambda r: r.related_model._meta.label):
        model = relation.related_model
        found = model._base_manager.filter(**{f"{relation.field.name}__in": subject.case_ids})
        rows += list(found.select_related(*_user_fields(model)).order_by("pk"))
    return rows


def _user_fields(model: type[models.Model]) -> list[str]:
    return [
        f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model is get_user_model()
    ]


def rehab_note(included: bool) -> str:
    """What the export says of rehabilitation cases; the same for every person (see the module)."""
    if included:
        return _(
            "Rehabilitation cases: the person's cases with their steps, meetings, adjustments, plan "
            "versions and delegations, the last with the name of the user the case was delegated to (they "
            "saw the person's data). Of other persons' cases, only what the person did as a user and on "
            "which day."
        )
    return _("Rehabilitation documentation, if there is any, is exported by HR.")


def notes(rehab: bool = True) -> list[str]:
    return [
        _(
            "Pulse answers and comments are stored without any link to the person who gave them, so "
            "they cannot be found or exported. What is stored about the person is that they were "
            "invited to a round and whether, and on which day, they answered."
        ),
        _(
            "The employee survey is stored as counts per unit only; nothing of it belongs to one person. "
            "Sick-leave figures of units are aggregates over many persons and are not listed."
        ),
        _(
            "Audit entries: what the person did as a user, and what others did about the person – the "
            "exports and erasure of the person's data and the changes of their roles – without the "
            "other user's name. A view of a unit's early signals concerns a unit, not one person, and "
            "is not listed."
        ),
        _("References to other persons and users are left out (empty), as are passwords and link hashes."),
        rehab_note(rehab),
    ]


def build_export(person: Person, made_by=None) -> dict:
    """The export of one person as plain data (JSON-ready with DjangoJSONEncoder), made by `made_by`
    (None: the administrator's command); the rehab tables are in it only when `made_by` may see them
    (see the module)."""
    subject = _Subject(person, rehab=sees_rehab_of(made_by, person))
    tables: dict[str, dict] = {}
    searched = []
    for model, field in links():
        if is_rehab(model) and not subject.rehab:
            continue
        target = subject.person if field.related_model is Person else subject.user
        found = model._base_manager.filter(**{field.name: target}) if target is not None else None
        if found is not None and model is AuditEntry and not subject.rehab:
            found = found.exclude(action__in=REHAB_ACTIONS)
        rows = list(found.order_by("pk")) if found is not None else []
        if model is Person:  # the person's own row, under "person"
            searched.append({"table": link_key(model, field), "rows": len(rows), "see": "person"})
            continue
        searched.append({"table": link_key(model, field), "rows": len(rows)})
        table = tables.setdefault(model._meta.label, {})
        for obj in rows:
            table[str(obj.pk)] = subject.row(obj)
    if subject.rehab:
        for obj in _rehab_rows(subject):
            tables.setdefault(obj._meta.label, {})[str(obj.pk)] = subject.row(obj)
    about = _audit_about(subject)
    searched.append({"table": "audit.AuditEntry.detail", "rows": len(about)})
    audit = tables.setdefault(AuditEntry._meta.label, {})
    for entry in about:
        audit[str(entry.pk)] = subject.row(entry)
    made_by_name = made_by.get_username() if made_by is not None else SYSTEM
    return {
        "about": {
            "format": FORMAT_VERSION,
            "what": _("Everything Kasam holds about one person (GDPR article 15)."),
            "made_at": timezone.localtime(),
            "made_by": made_by_name,
            "reference_date": today(),
            "notes": notes(subject.rehab),
        },
        "person": subject.row(person),
        "user_account": subject.row(subject.user) if subject.user is not None else None,
        "tables": {label: _in_order(rows) for label, rows in sorted(tables.items()) if rows},
        "searched": searched,
    }


def _in_order(rows: dict[str, dict]) -> list[dict]:
    """A table's rows by id (numbers as numbers)."""
    return [rows[pk] for pk in sorted(rows, key=lambda pk: (0, int(pk), "") if pk.isdigit() else (1, 0, pk))]


def dumps(export: dict) -> str:
    return json.dumps(export, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def filename(person: Person) -> str:
    """The download's name: the person's id and the day, in plain ASCII (kasam.core.export)."""
    return safe_filename(f"kasam-person-{person.pk}-{today().isoformat()}", "json")
