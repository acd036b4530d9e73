"""The dialog library (kasam.dialogs.library): stable slugs, complete bilingual texts, Kasam's own words."""

import ast
import dataclasses
import inspect
import re

import pytest
from soc_phrases import SOC_PHRASES

from kasam.dialogs import library
from kasam.dialogs.library import CHECK_IN, CHECK_OUT, KINDS, PROGRAMMES, Programme, Text, Theme, programme

# Every programme and theme slug ever published, in library order. Slugs are stable forever: what a
# workplace has done is recorded by slug, so removing or renaming one must fail here. New programmes
# and themes are appended (new slugs only).
PUBLISHED = {
    "kasam-pa-apt": [
        "begriplighet",
        "hanterbarhet",
        "meningsfullhet",
        "aterhamtning",
        "vad-fungerar-bra",
        "hur-vi-bemoter-varandra",
        "ansvar",
        "forandring",
        "psykologisk-trygghet",
        "framatblick",
    ],
    "den-goda-arbetsplatsen": [
        "vara-basta-dagar",
        "vara-friskfaktorer",
        "sa-vill-vi-ha-det",
        "varna-och-utveckla",
    ],
    "min-ork-i-vardagen": ["det-som-ger-energi", "anstrangning-och-vila", "sma-steg"],
    "verksamhet-som-lyckas": ["vart-uppdrag", "det-vi-lyckas-med", "nasta-steg"],
    "incheckning-utcheckning": ["incheckning", "utcheckning"],
    "samtalskort": [],
    "triogrupper": ["att-komma-igang", "dilemmat", "stodet", "avslutning"],
}

WORKSHOPS = ["den-goda-arbetsplatsen", "min-ork-i-vardagen", "verksamhet-som-lyckas"]


ALL_THEMES = [(p, t) for p in PROGRAMMES for t in p.themes]


def theme_texts(theme: Theme) -> list[Text]:
    texts = [theme.title, theme.purpose, theme.introduction, *theme.questions, theme.reflection]
    return texts + ([theme.exercise] if theme.exercise else [])


def all_texts() -> list[Text]:
    texts = []
    for p in PROGRAMMES:
        texts += [p.title, p.description, *p.cards]
        for t in p.themes:
            texts += theme_texts(t)
    return texts


def sentences(text: str) -> int:
    """Sentences in a text: a full stop, question or exclamation mark (perhaps inside a closing quote)
    followed by a space or the end."""
    return len(re.findall(r"[.!?]”?(?=\s|$)", text))


def test_the_slugs_are_exactly_the_published_ones_in_order():
    assert [p.slug for p in PROGRAMMES] == list(PUBLISHED)
    for p in PROGRAMMES:
        assert [t.slug for t in p.themes] == PUBLISHED[p.slug], p.slug


def test_slugs_are_unique_and_well_formed():
    slugs = [p.slug for p in PROGRAMMES]
    assert len(slugs) == len(set(slugs))
    for p in PROGRAMMES:
        theme_slugs = [t.slug for t in p.themes]
        assert len(theme_slugs) == len(set(theme_slugs)), p.slug
        for slug in [p.slug, *theme_slugs]:
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug


def test_every_kind_is_known_and_every_kind_is_used():
    assert KINDS == ("series", "workshop", "check_in_out", "card_deck", "trio")
    assert {p.kind for p in PROGRAMMES} == set(KINDS)


def test_programme_looks_up_by_slug():
    for p in PROGRAMMES:
        assert programme(p.slug) is p
    assert programme("samtalskort").kind == "card_deck"


@pytest.mark.parametrize("unknown", ["x", "", "KASAM-PA-APT", "kasam-pa-apt ", "begriplighet"])
def test_programme_raises_key_error_for_an_unknown_slug(unknown):
    with pytest.raises(KeyError):
        programme(unknown)


