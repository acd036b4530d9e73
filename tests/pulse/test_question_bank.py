"""The pulse question bank (kasam.pulse.question_bank): stable ids, complete texts, Kasam's own words."""

import dataclasses
import re
from pathlib import Path

import pytest
from soc_phrases import SOC_PHRASES

from kasam.pulse import question_bank as bank
from kasam.pulse.question_bank import (
    AGREEMENT_SCALE,
    DIMENSION_IDS,
    DIMENSIONS,
    HEALTH,
    HEALTH_SCALE,
    OPEN_QUESTION,
    Statement,
    get,
    statements,
)

# Every id ever published, in bank order. Ids are stable forever: results are compared by id across
# rounds, so removing or renaming one must fail here. New statements are appended (new ids only).
ALL_IDS = [
    "beg1", "beg2", "beg3", "beg4", "beg5", "beg6",
    "han1", "han2", "han3", "han4", "han5", "han6",
    "men1", "men2", "men3", "men4", "men5", "men6",
    "ate1", "ate2", "ate3", "ate4", "ate5", "ate6",
    "arb1", "arb2", "arb3", "arb4", "arb5", "arb6",
    "psy1", "psy2", "psy3", "psy4", "psy5", "psy6",
]  # fmt: skip


ALL_ITEMS = [*statements(), HEALTH]


def test_the_ids_are_exactly_the_published_ones_in_order():
    assert [s.id for s in statements()] == ALL_IDS


def test_ids_are_unique_and_well_formed():
    ids = [s.id for s in ALL_ITEMS] + [OPEN_QUESTION.id]
    assert len(ids) == len(set(ids))
    for s in statements():
        assert re.fullmatch(r"[a-z]{3}[1-9][0-9]*", s.id), s.id


def test_each_id_prefix_belongs_to_one_dimension():
    prefixes = {}
    for s in statements():
        prefixes.setdefault(s.id.rstrip("0123456789"), set()).add(s.dimension)
    assert all(len(dims) == 1 for dims in prefixes.values())
    assert len(prefixes) == len(DIMENSIONS)


def test_dimensions_are_the_six_in_order_with_display_names():
    assert DIMENSION_IDS == (
        "begriplighet",
        "hanterbarhet",
        "meningsfullhet",
        "aterhamtning",
        "arbetsbelastning",
        "psykologisk_trygghet",
    )
    assert [(d.sv, d.en) for d in DIMENSIONS] == [
        ("Begriplighet", "Comprehensibility"),
        ("Hanterbarhet", "Manageability"),
        ("Meningsfullhet", "Meaningfulness"),
        ("Återhämtning", "Recovery"),
        ("Arbetsbelastning", "Workload"),
        ("Psykologisk trygghet", "Psychological safety"),
    ]
    assert bank.dimension("aterhamtning").name("en") == "Recovery"
    with pytest.raises(KeyError):
        bank.dimension("halsa")


@pytest.mark.parametrize("dimension", DIMENSION_IDS)
def test_each_dimension_has_at_least_five_statements(dimension):
    members = statements(dimension)
    assert len(members) >= 5
    assert all(s.dimension == dimension for s in members)


def test_statements_cover_the_whole_bank_without_the_health_question():
    assert sum(len(statements(d)) for d in DIMENSION_IDS) == len(statements())
    assert HEALTH not in statements()
    with pytest.raises(KeyError):
        statements("halsa")


@pytest.mark.parametrize("item", ALL_ITEMS, ids=lambda s: s.id)
def test_every_text_is_present_short_and_punctuated(item):
    for text in (item.sv, item.en):
        assert text == text.strip() and text
        assert len(text) <= 110
        assert "  " not in text
        assert text[0].isupper()
    ending = "?" if item is HEALTH else "."
    assert item.sv.endswith(ending) and item.en.endswith(ending)
    assert item.sv != item.en


def test_the_open_question_is_optional_and_a_question():
    assert OPEN_QUESTION.sv == "Vad fungerar bra just nu?"
    assert OPEN_QUESTION.en == "What is working well right now?"
    assert OPEN_QUESTION.required is False
    assert OPEN_QUESTION.text("en") == OPEN_QUESTION.en


