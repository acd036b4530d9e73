"""The forms of delegated work-environment tasks (kasam.sam.delegation_views): giving a unit's tasks to
one of its managers, and returning them. The rules (AFS 2023:1) ask that the one given tasks has the
knowledge, the authority and the resources to carry them, so each is written out, and required."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kasam.sam.delegations import display_name

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT_AREA = forms.Textarea(attrs={"rows": 4})
# Returning is about the work, never about anyone's health.
ABOUT_THE_WORK = _("Write about the work and what is missing – nothing about anyone's health.")


class GiveTasksForm(forms.Form):
    holder = forms.ChoiceField(label=_("Who is given the task"))
    tasks = forms.CharField(
        label=_("What the task covers"),
        help_text=_("What the manager is to do: for example the safety round, risk assessments and actions."),
        max_length=4000,
        widget=TEXT_AREA,
    )
    knowledge = forms.CharField(
        label=_("Knowledge"),
        help_text=_("The knowledge the task needs, and how the manager has it or gets it."),
        max_length=4000,
        widget=TEXT_AREA,
    )
    authority = forms.CharField(
        label=_("Authority"),
        help_text=_("What the manager may decide on their own, for example about staffing and purchases."),
        max_length=4000,
        widget=TEXT_AREA,
    )
    resources = forms.CharField(
        label=_("Resources"),
        help_text=_("The time, money and staff the manager has for the task."),
        max_length=4000,
        widget=TEXT_AREA,
    )
    given_on = forms.DateField(label=_("Given on"), widget=DATE_INPUT)
    ends_on = forms.DateField(
        label=_("Until"),
        help_text=_("Leave empty if the task holds until further notice."),
        required=False,
        widget=DATE_INPUT,
    )

    def __init__(self, *args, holders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.holders = {str(u.pk): u for u in holders}
        self.fields["holder"].choices = [(pk, display_name(u)) for pk, u in self.holders.items()]

    def clean(self):
        data = super().clean()
        given_on, ends_on = data.get("given_on"), data.get("ends_on")
        if given_on and ends_on and ends_on < given_on:
            self.add_error("ends_on", _("The last day cannot come before the day the task is given."))
        return data

    def holder_user(self):
        return self.holders[self.cleaned_data["holder"]]


class ReturnTasksForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you return the task"),
        help_text=ABOUT_THE_WORK,
        max_length=4000,
        widget=TEXT_AREA,
    )
