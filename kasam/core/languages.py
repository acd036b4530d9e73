"""The languages an employee may meet Kasam's employee pages in (the pulse's answer page first;
docs/pulse-questions.md "Languages of the answer page"). Pure data, no Django import: the people
import (kasam.org.imports) checks a person's default language against it, and kasam.pulse.languages
builds the answer page's choice and texts on it.

The rest of Kasam – every page for managers, HR and the health strategist – stays Swedish or English
(settings.LANGUAGES). Easy Swedish (lättläst) has no code of its own in BCP 47; Kasam uses the
private-use tag `sv-x-ll`, which browsers and screen readers read as Swedish.
"""

from dataclasses import dataclass

SWEDISH = "sv"
ENGLISH = "en"
EASY_SWEDISH = "sv-x-ll"


@dataclass(frozen=True)
class Language:
    """A language of the employee pages: its code (also the HTML lang), its name in itself (what the
    picker shows), its name in Swedish (what the strategist's pages show) and its direction."""

    code: str
    native_name: str
    swedish_name: str
    english_name: str
    direction: str = "ltr"

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    def name(self, language: str) -> str:
        """Its name in Kasam's Swedish or English (the pages for managers and the strategist)."""
        return self.english_name if language.lower().startswith("en") else self.swedish_name


EMPLOYEE_LANGUAGES: tuple[Language, ...] = (
    Language(SWEDISH, "Svenska", "svenska", "Swedish"),
    Language(EASY_SWEDISH, "Lättläst svenska", "lättläst svenska", "Easy Swedish"),
    Language(ENGLISH, "English", "engelska", "English"),
    Language("ar", "العربية", "arabiska", "Arabic", "rtl"),
    Language("so", "Soomaali", "somaliska", "Somali"),
    Language("ti", "ትግርኛ", "tigrinska", "Tigrinya"),
    Language("fa", "فارسی", "persiska", "Persian", "rtl"),
    Language("fi", "Suomi", "finska", "Finnish"),
)
EMPLOYEE_LANGUAGE_CODES: tuple[str, ...] = tuple(language.code for language in EMPLOYEE_LANGUAGES)
_BY_CODE = {language.code: language for language in EMPLOYEE_LANGUAGES}


def employee_language(code: str) -> Language:
    """The language with this code; KeyError if it is not one of EMPLOYEE_LANGUAGES."""
    return _BY_CODE[code]


def normalise(code: str | None) -> str | None:
    """An employee language's code from any spelling of it (`AR`, ` sv-X-LL `), or None."""
    if not code:
        return None
    code = code.strip().lower()
    return code if code in _BY_CODE else None
