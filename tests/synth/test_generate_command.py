"""`kasam generate`: files with --out, the database without it, JSON output and one-line errors."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kasam.synth import COLUMNS


def generate(*args, **options) -> str:
    out = StringIO()
    call_command("generate", *args, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def test_out_writes_the_four_files(tmp_path):
    printed = generate("--out", str(tmp_path / "town"), "--employees", "100", "--years", "1", "--seed", "3")
    for kind, columns in COLUMNS.items():
        header = (tmp_path / "town" / f"{kind}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header == ",".join(columns)
    assert printed.count("\n") == 1
    assert "units" in printed and "absences" in printed and str(tmp_path / "town") in printed


def test_json_output(tmp_path):
    printed = generate(
        "--out",
        str(tmp_path),
        "--employees",
        "100",
        "--years",
        "1",
        "--seed",
        "3",
        "--until",
        "2026-11-25",
        "--format",
        "json",
    )
    result = json.loads(printed)
    assert set(result) == {"units", "people", "employments", "absences", "out", "seconds"}
    assert result["out"] == str(tmp_path)
    assert result["people"] >= 100 and result["absences"] > 0
    lines = (tmp_path / "absences.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == result["absences"] + 1
    assert max(line.split(",")[1] for line in lines[1:]) <= "2026-11-25"  # no record starts after --until


def test_until_defaults_to_the_reference_date(tmp_path):
    # tests/conftest.py sets KASAM_TODAY to 2026-11-25: the same files as with --until 2026-11-25.
    generate("--out", str(tmp_path / "a"), "--employees", "50", "--years", "1")
    generate("--out", str(tmp_path / "b"), "--employees", "50", "--years", "1", "--until", "2026-11-25")
    for kind in COLUMNS:
        assert (tmp_path / "a" / f"{kind}.csv").read_bytes() == (tmp_path / "b" / f"{kind}.csv").read_bytes()


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--employees", "9"], "--employees must be at least 10"),
        (["--years", "0"], "--years must be at least 1"),
        (["--until", "2026-02-30"], "--until must be a date"),
        (["--until", "tomorrow"], "--until must be a date"),
    ],
)
def test_bad_input_is_a_command_error(tmp_path, args, reason):
    with pytest.raises(CommandError, match=reason) as error:
        generate("--out", str(tmp_path), *args)
    assert "\n" not in str(error.value)


def test_out_must_not_be_a_file(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(CommandError, match="not a directory"):
        generate("--out", str(tmp_path / "file"), "--employees", "10", "--years", "1")


@pytest.mark.django_db
def test_without_out_it_loads_the_database():
    from kasam.absence.models import Absence
    from kasam.org.models import Employment, Person, Unit

    result = json.loads(generate("--employees", "100", "--years", "1", "--seed", "3", "--format", "json"))
    assert result["out"] is None
    assert Unit.objects.count() == result["units"]
    assert Person.objects.count() == result["people"]
    assert Employment.objects.count() == result["employments"]
    assert Absence.objects.count() == result["absences"]
