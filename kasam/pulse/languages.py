"""The languages of the employees' pages, as one small API (docs/pulse-questions.md "Languages of the
answer page"). The pulse's answer page and the employee page (kasam.workplace, docs/employee-page.md
"Languages") use it, with one choice and one set of texts:

- `LANGUAGES` / `get(code)`: the eight languages with their own names and direction
  (kasam.core.languages).
- `chosen(request, default)`: the language of this request – the person's own pick (a cookie), else
  `default` (the person's language from the import), else the site's Swedish or English.
- `remember(response, code)`: keeps a pick in that cookie; `picking(request)` / `picked(request)`:
  the picker's POST to a page's own address, answered by a 303 back to it.
- `catalogue(code)` / `text(code, key)`: a text by stable key, with the strategist's corrections over
  the data file, and Swedish – marked as such – where a language lacks the key; `.texts(keys)` for a
  template, `.date(day)` as the language writes dates.
- `review(code)`: who reviewed a language's wording and when; no review means a draft.

Where the texts come from: Swedish and English are Kasam's own (the question bank, and the gettext
catalogue for the page's sentences, kasam.pulse.page_texts); every other language has one TOML file
in kasam/pulse/translations/ keyed by the same keys, with a header naming its reviewer. A
TranslationOverride row wins over the file; a TranslationReview row over the file's header.
"""

import functools
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.utils.dateformat import format as format_date

from kasam.core.languages import (
    EASY_SWEDISH,
    EMPLOYEE_LANGUAGE_CODES,
    EMPLOYEE_LANGUAGES,
    ENGLISH,
    SWEDISH,
    Language,
    employee_language,
    normalise,
)
from kasam.pulse import page_texts, question_bank

__all__ = [
    "COOKIE",
    "EASY_SWEDISH",
    "ENGLISH",
    "FILE_LANGUAGES",
    "LANGUAGE_FIELD",
    "LANGUAGES",
    "SWEDISH",
    "Catalogue",
    "Review",
    "Text",
    "catalogue",
    "chosen",
    "get",
    "all_keys",
    "page_context",
    "picked",
    "picking",
    "remember",
    "review",
    "text",
]

LANGUAGES: tuple[Language, ...] = EMPLOYEE_LANGUAGES
# The languages whose texts are data files to review (all but Kasam's own Swedish and English).
FILE_LANGUAGES: tuple[str, ...] = tuple(c for c in EMPLOYEE_LANGUAGE_CODES if c not in (SWEDISH, ENGLISH))
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
# The employee's pick: its own cookie, apart from the site's (settings.LANGUAGE_COOKIE_NAME), so that
# a manager who answers a pulse in Arabic still meets the managers' pages in their Swedish or English.
COOKIE = "kasam_employee_language"
COOKIE_AGE = 365 * 24 * 3600
# Dates in a file language: numbers only (Django has no month names in Somali or Tigrinya); a file's
# header may give another format (Django's date format characters).
DEFAULT_DATE_FORMAT = "Y-m-d"
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def get(code: str) -> Language:
    """The language with this code; KeyError for any other."""
    return employee_language(code)


# ------------------------------------------------------------------------------------------ the choice


def chosen(request, default: str | None = None) -> str:
    """The language of the employee's page: their pick in the cookie, else `default` (the person's
    language from the import, when the page knows the person), else the site's language (Swedish, or
    English for one who chose it in the footer of Kasam's other pages)."""
    picked = normalise(request.COOKIES.get(COOKIE))
    if picked:
        return picked
    if normalise(default):
        return normalise(default)
    site = getattr(request, "LANGUAGE_CODE", None) or translation.get_language() or SWEDISH
    return ENGLISH if site.startswith(ENGLISH) else SWEDISH


def remember(response, code: str) -> None:
    """Keep the employee's pick (an unknown code is ignored). Lax, HTTP-only, Secure like Kasam's
    other cookies; a year, like Django's language cookie."""
    code = normalise(code)
    if code is None:
        return
    response.set_cookie(
        COOKIE,
        code,
        max_age=COOKIE_AGE,
        samesite="Lax",
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
    )


# ------------------------------------------------------------------------------------------- the texts


