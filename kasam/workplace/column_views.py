"""The health strategist's pages of the health column (kasam.workplace.column): the months' columns, a
draft made now, editing, publishing and the newsletter's HTML snippet."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kasam.core.dates import today
from kasam.core.export import safe_filename
from kasam.org.access import require_capability
from kasam.org.roles import Capability
from kasam.workplace import column
from kasam.workplace.models import HealthColumn

WRITE = Capability.WRITE_HEALTH_COLUMN


class ColumnForm(forms.ModelForm):
    class Meta:
        model = HealthColumn
        fields = ["title", "improved", "example", "next_theme", "figure"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ["improved", "example", "next_theme", "figure"]
        }
        help_texts = {
            "improved": _("From the organisation's latest pulse. Leave it empty to leave it out."),
            "example": _("The good example a unit offered from its health plan."),
            "next_theme": _("The theme most of the coming workplace meetings will talk about."),
            "figure": _("One published figure, as it was published."),
        }


@login_required
@require_GET
@require_capability(WRITE)
def columns(request):
    context = {"columns": HealthColumn.objects.all()[:24], "month": column.first_of_month(today())}
    context["has_this_month"] = HealthColumn.objects.filter(month=context["month"]).exists()
    return render(request, "workplace/columns.html", context)


@login_required
@require_POST
@require_capability(WRITE)
def draft_now(request):
    made = column.draft(today(), today())
    if made is None:
        messages.info(request, gettext("This month's column exists already."))
        return redirect("column:list")
    return redirect("column:edit", pk=made.pk)


@login_required
@require_http_methods(["GET", "POST"])
@require_capability(WRITE)
def edit(request, pk: int):
    found = get_object_or_404(HealthColumn, pk=pk)
    form = ColumnForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        form.save()
        if "publish" in request.POST:
            column.publish(found, request.user)
            messages.success(request, gettext("The health column is published on every employee's page."))
        else:
            messages.success(request, gettext("The health column is saved."))
        return redirect("column:edit", pk=found.pk)
    return render(request, "workplace/column_edit.html", {"form": form, "column": found})


def snippet_html(found: HealthColumn) -> str:
    """The column as an HTML fragment for the newsletter (inline styles: e-mail programs drop sheets)."""
    return render_to_string("workplace/column_snippet.html", {"column": found}).strip()


@login_required
@require_GET
@require_capability(WRITE)
def snippet(request, pk: int):
    found = get_object_or_404(HealthColumn, pk=pk)
    html = snippet_html(found)
    if request.GET.get("ladda-ner"):
        response = HttpResponse(html, content_type="text/html; charset=utf-8")
        name = safe_filename(f"halsokolumn-{found}", "html")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(request, "workplace/column_snippet_page.html", {"column": found, "html": html})
