"""Swedish first: every English msgid in the code has a Swedish translation, and the compiled
catalogue that ships is the one the .po file describes."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "kasam"
PO = PACKAGE / "locale" / "sv" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def test_it_translates_every_message_into_swedish():
    catalogue = polib.pofile(str(PO))
    untranslated = [e.msgid for e in catalogue if not e.obsolete and (not _translated(e) or e.fuzzy)]
    assert untranslated == []


def test_it_ships_the_compiled_catalogue_of_the_po_file():
    expected = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0)
        for e in polib.pofile(str(PO))
        if not e.obsolete
    }
    shipped = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) for e in polib.mofile(str(MO))}
    assert shipped == expected


@pytest.mark.slow
def test_it_has_a_catalogue_entry_for_every_message_in_the_code(tmp_path):
    assert shutil.which("xgettext"), "The catalogue check needs gettext: sudo apt install gettext"
    copy = tmp_path / "kasam"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "migrations"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "sv", "--no-location", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={
            "DJANGO_SETTINGS_MODULE": "kasam.settings",
            "PATH": "/usr/bin:/bin",
            "KASAM_VAR_DIR": str(tmp_path),
        },
    )
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/sv/LC_MESSAGES/django.po"))}
    known = {e.msgid for e in polib.pofile(str(PO)) if not e.obsolete}
    assert sorted(fresh - known) == []