def test_kasam_pa_apt_is_ten_themes_of_fifteen_minutes_in_order():
    series = programme("kasam-pa-apt")
    assert series.kind == "series"
    assert series.title.sv == "KASAM på APT"
    assert len(series.themes) == 10
    assert [t.title.sv.split(" – ")[0] for t in series.themes] == [
        "Begriplighet",
        "Hanterbarhet",
        "Meningsfullhet",
        "Återhämtning",
        "Vad fungerar bra?",
        "Hur vi bemöter varandra",
        "Ansvar",
        "Förändring",
        "Psykologisk trygghet",
        "Framåtblick",
    ]
    assert all(t.minutes == 15 for t in series.themes)
    # Most themes have a small exercise.
    assert sum(t.exercise is not None for t in series.themes) >= 7
    assert series.cards == ()


def test_there_are_three_workshops_with_two_to_four_parts():
    workshops = [p for p in PROGRAMMES if p.kind == "workshop"]
    assert [p.slug for p in workshops] == WORKSHOPS
    assert [p.title.sv for p in workshops] == [
        "Den goda arbetsplatsen",
        "Min ork i vardagen",
        "Verksamhet som lyckas",
    ]
    for p in workshops:
        assert 2 <= len(p.themes) <= 4, p.slug
        assert all(20 <= t.minutes <= 45 for t in p.themes), p.slug
        assert 60 <= sum(t.minutes for t in p.themes) <= 150, p.slug
        assert p.cards == ()


def test_check_in_and_check_out_questions():
    assert len(CHECK_IN) >= 12
    assert len(CHECK_OUT) >= 12
    p = programme("incheckning-utcheckning")
    assert p.kind == "check_in_out"
    # Check-in cards first, then check-out, exactly the exported tuples.
    assert p.cards == (*CHECK_IN, *CHECK_OUT)
    check_in, check_out = p.themes
    assert (check_in.slug, check_out.slug) == ("incheckning", "utcheckning")
    assert set(check_in.questions) <= set(CHECK_IN)
    assert set(check_out.questions) <= set(CHECK_OUT)
    assert check_in.minutes == check_out.minutes == 5
    for card in p.cards:
        assert card.sv.endswith(("?", ".")) and card.en.endswith(("?", "."))


def test_check_in_and_check_out_do_not_repeat_themselves():
    svs = [t.sv.lower() for t in (*CHECK_IN, *CHECK_OUT)]
    ens = [t.en.lower() for t in (*CHECK_IN, *CHECK_OUT)]
    assert len(svs) == len(set(svs))
    assert len(ens) == len(set(ens))


def test_the_card_deck_has_at_least_forty_different_light_questions():
    deck = programme("samtalskort")
    assert deck.kind == "card_deck"
    assert deck.title.sv == "Samtalskort för fikarummet"
    assert len(deck.cards) >= 40
    assert deck.themes == ()
    svs = [c.sv.casefold() for c in deck.cards]
    ens = [c.en.casefold() for c in deck.cards]
    assert len(svs) == len(set(svs))
    assert len(ens) == len(set(ens))
    for card in deck.cards:
        assert len(card.sv) <= 110 and len(card.en) <= 110, card.sv
        assert card.sv.endswith(("?", ".")) and card.en.endswith(("?", "."))


def test_no_card_asks_about_private_health():
    private_sv = re.compile(
        r"hälsa|sjuk|\bmår\b|sömn|sover|\bvikt|diagnos|medicin|smärta|\bont\b|stress|trött|kropp",
        re.IGNORECASE,
    )
    private_en = re.compile(
        r"health|sick|\bill\b|sleep|weight|diagnos|medic|pain|stress|tired|\bbody\b", re.IGNORECASE
    )
    deck = programme("samtalskort")
    for card in (*deck.cards, *CHECK_IN, *CHECK_OUT):
        assert not private_sv.search(card.sv), card.sv
        assert not private_en.search(card.en), card.en


