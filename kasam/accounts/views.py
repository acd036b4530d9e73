from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


@login_required
def second_factor_required(request):
    """Why a privileged user must set up a second factor, with the ways to do it."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    return render(request, "accounts/second_factor_required.html", {"next": next_url})


def not_found(request):
    raise Http404
