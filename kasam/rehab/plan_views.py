"""The plan for the return to work, the adjustments and the meetings of a case (docs/rehabilitation.md),
and the person's own page where they read their plan. The case pages are for those who see the case
(kasam.rehab.access: "not found" for everyone else); the own page shows a signed-in person only their
own cases. Every view and change is audited. The case page shows these parts through views.SECTIONS."""

import re
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from kasam.audit.models import AuditEntry, record
from kasam.core.dates import today
from kasam.metrics import rehab
from kasam.org.models import Person
from kasam.rehab import access, cases, medical, pdf, plans, views
from kasam.rehab.forms import STEP_LABELS
from kasam.rehab.models import Adjustment, Case, ReturnPlan
from kasam.rehab.plan_forms import AdjustmentForm, MeetingForm, PlanForm, RecheckForm


def _open_case(request, case_id: int) -> Case | None:
    """The case if the user sees it (else "not found"); None for a closed case, which is read and
    printed, never changed."""
    case = access.get_case(request.user, case_id)
    if case.is_open:
        return case
    messages.info(request, gettext("The case is closed: it can be read and printed, not changed."))
    return None


def _viewed(request, case: Case, **detail) -> None:
    record(request.user, AuditEntry.Action.VIEW_REHAB_CASE, case.unit_id, case=case.pk, **detail)


# ------------------------------------------------------------------------------------------- the plan


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, case_id: int):
    """Write a new version of the plan, together with the employee; the latest version fills the form."""
    case = _open_case(request, case_id)
    if case is None:
        return redirect("rehab:case", case_id=case_id)
    latest = plans.latest(case)
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            plan = plans.save_version(case, form.cleaned_data, request.user, today())
            messages.success(request, gettext("Version %(n)s of the plan is saved.") % {"n": plan.version})
            return redirect(reverse("rehab:case", args=[case.pk]) + "#plan-title")
    else:
        initial = {name: getattr(latest, name) for name in plans.FIELDS} if latest else {}
        form = PlanForm(initial=initial)
        _viewed(request, case, part="plan")
    context = {
        "case": case,
        "form": form,
        "latest": latest,
        "adjustments": case.adjustments.all(),
    }
    return render(request, "rehab/plan_edit.html", context)


def _pdf_response(case: Case, plan: ReturnPlan) -> HttpResponse:
    response = HttpResponse(pdf.plan_pdf(case, plan), content_type="application/pdf")
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", str(case.pk))
    response["Content-Disposition"] = f'attachment; filename="plan-aterg-{name}-v{plan.version}.pdf"'
    return response


@login_required
@require_http_methods(["GET"])
def plan_pdf(request, case_id: int, version: int):
    """One version of the plan as a tagged PDF, for printing."""
    case = access.get_case(request.user, case_id)
    plan = get_object_or_404(case.plans, version=version)
    _viewed(request, case, version=plan.version, pdf=True)
    return _pdf_response(case, plan)


# ------------------------------------------------------------------------------------ the adjustments


def _adjustment_page(request, case: Case, adjustment: Adjustment | None):
    form = AdjustmentForm(request.POST or None, instance=adjustment)
    back = request.POST.get("tillbaka") or request.GET.get("tillbaka") or ""
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.case = case
        saved.save()
        record(
            request.user,
            AuditEntry.Action.CHANGE_REHAB_CASE,
            case.unit_id,
            case=case.pk,
            adjustment=saved.pk,
        )
        messages.success(request, gettext("The adjustment is saved."))
        if back == "plan":
            return redirect("rehab:plan-edit", case_id=case.pk)
        return redirect(reverse("rehab:case", args=[case.pk]) + "#adjustments-title")
    if request.method == "GET":
        _viewed(request, case, part="adjustment")
    return render(
        request,
        "rehab/adjustment_form.html",
        {"case": case, "form": form, "adjustment": adjustment, "back": "plan" if back == "plan" else ""},
    )


@login_required
@require_http_methods(["GET", "POST"])
def adjustment_new(request, case_id: int):
    """Add a work adjustment from the catalogue."""
    case = _open_case(request, case_id)
    if case is None:
        return redirect("rehab:case", case_id=case_id)
    return _adjustment_page(request, case, None)


@login_required
@require_http_methods(["GET", "POST"])
def adjustment_edit(request, case_id: int, adjustment_id: int):
    """Change an adjustment: its days, and whether it helped."""
    case = _open_case(request, case_id)
    if case is None:
        return redirect("rehab:case", case_id=case_id)
    return _adjustment_page(request, case, get_object_or_404(case.adjustments, pk=adjustment_id))


# --------------------------------------------------------------------------------------- the meetings


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request, case_id: int):
    """Record a meeting: with the employee, occupational health or Försäkringskassan."""
    case = _open_case(request, case_id)
    if case is None:
        return redirect("rehab:case", case_id=case_id)
    form = MeetingForm(request.POST or None, initial={"held_on": today()})
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.case, meeting.recorded_by = case, request.user
        meeting.save()
        record(
            request.user, AuditEntry.Action.CHANGE_REHAB_CASE, case.unit_id, case=case.pk, meeting=meeting.pk
        )
        messages.success(request, gettext("The meeting is saved."))
        return redirect(reverse("rehab:case", args=[case.pk]) + "#meetings-title")
    if request.method == "GET":
        _viewed(request, case, part="meeting")
    return render(request, "rehab/meeting_form.html", {"case": case, "form": form})


