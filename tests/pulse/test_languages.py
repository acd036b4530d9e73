"""kasam.pulse.languages: the eight languages, the data files, the lookup with its visible Swedish
fallback, the strategist's corrections over the files and the review status (docs/pulse-questions.md
"Languages of the answer page")."""

from datetime import date

import pytest
from django.test import RequestFactory

from kasam.core.languages import EMPLOYEE_LANGUAGE_CODES, normalise
from kasam.pulse import languages, page_texts, question_bank
from kasam.pulse.models import TranslationOverride, TranslationReview

pytestmark = pytest.mark.django_db


def test_eight_languages_each_named_in_itself_and_arabic_and_persian_right_to_left():
    assert EMPLOYEE_LANGUAGE_CODES == ("sv", "sv-x-ll", "en", "ar", "so", "ti", "fa", "fi")
    assert {code for code in EMPLOYEE_LANGUAGE_CODES if languages.get(code).rtl} == {"ar", "fa"}
    assert languages.get("ar").native_name == "العربية"
    assert languages.get("fi").native_name == "Suomi"
    assert normalise(" AR ") == "ar" and normalise("Sv-X-LL") == "sv-x-ll" and normalise("de") is None


def test_every_key_has_swedish_and_english_and_the_keys_cover_the_bank_and_the_page():
    keys = languages.all_keys()
    assert len(keys) == len(set(keys))
    assert set(page_texts.PAGE) <= set(keys) and set(page_texts.WORKPLACE) <= set(keys)
    for statement in (question_bank.HEALTH, *question_bank.statements()):
        assert f"statement.{statement.id}" in keys
    for dimension in question_bank.DIMENSION_IDS:
        assert f"dimension.{dimension}" in keys
    assert {"agreement.1", "agreement.5", "health.1", "health.5", "open.fungerar_bra"} <= set(keys)
    sv, en = languages.catalogue("sv"), languages.catalogue("en")
    assert sv.text("statement.beg1") == question_bank.get("beg1").sv
    assert en.text("statement.beg1") == question_bank.get("beg1").en
    # The page's Swedish is Kasam's catalogue, with {name} placeholders.
    assert sv.text("page.heading") == "Hur är det på jobbet just nu?"
    assert sv.text("page.answer_until") == "Du kan svara till och med {date}."


@pytest.mark.parametrize("code", languages.FILE_LANGUAGES)
def test_each_data_file_is_a_full_unreviewed_draft_with_the_swedish_placeholders(code):
    file = languages.data_file(code)
    assert file.texts, code
    assert set(file.texts) <= set(languages.all_keys()), set(file.texts) - set(languages.all_keys())
    assert set(languages.all_keys()) - set(file.texts) == set(), code
    for key, text in file.texts.items():
        swedish = languages.catalogue("sv").text(key)
        assert languages.placeholders(text) == languages.placeholders(swedish), (code, key)
    # Written by Kasam's developers: a draft until a native speaker reviews it.
    assert file.reviewed_by == "" and file.reviewed_on is None
    assert languages.review(code) is None
    assert languages.catalogue(code).draft


@pytest.mark.parametrize("code", languages.FILE_LANGUAGES)
def test_each_data_file_has_the_employee_pages_texts_with_their_placeholders(code):
    """The employee page's texts (page_texts.WORKPLACE) are in every file, with the Swedish's
    placeholders; a count's two forms both name the count."""
    file = languages.data_file(code)
    sv, en = languages.catalogue("sv"), languages.catalogue("en")
    for key in page_texts.WORKPLACE:
        assert key in file.texts, (code, key)
        wanted = languages.placeholders(sv.text(key))
        assert wanted == languages.placeholders(en.text(key)), key
        assert languages.placeholders(file.texts[key]) == wanted, (code, key)
    assert {"n", "date"} <= languages.placeholders(file.texts["workplace.respondents_one"])
    # Swedish and English are the gettext catalogue's, as the page had them.
    assert sv.text("workplace.title") == "Min arbetsplats" and en.text("workplace.title") == "My workplace"
    assert sv.text("workplace.who_follow_up") == "Vem: {who}. Följs upp {date}."


