"""The forms of health plans and health-factor ratings. Labels are questions in plain words, and every
required part says what is missing in its own message (an activity without any of its six
parts cannot be saved; the database's check constraint refuses it as well)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kasam.core.dates import today
from kasam.plans import tracking
from kasam.plans.factors import FACTORS, Entry
from kasam.plans.models import Activity, FactorScore, PlanArea

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SIX_PARTS = ("what", "how", "why", "who", "when", "follow_up")


def _not_in_future(value):
    if value and value > today():
        raise forms.ValidationError(_("The date cannot be later than today."))


class RatingForm(forms.Form):
    """One joint rating: a date and, for each of the eight factors, a score (radio buttons 1–5), a
    short note and whether it is a strength to keep or one to strengthen."""

    rated_on = forms.DateField(
        label=_("Date of the rating"),
        help_text=_("Usually the day of the workplace meeting where you rated together."),
        widget=DATE_INPUT,
        validators=[_not_in_future],
        error_messages={"required": _("Choose the date of the rating."), "invalid": _("Write a date.")},
    )

    SCORES = [(str(n), str(n)) for n in range(1, 6)]

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        if not self.is_bound:
            self.fields["rated_on"].initial = today()
        for factor in FACTORS:
            key = factor.value
            self.fields[f"score_{key}"] = forms.TypedChoiceField(
                label=factor.label,
                choices=self.SCORES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose a score from 1 to 5 for “%(factor)s”.") % {"factor": factor.label}
                },
            )
            self.fields[f"note_{key}"] = forms.CharField(
                label=_("Short note (optional)"), max_length=300, required=False
            )
            self.fields[f"choice_{key}"] = forms.ChoiceField(
                label=_("What do we want to do with it?"),
                choices=[
                    (FactorScore.Choice.NONE, _("Nothing in particular")),
                    (FactorScore.Choice.KEEP, _("Keep it – it is a strength")),
                    (FactorScore.Choice.STRENGTHEN, _("Strengthen it")),
                ],
                widget=forms.RadioSelect,
                required=False,
                initial=FactorScore.Choice.NONE,
            )

    def factor_fields(self):
        """(factor, score field, note field, choice field) for each factor, in order."""
        return [
            (
                factor,
                self[f"score_{factor.value}"],
                self[f"note_{factor.value}"],
                self[f"choice_{factor.value}"],
            )
            for factor in FACTORS
        ]

    def clean_rated_on(self):
        from kasam.plans.models import HealthFactorRating

        rated_on = self.cleaned_data["rated_on"]
        if HealthFactorRating.objects.filter(unit=self.unit, rated_on=rated_on).exists():
            raise forms.ValidationError(
                _("There is already a rating from this date. Choose another date."), code="duplicate"
            )
        return rated_on

    def entries(self) -> dict[str, Entry]:
        data = self.cleaned_data
        return {
            f.value: Entry(
                score=data[f"score_{f.value}"],
                note=data.get(f"note_{f.value}", ""),
                choice=data.get(f"choice_{f.value}") or FactorScore.Choice.NONE,
            )
            for f in FACTORS
        }


class AreaForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("What kind is it?"),
        choices=[
            (PlanArea.Kind.KEEP, _("A strength we want to keep")),
            (PlanArea.Kind.STRENGTHEN, _("An area we want to strengthen")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether it is a strength or an area to strengthen.")},
    )
    title = forms.CharField(
        label=_("In a few words"),
        max_length=200,
        error_messages={"required": _("Write a few words about it.")},
    )
    note = forms.CharField(
        label=_("More about it (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = PlanArea
        fields = ["kind", "title", "note"]


class ActivityForm(forms.ModelForm):
    """An activity with its six required parts, the follow-up date and, optionally, the area it
    belongs to and one pulse statement to track."""

    what = forms.CharField(
        label=_("What will we do?"), max_length=300, error_messages={"required": _("Write what you will do.")}
    )
    how = forms.CharField(
        label=_("How will we do it?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write how you will do it.")},
    )
    why = forms.CharField(
        label=_("Why? What do we want to achieve?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write why you are doing it.")},
    )
    who = forms.CharField(
        label=_("Who is responsible, and who takes part?"),
        max_length=300,
        error_messages={"required": _("Write who is responsible.")},
    )
    when = forms.CharField(
        label=_("When will it happen?"),
        help_text=_("For example: at every workplace meeting in the spring."),
        max_length=300,
        error_messages={"required": _("Write when it will happen.")},
    )
    follow_up = forms.CharField(
        label=_("How will we follow it up?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write how you will follow it up.")},
    )
    follow_up_on = forms.DateField(
        label=_("Date of the follow-up"),
        help_text=_("Kasam reminds the manager by e-mail on this day."),
        widget=DATE_INPUT,
        error_messages={"required": _("Choose a date for the follow-up."), "invalid": _("Write a date.")},
    )
    area = forms.ModelChoiceField(
        label=_("Which part of the plan does it belong to? (optional)"),
        queryset=PlanArea.objects.none(),
        required=False,
        empty_label=_("No particular part"),
    )
    tracked_statement = forms.ChoiceField(
        label=_("A pulse statement to follow (optional)"),
        help_text=_(
            "While the activity runs, the pulse asks this statement in every round, and the plan shows how "
            "the answers change."
        ),
        required=False,
    )

    class Meta:
        model = Activity
        fields = [*SIX_PARTS, "follow_up_on", "area", "tracked_statement"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = PlanArea.objects.filter(plan=plan).order_by("kind", "id")
        self.fields["tracked_statement"].choices = [("", _("No statement")), *tracking.statement_choices()]

    def clean_tracked_statement(self):
        value = self.cleaned_data.get("tracked_statement") or ""
        if value and not tracking.is_trackable(value):
            raise forms.ValidationError(_("Choose a statement from the list."))
        return value

    def save(self, commit=True):
        activity = super().save(commit=False)
        # A new follow-up date gets a new reminder.
        if "follow_up_on" in self.changed_data:
            activity.reminded_on = None
        if commit:
            activity.save()
        return activity


class FollowUpForm(forms.Form):
    """The follow-up: when, and one reflection guided by Kolb's four questions (one text field rather
    than four, so the team writes it in its own way; the help text asks the four questions)."""

    followed_up_on = forms.DateField(
        label=_("Date of the follow-up"),
        widget=DATE_INPUT,
        validators=[_not_in_future],
        error_messages={"required": _("Choose the date of the follow-up."), "invalid": _("Write a date.")},
    )
    reflection = forms.CharField(
        label=_("Our reflection"),
        help_text=_(
            "Talk it through together: What did we do? What did we notice? What do we conclude? "
            "What do we try next?"
        ),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write your reflection: what you did, noticed and conclude.")},
    )


class StatusForm(forms.Form):
    """Planned, ongoing or cancelled. Done is reached through the follow-up, so that every done
    activity has its reflection."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (Activity.Status.PLANNED, Activity.Status.PLANNED.label),
            (Activity.Status.ONGOING, Activity.Status.ONGOING.label),
            (Activity.Status.CANCELLED, Activity.Status.CANCELLED.label),
        ],
    )


class FromSourceForm(forms.Form):
    """The one-click "make it an area to strengthen" from a survey item or a health factor."""

    source = forms.ChoiceField(
        choices=[
            (PlanArea.Source.SURVEY, ""),
            (PlanArea.Source.HEALTH_FACTOR, ""),
            (PlanArea.Source.PULSE, ""),
        ]
    )
    ref = forms.CharField(max_length=60)
    title = forms.CharField(max_length=200, required=False)
