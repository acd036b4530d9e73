"""Forms of the leadership building blocks: a leader's own training ("I have taken …"), a training
recorded by HR or the health strategist for a leader in their scope, and the leader's checklist. Every
problem has a message in plain words."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kasam.core.dates import today
from kasam.leadership.access import display_name
from kasam.leadership.catalogue import CHECKLIST, CHECKLIST_SCALE
from kasam.leadership.checklist import statement_text
from kasam.leadership.models import BuildingBlock, Training
from kasam.plans.forms import DATE_INPUT


def _not_in_future(value):
    if value and value > today():
        raise forms.ValidationError(
            _("A training is recorded once it has been taken: the date cannot be later than today.")
        )


class BlockField(forms.ModelChoiceField):
    def label_from_instance(self, obj: BuildingBlock) -> str:
        return obj.title


class _TrainingFields(forms.Form):
    block = BlockField(
        queryset=BuildingBlock.objects.filter(in_use=True),
        label=_("Training or method"),
        empty_label=_("Choose …"),
        error_messages={
            "required": _("Choose the training or method."),
            "invalid_choice": _("Choose the training or method from the list."),
        },
    )
    completed_on = forms.DateField(
        label=_("When?"),
        help_text=_("The day it ended, or roughly when, if you do not remember the day."),
        widget=DATE_INPUT,
        validators=[_not_in_future],
        error_messages={"required": _("Choose the date."), "invalid": _("Write a date.")},
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        help_text=_("For example where, or with whom."),
        max_length=500,
        required=False,
    )

    def leader(self):
        """The leader the training is for, once known (each form below says how); without one there is
        nothing to check a duplicate against."""
        return None

    def clean(self):
        data = super().clean()
        leader, block, day = self.leader(), data.get("block"), data.get("completed_on")
        if (
            leader
            and block
            and day
            and Training.objects.filter(user=leader, block=block, completed_on=day).exists()
        ):
            self.add_error("completed_on", _("This training is already recorded on that date."))
        return data


class OwnTrainingForm(_TrainingFields):
    """A leader's own training: "I have taken …"."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["block"].label = _("I have taken")

    def leader(self):
        return self.user


class TrainingForm(_TrainingFields):
    """A training recorded for a leader in the recorder's scope (MANAGE_LEADERSHIP)."""

    leader_id = forms.TypedChoiceField(
        label=_("Leader"),
        coerce=int,
        error_messages={
            "required": _("Choose the leader."),
            "invalid_choice": _(
                "Choose a leader from the list: you can record trainings for the leaders in your part of "
                "the organisation."
            ),
        },
    )

    field_order = ["leader_id", "block", "completed_on", "note"]

    def __init__(self, *args, leaders, **kwargs):
        super().__init__(*args, **kwargs)
        self.leaders = {leader.pk: leader for leader in leaders}
        self.fields["leader_id"].choices = [("", _("Choose …"))] + [
            (leader.pk, display_name(leader)) for leader in self.leaders.values()
        ]

    def leader(self):
        return self.leaders.get(self.cleaned_data.get("leader_id"))


class ChecklistForm(forms.Form):
    """The ten statements, each on the five-step scale; all ten are needed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "sv"
        choices = [(str(n), f"{n} – {step.get(language)}") for n, step in enumerate(CHECKLIST_SCALE, 1)]
        for number, statement in enumerate(CHECKLIST, 1):
            text = statement_text(statement.slug)
            self.fields[statement.slug] = forms.TypedChoiceField(
                label=text,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose how well statement %(number)s fits you: “%(text)s”")
                    % {"number": number, "text": text},
                    "invalid_choice": _(
                        "Statement %(number)s: choose one of the five steps, from “%(low)s” to “%(high)s”."
                    )
                    % {
                        "number": number,
                        "low": CHECKLIST_SCALE[0].get(language),
                        "high": CHECKLIST_SCALE[-1].get(language),
                    },
                },
            )

    def statements(self):
        """(number, slug, bound field) for each statement, in order."""
        return [(number, s.slug, self[s.slug]) for number, s in enumerate(CHECKLIST, 1)]

    def error_list(self):
        """(anchor, message) for the error summary, in the statements' order."""
        return [
            (f"statement-{slug}", error)
            for _number, slug, field in self.statements()
            for error in field.errors
        ]

    def scores(self) -> dict[str, int]:
        return {s.slug: self.cleaned_data[s.slug] for s in CHECKLIST}
