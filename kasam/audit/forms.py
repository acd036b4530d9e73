from django import forms
from django.utils.translation import gettext_lazy as _

from kasam.audit.models import REHAB_ACTIONS, AuditEntry


class LogFilterForm(forms.Form):
    """The audit log's filters, read from the query string (every field optional)."""

    action = forms.ChoiceField(
        label=_("What"), required=False, choices=[("", _("Everything")), *AuditEntry.Action.choices]
    )
    user = forms.CharField(label=_("User name"), required=False, max_length=150)
    unit = forms.CharField(label=_("Unit id"), required=False, max_length=64)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, rehab: bool = False, **kwargs):
        """`rehab`: whether the reader reads the entries of rehabilitation cases; for everyone else
        their actions are not among the choices (kasam.audit.views)."""
        super().__init__(*args, **kwargs)
        if not rehab:
            self.fields["action"].choices = [
                (value, label) for value, label in self.fields["action"].choices if value not in REHAB_ACTIONS
            ]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            raise forms.ValidationError(_("The end date is before the start date."))
        return data
