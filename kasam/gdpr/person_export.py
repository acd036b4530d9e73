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

from kasam.audit.models import SYSTEM, AuditEntry
from kasam.core.dates import today
from kasam.core.export import safe_filename
from kasam.org.models import Person

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


class _Subject:
    """The person and their user account, and how to write a row without anyone else in it."""

    def __init__(self, person: Person):
        self.person = person
        self.user = person.user
        self.user_model = get_user_model()

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
        return row

    def _audit_row(self, entry: AuditEntry) -> dict:
        by_subject = self.user is not None and entry.user_id == self.user.pk
        username = entry.username if by_subject or entry.username == SYSTEM else None
        detail = dict(entry.detail or {})
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


def _audit_about(subject: _Subject):
    """Audit entries about the person that the searched foreign keys do not find (not theirs)."""
    about = Q(detail__person_id=subject.person.pk)
    if subject.user is not None:
        about |= Q(detail__subject_user_id=subject.user.pk)
        return AuditEntry.objects.filter(about).exclude(user=subject.user)
    return AuditEntry.objects.filter(about)


def notes() -> list[str]:
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
    ]


def build_export(person: Person, made_by=None) -> dict:
    """The export of one person as plain data (JSON-ready with DjangoJSONEncoder)."""
    subject = _Subject(person)
    tables: dict[str, dict] = {}
    searched = []
    for model, field in links():
        target = subject.person if field.related_model is Person else subject.user
        found = model._base_manager.filter(**{field.name: target}) if target is not None else None
        rows = list(found.order_by("pk")) if found is not None else []
        if model is Person:  # the person's own row, under "person"
            searched.append({"table": link_key(model, field), "rows": len(rows), "see": "person"})
            continue
        searched.append({"table": link_key(model, field), "rows": len(rows)})
        table = tables.setdefault(model._meta.label, {})
        for obj in rows:
            table[str(obj.pk)] = subject.row(obj)
    about = list(_audit_about(subject).order_by("pk"))
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
            "notes": notes(),
        },
        "person": subject.row(person),
        "user_account": subject.row(subject.user) if subject.user is not None else None,
        "tables": {label: list(rows.values()) for label, rows in sorted(tables.items()) if rows},
        "searched": searched,
    }


def dumps(export: dict) -> str:
    return json.dumps(export, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def filename(person: Person) -> str:
    """The download's name: the person's id and the day, in plain ASCII (kasam.core.export)."""
    return safe_filename(f"kasam-person-{person.pk}-{today().isoformat()}", "json")
