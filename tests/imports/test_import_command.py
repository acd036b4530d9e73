"""`kasam import`: exit codes, where messages go, JSON output, dry runs and the language."""

import importlib
import json

import pytest
from django.utils import translation

from kasam.absence.models import Absence
from kasam.cli import main
from kasam.site.imports import ImportResult

# The module is called `import`, a keyword, as the command is: Django loads it by name, and so must we.
command_module = importlib.import_module("kasam.site.management.commands.import")

# Transactional: like every Django command run from the command line, `kasam import` closes the
# database connection when it ends, which would end a test's surrounding transaction on PostgreSQL.
pytestmark = pytest.mark.django_db(transaction=True)
HEADER = "person_id,start_date,end_date,extent,kind\n"
GOOD = HEADER + "P1,2025-01-01,2025-01-03,100,sjuk\nP2,2025-01-01,2025-01-02,,\n"
BAD = HEADER + "P1,2025-01-01,2024-01-03,100,sjuk\nP9,2025-01-01,2025-01-02,,\n"


def kasam(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        main(list(argv))
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def files(tmp_path):
    (tmp_path / "good.csv").write_text(GOOD)
    (tmp_path / "bad.csv").write_text(BAD)
    return tmp_path


def test_a_good_file_prints_a_summary(org, files, capsys):
    code, out, err = kasam(capsys, "import", "absences", str(files / "good.csv"), "--lang", "en")
    assert (code, out, err) == (0, "created 2, updated 0, unchanged 0, deleted 0\n", "")
    assert Absence.objects.count() == 2


def test_a_bad_file_lists_every_problem_on_stderr_and_exits_non_zero(org, files, capsys):
    path = str(files / "bad.csv")
    code, out, err = kasam(capsys, "import", "absences", path, "--lang", "en")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"{path}:2:end_date: The end date 2024-01-03 is before the start date 2025-01-01.",
        f"{path}:3:person_id: There is no person P9 in Kasam. Import the persons first.",
        "CommandError: 2 problems; nothing was imported.",
    ]
    assert Absence.objects.count() == 0


def test_json_output_parses_also_for_a_bad_file(org, files, capsys):
    code, out, _err = kasam(capsys, "import", "absences", str(files / "bad.csv"), "--format", "json")
    payload = json.loads(out)
    assert code == 1
    assert payload["ok"] is False and payload["kind"] == "absences" and len(payload["errors"]) == 2
    assert set(payload) == {
        "kind",
        "file",
        "dry_run",
        "ok",
        "created",
        "updated",
        "unchanged",
        "deleted",
        "errors",
        "warnings",
        "refill",
    }
    assert payload["refill"] is None  # nothing saved, nothing to recompute


def test_a_dry_run_writes_nothing(org, files, capsys):
    argv = ["import", "absences", str(files / "good.csv"), "--dry-run", "--format", "json"]
    code, out, _err = kasam(capsys, *argv)
    assert code == 0 and json.loads(out)["created"] == 2 and json.loads(out)["dry_run"] is True
    assert Absence.objects.count() == 0


def test_a_missing_file_is_one_line(db, tmp_path, capsys):
    code, _out, err = kasam(capsys, "import", "units", str(tmp_path / "nope.csv"), "--lang", "en")
    assert code != 0 and err == f"CommandError: File not found: {tmp_path / 'nope.csv'}\n"


@pytest.mark.parametrize(
    ("environment", "option", "expected"),
    [({"LANG": "en_US.UTF-8"}, [], "en"), ({"LANG": "en_US.UTF-8"}, ["--lang", "sv"], "sv"), ({}, [], "sv")],
)
def test_the_messages_are_in_the_language_of_the_option_or_else_the_environment(
    files, capsys, monkeypatch, environment, option, expected
):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    seen = []

    def fake_import(kind, data, filename, dry_run, importer=None):
        seen.append(translation.get_language())
        return ImportResult(kind=kind, filename=filename, dry_run=dry_run)

    monkeypatch.setattr(command_module, "import_file", fake_import)
    assert kasam(capsys, "import", "absences", str(files / "good.csv"), *option)[0] == 0
    assert seen == [expected]


def test_the_language_comes_from_the_first_locale_variable_that_is_set():
    language = command_module.language_from_environment
    assert language({}) == "sv"
    assert language({"LANG": "en_GB.UTF-8"}) == "en"
    assert language({"LC_ALL": "sv_SE.UTF-8", "LANG": "en_US.UTF-8"}) == "sv"
    assert language({"LC_ALL": "", "LC_MESSAGES": "en", "LANG": "sv_SE"}) == "en"
    assert language({"LANG": "C.UTF-8"}) == "sv"


def test_the_help_starts_with_the_summary_line(capsys):
    code, out, _err = kasam(capsys, "help")
    summary = "Import units, persons, employments or absences from CSV or XLSX (all or nothing)."
    assert code == 0 and f"import          {summary}" in out
