"""No medical detail in a case (docs/rehabilitation.md "No medical detail"): every free-text field of a
case is checked with kasam.metrics.medical_text.medical_hints. When it finds fragments that look like
a diagnosis or a medical detail, the form is shown again with a warning naming them and asking the
writer to rephrase; a checkbox ("the text holds no diagnosis or medical detail") saves it anyway on
the second submit."""

from django import forms
from django.utils.translation import gettext_lazy as _


def hints(text: str) -> list[str]:
    """The fragments of `text` that look like a diagnosis or a medical detail."""
    from kasam.metrics.medical_text import medical_hints

    return list(medical_hints(text or ""))


class MedicalCheck(forms.Form):
    """A form mixin: the fields named in `medical_fields` are checked (see the module). After a
    warning, `fragments` holds what was found and the template shows the checkbox `no_medical`."""

    medical_fields: tuple[str, ...] = ()

    no_medical = forms.BooleanField(label=_("The text holds no diagnosis or medical detail"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fragments: list[str] = []

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("no_medical"):
            return cleaned
        found: list[str] = []
        for name in self.medical_fields:
            for fragment in hints(str(cleaned.get(name) or "")):
                if fragment not in found:
                    found.append(fragment)
        if found:
            self.fragments = found
            raise forms.ValidationError(
                _(
                    "This looks like a diagnosis or a medical detail: %(fragments)s. Kasam keeps no such "
                    "detail. Write instead what matters for the work – or, if the text holds none, tick the "
                    "box below and save again."
                ),
                code="medical",
                params={"fragments": ", ".join(f"“{f}”" for f in found)},
            )
        return cleaned
