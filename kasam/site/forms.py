from django import forms
from django.utils.translation import gettext_lazy as _

KIND_CHOICES = [
    ("units", _("Units (units.csv)")),
    ("people", _("Persons (people.csv)")),
    ("employments", _("Employments (employments.csv)")),
    ("absences", _("Absences (absences.csv)")),
    ("budget", _("Budget and outcome per year (budget.csv)")),
    ("costs", _("Overtime and substitute costs per month (costs.csv)")),
    ("salaries", _("Monthly salaries per unit (salaries.csv)")),
]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What does the file contain?"), choices=KIND_CHOICES)
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (comma or semicolon, UTF-8) or Excel (.xlsx), with a header row."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
    dry_run = forms.BooleanField(label=_("Only check the file, save nothing"), required=False, initial=False)
