"""The rehabilitation pages (docs/rehabilitation.md): the list of cases one may see, a case with its
steps, opening a case and, for HR, closing and delegating one. Every view and change is audited;
a case outside one's reach is "not found" (kasam.rehab.access)."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from kasam.absence.conf import sick_leave_settings
from kasam.audit.models import AuditEntry, record
from kasam.core.dates import today
from kasam.metrics import rehab
from kasam.org import access as org_access
from kasam.org.models import Person, Role, RoleAssignment
from kasam.org.roles import Capability
from kasam.rehab import access, cases
from kasam.rehab.forms import (
    STATUS_LABELS,
    STEP_LABELS,
    CloseCaseForm,
    DelegationForm,
    OpenCaseForm,
    StepDoneForm,
)
from kasam.rehab.models import Case, Delegation, StepDone

PER_PAGE = 50


def step_rows(case: Case, day: date) -> list[dict]:
    """The case's steps for a page: label, due date, status in words, overdue or not, who did it."""
    done = {row.step: row for row in case.steps_done.all()}
    rows = []
    for step in cases.steps(case):
        row = done.get(step.step)
        rows.append(
            {
                "step": step.step,
                "label": STEP_LABELS[step.step],
                "due": step.due,
                "status": step.status,
                "status_label": STATUS_LABELS[step.status],
                "overdue": step.status == rehab.OPEN and step.due is not None and step.due < day,
                "done_on": step.done_on,
                "on_time": step.on_time,
                "done_by": (row.done_by.get_full_name() or row.done_by.get_username())
                if row and row.done_by
                else "",
                "note": row.note if row else "",
            }
        )
    return rows


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def open_rows(found, day: date) -> list[dict]:
    """The open cases among `found`, the next step first (by its due date; cases with none last, then by
    id): each {"pk", "next", "next_label", "overdue"}. The next step is computed from the stored fields
    and the done steps (one query), without a model object per case, so that HR's thousands of open
    cases sort fast; only the page's cases are loaded afterwards."""
    open_cases = found.filter(closed_on__isnull=True)
    done: dict[int, dict[str, date]] = {}
    for case_id, step, done_on in StepDone.objects.filter(case__in=open_cases.values("pk")).values_list(
        "case_id", "step", "done_on"
    ):
        done.setdefault(case_id, {})[step] = done_on
    settings = sick_leave_settings()
    rows = []
    for pk, source, start, end, opened, learned, chosen in open_cases.values_list(
        "pk", "source", "sick_case_start", "sick_case_end", "opened_on", "learned_long_on", "chosen_steps"
    ):
        computed = rehab.chain(
            source,
            start,
            end,
            opened_on=opened,
            learned_long_on=learned,
            chosen=chosen,
            done=done.get(pk, {}),
            settings=settings,
        )
        waiting = [s for s in computed if s.status == rehab.OPEN and s.due is not None]
        following = min(waiting, key=lambda s: s.due) if waiting else None
        row = {"pk": pk, "next": following}
        if following is not None:
            row |= {"next_label": STEP_LABELS[following.step], "overdue": following.due < day}
        rows.append(row)
    rows.sort(key=lambda r: (r["next"] is None, r["next"].due if r["next"] else date.max, r["pk"]))
    return rows


def _may_list(user, day: date) -> bool:
    """Managers and HR, and one HR has delegated a case to while the delegation runs."""
    return (
        org_access.can(user, Capability.HANDLE_REHAB_CASES)
        or Delegation.objects.filter(user=user, ends_on__gte=day).exists()
    )