def test_a_missing_key_falls_back_to_swedish_marked_as_swedish(monkeypatch):
    file = languages.data_file("ar")
    texts = {key: text for key, text in file.texts.items() if key != "statement.beg1"}
    monkeypatch.setattr(languages, "data_file", lambda code: languages.DataFile(texts))
    arabic = languages.catalogue("ar")
    shown = arabic.text("statement.beg1")
    assert shown == question_bank.get("beg1").sv
    assert shown.fallback and shown.language == "sv"
    assert shown.note == "(بالسويدية)"  # "(in Swedish)" in the chosen language's own words
    own = arabic.text("statement.beg2")
    assert not own.fallback and own.language == "ar"


def test_the_note_itself_falls_back_to_swedish_when_the_language_lacks_it(monkeypatch):
    monkeypatch.setattr(languages, "data_file", lambda code: languages.DataFile({}))
    shown = languages.catalogue("so").text("page.heading")
    assert (str(shown), shown.fallback, shown.note) == ("Hur är det på jobbet just nu?", True, "(på svenska)")


def test_an_override_wins_over_the_file_and_text_reads_it():
    assert languages.text("ar", "page.submit") == "أرسل إجاباتي"
    TranslationOverride.objects.create(language="ar", key="page.submit", text="إرسال")
    assert languages.text("ar", "page.submit") == "إرسال"
    assert languages.catalogue("fa").text("page.submit") == "پاسخ‌هایم را بفرست"  # other languages untouched
    assert languages.catalogue("ar").overrides == {"page.submit": "إرسال"}


def test_a_review_in_kasam_ends_the_draft_and_the_file_header_counts_too(monkeypatch):
    TranslationReview.objects.create(language="so", reviewed_by="Hodan", reviewed_on=date(2026, 11, 1))
    assert languages.review("so") == languages.Review("Hodan", date(2026, 11, 1), "kasam")
    assert not languages.catalogue("so").draft
    assert languages.catalogue("fi").draft
    reviewed = languages.DataFile({}, reviewed_by="Aino", reviewed_on=date(2026, 10, 1))
    monkeypatch.setattr(languages, "data_file", lambda code: reviewed)
    assert languages.review("fi") == languages.Review("Aino", date(2026, 10, 1), "file")
    # Swedish and English are Kasam's own wording, never a draft.
    assert not languages.catalogue("sv").draft and not languages.catalogue("en").draft


def test_fill_keeps_the_fallback_and_leaves_unknown_placeholders():
    text = languages.Text("Högst {limit} tecken, {other}.", "sv", fallback=True, note="(x)")
    filled = text.fill(limit=1000)
    assert filled == "Högst 1000 tecken, {other}." and filled.fallback and filled.note == "(x)"


def test_dates_in_swedish_english_and_a_file_language():
    day = date(2026, 11, 29)
    assert languages.catalogue("sv").date(day) == "29 november"
    assert languages.catalogue("en").date(day) == "29 November"
    assert languages.catalogue("fi").date(day) == "29.11.2026"
    assert languages.catalogue("ar").date(day) == "29/11/2026"


def test_the_chosen_language_is_the_pick_then_the_persons_then_the_sites():
    factory = RequestFactory()
    request = factory.get("/")
    request.LANGUAGE_CODE = "sv"
    assert languages.chosen(request) == "sv"
    assert languages.chosen(request, "so") == "so"
    assert languages.chosen(request, "xx") == "sv"  # an unknown default is ignored
    request.LANGUAGE_CODE = "en"
    assert languages.chosen(request) == "en"
    request.COOKIES[languages.COOKIE] = "fa"
    assert languages.chosen(request, "so") == "fa"
    request.COOKIES[languages.COOKIE] = "klingon"
    assert languages.chosen(request, "so") == "so"
