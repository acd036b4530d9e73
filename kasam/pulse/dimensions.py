"""The names of the pulse's dimensions in the current language, as every page, export, report and form
shows them (kept out of the views so that other apps may name a dimension without importing a view)."""

from django.utils.translation import get_language, gettext

from kasam.pulse import question_bank, results


def dimension_name(dimension: str) -> str:
    if dimension == results.HEALTH:
        return gettext("Self-rated health")
    try:
        return question_bank.dimension(dimension).name(get_language() or "sv")
    except KeyError:
        return dimension
