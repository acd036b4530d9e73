"""Texts stored in Swedish and English side by side (the dialog library, the leadership catalogue):
the one of the current language, English where asked for and given, Swedish otherwise."""

from django.utils.translation import get_language


def is_english() -> bool:
    return (get_language() or "sv").startswith("en")


def in_language(obj, field: str) -> str:
    """`obj.<field>_en` in English (when not empty), else `obj.<field>_sv`."""
    if is_english():
        return getattr(obj, f"{field}_en") or getattr(obj, f"{field}_sv")
    return getattr(obj, f"{field}_sv")


def texts_in_language(texts: list[dict]) -> list[str]:
    """[{"sv": …, "en": …}, …] → the texts in the current language."""
    english = is_english()
    return [(text.get("en") if english else None) or text.get("sv", "") for text in texts]