def test_the_trio_format():
    trio = programme("triogrupper")
    assert trio.kind == "trio"
    assert [t.title.sv for t in trio.themes] == ["Att komma igång", "Dilemmat", "Stödet", "Avslutning"]
    assert sum(t.minutes for t in trio.themes) == 45
    assert "45" in trio.description.sv and "45" in trio.description.en
    assert "Tre kollegor" in trio.description.sv
    # The roles rotate: the closing step says so.
    assert "rollerna skiftar" in trio.themes[-1].introduction.sv


@pytest.mark.parametrize("theme", [t for _p, t in ALL_THEMES], ids=lambda t: t.slug)
def test_every_theme_is_complete(theme):
    assert 2 <= len(theme.questions) <= 4
    assert 1 <= sentences(theme.purpose.sv) <= 2 and 1 <= sentences(theme.purpose.en) <= 2
    assert 3 <= sentences(theme.introduction.sv) <= 6, theme.introduction.sv
    assert 3 <= sentences(theme.introduction.en) <= 6, theme.introduction.en
    assert theme.reflection.sv.endswith("?") and theme.reflection.en.endswith("?")
    for question in theme.questions:
        assert question.sv.endswith(("?", ".")) and question.en.endswith(("?", "."))
    questions = [q.sv.casefold() for q in theme.questions]
    assert len(questions) == len(set(questions))
    assert theme.exercise is None or isinstance(theme.exercise, Text)
    assert 5 <= theme.minutes <= 45


@pytest.mark.parametrize("p", PROGRAMMES, ids=lambda p: p.slug)
def test_every_programme_has_a_short_description(p):
    assert 2 <= sentences(p.description.sv) <= 4, p.description.sv
    assert 2 <= sentences(p.description.en) <= 4, p.description.en
    assert p.themes or p.cards


def test_every_text_is_present_in_both_languages_and_translated():
    for text in all_texts():
        for value in (text.sv, text.en):
            assert value and value == value.strip(), repr(value)
            assert "  " not in value and "\n" not in value, value
            assert value[0].isupper(), value
        if len(text.sv) > 10:
            assert text.sv != text.en, text.sv
        # The English is English: no Swedish letters left in it.
        assert not re.search(r"[åäöÅÄÖ]", text.en), text.en
        # Quotation marks are closed: Swedish ”…”, English “…”.
        assert text.sv.count("”") % 2 == 0, text.sv
        assert text.en.count("“") == text.en.count("”"), text.en


def test_the_english_and_swedish_ask_the_same_kind_of_thing():
    for text in all_texts():
        assert text.sv.endswith("?") == text.en.endswith("?"), text.sv
        assert text.sv.count("?") == text.en.count("?"), text.sv


def test_no_soc_phrasing_appears_in_any_text():
    texts = [value.lower() for text in all_texts() for value in (text.sv, text.en)]
    for phrase in SOC_PHRASES:
        assert not any(phrase in text for text in texts), phrase


def test_text_picks_the_language():
    text = programme("kasam-pa-apt").title
    assert text.get("sv") == "KASAM på APT"
    assert text.get() == text.sv
    assert text.get("en") == text.en
    assert text.get("en-gb") == text.en
    assert text.get("EN") == text.en
    assert text.get("de") == text.sv


def test_the_library_is_immutable():
    p = programme("kasam-pa-apt")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.slug = "annat"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.themes[0].title = Text("A", "B")  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.title.sv = "Annat"  # type: ignore[misc]
    assert isinstance(PROGRAMMES, tuple) and isinstance(CHECK_IN, tuple) and isinstance(CHECK_OUT, tuple)
    for prog in PROGRAMMES:
        assert isinstance(prog, Programme)
        assert isinstance(prog.themes, tuple) and isinstance(prog.cards, tuple)
        assert all(isinstance(t.questions, tuple) for t in prog.themes)


def test_the_module_is_pure_python_and_reads_no_files():
    source = inspect.getsource(library)
    tree = ast.parse(source)
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported == {"dataclasses"}
    assert "open(" not in source and "/work/shared" not in source and "seeds" not in source
