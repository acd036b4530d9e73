from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render


@login_required
def second_factor_required(request):
    """Why a privileged user must set up a second factor, with the ways to do it. (allauth's set-up
    pages end on the recovery codes, with a way on to the start page: they take no `next`.)"""
    return render(request, "accounts/second_factor_required.html")


def not_found(request):
    raise Http404
