"""Delegated work-environment tasks (uppgiftsfördelning, kasam.sam.delegations): the manager above gives
a unit's work-environment tasks to a manager of the unit, who accepts them or returns them with a
reason (returnering), and the one above is told.

- giving: DELEGATE_WORK_ENVIRONMENT_TASKS over the unit's parent (kasam.sam.access.may_give_tasks);
  refused (403) to one who holds it nowhere, "not found" for a unit outside one's reach;
- a delegation's page: whoever reads the unit's work environment (VIEW_WORK_ENVIRONMENT over its
  unit) and its holder; "not found" for everyone else;
- accepting and returning: the holder alone; another reader of the page is sent back to it.

Giving, accepting and returning are audited."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from kasam.audit.models import AuditEntry, record
from kasam.core.dates import today
from kasam.org import access as org_access
from kasam.org.roles import Capability
from kasam.sam import access, delegations
from kasam.sam.delegation_forms import GiveTasksForm, ReturnTasksForm
from kasam.sam.models import TaskDelegation


def get_delegation(user, delegation_id: int) -> TaskDelegation:
    """The delegation if the user reads its unit's work environment or holds it; otherwise "not found"."""
    delegation = (
        TaskDelegation.objects.select_related("unit", "holder", "given_by").filter(pk=delegation_id).first()
    )
    if delegation is None or not user.is_authenticated:
        raise Http404
    if delegation.holder_id == user.pk:
        return delegation
    if org_access.units_for(user, Capability.VIEW_WORK_ENVIRONMENT).filter(pk=delegation.unit_id).exists():
        return delegation
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
@org_access.require_capability(Capability.DELEGATE_WORK_ENVIRONMENT_TASKS)
def delegation_new(request, unit_id: str):
    """The manager above gives the unit's work-environment tasks to one of the unit's managers."""
    unit = org_access.get_unit(request.user, unit_id, Capability.DELEGATE_WORK_ENVIRONMENT_TASKS)
    if not access.may_give_tasks(request.user, unit):
        raise Http404
    day = today()
    holders = delegations.holders_for(unit, request.user)
    form = GiveTasksForm(
        request.POST if request.method == "POST" else None, holders=holders, initial={"given_on": day}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        holder = form.holder_user()
        delegation = TaskDelegation.objects.create(
            unit=unit,
            holder=holder,
            given_by=request.user,
            tasks=data["tasks"],
            knowledge=data["knowledge"],
            authority=data["authority"],
            resources=data["resources"],
            given_on=data["given_on"],
            ends_on=data["ends_on"],
        )
        detail = {"delegation": delegation.pk, "holder": holder.get_username()}
        if delegation.ends_on:
            detail["until"] = delegation.ends_on.isoformat()
        record(request.user, AuditEntry.Action.GIVE_WORK_ENVIRONMENT_TASK, unit.pk, **detail)
        messages.success(
            request,
            gettext("The task is given to %(name)s, who accepts or returns it here.")
            % {"name": delegations.display_name(holder)},
        )
        return redirect("sam:delegation", delegation_id=delegation.pk)
    return render(request, "sam/delegation_form.html", {"unit": unit, "form": form, "holders": holders})


@login_required
@require_http_methods(["GET"])
def delegation_page(request, delegation_id: int):
    delegation = get_delegation(request.user, delegation_id)
    day = today()
    status = delegations.status(delegation, day)
    is_holder = delegation.holder_id == request.user.pk
    return render(
        request,
        "sam/delegation.html",
        {
            "delegation": delegation,
            "unit": delegation.unit,
            "status": status,
            "status_label": delegations.STATUS_LABELS[status],
            "is_holder": is_holder,
            "may_accept": is_holder and status == delegations.WAITING,
            "may_return": is_holder and status in (delegations.WAITING, delegations.CURRENT),
            "may_give": access.may_give_tasks(request.user, delegation.unit),
        },
    )


def _refuse_other(request, delegation: TaskDelegation):
    """A reader of the page who is not the holder: sent back to it, with why."""
    messages.error(request, gettext("Only the one given the task can accept or return it."))
    return redirect("sam:delegation", delegation_id=delegation.pk)


@login_required
@require_POST
def delegation_accept(request, delegation_id: int):
    """The holder accepts the tasks: from today they hold them."""
    delegation = get_delegation(request.user, delegation_id)
    if delegation.holder_id != request.user.pk:
        return _refuse_other(request, delegation)
    day = today()
    if delegations.status(delegation, day) != delegations.WAITING:
        messages.error(request, gettext("This task is not waiting for an answer any more."))
        return redirect("sam:delegation", delegation_id=delegation.pk)
    TaskDelegation.objects.filter(pk=delegation.pk).update(accepted_on=day)
    record(
        request.user,
        AuditEntry.Action.ACCEPT_WORK_ENVIRONMENT_TASK,
        delegation.unit_id,
        delegation=delegation.pk,
    )
    messages.success(request, gettext("You have accepted the work-environment task."))
    return redirect("sam:delegation", delegation_id=delegation.pk)


@login_required
@require_http_methods(["GET", "POST"])
def delegation_return(request, delegation_id: int):
    """The holder returns the tasks with a reason (returnering): they are no longer current, and the one
    who gave them is told by e-mail."""
    delegation = get_delegation(request.user, delegation_id)
    if delegation.holder_id != request.user.pk:
        return _refuse_other(request, delegation)
    day = today()
    if delegations.status(delegation, day) not in (delegations.WAITING, delegations.CURRENT):
        messages.error(request, gettext("This task has already been returned or has ended."))
        return redirect("sam:delegation", delegation_id=delegation.pk)
    form = ReturnTasksForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        returned = TaskDelegation.objects.filter(pk=delegation.pk, returned_on__isnull=True).update(
            returned_on=day, return_reason=form.cleaned_data["reason"]
        )
        if returned:
            record(
                request.user,
                AuditEntry.Action.RETURN_WORK_ENVIRONMENT_TASK,
                delegation.unit_id,
                delegation=delegation.pk,
            )
            giver = delegation.given_by
            if delegations.tell_giver(delegation):
                text = gettext("The task is returned. %(name)s is told by e-mail.")
            elif giver is not None:
                text = gettext("The task is returned. Kasam could not e-mail %(name)s: tell them yourself.")
            else:
                text = gettext("The task is returned. Tell your manager yourself.")
            name = delegations.display_name(giver) if giver is not None else ""
            messages.success(request, text % {"name": name} if giver is not None else text)
        return redirect("sam:delegation", delegation_id=delegation.pk)
    return render(
        request,
        "sam/delegation_return.html",
        {"delegation": delegation, "unit": delegation.unit, "form": form},
    )
