"""The outbox page (/utkorg/): the e-mails and SMS the demo kept instead of sending them
(kasam.core.outbox), newest first, for the health strategist only; to every other role the page does
not exist. Outside the demo nothing is ever kept, and the page says so."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kasam.core.models import OutboxMessage, is_demo_database
from kasam.org import access
from kasam.org.roles import Capability

PER_PAGE = 50


@login_required
@require_GET
def outbox(request):
    # The outbox holds the whole organisation's messages: a role over all of it only.
    if not access.covers_organisation(request.user, Capability.VIEW_OUTBOX):
        raise Http404
    page = Paginator(OutboxMessage.objects.all(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "core/outbox.html", {"page": page, "demo": is_demo_database()})
