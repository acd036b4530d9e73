"""An audit entry's detail in words, as the log page and its file show it: each key by its name in
the reader's language ("fil", "sparad"), yes and no as words, dates as dates, lists and nested counts
written out – never a Python dict or an English key. The stored detail stays as it was written (a
JSON object with English keys): only its reading is translated."""

from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kasam.core.formatting import format_date, format_number
from kasam.org.models import Role

LABELS = {
    # imports
    "kind": _("kind"),
    "file": _("file"),
    "sha256": _("SHA-256"),
    "bytes": _("bytes"),
    "dry_run": _("trial run"),
    "saved": _("saved"),
    "scope": _("scope"),
    "errors": _("errors"),
    "created": _("added"),
    "updated": _("updated"),
    "unchanged": _("unchanged"),
    "deleted": _("removed"),
    "changed": _("changed"),
    "changed_more": _("further changed"),
    # releases, exports and reports
    "period": _("period"),
    "version": _("version"),
    "format": _("format"),
    "round": _("round"),
    "survey": _("survey"),
    "report": _("report"),
    # the log itself, early signals, persons
    "filters": _("filters"),
    "rows": _("rows"),
    "type": _("type"),
    "action": _("action"),
    "user": _("user"),
    "unit": _("unit"),
    "date_from": _("from"),
    "date_to": _("to"),
    "staff": _("staff"),
    "persons_shown": _("persons shown"),
    "signal": _("signal"),
    "status": _("status"),
    "person_id": _("person"),
    "via": _("via"),
    # roles and logins
    "role": _("role"),
    "subject_user_id": _("account id"),
    "subject_username": _("account"),
    "methods": _("how"),
    "providers": _("identity provider"),
    "second_factor_by": _("second factor by"),
    # retention
    "cutoffs": _("deleted up to"),
    "counts": _("deleted"),
    "pulse_answers": _("pulse answers"),
    "pulse_free_text": _("pulse comments"),
    "pulse_participation": _("pulse invitations and participations"),
    "absences": _("absences"),
    "audit_log": _("audit entries"),
    "reports": _("reports"),
    "rehab_cases": _("closed rehabilitation cases"),
    # rehabilitation cases (read by HR alone)
    "case": _("rehabilitation case"),
    "cases": _("rehabilitation cases"),
    "source": _("opened from"),
    "step": _("step"),
    "closed": _("closed"),
    "delegated_to": _("delegated to"),
    "until": _("until"),
    "plan": _("plan version"),
    "meeting": _("meeting"),
    "adjustment": _("adjustment"),
    "erased": _("erased"),
    "rehab_cases_deleted": _("cases deleted"),
    "rehab_case_rows_deleted": _("rows of cases deleted"),
    "rehab_cases_kept": _("cases kept"),
    "rehab_digests_deleted": _("weekly digests deleted"),
    # delegated work-environment tasks (kasam.sam.delegation_views)
    "delegation": _("work-environment task"),
    "holder": _("given to"),
}
# Values that are words of Kasam's own: how a login was made, the whole organisation as a scope, the
# kinds of import and release (a role is named by its label: kasam.org.models.Role).
VALUES = {
    "password": _("password"),
    "mfa": _("second factor"),
    "socialaccount": _("single sign-on"),
    "organisation": _("the whole organisation"),
    "units": _("units"),
    "people": _("people"),
    "employments": _("employments"),
    "absences": _("absences"),
    "budget": _("budget"),
    "costs": _("costs"),
    "salaries": _("salaries"),
    "sick-leave": _("sick leave"),
    "repeated": _("repeated short-term absence"),
    "open_case": _("ongoing sick case"),
    "returning": _("back after a long absence"),
    "new": _("new"),
    "contacted": _("contacted"),
    "handled": _("handled"),
    "command": _("the command line"),
    "own": _("one's own page"),
    # where a rehabilitation case was opened from, and its steps (kasam.metrics.rehab)
    "long_term": _("a long sick leave"),
    "repeated_short_term": _("repeated short sick leave"),
    "manual": _("by hand"),
    "first_contact": _("first contact"),
    "certificate": _("doctor's certificate"),
    "fk_report": _("report to Försäkringskassan"),
    "return_plan": _("plan for the return to work"),
    "day_90": _("assessment at day 90"),
    "day_180": _("assessment at day 180"),
    "day_365": _("assessment at day 365"),
    "health_conversation": _("health conversation"),
    "follow_up": _("follow-up after the return"),
    # the files of the work-environment cycle (kasam.sam)
    "inspection_pack": _("the material for an inspection"),
    "sam_followup": _("the yearly follow-up of the work environment"),
}


def label(key: str) -> str:
    return str(LABELS.get(key, key))


def _word(value: str) -> str:
    if value in Role.values:
        return str(Role(value).label)
    return str(VALUES.get(value, value))


def value_text(value) -> str:
    """One value in words: yes/no, a date, a number with Swedish grouping, a list, nested pairs."""
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, dict):
        return ", ".join(f"{label(k)} {value_text(v)}" for k, v in sorted(value.items()))
    if isinstance(value, list):
        return ", ".join(value_text(item) for item in value)
    if isinstance(value, str):
        try:
            return format_date(date.fromisoformat(value)) if len(value) == 10 else _word(value)
        except ValueError:
            return _word(value)
    return str(value)


def detail_text(detail: dict | None) -> str:
    """The detail as "name: value" pairs separated by semicolons (a value may be a list)."""
    return "; ".join(f"{label(key)}: {value_text(value)}" for key, value in sorted((detail or {}).items()))