class Text(str):
    """A text of a language. `language` is the language the words are really in: the chosen one, or
    Swedish where the chosen language lacks the key (`fallback`), when `note` says so in the chosen
    language ("(på svenska)")."""

    language: str
    fallback: bool
    note: str

    def __new__(cls, value: str, language: str, fallback: bool = False, note: str = ""):
        made = super().__new__(cls, value)
        made.language, made.fallback, made.note = language, fallback, note
        return made

    def fill(self, **values) -> "Text":
        """The text with its {name} placeholders filled in (an unknown placeholder stays as written)."""
        filled = re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), self)
        return Text(filled, self.language, self.fallback, self.note)


@functools.cache
def _sources() -> dict[str, tuple[str, str]]:
    """{key: (Swedish, English)} for every key, in the order the strategist's page lists them: the
    answer page's sentences, the employee page's, the statements, the scales, the open question, the
    dimensions."""
    found: dict[str, tuple[str, str]] = {}
    for key, msgid in {**page_texts.PAGE, **page_texts.WORKPLACE}.items():
        if isinstance(msgid, page_texts.Plural):
            english = msgid.singular if msgid.count == 1 else msgid.plural
            with translation.override(SWEDISH):
                swedish = translation.ngettext(msgid.singular, msgid.plural, msgid.count)
        else:
            english = msgid
            with translation.override(SWEDISH):
                swedish = translation.gettext(msgid)
        found[key] = (_braces(swedish), _braces(english))
    for statement in (question_bank.HEALTH, *question_bank.statements()):
        found[f"statement.{statement.id}"] = (statement.sv, statement.en)
    for step in question_bank.AGREEMENT_SCALE:
        found[f"agreement.{step.value}"] = (step.sv, step.en)
    for step in question_bank.HEALTH_SCALE:
        found[f"health.{step.value}"] = (step.sv, step.en)
    open_question = question_bank.OPEN_QUESTION
    found[f"open.{open_question.id}"] = (open_question.sv, open_question.en)
    for dimension in question_bank.DIMENSIONS:
        found[f"dimension.{dimension.id}"] = (dimension.sv, dimension.en)
    return found


def _braces(text: str) -> str:
    return _PLACEHOLDER.sub(r"{\1}", text)


def all_keys() -> list[str]:
    """Every key of the employee pages' texts (the answer page's and the employee page's), in a stable
    order."""
    return list(_sources())


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


@dataclass(frozen=True)
class DataFile:
    """A language's data file: its texts by key and its header."""

    texts: dict[str, str]
    reviewed_by: str = ""
    reviewed_on: date | None = None
    date_format: str = DEFAULT_DATE_FORMAT


@functools.cache
def data_file(code: str) -> DataFile:
    """The data file of a file language, read once per process; an empty one for Swedish and English
    and for a language without a file."""
    path = TRANSLATIONS_DIR / f"{code}.toml"
    if code not in FILE_LANGUAGES or not path.exists():
        return DataFile({})
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    meta = data.pop("meta", {})
    texts = {
        f"{section}.{name}": str(value).strip()
        for section, entries in data.items()
        for name, value in entries.items()
        if str(value).strip()
    }
    reviewed_on = meta.get("reviewed_on") or None
    if isinstance(reviewed_on, str):
        reviewed_on = date.fromisoformat(reviewed_on)
    return DataFile(
        texts,
        str(meta.get("reviewed_by", "")).strip(),
        reviewed_on,
        meta.get("date_format") or DEFAULT_DATE_FORMAT,
    )


@dataclass(frozen=True)
class Review:
    reviewed_by: str
    reviewed_on: date | None
    # "file" (the data file's header) or "kasam" (marked as reviewed by the health strategist).
    source: str


def review(code: str) -> Review | None:
    """Who reviewed this language's wording, and when; None while it is a draft. Swedish and English
    are Kasam's own wording and never drafts."""
    if code not in FILE_LANGUAGES:
        return Review("Kasam", None, "kasam")
    from kasam.pulse.models import TranslationReview

    stored = TranslationReview.objects.filter(language=code).first()
    if stored is not None:
        return Review(stored.reviewed_by, stored.reviewed_on, "kasam")
    file = data_file(code)
    return Review(file.reviewed_by, file.reviewed_on, "file") if file.reviewed_by else None


