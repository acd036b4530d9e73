"""Swedish or English (no Django import at module level): texts stored in both side by side (the
pulse's question bank, the dialog library, the leadership catalogue), the one of the current language,
English where asked for and given, Swedish otherwise; and the language of a command's messages from
the environment."""

import os


def choose(language: str, sv: str, en: str) -> str:
    """English for a language "en…" (en, en-gb, EN), Swedish otherwise: the one rule of every text kept
    in both languages."""
    return en if language.lower().startswith("en") else sv


def is_english() -> bool:
    # Imported here: the pure question bank (kasam.pulse.question_bank) imports this module without
    # importing Django.
    from django.utils.translation import get_language

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


def language_from_environment(environ: dict[str, str] | os._Environ = os.environ) -> str:
    """POSIX order: the first of LC_ALL, LC_MESSAGES, LANG that is set decides; Swedish unless it
    starts with "en"."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := environ.get(name):
            return "en" if value.lower().startswith("en") else "sv"
    return "sv"
