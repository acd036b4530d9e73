from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from kasam.core.dates import today
from kasam.dialogs.models import DialogRecord, Programme
from kasam.evaluation.models import Rollout
from kasam.evaluation.panels import HEALTHY_ATTENDANCE, PULSE, SICK_LEAVE
from kasam.pulse import question_bank
from kasam.pulse.dimensions import dimension_name


def intervention_choices() -> list[tuple[str, str]]:
    used = DialogRecord.objects.values("programme_id")
    choices = [(f"dialog:{p.slug}", p.title) for p in Programme.objects.filter(pk__in=used)]
    return choices + [(f"rollout:{r.pk}", r.name) for r in Rollout.objects.all()]


def outcome_choices() -> list[tuple[str, str]]:
    pulse = [
        (f"{PULSE}{d}", _("Pulse: %(name)s") % {"name": dimension_name(d)})
        for d in question_bank.DIMENSION_IDS
    ]
    return [
        (SICK_LEAVE, _("Sick leave, month by month")),
        (HEALTHY_ATTENDANCE, _("Healthy attendance, year by year")),
        *pulse,
    ]


class EvaluationForm(forms.Form):
    intervention = forms.ChoiceField(label=_("What started?"))
    outcome = forms.ChoiceField(label=_("What should it have changed?"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intervention"].choices = intervention_choices()
        self.fields["outcome"].choices = outcome_choices()


class RolloutForm(forms.Form):
    name = forms.CharField(label=_("Name of the roll-out"), max_length=200)
    starts = forms.CharField(
        label=_("Which unit started when"),
        help_text=_(
            "One line per unit: the unit's id, a semicolon and the date it started, e.g. AO-HT1;2025-03-01."
        ),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
    )

    def __init__(self, *args, units, **kwargs):
        """`units`: the units the roll-out may name (the entering user's RUN_EVALUATION scope); a unit
        outside it reads as one that does not exist."""
        super().__init__(*args, **kwargs)
        self.units = units

    def clean_starts(self) -> list[tuple[str, date]]:
        units = set(self.units.values_list("pk", flat=True))
        found, problems, seen = [], [], set()
        for number, line in enumerate(self.cleaned_data["starts"].splitlines(), start=1):
            if not line.strip():
                continue
            unit, _sep, day = (part.strip() for part in line.partition(";"))
            try:
                started = date.fromisoformat(day)
            except ValueError:
                problems.append(
                    _("Line %(n)s: write the date as YYYY-MM-DD after a semicolon.") % {"n": number}
                )
                continue
            if unit not in units:
                problems.append(_("Line %(n)s: there is no unit %(unit)s.") % {"n": number, "unit": unit})
            elif unit in seen:
                problems.append(
                    _("Line %(n)s: %(unit)s is already on an earlier line.") % {"n": number, "unit": unit}
                )
            elif started > today():
                problems.append(_("Line %(n)s: the start cannot be later than today.") % {"n": number})
            else:
                seen.add(unit)
                found.append((unit, started))
        if problems:
            raise forms.ValidationError(problems)
        if len(found) < 2:
            raise forms.ValidationError(_("Write at least two units: one unit alone cannot be evaluated."))
        return found


class PowerForm(forms.Form):
    units = forms.IntegerField(label=_("How many units will start?"), min_value=2)
    rollout_months = forms.IntegerField(
        label=_("Over how many months will they start?"), min_value=1, max_value=60
    )
    months_after = forms.IntegerField(
        label=_("How many months will we follow them after the last start?"), min_value=1, max_value=60
    )
