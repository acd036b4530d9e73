from django import forms
from django.utils.translation import gettext_lazy as _

from kasam.core.validation import FIRST_YEAR, LAST_YEAR

FORMAT_CHOICES = [
    ("items", _("Answers per respondent: the vendor's export, one row per person")),
    ("long", _("Answers one per row: respondent_id, unit_id, item, value")),
    ("distributions", _("Answers counted per unit: unit_id, item, value, count")),
]


class SurveyImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (comma or semicolon, UTF-8) or Excel (.xlsx), with a header row."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
    name = forms.CharField(
        label=_("Name of the survey"),
        max_length=200,
        help_text=_("For example “Medarbetarenkät”. A name can be used once a year."),
    )
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    format = forms.ChoiceField(label=_("What does the file contain?"), choices=FORMAT_CHOICES)
    mapping = forms.CharField(
        label=_("Which column is which question"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=_(
            "Only for answers per respondent. One line per column: the column's name in the file = "
            "Kasam's id, for example “Fråga 1 = hme1”. Ids: hme1 … hme9, nmi1 … nmi3, enps, and unit_id "
            "and gender. A column already named with an id needs no line."
        ),
    )
    dry_run = forms.BooleanField(label=_("Only check the file, save nothing"), required=False, initial=False)
