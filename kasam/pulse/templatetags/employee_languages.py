"""`{{ text|shown }}` for a kasam.pulse.languages.Text: the text as it is, or – where the chosen
language lacks it – the Swedish in an element marked lang="sv", followed by a small note in the chosen
language's words, "(på svenska)" (docs/pulse-questions.md "Languages of the answer page")."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def shown(text):
    if getattr(text, "fallback", False):
        return format_html(
            '<span lang="{}" dir="ltr">{}</span> <span class="language-fallback">{}</span>',
            text.language,
            str(text),
            text.note,
        )
    return format_html("{}", str(text))
