"""Forms of the dialogs: recording a dialog with the actions the group agreed on, the group's own
evaluation (DFU), and the library's programmes and themes. Every problem has a message in plain words
(bad input: a future date, more participants than the unit's staff, an empty reflection)."""

import copy

from django import forms
from django.utils.translation import gettext_lazy as _

from kasam.core.dates import today
from kasam.dialogs.access import staff_on
from kasam.dialogs.actions import ACTION_FIELDS
from kasam.dialogs.models import Programme, Theme
from kasam.org.models import Role, RoleAssignment
from kasam.org.picker import UnitField
from kasam.plans.forms import DATE_INPUT, ActivityForm

MAX_ACTIONS = 3
MAX_EVALUATION_QUESTIONS = 5


def _not_in_future(value):
    if value and value > today():
        raise forms.ValidationError(
            _("A dialog is recorded once it has been held: the date cannot be later than today.")
        )


def subject_choices(programmes) -> list:
    """One select for what the group talked about: per programme, the programme as a whole
    ("p<id>") and each of its themes ("t<id>")."""
    groups = []
    for programme in programmes:
        options = [
            (f"p{programme.pk}", _("%(title)s – the programme as a whole") % {"title": programme.title})
        ]
        options += [(f"t{theme.pk}", theme.title) for theme in programme.themes.all()]
        groups.append((programme.title, options))
    return groups


ME, SOMEONE_ELSE = "me", "other"


def unit_coaches(units, user) -> dict[str, tuple]:
    """The dialog coaches of the units offered (but the user): {user id: (name, unit paths, user)}."""
    coaches: dict[str, tuple] = {}
    for assignment in (
        RoleAssignment.objects.filter(role=Role.DIALOG_COACH, unit__in=units)
        .exclude(user=user)
        .select_related("user", "unit")
        .order_by("user__first_name", "user__username")
    ):
        name = assignment.user.get_full_name() or assignment.user.get_username()
        _known, paths, coach = coaches.get(str(assignment.user.pk), (name, (), assignment.user))
        coaches[str(assignment.user.pk)] = (name, (*paths, assignment.unit.path), coach)
    return coaches


def leader_choices(coaches: dict[str, tuple], me_label) -> list:
    return [
        (ME, me_label),
        *((pk, _("%(name)s (dialog coach)") % {"name": name}) for pk, (name, _p, _c) in coaches.items()),
        (SOMEONE_ELSE, _("Someone else")),
    ]


def check_coach(form, unit, chosen, field: str) -> None:
    """A coach chosen to lead must be a dialog coach of the unit chosen."""
    if unit and chosen in form.coaches:
        name, paths, _coach = form.coaches[chosen]
        if not any(unit.path.startswith(path) for path in paths):
            form.add_error(
                field,
                _("%(name)s is not a dialog coach of %(unit)s. Choose someone else.")
                % {"name": name, "unit": unit.name},
            )


def chosen_leader(form, chosen):
    """The user chosen to lead: the user filling in the form, a dialog coach of the unit, or None."""
    chosen = chosen or ME
    if chosen == ME:
        return form.user
    if chosen == SOMEONE_ELSE:
        return None
    return form.coaches[chosen][2]


