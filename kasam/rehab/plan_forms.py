"""The forms of the plan for the return to work, the adjustments and the meetings of a case. Every
free-text field says that it holds no medical detail and is checked for it (kasam.rehab.medical)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kasam.rehab.forms import DATE_INPUT
from kasam.rehab.medical import MedicalCheck
from kasam.rehab.models import NO_MEDICAL_DETAIL, Adjustment, Meeting

# A short example of each kind of adjustment in the catalogue, shown beside it.
KIND_EXAMPLES = {
    Adjustment.Kind.WORKING_HOURS: _("shorter shifts, a later start"),
    Adjustment.Kind.TASKS: _("other tasks for a while, fewer visits alone"),
    Adjustment.Kind.AIDS: _("a height-adjustable desk, a lifting aid"),
    Adjustment.Kind.PLACE: _("some days from home, a quieter room"),
    Adjustment.Kind.PACE: _("fewer visits a shift, more breaks"),
    Adjustment.Kind.SCHEDULE: _("day shifts only, no weekends"),
}


def _text(label, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=3000,
        help_text=NO_MEDICAL_DETAIL,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class PlanForm(MedicalCheck):
    """One version of the plan, in the structure Försäkringskassan asks for."""

    medical_fields = ("work_ability", "limits", "other_measures", "return_steps", "contacts")

    work_ability = _text(_("What the employee can do at work now, in their own words"))
    limits = _text(_("What makes the work hard now, in their own words"))
    other_measures = _text(_("Other measures (besides the adjustments above)"))
    expected_return = forms.DateField(label=_("Expected return"), required=False, widget=DATE_INPUT)
    return_steps = _text(_("The steps of the return (for example the hours week by week)"))
    follow_up_on = forms.DateField(label=_("Follow-up date"), required=False, widget=DATE_INPUT)
    contacts = _text(_("Contact persons (name and how to reach them)"), rows=2)
    made_with_person = forms.BooleanField(label=_("Made together with the employee"), required=False)

    field_order = [
        "work_ability",
        "limits",
        "other_measures",
        "expected_return",
        "return_steps",
        "follow_up_on",
        "contacts",
        "made_with_person",
        "no_medical",
    ]


class AdjustmentForm(MedicalCheck, forms.ModelForm):
    medical_fields = ("description",)

    class Meta:
        model = Adjustment
        fields = ["kind", "description", "responsible", "starts_on", "ends_on", "helped"]
        widgets = {
            "kind": forms.RadioSelect,
            "helped": forms.RadioSelect,
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Adjustment.Kind.choices  # no empty choice: one kind is picked
        self.fields["helped"].choices = Adjustment.Helped.choices
        self.fields["helped"].required = False

    def kinds(self) -> list[dict]:
        """The catalogue for the page: each kind with its example and whether it is chosen."""
        chosen = str(self["kind"].value() or "")
        return [
            {"value": value, "label": label, "example": KIND_EXAMPLES[value], "checked": value == chosen}
            for value, label in Adjustment.Kind.choices
        ]

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day comes before the first."))
        return cleaned


class MeetingForm(MedicalCheck, forms.ModelForm):
    medical_fields = ("note",)

    class Meta:
        model = Meeting
        fields = ["held_on", "with_whom", "note"]
        widgets = {"held_on": DATE_INPUT, "with_whom": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["with_whom"].choices = Meeting.With.choices


class RecheckForm(MedicalCheck):
    """The case page's own short forms (a step's note, the close reason) shown again after a warning."""

    medical_fields = ("text",)

    text = forms.CharField(max_length=300, required=False, help_text=NO_MEDICAL_DETAIL)
