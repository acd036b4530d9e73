"""The repository explains itself: no file points a reader to a document outside it or to a numbered
issue of a tracker a newcomer cannot see, and every pointer into docs/definitions.md names a section
that exists there.

The forbidden words are built from pieces below, so that this file does not match itself."""

import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ["kasam", "tests", "docs", "benchmarks", ".ci", "README.md", "Makefile"]
SKIPPED_DIRS = {"__pycache__", "node_modules", ".venv"}
DEFINITIONS = ROOT / "docs" / "definitions.md"

FORBIDDEN = re.compile(
    "|".join(
        [
            re.escape("DOMAIN" + ".md"),
            re.escape("PRODUCT" + ".md"),
            re.escape(".." + "/shared"),
            r"\biss" + r"ue\s*#?\d+",
        ]
    ),
    re.IGNORECASE,
)


def text_files():
    """Every text file under SCANNED (binary and non-UTF-8 files, such as compiled catalogues, are
    skipped), this file excepted."""
    me = Path(__file__).resolve()
    for name in SCANNED:
        path = ROOT / name
        candidates = [path] if path.is_file() else sorted(path.rglob("*")) if path.is_dir() else []
        for candidate in candidates:
            if not candidate.is_file() or candidate.resolve() == me:
                continue
            if SKIPPED_DIRS & set(candidate.relative_to(ROOT).parts):
                continue
            try:
                text = candidate.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            if "\x00" in text:
                continue
            yield candidate, text


def offending_lines(files) -> list[str]:
    found = []
    for path, text in files:
        for number, line in enumerate(text.splitlines(), start=1):
            if FORBIDDEN.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def slug(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading: lower case, punctuation dropped (letters of any
    script kept), spaces as hyphens."""
    text = unicodedata.normalize("NFC", heading.strip().lower())
    text = "".join(ch for ch in text if ch.isalnum() or ch in " -_")
    return text.replace(" ", "-")


def definition_headings() -> dict[str, str]:
    """Each heading of docs/definitions.md (its text, lower case) → its anchor."""
    headings = {}
    for line in DEFINITIONS.read_text(encoding="utf-8").splitlines():
        match = re.match(r"#{1,6}\s+(.+?)\s*$", line)
        if match:
            headings[match.group(1).lower()] = slug(match.group(1))
    return headings


# `docs/definitions.md "Section"` (the quote may run over a line break, in a comment too) and
# `definitions.md#anchor` in links.
QUOTED_SECTION = re.compile(r'definitions\.md,?\s+"([^"]+)"')
ANCHOR = re.compile(r"definitions\.md#([\w-]+)")
LOCAL_ANCHOR = re.compile(r"\]\(#([\w-]+)\)")


def broken_pointers(files, headings: dict[str, str]) -> list[str]:
    anchors = set(headings.values())
    found = []
    for path, text in files:
        flat = re.sub(r"\s*\n\s*(#\s*)?", " ", text)  # lines joined, comment marks dropped
        for section in QUOTED_SECTION.findall(flat):
            if section.lower() not in headings:
                found.append(f'{path.relative_to(ROOT)}: no section "{section}" in docs/definitions.md')
        links = ANCHOR.findall(text)
        if path == DEFINITIONS:
            links += LOCAL_ANCHOR.findall(text)
        for anchor in links:
            if anchor not in anchors:
                found.append(f"{path.relative_to(ROOT)}: no anchor #{anchor} in docs/definitions.md")
    return found


def test_the_pattern_finds_what_it_must():
    samples = [
        "see " + "DOMAIN" + '.md "Pulse"',
        "(" + "PRODUCT" + ".md's table)",
        "read from " + ".." + "/shared/data",
        "(Iss" + "ue 4 part 3)",
        "as iss" + "ue #12 asks",
    ]
    assert all(FORBIDDEN.search(sample) for sample in samples)
    assert not FORBIDDEN.search("no issues; a tissue of 5 layers; the issue is the tree")


def test_no_file_points_outside_the_repository_or_to_an_issue_number():
    found = offending_lines(text_files())
    assert not found, "point to the repository's own docs/ instead:\n" + "\n".join(found)


def test_every_pointer_into_the_definitions_names_a_section_that_exists():
    headings = definition_headings()
    assert {"sick leave", "sick-leave percentage", "anonymity rules", "roles and who sees what"} <= set(
        headings
    )
    assert headings["sick-leave percentage"] == "sick-leave-percentage"
    found = broken_pointers(text_files(), headings)
    assert not found, "\n".join(found)


def test_the_definitions_are_linked_from_the_readme_and_the_architecture():
    assert "docs/definitions.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "definitions.md" in (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