# ------------------------------------------- the case page's own short texts, checked before they go


def _recheck(request, case: Case, action: str, text_name: str, label: str, hidden: dict):
    """Show a step's note or the close reason again with the warning (kasam.rehab.medical)."""
    form = RecheckForm({"text": request.POST.get(text_name, "")})
    form.is_valid()
    return render(
        request,
        "rehab/recheck.html",
        {
            "case": case,
            "form": form,
            "action": action,
            "text_name": text_name,
            "label": label,
            "hidden": hidden,
        },
    )


@login_required
@require_POST
def step_done(request, case_id: int):
    """views.step_done, after the note is checked for medical detail."""
    case = access.get_case(request.user, case_id)
    if not request.POST.get("no_medical") and medical.hints(request.POST.get("note", "")):
        return _recheck(
            request,
            case,
            reverse("rehab:step", args=[case.pk]),
            "note",
            gettext("Note"),
            {"step": request.POST.get("step", ""), "done_on": request.POST.get("done_on", "")},
        )
    return views.step_done(request, case_id)


@login_required
@require_POST
def close_case(request, case_id: int):
    """views.close_case, after the reason is checked for medical detail."""
    case = access.get_case(request.user, case_id)
    if not access.is_hr_for(request.user, case):
        raise Http404
    if not request.POST.get("no_medical") and medical.hints(request.POST.get("reason", "")):
        return _recheck(
            request,
            case,
            reverse("rehab:close", args=[case.pk]),
            "reason",
            gettext("Why the case is closed"),
            {},
        )
    return views.close_case(request, case_id)


# ------------------------------------------------------------------------------ the case page's parts


def plan_section(request, case: Case, day: date) -> str:
    versions = list(case.plans.select_related("saved_by").order_by("-version"))
    return render_to_string(
        "rehab/_plan_section.html",
        {"case": case, "latest": versions[0] if versions else None, "versions": versions},
        request=request,
    )


def adjustments_section(request, case: Case, day: date) -> str:
    return render_to_string(
        "rehab/_adjustments_section.html",
        {"case": case, "adjustments": case.adjustments.all(), "today": day},
        request=request,
    )


def meetings_section(request, case: Case, day: date) -> str:
    return render_to_string(
        "rehab/_meetings_section.html",
        {
            "case": case,
            "meetings": case.meetings.order_by("-held_on", "-pk"),
            "form": MeetingForm(initial={"held_on": day}) if case.is_open else None,
        },
        request=request,
    )


for _section in (plan_section, adjustments_section, meetings_section):
    if _section not in views.SECTIONS:
        views.SECTIONS.append(_section)


# ------------------------------------------------------------------------------ the person's own page


def own_person(user) -> Person | None:
    return Person.objects.filter(user=user).first() if user.is_authenticated else None


def _coming_steps(case: Case, day: date) -> list[dict]:
    """The open steps due from `day` on, soonest first (one whose day has passed is the employer's to
    catch up, not the person's to read about)."""
    waiting = [s for s in cases.steps(case) if s.status == rehab.OPEN and s.due is not None and s.due >= day]
    return [{"label": STEP_LABELS[s.step], "due": s.due} for s in sorted(waiting, key=lambda s: s.due)]


@login_required
@require_http_methods(["GET"])
def mine(request):
    """The signed-in person's own cases: the latest plan, its versions, the adjustments and the dates of
    the coming steps – never the notes of the steps or the meetings."""
    day = today()
    person = own_person(request.user)
    found = list(person.rehab_cases.order_by("-opened_on", "-pk")) if person else []
    rows = []
    for case in found:
        versions = list(case.plans.select_related("saved_by").order_by("-version"))
        latest = versions[0] if versions else None
        rows.append(
            {
                "case": case,
                "latest": latest,
                "measures": plans.measure_rows(latest.measures) if latest else [],
                "versions": versions,
                "adjustments": case.adjustments.all(),
                "coming": _coming_steps(case, day) if case.is_open else [],
            }
        )
    if found:
        record(request.user, AuditEntry.Action.VIEW_REHAB_CASE, "", cases=[c.pk for c in found], via="own")
    return render(request, "rehab/mine.html", {"rows": rows})


@login_required
@require_http_methods(["GET"])
def mine_pdf(request, case_id: int, version: int):
    """A version of one's own plan as PDF; "not found" for anyone else's."""
    person = own_person(request.user)
    if person is None:
        raise Http404
    case = get_object_or_404(Case.objects.select_related("person", "unit"), pk=case_id, person=person)
    plan = get_object_or_404(case.plans, version=version)
    record(
        request.user,
        AuditEntry.Action.VIEW_REHAB_CASE,
        case.unit_id,
        case=case.pk,
        version=plan.version,
        pdf=True,
        via="own",
    )
    return _pdf_response(case, plan)