@login_required
@require_http_methods(["GET"])
def case_list(request):
    """The cases the user may see: the open ones, the next step first; or the closed ones."""
    day = today()
    if not _may_list(request.user, day):
        raise PermissionDenied
    closed = request.GET.get("visa") == "avslutade"
    found = access.cases_for(request.user, day)
    if closed:
        # Counted and cut to the page in the database: thousands of closed cases are never loaded.
        ordered = (
            found.filter(closed_on__isnull=False)
            .select_related("person", "unit")
            .order_by("-closed_on", "-pk")
        )
        page = Paginator(ordered, PER_PAGE).get_page(request.GET.get("sida"))
        page.object_list = [{"case": case} for case in page.object_list]
    else:
        page = Paginator(open_rows(found, day), PER_PAGE).get_page(request.GET.get("sida"))
        shown = Case.objects.select_related("person", "unit").in_bulk([row["pk"] for row in page.object_list])
        page.object_list = [{**row, "case": shown[row["pk"]]} for row in page.object_list]
    record(
        request.user,
        AuditEntry.Action.VIEW_REHAB_CASE,
        "",
        cases=[row["case"].pk for row in page.object_list],
    )
    return render(
        request,
        "rehab/list.html",
        {
            "page": page,
            "closed": closed,
            "today": day,
            "is_hr": org_access.can(request.user, Capability.CLOSE_REHAB_CASES),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def open_case(request, person_id: str):
    """Open a case about a person one manages (or, for HR, of a unit in scope): from the source the
    early-signals list names, or by hand with chosen steps."""
    day = today()
    person = Person.objects.filter(pk=person_id).first()
    if person is None or not access.may_open_for(request.user, person, day):
        raise Http404
    existing = person.rehab_cases.filter(closed_on__isnull=True).first()
    if existing is not None and access.cases_for(request.user, day).filter(pk=existing.pk).exists():
        messages.info(request, gettext("The employee already has an open case."))
        return redirect("rehab:case", case_id=existing.pk)
    source = request.POST.get("source") or request.GET.get("fran") or rehab.MANUAL
    if source not in rehab.SOURCES:
        source = rehab.MANUAL
    form = OpenCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = cases.open_case(person, source, request.user, day, tuple(form.cleaned_data["steps"]))
        except cases.CaseRefused as refused:
            form.add_error(None, _refusal_text(str(refused)))
        else:
            messages.success(request, gettext("The case is open. The employee is told about it."))
            return redirect("rehab:case", case_id=case.pk)
    return render(
        request,
        "rehab/open.html",
        {"person": person, "source": source, "sources": Case.Source.choices, "form": form},
    )


def _refusal_text(reason: str) -> str:
    """The refusal in the reader's language (cases.CaseRefused speaks English for the log)."""
    texts = {
        "The person already has an open case.": gettext("The employee already has an open case."),
        "Choose at least one step.": gettext("Choose at least one step."),
        "The person has no sick case for this kind of case.": gettext(
            "The employee has no sick leave of this kind. Open the case by hand instead."
        ),
        "Steps that follow the sick leave need a sick case running today.": gettext(
            "The employee is not on sick leave today: choose only a health conversation."
        ),
    }
    return texts.get(reason, reason)


@login_required
@require_http_methods(["GET"])
def case_detail(request, case_id: int):
    day = today()
    case = access.get_case(request.user, case_id)
    record(request.user, AuditEntry.Action.VIEW_REHAB_CASE, case.unit_id, case=case.pk)
    is_hr = access.is_hr_for(request.user, case)
    context = {
        "case": case,
        "steps": step_rows(case, day),
        "today": day,
        "is_hr": is_hr,
        "managers": access.managers_of(case.unit),
        "delegations": case.delegations.filter(ends_on__gte=day).select_related("user"),
        "close_form": CloseCaseForm() if is_hr and case.is_open else None,
        "delegation_form": DelegationForm(managers=_area_managers(case)) if is_hr and case.is_open else None,
    }
    context["parts"] = [section(request, case, day) for section in SECTIONS]
    return render(request, "rehab/case.html", context)


# More parts of a case's page (the plan for the return to work, adjustments, meetings): each a function
# (request, case, day) → safe HTML, listed here by the module that owns it.
SECTIONS: list = []


@login_required
@require_POST
def step_done(request, case_id: int):
    case = access.get_case(request.user, case_id)
    form = StepDoneForm(request.POST)
    if form.is_valid() and case.is_open:
        data = form.cleaned_data
        cases.mark_done(case, data["step"], data["done_on"], request.user, data["note"].strip())
        messages.success(request, gettext("The step is marked as done."))
    else:
        messages.error(request, gettext("The step could not be saved. Give the day it was done."))
    return redirect("rehab:case", case_id=case.pk)


@login_required
@require_POST
def close_case(request, case_id: int):
    """HR closes a case by hand, with a reason."""
    case = access.get_case(request.user, case_id)
    if not access.is_hr_for(request.user, case):
        raise Http404
    form = CloseCaseForm(request.POST)
    if form.is_valid() and case.is_open:
        cases.close_by_hand(case, request.user, form.cleaned_data["reason"].strip(), today())
        messages.success(request, gettext("The case is closed."))
    else:
        messages.error(request, gettext("Write why the case is closed."))
    return redirect("rehab:case", case_id=case.pk)


def _area_managers(case: Case) -> list:
    """The area managers over the case's unit: whom HR may delegate the case to."""
    if case.unit is None:
        return []
    paths = [case.unit.path[: i + 1] for i, ch in enumerate(case.unit.path) if ch == "/"][1:]
    found = RoleAssignment.objects.filter(role=Role.AREA_MANAGER, unit__path__in=paths).select_related("user")
    return sorted({a.user for a in found}, key=lambda u: u.get_full_name() or u.get_username())


@login_required
@require_POST
def delegate(request, case_id: int):
    """HR lets an area manager over the case's unit see and work the case until an end date."""
    day = today()
    case = access.get_case(request.user, case_id)
    if not access.is_hr_for(request.user, case):
        raise Http404
    candidates = _area_managers(case)
    form = DelegationForm(request.POST, managers=candidates)
    if form.is_valid() and form.cleaned_data["ends_on"] >= day:
        user = next(u for u in candidates if str(u.pk) == form.cleaned_data["user"])
        Delegation.objects.create(
            case=case,
            user=user,
            granted_by=request.user,
            granted_on=day,
            ends_on=form.cleaned_data["ends_on"],
        )
        record(
            request.user,
            AuditEntry.Action.CHANGE_REHAB_CASE,
            case.unit_id,
            case=case.pk,
            delegated_to=user.get_username(),
            until=form.cleaned_data["ends_on"].isoformat(),
        )
        messages.success(request, gettext("The area manager can see the case until the day given."))
    else:
        messages.error(request, gettext("Choose an area manager and a day from today on."))
    return redirect("rehab:case", case_id=case.pk)
