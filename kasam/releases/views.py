"""The "Publicera" page (/publicera/): the health strategist and HR publish the release of an ended
period, or a correction of one, and see what is published. A release covers the whole organisation,
so only a role held over the organisation's root may publish; to anyone else the page does not exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from kasam.absence.released import period_label
from kasam.metrics.periods import parse_period
from kasam.org import access
from kasam.org.roles import Capability
from kasam.releases.models import Release
from kasam.releases.publish import ReleaseError, latest_versions, periods, publish

FAILURES = {
    "not_ended": gettext_lazy("The period has not ended yet."),
    "no_data": gettext_lazy("The data for the period is not in yet: import it and try again."),
    "bad_period": gettext_lazy("That is not a period that can be published."),
    "bad_kind": gettext_lazy("That is not a kind of figures that can be published."),
}


def may_publish(user) -> bool:
    return access.units_for(user, Capability.PUBLISH_RELEASES).filter(parent__isnull=True).exists()


@login_required
@require_http_methods(["GET", "POST"])
def releases(request):
    if not may_publish(request.user):
        raise Http404
    kind = Release.Kind.SICK_LEAVE
    if request.method == "POST":
        code = request.POST.get("period", "")
        try:
            release = publish(kind, code, request.user)
        except ReleaseError as error:
            messages.error(request, FAILURES[error.reason])
        else:
            label = period_label(parse_period(release.period))
            messages.success(request, _("%(label)s is published.") % {"label": label})
        return redirect("releases:list")
    newest = latest_versions(kind)
    rows = [
        {"period": period, "label": period_label(period), "release": newest.get(period.code)}
        for period in reversed(periods(kind))
    ]
    return render(request, "releases/list.html", {"rows": rows, "kind": kind})
