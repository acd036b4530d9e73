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

from kasam.core import generations
from kasam.org import access
from kasam.org.roles import Capability
from kasam.releases.models import Publication, Release
from kasam.releases.publish import ReleaseError, latest_versions, period_label, periods, publishable
from kasam.releases.tasks import publish_release

FAILURES = {
    "not_ended": gettext_lazy("The period has not ended yet."),
    "no_data": gettext_lazy("The data for the period is not in yet: import it and try again."),
    "bad_period": gettext_lazy("That is not a period that can be published."),
    "bad_kind": gettext_lazy("That is not a kind of figures that can be published."),
    "error": gettext_lazy("Something went wrong while publishing. Try again, or ask your administrator."),
}


def unit_counts(pks: tuple[int, ...]) -> dict[int, int]:
    """{release id: the number of units in its figures}, kept (kasam.core.generations) under the
    releases' ids, which name rows that never change."""

    def count() -> dict[int, int]:
        rows = Release.objects.filter(pk__in=pks).values_list("pk", "figures")
        return {pk: len(figures) for pk, figures in rows}

    return generations.cached((), ("release-unit-counts", pks), count)


def may_publish(user) -> bool:
    return access.units_for(user, Capability.PUBLISH_RELEASES).filter(parent__isnull=True).exists()


@login_required
@require_http_methods(["GET", "POST"])
def releases(request):
    if not may_publish(request.user):
        raise Http404
    kind = Release.Kind.SICK_LEAVE
    if request.method == "POST":
        _request(request, kind, request.POST.get("period", ""))
        return redirect("releases:list")
    # Without their figures (every unit's, megabytes for a large organisation): only their number is
    # shown, counted once per release – a release never changes.
    newest = latest_versions(kind, Release.objects.filter(kind=kind).defer("figures"))
    counts = unit_counts(tuple(sorted(release.pk for release in newest.values())))
    pending = {p.period: p for p in Publication.objects.filter(kind=kind, status__in=Publication.PENDING)}
    rows = [
        {
            "period": period,
            "label": period_label(period),
            "release": newest.get(period.code),
            "units": counts.get(newest[period.code].pk) if period.code in newest else None,
            "pending": pending.get(period.code),
        }
        for period in reversed(periods(kind))
    ]
    return render(request, "releases/list.html", {"rows": rows, "kind": kind, "waiting": bool(pending)})


def _request(request, kind: str, code: str) -> None:
    """Queues the publication of `code` (once: a second request while one waits is not queued) and
    says how it went; with the in-process queue of the demo it has run by the time this returns."""
    try:
        kind, period = publishable(kind, code)
    except ReleaseError as error:
        messages.error(request, FAILURES[error.reason])
        return
    label = period_label(period)
    if Publication.objects.filter(kind=kind, period=period.code, status__in=Publication.PENDING).exists():
        messages.info(request, _("%(label)s is already being published.") % {"label": label})
        return
    # Requests run in autocommit: the row is committed before a worker can look for it.
    publication = Publication.objects.create(kind=kind, period=period.code, requested_by=request.user)
    publish_release.enqueue(publication.pk)
    publication.refresh_from_db()
    if publication.status == Publication.Status.DONE:
        messages.success(request, _("%(label)s is published.") % {"label": label})
    elif publication.status == Publication.Status.FAILED:
        messages.error(request, FAILURES[publication.reason])
    else:
        messages.info(
            request, _("%(label)s is being published. This page updates when it is done.") % {"label": label}
        )
