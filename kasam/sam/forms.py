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
