"""Editing the dialog library (MANAGE_DIALOG_LIBRARY: the health strategist and HR): a programme's
texts and whether it is in use, and its themes, new or edited. Others are refused outright."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from kasam.dialogs.forms import ProgrammeForm, ThemeForm
from kasam.dialogs.models import Programme
from kasam.org.access import require_capability
from kasam.org.roles import Capability


@login_required
@require_http_methods(["GET", "POST"])
@require_capability(Capability.MANAGE_DIALOG_LIBRARY)
def edit_programme(request, slug: str | None = None):
    programme = get_object_or_404(Programme, slug=slug) if slug else None
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, gettext("The programme has been saved."))
        return redirect(reverse("dialogs:programme", kwargs={"slug": saved.slug}))
    return render(request, "dialogs/edit_programme.html", {"form": form, "programme": programme})


@login_required
@require_http_methods(["GET", "POST"])
@require_capability(Capability.MANAGE_DIALOG_LIBRARY)
def edit_theme(request, slug: str, theme_slug: str | None = None):
    programme = get_object_or_404(Programme, slug=slug)
    theme = get_object_or_404(programme.themes, slug=theme_slug) if theme_slug else None
    form = ThemeForm(request.POST or None, instance=theme, programme=programme)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, gettext("The theme has been saved."))
        return redirect(reverse("dialogs:theme", kwargs={"slug": programme.slug, "theme_slug": saved.slug}))
    return render(request, "dialogs/edit_theme.html", {"form": form, "programme": programme, "theme": theme})
