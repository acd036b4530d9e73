from django import forms
from django.utils.translation import gettext_lazy as _

from kasam.core.dates import today
from kasam.core.validation import FIRST_YEAR
from kasam.reports.models import Report


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Which report?"), choices=Report.Kind.choices, widget=forms.RadioSelect)
    year = forms.IntegerField(
        label=_("Year"),
        min_value=FIRST_YEAR,
        error_messages={"required": _("Write the year."), "invalid": _("Write a year, for example 2025.")},
    )
    format = forms.ChoiceField(label=_("Format"), choices=Report.Format.choices, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].max_value = today().year
        self.fields["year"].validators.append(_not_after_this_year)
        if not self.is_bound:
            self.fields["year"].initial = today().year - 1
            self.fields["kind"].initial = Report.Kind.HEALTH
            self.fields["format"].initial = Report.Format.PDF


def _not_after_this_year(value):
    if value > today().year:
        raise forms.ValidationError(_("A report can be made for this year or earlier years."))
