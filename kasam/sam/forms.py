from django import forms
from django.utils.translation import gettext_lazy as _

from kasam.metrics import sam
from kasam.plans.models import Activity
from kasam.sam.models import AreaAnswer, Risk

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LIKELIHOOD_WORDS = {
    1: _("Unlikely"),
    2: _("Possible"),
    3: _("Likely"),
    4: _("Very likely"),
}
CONSEQUENCE_WORDS = {
    1: _("Minor"),
    2: _("Noticeable"),
    3: _("Serious"),
    4: _("Very serious"),
}
LEVEL_WORDS = {
    sam.LOW: _("Low risk"),
    sam.MEDIUM: _("Medium risk"),
    sam.HIGH: _("High risk"),
    sam.VERY_HIGH: _("Very high risk"),
}


# The round's checklist in Kasam's own words: what to talk about under each area (AFS 2023:2's
# organisational and social work environment: workload, working hours, victimisation; and the areas
# the work-environment cycle adds – goals, knowledge, cooperation).
AREA_QUESTIONS = {
    "workload": (
        _("Do we have enough time and people for the work we are given?"),
        _("Do we know what may wait when the day gets too full?"),
    ),
    "working_hours": (
        _("Do the schedule and the breaks leave time to recover?"),
        _("Is overtime, or being reachable after work, common?"),
    ),
    "victimisation": (
        _("Do we treat each other with respect, also when it is stressful?"),
        _("Does everyone know what to do, and whom to turn to, if someone is treated badly?"),
    ),
    "goals": (
        _("Do we know what is expected of us, and why?"),
        _("Do we know who decides what?"),
    ),
    "knowledge": (
        _("Do new colleagues and substitutes get a good introduction?"),
        _("Do we have the knowledge the work asks for?"),
    ),
    "cooperation": (
        _("Can we influence how the work is planned and done?"),
        _("Do we help each other and share what we know?"),
    ),
}


class RoundNewForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE_INPUT)
    participants = forms.CharField(
        label=_("Who took part"),
        max_length=300,
        required=False,
        help_text=_(
            "Roles or names, for example: the unit manager, the safety representative, 12 employees."
        ),
    )


class RiskForm(forms.ModelForm):
    likelihood = forms.TypedChoiceField(
        label=_("How likely is it?"), coerce=int, choices=LIKELIHOOD_WORDS.items(), widget=forms.RadioSelect
    )
    consequence = forms.TypedChoiceField(
        label=_("How serious would it be?"),
        coerce=int,
        choices=CONSEQUENCE_WORDS.items(),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Risk
        fields = ["area", "description", "likelihood", "consequence", "participants"]
        widgets = {"area": forms.RadioSelect}
        help_texts = {
            "description": _("What could go wrong, for whom and when – about the work, never a person.")
        }


class RiskActionForm(forms.ModelForm):
    """The action the risk becomes in the unit's health plan (what, how, why, who, when, follow-up)."""

    class Meta:
        model = Activity
        fields = ["what", "how", "why", "who", "when", "follow_up", "follow_up_on"]
        widgets = {
            "how": forms.Textarea(attrs={"rows": 3}),
            "why": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
            "follow_up_on": DATE_INPUT,
        }


class RiskAcceptForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the risk is accepted"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


def answer_choices():
    return AreaAnswer.Answer.choices


ROUTINE_DOCUMENT_MAX_MB = 10


class RoutineDocumentForm(forms.Form):
    """A routine document of the organisation: a title and a PDF of at most 10 MB."""

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example: Routine against victimisation, or Crisis plan."),
    )
    file = forms.FileField(
        label=_("The document (PDF)"),
        help_text=_("A PDF file of at most 10 MB."),  # ROUTINE_DOCUMENT_MAX_MB
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_file(self) -> bytes:
        """The file's bytes, if it is a PDF (it starts with %PDF-) of at most 10 MB."""
        upload = self.cleaned_data["file"]
        if upload.size > ROUTINE_DOCUMENT_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB. Make it smaller, or split it into two documents.")
                % {"mb": ROUTINE_DOCUMENT_MAX_MB}
            )
        content = upload.read()
        if not content.startswith(b"%PDF-"):
            raise forms.ValidationError(
                _("The file is not a PDF. Save the document as PDF and upload it again.")
            )
        return content
