from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kasam.metrics import rehab
from kasam.rehab.models import NO_MEDICAL_DETAIL

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# The steps in the reader's words, in the order of kasam.metrics.rehab.STEPS.
STEP_LABELS = {
    "first_contact": _("First contact with the employee"),
    "certificate": _("Doctor's certificate seen (from day 8)"),
    "fk_report": _("Sick leave reported to Försäkringskassan"),
    "return_plan": _("Plan for the return to work"),
    "day_90": _("Assessment at day 90"),
    "day_180": _("Assessment at day 180"),
    "day_365": _("Assessment at day 365"),
    "health_conversation": _("Health conversation"),
    "follow_up": _("Follow-up after the return"),
}
STATUS_LABELS = {
    rehab.OPEN: _("To do"),
    rehab.DONE: pgettext_lazy("a step of a rehabilitation case", "Done"),
    rehab.NOT_APPLICABLE: _("Not needed"),
    rehab.NOT_DONE: _("Not done"),
}


class OpenCaseForm(forms.Form):
    steps = forms.MultipleChoiceField(
        label=_("Steps of a case opened by hand"),
        choices=[(step, STEP_LABELS[step]) for step in rehab.STEPS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class StepDoneForm(forms.Form):
    step = forms.ChoiceField(
        choices=[(step, STEP_LABELS[step]) for step in rehab.STEPS], widget=forms.HiddenInput
    )
    done_on = forms.DateField(label=_("Done on"), widget=DATE_INPUT)
    note = forms.CharField(label=_("Note"), max_length=300, required=False, help_text=NO_MEDICAL_DETAIL)


class CloseCaseForm(forms.Form):
    reason = forms.CharField(label=_("Why the case is closed"), max_length=300, help_text=NO_MEDICAL_DETAIL)


class DelegationForm(forms.Form):
    user = forms.ChoiceField(label=_("Area manager"))
    ends_on = forms.DateField(label=_("Until"), widget=DATE_INPUT)

    def __init__(self, *args, managers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [(u.pk, u.get_full_name() or u.get_username()) for u in managers]
