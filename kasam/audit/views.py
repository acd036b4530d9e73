"""The audit log's viewer at /logg/ (VIEW_AUDIT_LOG: the health strategist and HR; Django superusers
too): every entry in the viewer's scope, newest first, filtered by what, user name, unit and dates
from the query string, 50 a page, and the same selection as a CSV file (kasam.core.export) – a
download that is itself written to the log.

Scope: a viewer whose role covers the whole organisation (assigned over a root unit), and a
superuser, see every entry; one whose role covers a part sees the entries about the units in it –
entries about no unit (report downloads, GDPR actions) belong to the whole organisation.

The entries of rehabilitation cases (opened, viewed, changed: REHAB_ACTIONS) are HR's alone: shown –
on the page, in the file and among the filter's choices – only to a viewer who holds HR's part in
cases (CLOSE_REHAB_CASES), and of those only the ones about units under that role (every one for a
role over the whole organisation). Not to the health strategist, and not to a superuser without the
role: which persons have a case is for their manager and HR (docs/definitions.md "Roles and who sees
what")."""

from datetime import datetime, time, timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from kasam.audit import details
from kasam.audit.forms import LogFilterForm
from kasam.audit.models import REHAB_ACTIONS, AuditEntry, record
from kasam.core import export
from kasam.org import access
from kasam.org.roles import Capability

PER_PAGE = 50
HEADER = [_("Time"), _("User"), _("What"), _("Unit id"), _("Details")]


def may_view(user) -> bool:
    return user.is_superuser or access.can(user, Capability.VIEW_AUDIT_LOG)


def entries_for(user) -> QuerySet[AuditEntry]:
    """The entries the user may read (see the module)."""
    return _in_scope(user).filter(_rehab_condition(user))


def _in_scope(user) -> QuerySet[AuditEntry]:
    if user.is_superuser:
        return AuditEntry.objects.all()
    units = access.units_for(user, Capability.VIEW_AUDIT_LOG)
    if units.filter(parent__isnull=True).exists():
        return AuditEntry.objects.all()
    return AuditEntry.objects.filter(unit_id__in=units.values("pk"))


def reads_rehab(user) -> bool:
    """Whether the user reads any entry of rehabilitation cases (HR)."""
    return access.can(user, Capability.CLOSE_REHAB_CASES)


def _rehab_condition(user) -> Q:
    """Which entries of rehabilitation cases the user reads: none, those of HR's units, or all."""
    others = ~Q(action__in=REHAB_ACTIONS)
    if not reads_rehab(user):
        return others
    units = access.units_for(user, Capability.CLOSE_REHAB_CASES)
    if units.filter(parent__isnull=True).exists():
        return Q()
    return others | Q(unit_id__in=units.values("pk"))


def _start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filtered(entries: QuerySet[AuditEntry], data: dict) -> QuerySet[AuditEntry]:
    if data.get("action"):
        entries = entries.filter(action=data["action"])
    if data.get("user"):
        entries = entries.filter(username__icontains=data["user"].strip())
    if data.get("unit"):
        entries = entries.filter(unit_id=data["unit"].strip())
    if data.get("date_from"):
        entries = entries.filter(at__gte=_start(data["date_from"]))
    if data.get("date_to"):
        entries = entries.filter(at__lt=_start(data["date_to"] + timedelta(days=1)))
    return entries.order_by("-at", "-id")


def _selection(request) -> tuple[LogFilterForm, QuerySet[AuditEntry]]:
    if not may_view(request.user):
        raise PermissionDenied
    form = LogFilterForm(request.GET or None, rehab=reads_rehab(request.user))
    entries = entries_for(request.user)
    if form.is_bound and not form.is_valid():
        return form, entries.none()
    return form, filtered(entries, form.cleaned_data if form.is_bound else {})


def detail_text(entry: AuditEntry) -> str:
    """The detail in words, as the page and the file show it (kasam.audit.details)."""
    return details.detail_text(entry.detail)


@login_required
@require_GET
def log(request):
    form, entries = _selection(request)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    rows = [(entry, detail_text(entry)) for entry in page.object_list]
    return render(
        request,
        "audit/log.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "handles_personal_data": access.can(request.user, Capability.HANDLE_PERSONAL_DATA),
        },
    )


@login_required
@require_GET
def export_csv(request):
    form, entries = _selection(request)
    rows = [
        [timezone.localtime(e.at), e.username, e.get_action_display(), e.unit_id, detail_text(e)]
        for e in entries.iterator(chunk_size=2_000)
    ]
    chosen = form.cleaned_data if form.is_bound else {}
    filters = {key: str(value) for key, value in chosen.items() if value}
    record(request.user, AuditEntry.Action.EXPORT_AUDIT_LOG, filters=filters, rows=len(rows))
    name = f"granskningslogg-{timezone.localdate().isoformat()}"
    return export.csv_response(name, [str(column) for column in HEADER], rows)