def test_statements_are_first_person_statements_not_questions():
    for s in statements():
        assert "?" not in s.sv + s.en
        # Plain statements about me or us at work; never addressed as questions in "du" form.
        assert not re.search(r"\b(du|dig|din|ditt|dina)\b", s.sv, re.IGNORECASE), s.id


def test_no_soc_phrasing_appears_in_any_text():
    texts = [t.lower() for item in ALL_ITEMS for t in (item.sv, item.en)]
    texts += [OPEN_QUESTION.sv.lower(), OPEN_QUESTION.en.lower()]
    for phrase in SOC_PHRASES:
        assert not any(phrase in text for text in texts), phrase


def test_no_statement_is_worded_negatively():
    # Every statement is worded so that "Stämmer helt" is favourable: no negations of the whole
    # statement, no problem-words as the subject.
    negative = re.compile(r"\b(inte|aldrig|ingen|inget|inga|för mycket|för lite|stress(ad|ig)?)\b")
    for s in statements():
        if negative.search(s.sv):
            # Allowed only where the negation is itself the good thing ("utan att stressa",
            # "när något inte fungerar" said to the manager, "även när jag inte håller med").
            assert s.id in {"arb3", "psy1", "psy6"}, s.id


def test_get_returns_statements_and_the_health_question():
    assert get("beg1").sv == "Jag vet vad som förväntas av mig i mitt arbete."
    assert get("arb1").sv == "Jag hinner med mina arbetsuppgifter under arbetsdagen."
    assert get("halsa") is HEALTH
    for s in statements():
        assert get(s.id) is s


@pytest.mark.parametrize("unknown", ["", "beg0", "BEG1", "fungerar_bra", "beg1 "])
def test_get_raises_key_error_for_an_unknown_id(unknown):
    with pytest.raises(KeyError):
        get(unknown)


def test_the_health_question_is_as_defined():
    expected = Statement(
        "halsa",
        "halsa",
        "Hur bedömer du ditt allmänna hälsotillstånd?",
        "How would you rate your general health?",
    )
    assert expected == HEALTH


def test_the_scales_have_five_labelled_steps_from_one_to_five():
    assert [s.value for s in AGREEMENT_SCALE] == [1, 2, 3, 4, 5]
    assert [s.value for s in HEALTH_SCALE] == [1, 2, 3, 4, 5]
    assert AGREEMENT_SCALE[0].sv == "Stämmer inte alls"
    assert AGREEMENT_SCALE[-1].sv == "Stämmer helt"
    assert [s.sv for s in HEALTH_SCALE] == ["Mycket dåligt", "Dåligt", "Någorlunda", "Bra", "Mycket bra"]
    for step in (*AGREEMENT_SCALE, *HEALTH_SCALE):
        assert step.sv and step.en and step.sv != step.en
    assert HEALTH_SCALE[3].label("en") == "Good"
    assert bank.FAVOURABLE == (4, 5)


def test_the_bank_is_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        get("beg1").sv = "Något annat."  # type: ignore[misc]
    assert isinstance(statements(), tuple)
    assert isinstance(DIMENSIONS, tuple)
    assert isinstance(AGREEMENT_SCALE, tuple)


def test_text_picks_the_language():
    s = get("men1")
    assert s.text("sv") == s.sv
    assert s.text("en") == s.en
    assert s.text("en-gb") == s.en
    assert s.text() == s.sv


def test_the_module_does_not_import_django():
    import ast
    import inspect

    from kasam.pulse import rotation

    for module in (bank, rotation):
        tree = ast.parse(inspect.getsource(module))
        imported = {
            (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }
        assert not any(name.split(".")[0] == "django" for name in imported), module.__name__


def test_the_documentation_lists_the_whole_bank():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "pulse-questions.md").read_text(encoding="utf-8")
    for s in statements():
        assert f"| `{s.id}` | {bank.dimension(s.dimension).sv} | {s.sv} | {s.en} |" in doc, s.id
    for text in (HEALTH.sv, HEALTH.en, OPEN_QUESTION.sv, OPEN_QUESTION.en):
        assert text in doc
    for step in (*AGREEMENT_SCALE, *HEALTH_SCALE):
        assert f"| {step.value} | {step.sv} | {step.en} |" in doc