class DialogForm(forms.Form):
    unit = UnitField(label=_("Which unit held the dialog?"))
    subject = forms.ChoiceField(
        label=_("What did you talk about?"),
        error_messages={
            "required": _("Choose the theme or programme."),
            "invalid_choice": _("Choose the theme or programme from the list."),
        },
    )
    held_on = forms.DateField(
        label=_("Date"),
        widget=DATE_INPUT,
        validators=[_not_in_future],
        error_messages={"required": _("Choose the date of the dialog."), "invalid": _("Write a date.")},
    )
    participants = forms.IntegerField(
        label=_("How many took part?"),
        help_text=_("Only the number – never names."),
        min_value=1,
        error_messages={
            "required": _("Write how many took part."),
            "min_value": _("At least one person took part."),
            "invalid": _("Write a whole number."),
        },
    )
    reflections = forms.CharField(
        label=_("The group's reflections"),
        help_text=_("What did the group notice and agree on? In the group's own words."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write the group's reflections – a few sentences are enough.")},
    )

    led_by = forms.ChoiceField(
        label=_("Who led the dialog?"),
        help_text=_("A dialog coach is counted on the reach page for the dialogs they led."),
        required=False,  # not given: the one recording it
        error_messages={"invalid_choice": _("Choose from the list.")},
    )

    def __init__(self, *args, units, programmes, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].offer(units)
        self.fields["subject"].choices = [("", _("Choose …")), *subject_choices(programmes)]
        self.user = user
        self.coaches = unit_coaches(units, user)
        self.fields["led_by"].choices = leader_choices(self.coaches, _("I did"))
        if not self.is_bound:
            self.fields["held_on"].initial = today()
            self.fields["led_by"].initial = ME

    def clean_subject(self):
        value = self.cleaned_data["subject"]
        kind, pk = value[:1], value[1:]
        if kind == "t":
            theme = Theme.objects.select_related("programme").filter(pk=pk).first()
            if theme is not None:
                return theme.programme, theme
        if kind == "p":
            programme = Programme.objects.filter(pk=pk).first()
            if programme is not None:
                return programme, None
        raise forms.ValidationError(_("Choose the theme or programme from the list."))

    def clean(self):
        data = super().clean()
        unit, held_on, participants = (
            data.get("unit"),
            data.get("held_on"),
            data.get("participants"),
        )
        check_coach(self, unit, data.get("led_by"), "led_by")
        if unit and held_on and participants:
            staff = staff_on(unit, held_on)
            if participants > staff:
                self.add_error(
                    "participants",
                    _("%(n)s took part, but %(unit)s had %(staff)s employees on that day. Check the number.")
                    % {"n": participants, "unit": unit.name, "staff": staff},
                )
        return data

    def chosen_unit(self):
        return self.cleaned_data["unit"]

    def leader(self):
        """The user who led the dialog: the one recording it, a dialog coach of the unit, or None."""
        return chosen_leader(self, self.cleaned_data.get("led_by"))


def _action_fields() -> dict:
    """The plan activity's six parts and follow-up date, with their own labels and messages."""
    return {name: copy.deepcopy(ActivityForm.base_fields[name]) for name in ACTION_FIELDS}


class ActionForm(forms.Form):
    """An action the group agreed on; left empty, it is no action. Filled in, all six parts and the
    follow-up date are needed, as for every activity of a health plan."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_action_fields())
        for field in self.fields.values():
            field.required = False

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in ACTION_FIELDS):
            return {}
        for name in ACTION_FIELDS:
            if not data.get(name) and name not in self.errors:
                self.add_error(name, self.fields[name].error_messages["required"])
        return data


ActionFormSet = forms.formset_factory(ActionForm, extra=MAX_ACTIONS, max_num=MAX_ACTIONS)


class EvaluationForm(forms.Form):
    """The group's own evaluation: up to five questions in order of importance, each answered with
    examples."""

    unit = UnitField(label=_("Which unit's group wrote it?"))
    written_on = forms.DateField(
        label=_("Date"),
        widget=DATE_INPUT,
        validators=[_not_in_future],
        error_messages={"required": _("Choose the date."), "invalid": _("Write a date.")},
    )
    participants = forms.IntegerField(
        label=_("How many took part?"),
        min_value=1,
        error_messages={"required": _("Write how many took part."), "min_value": _("At least one person.")},
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].offer(units)
        if not self.is_bound:
            self.fields["written_on"].initial = today()
        for n in range(1, MAX_EVALUATION_QUESTIONS + 1):
            self.fields[f"question_{n}"] = forms.CharField(
                label=_("Question %(n)s") % {"n": n}, max_length=300, required=n == 1
            )
            self.fields[f"answer_{n}"] = forms.CharField(
                label=_("Our answer"),
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"examples_{n}"] = forms.CharField(
                label=_("Examples"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
        self.fields["question_1"].error_messages["required"] = _("Write at least one question of your own.")

    def question_rows(self):
        return [
            (n, self[f"question_{n}"], self[f"answer_{n}"], self[f"examples_{n}"])
            for n in range(1, MAX_EVALUATION_QUESTIONS + 1)
        ]

    def clean(self):
        data = super().clean()
        for n in range(1, MAX_EVALUATION_QUESTIONS + 1):
            if data.get(f"question_{n}") and not data.get(f"answer_{n}"):
                self.add_error(f"answer_{n}", _("Answer the question, with an example if you can."))
        return data

    def answers(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "question": data[f"question_{n}"],
                "answer": data[f"answer_{n}"],
                "examples": data[f"examples_{n}"],
            }
            for n in range(1, MAX_EVALUATION_QUESTIONS + 1)
            if data.get(f"question_{n}")
        ]

    def chosen_unit(self):
        return self.cleaned_data["unit"]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ThemeForm(forms.ModelForm):
    """A theme of the library; its questions one per line, Swedish and English line by line."""

    questions_sv = forms.CharField(
        label=_("Questions (Swedish), one per line"), widget=forms.Textarea(attrs={"rows": 4})
    )
    questions_en = forms.CharField(
        label=_("Questions (English), one per line"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    class Meta:
        model = Theme
        fields = [
            "title_sv",
            "title_en",
            "slug",
            "minutes",
            "purpose_sv",
            "purpose_en",
            "introduction_sv",
            "introduction_en",
            "exercise_sv",
            "exercise_en",
            "reflection_sv",
            "reflection_en",
        ]

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        if self.instance.pk:
            self.fields["questions_sv"].initial = "\n".join(q.get("sv", "") for q in self.instance.questions)
            self.fields["questions_en"].initial = "\n".join(q.get("en", "") for q in self.instance.questions)

    def clean(self):
        data = super().clean()
        swedish, english = _lines(data.get("questions_sv", "")), _lines(data.get("questions_en", ""))
        if not 2 <= len(swedish) <= 4:
            self.add_error("questions_sv", _("Write two to four questions, one per line."))
        elif english and len(english) != len(swedish):
            self.add_error("questions_en", _("Write as many English questions as Swedish ones, or none."))
        slug = data.get("slug")
        if (
            slug
            and Theme.objects.filter(programme=self.programme, slug=slug)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("slug", _("Another theme of the programme has this short name."))
        # Only a form without errors is saved; unequal line counts must not fail here (a 500).
        self._questions = [
            {"sv": sv, "en": english[n] if n < len(english) else ""} for n, sv in enumerate(swedish)
        ]
        return data

    def save(self, commit=True):
        theme = super().save(commit=False)
        theme.programme = self.programme
        theme.questions = self._questions
        if theme.pk is None:
            theme.position = self.programme.themes.count()
        if commit:
            theme.save()
        return theme


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["title_sv", "title_en", "slug", "kind", "description_sv", "description_en", "in_use"]


def _not_in_past(value):
    if value and value < today():
        raise forms.ValidationError(_("A meeting is planned ahead: choose today or a later day."))


def theme_choices(programmes) -> list:
    """The themes of the programmes in use, grouped by programme ("t<id>", as subject_choices)."""
    return [
        (programme.title, [(f"t{theme.pk}", theme.title) for theme in programme.themes.all()])
        for programme in programmes
    ]


class MeetingForm(forms.Form):
    """Planning the next workplace meeting: a day ahead, a theme and who leads it."""

    unit = UnitField(label=_("Which unit is meeting?"))
    held_on = forms.DateField(
        label=_("Date"),
        widget=DATE_INPUT,
        validators=[_not_in_past],
        error_messages={"required": _("Choose the date of the meeting."), "invalid": _("Write a date.")},
    )
    theme = forms.ChoiceField(
        label=_("Theme"),
        error_messages={
            "required": _("Choose a theme."),
            "invalid_choice": _("Choose a theme from the list."),
        },
    )
    facilitator = forms.ChoiceField(
        label=_("Who leads the dialog?"),
        required=False,
        error_messages={"invalid_choice": _("Choose from the list.")},
    )

    def __init__(self, *args, units, programmes, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].offer(units)
        self.fields["theme"].choices = [("", _("Choose …")), *theme_choices(programmes)]
        self.user = user
        self.coaches = unit_coaches(units, user)
        self.fields["facilitator"].choices = leader_choices(self.coaches, _("I do"))
        if not self.is_bound:
            self.fields["facilitator"].initial = ME

    def clean_theme(self):
        value = self.cleaned_data["theme"]
        theme = None
        if value[:1] == "t" and value[1:].isdigit():
            theme = Theme.objects.select_related("programme").filter(pk=value[1:]).first()
        if theme is None:
            raise forms.ValidationError(_("Choose a theme from the list."))
        return theme

    def clean(self):
        data = super().clean()
        check_coach(self, data.get("unit"), data.get("facilitator"), "facilitator")
        return data

    def leader(self):
        return chosen_leader(self, self.cleaned_data.get("facilitator"))
