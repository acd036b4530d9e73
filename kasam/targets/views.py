"""The target pages: the list of targets in the viewer's scope, one target against the
actual figures, and setting a target (MANAGE_TARGETS). A target outside the viewer's scope, or one
that does not exist, is "not found"; a role without the capability is refused outright."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from kasam.org import access
from kasam.org.access import require_capability
from kasam.org.roles import Capability
from kasam.targets import pages
from kasam.targets import scope as target_scope
from kasam.targets.figures import Actuals
from kasam.targets.forms import TargetForm


@login_required
@require_GET
@require_capability(Capability.VIEW_TARGETS)
def target_list(request):
    actuals = Actuals(request.viewer)
    views = [
        pages.list_view(target, request.user, actuals)
        for target in target_scope.visible_targets(request.user)
    ]
    return render(
        request,
        "targets/list.html",
        {"views": views, "can_manage": access.can(request.user, Capability.MANAGE_TARGETS)},
    )


@login_required
@require_GET
@require_capability(Capability.VIEW_TARGETS)
def target_detail(request, target_id: int):
    target = target_scope.get_visible_target(request.user, target_id)
    actuals = Actuals(request.viewer)
    view = pages.target_view(target, request.user, actuals, asked=request.GET.get("enhet") or None)
    focus = view.focus
    return render(
        request,
        "targets/detail.html",
        {
            "view": view,
            "target": target,
            "focus": focus,
            "chart": pages.target_chart(view, actuals),
            "gated": focus is not None and pages.is_sick_leave(target) and actuals.gated(focus.unit),
            "can_edit": access.can(request.user, Capability.MANAGE_TARGETS)
            and target_scope.manageable(target, request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@require_capability(Capability.MANAGE_TARGETS)
def target_edit(request, target_id: int | None = None):
    target = target_scope.get_manageable_target(request.user, target_id) if target_id is not None else None
    form = TargetForm(request.POST or None, instance=target, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        if saved.created_by_id is None:
            saved.created_by = request.user
        saved.save()
        messages.success(request, gettext("The target has been saved."))
        return redirect("targets:detail", target_id=saved.pk)
    return render(request, "targets/form.html", {"form": form, "target": target})
