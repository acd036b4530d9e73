"""The leadership catalogue (kasam.leadership.catalogue): building blocks, the leader's checklist and
its scale; stable slugs, complete bilingual texts, Kasam's own words."""

import ast
import dataclasses
import inspect
import re

import pytest
from soc_phrases import SOC_PHRASES

from kasam.dialogs.library import Text
from kasam.leadership import catalogue
from kasam.leadership.catalogue import (
    BUILDING_BLOCK_KINDS,
    BUILDING_BLOCKS,
    CHECKLIST,
    CHECKLIST_SCALE,
    BuildingBlock,
    ChecklistStatement,
)

# The building blocks every organisation gets (the eight named in the issue).
REQUIRED_BLOCKS = [
    "coachande-ledarskap",
    "svara-samtal",
    "goda-relationer",
    "individuellt-ledarstod",
    "forandringsledning",
    "gruppledarskap",
    "ugl",
    "mi",
]

# Every slug ever published, in order. Slugs are stable forever: participation and ratings are stored
# by slug, so removing or renaming one must fail here. New ones are appended.
PUBLISHED_BLOCKS = [
    *REQUIRED_BLOCKS,
    "tillitsbaserad-styrning",
    "salutogent-ledarskap",
    "bam",
    "dfu",
]
PUBLISHED_CHECKLIST = [
    "aterkoppling",
    "narvaro",
    "delaktighet",
    "tydlighet",
    "lyssnar",
    "handlingsutrymme",
    "uppfoljning",
    "styrkor",
    "svara-fragor",
    "egen-aterhamtning",
]


def all_texts() -> list[Text]:
    texts = [t for b in BUILDING_BLOCKS for t in (b.title, b.description)]
    return texts + [s.text for s in CHECKLIST] + list(CHECKLIST_SCALE)


def sentences(text: str) -> int:
    return len(re.findall(r"[.!?]”?(?=\s|$)", text))


def test_the_building_blocks_are_exactly_the_published_ones_in_order():
    assert [b.slug for b in BUILDING_BLOCKS] == PUBLISHED_BLOCKS


def test_the_eight_named_building_blocks_are_there_and_a_few_more():
    slugs = [b.slug for b in BUILDING_BLOCKS]
    assert set(REQUIRED_BLOCKS) <= set(slugs)
    assert 10 <= len(slugs) <= 12
    assert len(slugs) == len(set(slugs))
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug


def test_the_named_blocks_have_their_names():
    titles = {b.slug: b.title.sv for b in BUILDING_BLOCKS}
    assert titles["coachande-ledarskap"] == "Coachande ledarskap"
    assert titles["svara-samtal"] == "Svåra samtal"
    assert titles["goda-relationer"] == "Goda relationer"
    assert titles["individuellt-ledarstod"] == "Individuellt ledarstöd"
    assert titles["forandringsledning"] == "Förändringsledning"
    assert titles["gruppledarskap"].startswith("Gruppledarskap")
    assert titles["ugl"] == "UGL – Utveckling av grupp och ledare"
    assert titles["mi"] == "MI – Motiverande samtal"


@pytest.mark.parametrize("block", BUILDING_BLOCKS, ids=lambda b: b.slug)
def test_every_building_block_is_complete(block):
    assert block.kind in BUILDING_BLOCK_KINDS
    assert 2 <= sentences(block.description.sv) <= 3, block.description.sv
    assert 2 <= sentences(block.description.en) <= 3, block.description.en


def test_both_kinds_are_used():
    assert BUILDING_BLOCK_KINDS == ("training", "method")
    assert {b.kind for b in BUILDING_BLOCKS} == set(BUILDING_BLOCK_KINDS)


def test_the_checklist_is_exactly_ten_published_statements():
    assert len(CHECKLIST) == 10
    assert [s.slug for s in CHECKLIST] == PUBLISHED_CHECKLIST
    assert len({s.slug for s in CHECKLIST}) == 10
    texts = [s.text.sv.casefold() for s in CHECKLIST]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize("statement", CHECKLIST, ids=lambda s: s.slug)
def test_every_checklist_statement_is_a_positive_first_person_statement(statement):
    sv, en = statement.text.sv, statement.text.en
    assert sv.startswith("Jag ") and en.startswith("I ")
    assert sv.endswith(".") and en.endswith(".")
    assert "?" not in sv + en
    assert sentences(sv) == 1 and sentences(en) == 1
    assert len(sv) <= 110 and len(en) <= 110
    # Worded so that "Stämmer helt" is good: no negations, no problem-words.
    assert not re.search(r"\b(inte|aldrig|ingen|inget|inga|sällan|stress\w*)\b", sv, re.IGNORECASE), sv
    assert not re.search(r"\b(not|never|no|rarely|stress\w*)\b", en, re.IGNORECASE), en


def test_the_checklist_covers_feedback_presence_participation_and_own_recovery():
    by_slug = {s.slug: s.text.sv for s in CHECKLIST}
    assert "återkoppling" in by_slug["aterkoppling"]
    assert "lätt att nå" in by_slug["narvaro"]
    assert "beslut" in by_slug["delaktighet"]
    assert "återhämtning" in by_slug["egen-aterhamtning"]


def test_the_scale_has_five_steps_from_not_at_all_to_completely_true():
    assert len(CHECKLIST_SCALE) == 5
    assert (CHECKLIST_SCALE[0].sv, CHECKLIST_SCALE[0].en) == ("Stämmer inte alls", "Not at all true")
    assert (CHECKLIST_SCALE[-1].sv, CHECKLIST_SCALE[-1].en) == ("Stämmer helt", "Completely true")
    assert len({s.sv for s in CHECKLIST_SCALE}) == 5 and len({s.en for s in CHECKLIST_SCALE}) == 5
    assert CHECKLIST_SCALE[4].get("en") == "Completely true"


def test_every_text_is_present_in_both_languages_and_translated():
    for text in all_texts():
        for value in (text.sv, text.en):
            assert value and value == value.strip(), repr(value)
            assert "  " not in value and "\n" not in value, value
            assert value[0].isupper(), value
        assert text.sv != text.en, text.sv
        assert not re.search(r"[åäöÅÄÖ]", text.en), text.en


def test_no_soc_phrasing_appears_in_any_text():
    texts = [value.lower() for text in all_texts() for value in (text.sv, text.en)]
    for phrase in SOC_PHRASES:
        assert not any(phrase in text for text in texts), phrase


def test_the_catalogue_is_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        BUILDING_BLOCKS[0].slug = "annat"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        CHECKLIST[0].text = Text("A", "B")  # type: ignore[misc]
    assert isinstance(BUILDING_BLOCKS, tuple) and isinstance(CHECKLIST, tuple)
    assert isinstance(CHECKLIST_SCALE, tuple)
    assert all(isinstance(b, BuildingBlock) for b in BUILDING_BLOCKS)
    assert all(isinstance(s, ChecklistStatement) for s in CHECKLIST)


def test_the_module_is_pure_python_and_reads_no_files():
    source = inspect.getsource(catalogue)
    tree = ast.parse(source)
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported == {"dataclasses", "kasam.dialogs.library"}
    assert "open(" not in source and "/work/shared" not in source and "seeds" not in source
