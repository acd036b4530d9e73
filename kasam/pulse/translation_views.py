"""The answer page's translations for the health strategist (MANAGE_TRANSLATIONS): the languages with
their review status, a language's keys with the Swedish beside each, a form per key that stores a
correction (TranslationOverride, which wins over the data file), and "reviewed by NAME on DATE" per
language (TranslationReview, which replaces the file's header). Every change is audit-logged.
docs/pulse-questions.md "Languages of the answer page"."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kasam.audit.models import AuditEntry, record
from kasam.core.dates import today
from kasam.org.access import require_capability
from kasam.org.roles import Capability
from kasam.pulse import languages
from kasam.pulse.models import TranslationOverride, TranslationReview

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT_MAX = 2000


class TextForm(forms.Form):
    text = forms.CharField(
        label=_("Wording"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Leave empty to use the wording of the language's file again."),
    )

    def __init__(self, *args, swedish: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.swedish = swedish

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        wanted = languages.placeholders(self.swedish)
        if text and languages.placeholders(text) != wanted:
            names = ", ".join(sorted("{" + name + "}" for name in wanted)) or "–"
            raise forms.ValidationError(
                gettext("Keep the same placeholders as the Swedish: %(names)s.") % {"names": names}
            )
        return text


class ReviewForm(forms.Form):
    reviewed_by = forms.CharField(label=_("Reviewed by"), max_length=200)
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DATE_INPUT)

    def clean_reviewed_on(self):
        day = self.cleaned_data["reviewed_on"]
        if day > today():
            raise forms.ValidationError(gettext("A review cannot be dated after today."))
        return day


def _language(code: str):
    if code not in languages.FILE_LANGUAGES:
        raise Http404
    return languages.get(code)


@login_required
@require_GET
@require_capability(Capability.MANAGE_TRANSLATIONS)
def languages_page(request):
    rows = []
    every_key = languages.all_keys()
    for code in languages.FILE_LANGUAGES:
        texts = languages.catalogue(code)
        missing = sum(1 for key in every_key if not texts.own(key))
        rows.append(
            {
                "language": languages.get(code),
                "name": languages.get(code).name(get_language() or "sv"),
                "review": languages.review(code),
                "missing": missing,
                "corrected": len(texts.overrides),
            }
        )
    return render(request, "pulse/translations.html", {"rows": rows, "keys": len(every_key)})


def _rows(code: str) -> list[dict]:
    """Every key of a language: the Swedish, the language's wording (empty where it has none: the
    page then shows the Swedish), and whether the strategist corrected it."""
    texts = languages.catalogue(code)
    return [
        {
            "key": key,
            "swedish": texts.swedish(key),
            "text": texts.own(key) or "",
            "corrected": key in texts.overrides,
        }
        for key in languages.all_keys()
    ]


@login_required
@require_GET
@require_capability(Capability.MANAGE_TRANSLATIONS)
def language_page(request, code: str):
    language = _language(code)
    rows = _rows(code)
    review = languages.review(code)
    initial = {"reviewed_by": review.reviewed_by, "reviewed_on": review.reviewed_on} if review else {}
    context = {
        "language": language,
        "name": language.name(get_language() or "sv"),
        "rows": rows,
        "review": review,
        "review_form": ReviewForm(initial=initial),
    }
    return render(request, "pulse/translation_language.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@require_capability(Capability.MANAGE_TRANSLATIONS)
def edit_text(request, code: str, key: str):
    language = _language(code)
    if key not in languages.all_keys():
        raise Http404
    texts = languages.catalogue(code)
    swedish = texts.swedish(key)
    file_text = languages.data_file(code).texts.get(key, "")
    stored = TranslationOverride.objects.filter(language=code, key=key).first()
    if request.method == "POST":
        form = TextForm(request.POST, swedish=swedish)
        if form.is_valid():
            _save_text(request.user, code, key, form.cleaned_data["text"], stored, file_text)
            messages.success(request, gettext("The wording is saved."))
            return redirect("pulse:translation-language", code=code)
    else:
        form = TextForm(initial={"text": stored.text if stored else file_text}, swedish=swedish)
    context = {
        "language": language,
        "name": language.name(get_language() or "sv"),
        "key": key,
        "swedish": swedish,
        "english": languages.catalogue(languages.ENGLISH).own(key),
        "file_text": file_text,
        "corrected": stored is not None,
        "form": form,
    }
    return render(request, "pulse/translation_edit.html", context)


def _save_text(
    user, code: str, key: str, text: str, stored: TranslationOverride | None, file_text: str
) -> None:
    """Store the correction, or remove it when the text is empty or the file's own wording again."""
    before = stored.text if stored else file_text
    with transaction.atomic():
        if not text or text == file_text:
            TranslationOverride.objects.filter(language=code, key=key).delete()
            after = file_text
        else:
            TranslationOverride.objects.update_or_create(
                language=code, key=key, defaults={"text": text, "changed_by": user}
            )
            after = text
        record(user, AuditEntry.Action.CHANGE_TRANSLATION, language=code, key=key, before=before, after=after)


@login_required
@require_POST
@require_capability(Capability.MANAGE_TRANSLATIONS)
def mark_reviewed(request, code: str):
    language = _language(code)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        context = {
            "language": language,
            "name": language.name(get_language() or "sv"),
            "rows": _rows(code),
            "review": languages.review(code),
            "review_form": form,
        }
        return render(request, "pulse/translation_language.html", context, status=400)
    name, day = form.cleaned_data["reviewed_by"].strip(), form.cleaned_data["reviewed_on"]
    with transaction.atomic():
        TranslationReview.objects.update_or_create(
            language=code, defaults={"reviewed_by": name, "reviewed_on": day, "recorded_by": request.user}
        )
        record(
            request.user,
            AuditEntry.Action.REVIEW_TRANSLATION,
            language=code,
            reviewed_by=name,
            reviewed_on=str(day),
        )
    messages.success(request, gettext("The language is marked as reviewed."))
    return redirect("pulse:translation-language", code=code)
