"""Hints of medical detail in a note (docs/definitions.md "No medical detail in notes")."""

import pytest

from kasam.metrics.medical_text import medical_hints


@pytest.mark.parametrize(
    ("text", "hints"),
    [
        ("Diagnos F32, tidigare F43.8 och M54.5.", ["Diagnos", "F32", "F43.8", "M54.5"]),
        ("koder i gemener: f32, f43.8a, m545", ["f32", "f43.8a", "m545"]),
        ("Utmattningssyndrom (F43.8A) sedan mars.", ["Utmattningssyndrom", "F43.8A"]),
        ("Covid-19 i våras, U07.1.", ["Covid-19", "U07.1"]),
        # A week is not a code; a V code with a decimal part is.
        ("Tillbaka v32, efter olyckan V89.2.", ["V89.2"]),
    ],
)
def test_icd_10_codes_are_found_in_any_case(text, hints):
    assert medical_hints(text) == hints


@pytest.mark.parametrize(
    "text",
    [
        "Möte 2026-05-01 kl 10.30, uppföljning 15/6.",
        "Budget 2024 och 2025, 3,5 timmar i veckan.",
        "Resa med X2000, rum 12, plan 3, version 2.1.",
        "kl14.30 i B-huset",
    ],
)
def test_years_dates_times_and_ordinary_numbers_are_no_codes(text):
    assert medical_hints(text) == []


@pytest.mark.parametrize(
    ("text", "hints"),
    [
        ("Depressionen har lättat, depressiva tankar.", ["Depressionen", "depressiva"]),
        ("cancern är behandlad", ["cancern"]),
        ("Hon har ångest och utbrändhet.", ["ångest", "utbrändhet"]),
        ("Diabetes, migrän och en hjärtinfarkt förra året.", ["Diabetes", "migrän", "hjärtinfarkt"]),
        ("Stroke, fraktur, diskbråck, reumatism.", ["Stroke", "fraktur", "diskbråck", "reumatism"]),
        ("Graviditeten, missbruk av alkohol.", ["Graviditeten", "missbruk", "alkohol"]),
        ("En psykos 2019; psykosen gick över. Bipolär.", ["psykos", "psykosen", "Bipolär"]),
        ("ADHD och autism", ["ADHD", "autism"]),
        ("Opererad i knät, operationen gick bra.", ["Opererad", "operationen"]),
        ("Tar medicin och andra läkemedel.", ["medicin", "läkemedel"]),
        ("depression, DEPRESSION, Depression", ["depression"]),  # each once, the first spelling
        ("She has anxiety and depression after surgery.", ["anxiety", "depression", "surgery"]),
    ],
)
def test_medical_words_are_found_at_word_starts_with_their_inflections(text, hints):
    assert medical_hints(text) == hints


@pytest.mark.parametrize(
    "text",
    [
        "Nytt schema och ändrad arbetstid.",
        "Lägre tempo de första veckorna.",
        "Hjälpmedel: höj- och sänkbart skrivbord.",
        "Färre arbetsuppgifter, samma arbetsplats.",
        "Samtal med en operativ chef och en operatör.",
        "Vi pratade om den psykosociala arbetsmiljön.",
        "Ledigt av medicinska skäl enligt läkarintyget.",
        "Arbetsterapeuten kommer på tisdag.",
        "Stressig period, mycket att göra, behöver vila.",
        "",
    ],
)
def test_everyday_work_words_give_no_hint(text):
    assert medical_hints(text) == []
