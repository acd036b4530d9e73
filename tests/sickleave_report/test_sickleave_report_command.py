"""`kasam sickleave report` from the database and, with --from-dir, from the import files without
Django: identical JSON on the same data, one-line errors, the Swedish table, and no heavy imports."""

import io
import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kasam.site.imports import ORGANISATION_KINDS as KINDS
from kasam.site.imports import import_file
from kasam.synth import generate_municipality, write_files

UNTIL = date(2026, 11, 25)
KASAM = str(Path(sys.executable).with_name("kasam"))


def run_kasam(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    """The installed `kasam` in a fresh process. Only the --from-dir path runs here: it needs no
    database, so the test database of this process is not involved."""
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([KASAM, *args], capture_output=True, text=True, env=env, timeout=120, check=False)


def call(*args: str) -> str:
    out = io.StringIO()
    call_command("sickleave", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def town_dir(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("town")
    write_files(generate_municipality(300, 3, seed=7, until=UNTIL), directory)
    return directory


@pytest.fixture
def imported(db, town_dir):
    for kind in KINDS:
        path = town_dir / f"{kind}.csv"
        result = import_file(kind, path.read_bytes(), path.name)
        assert result.ok, result.errors[:3]
    return town_dir


def area_id(town_dir: Path) -> str:
    """The first unit below the root (an område)."""
    rows = (town_dir / "units.csv").read_text().splitlines()[1:]
    return next(row.split(",")[0] for row in rows if row.split(",")[1] and row.split(",")[3] == "område")


@pytest.mark.parametrize(
    "period",
    [["--year", "2025"], ["--start", "2024-07-01", "--end", "2025-06-30"], ["--year", "2026"]],
    ids=["year", "period", "current-year"],
)
def test_from_dir_and_database_give_identical_json(imported, period):
    for unit in ([], ["--unit", area_id(imported)]):
        args = ["report", *period, *unit, "--format", "json"]
        from_db = call(*args)
        from_dir = run_kasam("sickleave", *args, "--from-dir", str(imported))
        assert from_dir.returncode == 0, from_dir.stderr
        assert from_dir.stdout == from_db
        report = json.loads(from_dir.stdout)  # stdout holds only the JSON
        assert report["persons"] > 0 and report["sick_leave_pct"] is not None


def test_from_dir_imports_neither_django_nor_unused_heavy_libraries(town_dir):
    code = (
        "import sys, json\n"
        "from kasam.cli import main\n"
        "try:\n"
        f"    main(['sickleave', 'report', '--from-dir', {str(town_dir)!r}, '--year', '2025',"
        " '--format', 'json'])\n"
        "except SystemExit as stop:\n"
        "    code = stop.code\n"
        "heavy = ['django', 'numpy', 'openpyxl', 'pandas', 'pyarrow', 'hypothesis']\n"
        "print(json.dumps([code, [m for m in sys.modules if m.split('.')[0] in heavy]]), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    code, heavy = json.loads(result.stderr.strip().splitlines()[-1])
    assert code == 0 and heavy == []
    assert json.loads(result.stdout)["period"] == {"start": "2025-01-01", "end": "2025-12-31"}


def test_the_real_process_with_importtime_loads_no_django(town_dir):
    args = [sys.executable, "-X", "importtime", KASAM, "sickleave", "report", "--from-dir", str(town_dir)]
    result = subprocess.run(
        [*args, "--year", "2025"], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-500:]
    imported = {
        line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")
    }
    assert not {m for m in imported if m.split(".")[0] in {"django", "numpy", "openpyxl", "pandas"}}
    assert "Sjukfrånvaro totalt" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2025", "--unit", "NOPE"], "there is no unit 'NOPE'"),
        (["--start", "2025-02-30", "--end", "2025-03-01"], "--start must be a date YYYY-MM-DD"),
        (["--year", "2025", "--start", "2025-01-01"], "either --year or --start and --end"),
        (["--start", "2025-03-01", "--end", "2025-02-01"], "--end 2025-02-01 is before --start 2025-03-01"),
        (["--start", "2025-03-01"], "give --year, or both --start and --end"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(town_dir, imported, args, message):
    result = run_kasam("sickleave", "report", "--from-dir", str(town_dir), *args)
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr
    with pytest.raises(CommandError, match=re.escape(message)):
        call("report", *args)


def test_a_missing_directory_or_file_is_one_line(tmp_path, town_dir):
    result = run_kasam("sickleave", "report", "--from-dir", str(tmp_path / "none"), "--year", "2025")
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "is not a directory" in result.stderr
    for name in ("units", "people", "employments"):
        (tmp_path / f"{name}.csv").write_bytes((town_dir / f"{name}.csv").read_bytes())
    result = run_kasam("sickleave", "report", "--from-dir", str(tmp_path), "--year", "2025")
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "absences.csv: file not found" in result.stderr


def test_a_bad_value_names_file_line_and_column(tmp_path, town_dir):
    for name in ("units", "people", "employments", "absences"):
        (tmp_path / f"{name}.csv").write_bytes((town_dir / f"{name}.csv").read_bytes())
    lines = (tmp_path / "absences.csv").read_text().splitlines()
    person, _start, _end, _extent, kind = lines[3].split(",")
    lines[3] = ",".join([person, "2025-01-05", "2025-01-04", "100", kind])
    (tmp_path / "absences.csv").write_text("\n".join(lines) + "\n")
    result = run_kasam("sickleave", "report", "--from-dir", str(tmp_path), "--year", "2025")
    assert result.returncode == 1
    assert result.stderr.strip().endswith("absences.csv:4: end_date '2025-01-04' is before start_date")


def test_the_swedish_table_from_the_database(org):
    # conftest's organisation: five persons (all women born 1980) employed since 2020 at 100 %.
    text = call("report", "--year", "2025")
    for label in (
        "Sjukfrånvaro totalt",
        "Andel långtidssjukfrånvaro (60 dagar eller mer)",
        "Kvinnor",
        "Män",
        "29 år eller yngre",
        "30–49 år",
        "50 år eller äldre",
        "Frisknärvaro (högst 0 sjukdagar)",
        "Frisknärvaro (högst 5 sjukdagar)",
        "Sjukfallstillfällen",
        "Upprepad korttidsfrånvaro",
    ):
        assert label in text
    # Nobody is sick: 0,00 % in total; the 5 women (≤ 10) are hidden, M has nobody.
    assert "Sjukfrånvaro totalt" in text and "0,00\u00a0%" in text
    women = next(line for line in text.splitlines() if line.startswith("Kvinnor"))
    assert "–" in women and "visas inte: för få personer" in women
    men = next(line for line in text.splitlines() if line.startswith("Män"))
    assert "–" in men and "visas inte" not in men


def test_an_empty_period_says_so(org):
    text = call("report", "--start", "2010-01-01", "--end", "2010-12-31")
    assert "Inga personer med ordinarie arbetstid i perioden" in text
    report = json.loads(call("report", "--start", "2010-01-01", "--end", "2010-12-31", "--format", "json"))
    assert report["persons"] == 0 and report["sick_leave_pct"] is None


def test_the_help_text_first_line():
    out = io.StringIO()
    from kasam.absence.management.commands.sickleave import Command

    assert Command.help.splitlines()[0] == "Sick-leave figures: the statutory report for a year or period."
    out.write(Command.help)


def test_load_frames_reads_what_the_files_hold(imported):
    from kasam.absence.frames import load_frames
    from kasam.metrics.frames import read_import_dir
    from kasam.metrics.intervals import sick_runs

    db, files = load_frames(), read_import_dir(imported)
    # The database keeps a unit's kind in English (administration …), the file in Swedish.
    assert db.units.drop("kind").equals(files.units.drop("kind"))
    assert db.people.equals(files.people)
    assert db.employments.equals(files.employments)
    # The import stores clusters of sick records that share a start day as runs; the days are the same.
    assert sick_runs(db.absences).equals(sick_runs(files.absences))
    assert (
        db.absences.filter(kind="vab")
        .sort("person_id", "start_date")
        .equals(files.absences.filter(kind="vab").sort("person_id", "start_date"))
    )