@dataclass
class Catalogue:
    """One language's texts for one page: the data file with the strategist's corrections over it,
    read once (one query), and whether the wording is still a draft (one more)."""

    language: str
    overrides: dict[str, str] = field(default_factory=dict)
    draft: bool = False

    @property
    def info(self) -> Language:
        return get(self.language)

    def own(self, key: str) -> str | None:
        """The language's own text of `key`, or None where it has none (then `text` falls back)."""
        if self.language == SWEDISH:
            return _sources()[key][0]
        if self.language == ENGLISH:
            return _sources()[key][1]
        return self.overrides.get(key) or data_file(self.language).texts.get(key)

    def text(self, key: str) -> Text:
        """The text of `key` in this language, or the Swedish marked as a fallback; KeyError for a key
        Kasam does not have."""
        swedish = _sources()[key][0]
        own = self.own(key)
        if own:
            return Text(own, self.language)
        note = self.own("page.in_swedish") or _sources()["page.in_swedish"][0]
        return Text(swedish, SWEDISH, fallback=True, note=note)

    def swedish(self, key: str) -> Text:
        return Text(_sources()[key][0], SWEDISH)

    def date(self, day: date, year: bool = False, weekday: bool = False) -> str:
        """A date as the language writes it: "29 november" in Swedish and English ("29 november 2026"
        with the year, "söndag 29 november" with the weekday), numbers with the year in the others
        (or the file header's date_format), which have no weekday."""
        if self.language in (SWEDISH, ENGLISH, EASY_SWEDISH):
            shape = ("l " if weekday else "") + "j F" + (" Y" if year else "")
            with translation.override(ENGLISH if self.language == ENGLISH else SWEDISH):
                return format_date(day, shape)
        return format_date(day, data_file(self.language).date_format)

    def texts(self, keys, **values) -> dict[str, dict[str, Text]]:
        """The texts of `keys` for a template, as {section: {name: text}} (t.page.heading), with their
        placeholders filled in from `values`."""
        found: dict[str, dict[str, Text]] = {}
        for key in keys:
            section, name = key.split(".", 1)
            found.setdefault(section, {})[name] = self.text(key).fill(**values)
        return found


# ------------------------------------------------------------------------------------------ the picker

# The picker's field (kasam/templates/pulse/answer_base.html); no other form of the pages has it.
LANGUAGE_FIELD = "language"


def picked(request) -> HttpResponse:
    """The picker's POST: remember the language, and show the same address again (303: with GET). The
    address is the request's own path, never one from the form."""
    response = HttpResponseRedirect(request.path)
    response.status_code = 303
    remember(response, request.POST.get(LANGUAGE_FIELD, ""))
    return response


def picking(request) -> bool:
    """Whether this request is the picker's POST."""
    return request.method == "POST" and LANGUAGE_FIELD in request.POST


def page_context(texts: Catalogue, keys, **values) -> dict:
    """What an employee page's template needs (kasam/templates/pulse/answer_base.html): the texts of
    `keys` as t.<section>.<name>, filled in with `values`; the language with its direction; the
    picker's languages; the draft notice with its Swedish."""
    return {
        "t": texts.texts(keys, **values),
        "language": texts.info,
        "languages": LANGUAGES,
        "draft": texts.draft,
        "draft_swedish": texts.swedish("page.draft_notice"),
    }


def catalogue(code: str) -> Catalogue:
    """The texts of a language for one page (unknown codes: Swedish)."""
    code = normalise(code) or SWEDISH
    if code not in FILE_LANGUAGES:
        return Catalogue(code)
    from kasam.pulse.models import TranslationOverride

    overrides = dict(TranslationOverride.objects.filter(language=code).values_list("key", "text"))
    return Catalogue(code, overrides, draft=review(code) is None)


def text(code: str, key: str) -> Text:
    """One text by key in a language (see Catalogue.text). For many texts of one page, take a
    `catalogue(code)` once."""
    return catalogue(code).text(key)
