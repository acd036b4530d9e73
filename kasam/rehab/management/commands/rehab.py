"""`kasam rehab …`: rehabilitation cases on the command line (docs/rehabilitation.md).

    kasam rehab cases --as USERNAME [--open] [--format json]

`cases` prints exactly the cases USERNAME may see (kasam.rehab.access), each with its steps; a user
who may see none gets an empty list. The reading is written to the audit log as that user's."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kasam.audit.models import AuditEntry, record
from kasam.core.dates import today
from kasam.rehab import access, cases


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def case_json(case) -> dict:
    """One case as the command prints it (the keys are a contract; the values are not translated)."""
    return {
        "id": case.pk,
        "person": case.person_id,
        "unit": case.unit_id,
        "opened_on": _iso(case.opened_on),
        "source": case.source,
        "sick_case_start": _iso(case.sick_case_start),
        "expected_last_day": _iso(case.sick_case_end),
        "status": "open" if case.is_open else "closed",
        "steps": [
            {"step": s.step, "due": _iso(s.due), "status": s.status, "done_on": _iso(s.done_on)}
            for s in cases.steps(case)
        ],
    }


class Command(BaseCommand):
    help = "Rehabilitation cases: list the cases a user may see."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        p = sub.add_parser("cases", help="The cases a user may see, with their steps.")
        p.add_argument("--as", dest="username", required=True, help="The user whose view to print.")
        p.add_argument("--open", action="store_true", help="Only the open cases.")
        p.add_argument("--format", choices=["table", "json"], default="table", help="Output format.")

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _cases(self, username=None, open=False, format="table", **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username}.")
        found = access.cases_for(user, today()).prefetch_related("steps_done").order_by("opened_on", "pk")
        if open:
            found = found.filter(closed_on__isnull=True)
        rows = [case_json(case) for case in found]
        record(user, AuditEntry.Action.VIEW_REHAB_CASE, "", cases=[row["id"] for row in rows], via="command")
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        for row in rows:
            waiting = [s for s in row["steps"] if s["status"] == "open"]
            next_step = f"{waiting[0]['step']} {waiting[0]['due']}" if waiting else "-"
            self.stdout.write(
                f"{row['id']}\t{row['person']}\t{row['unit']}\t{row['source']}\t{row['status']}\t{next_step}"
            )
        self.stdout.write(f"{len(rows)} cases.")
