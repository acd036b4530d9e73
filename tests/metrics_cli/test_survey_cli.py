"""`kasam survey indices` (kasam.metrics_cli.survey_indices): the JSON's exact shape and figures, the table,
every kind of bad input with its exit status and message, and the routing in kasam.cli that runs it
without Django."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kasam.metrics_cli.survey_indices import main

KASAM = str(Path(sys.executable).with_name("kasam"))
HEADER = "respondent_id,unit_id,item,value"
HIDDEN_HME = {"total": None, "motivation": None, "ledarskap": None, "styrning": None}

# The six respondents of tests/metrics/test_survey.py, worked by hand there.
SIX = {
    "hme1": [5, 4, 4, 3, 5, 4],
    "hme2": [3, 3, 4, 4, 2, 3],
    "hme3": [5, 5, 5, 4, 4, 4],
    "hme4": [2, 2, 3, 3, 4, 4],
    "hme5": [1, 2, 3, 4, 5, 3],
    "hme6": [4, 4, 4, 4, 4, 4],
    "hme7": [5, 5, 5, 5, 5, 5],
    "hme8": [1, 1, 1, 1, 1, 1],
    "hme9": [3, 4, 3, 4, 3, 4],
    "nmi1": [8, 9, 10, 7, 8, 6],
    "nmi2": [5, 6, 7, 8, 9, 10],
    "nmi3": [10, 10, 10, 10, 10, 1],
    "enps": [10, 9, 9, 7, 6, 3],
}
SIX_R = {
    "respondents": 6,
    "shown": True,
    "hme": {"total": 62.04, "motivation": 73.61, "ledarskap": 58.33, "styrning": 54.17},
    "nmi": 77.78,
    "enps": 16.67,
}


def skip(answers: dict, item: str, respondents: list[int]) -> dict:
    """A copy of `answers` where the given respondents (0-based) skipped `item`."""
    changed = dict(answers)
    changed[item] = [None if i in respondents else v for i, v in enumerate(answers[item])]
    return changed


def answer_lines(answers: dict, unit: str, prefix: str) -> list[str]:
    return [
        f"{prefix}{i},{unit},{item},{value}"
        for i in range(len(next(iter(answers.values()))))
        for item, values in answers.items()
        if (value := values[i]) is not None
    ]


def write(path: Path, lines: list[str], separator: str = ",") -> Path:
    path.write_text("\n".join(line.replace(",", separator) for line in lines) + "\n", encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["indices", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def survey_files(tmp_path):
    """units.csv as Kasam imports it (R → A, B; A → A1) and answers: the six respondents in A1 and the
    same six in B (12 in all). A has no own respondents."""
    units = write(
        tmp_path / "units.csv",
        [
            "unit_id,parent_id,name,kind,activity",
            "R,,Socialförvaltningen,förvaltning,",
            "B,R,Stöd,område,",
            "A,R,Äldreomsorg,område,",
            "A1,A,Hemtjänst Norr,enhet,hemtjänst",
        ],
    )
    answers = write(
        tmp_path / "answers.csv", [HEADER, *answer_lines(SIX, "A1", "a"), *answer_lines(SIX, "B", "b")]
    )
    return units, answers


def test_json_exactly(capsys, survey_files):
    units, answers = survey_files
    code, out, err = run(capsys, "--answers", str(answers), "--units", str(units), "--format", "json")
    assert (code, err) == (0, "")
    # Every unit of the tree, parent before subtree, children by id; A and A1 hold the same six and the
    # remainder of A beyond A1 is 0, so both are shown. R's remainder beyond A and B is 0 as well.
    assert json.loads(out) == {
        "organisation": {**SIX_R, "respondents": 12},
        "units": [
            {"unit": "R", **SIX_R, "respondents": 12},
            {"unit": "A", **SIX_R},
            {"unit": "A1", **SIX_R},
            {"unit": "B", **SIX_R},
        ],
    }


def test_json_without_units_sorts_the_units_of_the_file(capsys, tmp_path):
    # Z (the six), M (3 of them): M's 3 pass up to the implicit root, which, below 5, takes Z's group
    # into its own: the organisation holds 9, Z and M none of their own (respondent counts follow the
    # pooling). With k = 3 both are groups of their own and shown.
    three = {item: values[:3] for item, values in SIX.items()}
    answers = write(
        tmp_path / "a.csv",
        [HEADER, *answer_lines(SIX, "Z", "z"), *answer_lines(three, "M", "m")],
        separator=";",
    )
    code, out, _err = run(capsys, "--answers", str(answers), "--format", "json")
    result = json.loads(out)
    assert code == 0 and [unit["unit"] for unit in result["units"]] == ["M", "Z"]
    assert result["organisation"]["respondents"] == 9 and result["organisation"]["shown"] is True
    assert result["units"][1] == {
        "unit": "Z",
        "respondents": 0,
        "shown": False,
        "hme": HIDDEN_HME,
        "nmi": None,
        "enps": None,
    }
    code, out, _err = run(capsys, "--answers", str(answers), "--format", "json", "--k", "3")
    assert [unit["shown"] for unit in json.loads(out)["units"]] == [True, True]


def test_partial_respondents_in_json(capsys, tmp_path):
    answers = write(tmp_path / "a.csv", [HEADER, *answer_lines(skip(SIX, "hme2", [4, 5]), "U", "p")])
    code, out, _err = run(capsys, "--answers", str(answers), "--format", "json")
    unit = json.loads(out)["units"][0]
    assert code == 0 and unit["hme"] == {
        "total": None,
        "motivation": None,
        "ledarskap": 58.33,
        "styrning": 54.17,
    }
    assert unit["nmi"] == 77.78 and unit["enps"] == 16.67


def test_a_file_as_excel_writes_it(capsys, tmp_path):
    # BOM, semicolons, CRLF, upper-case header and item names, spaces, a blank line and a column to ignore.
    lines = ["Respondent_ID;Unit_ID;Item;Value;comment"]
    lines += [
        line.replace(",", ";").upper().replace("HME", " HME") + "; x" for line in answer_lines(SIX, "u1", "p")
    ]
    lines.insert(3, "")
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode())
    code, out, err = run(capsys, "--answers", str(path), "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["units"] == [{"unit": "U1", **SIX_R}]


def test_the_table(capsys, survey_files):
    units, answers = survey_files
    code, out, _err = run(capsys, "--answers", str(answers), "--units", str(units))
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == [
        "Enhet",
        "Svarande",
        "HME",
        "Motivation",
        "Ledarskap",
        "Styrning",
        "NMI",
        "eNPS",
    ]
    assert lines[1].split() == ["Organisationen", "12", "62,04", "73,61", "58,33", "54,17", "77,78", "16,67"]
    assert lines[3].startswith("    A ") and lines[4].startswith("      A1 ")
    code, out, _err = run(capsys, "--answers", str(answers), "--k", "7")
    assert "–" in out.splitlines()[2] and "färre än 7 svarande" in out


# ------------------------------------------------------------------------------------------- bad input


def bad(capsys, *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == "", (code, out, err)
    assert err.startswith("kasam survey indices: error: ")
    return err


def test_bad_rows_are_all_named(capsys, tmp_path, survey_files):
    units, _answers = survey_files
    lines = [HEADER, *answer_lines(SIX, "A1", "a")]  # 78 rows: lines 2 … 79
    lines += [
        "x1,A1,hme10,3",  # line 80: unknown item
        "x2,A1,hme1,6",  # 81: off the scale
        "x3,A1,nmi1,7.5",  # 82: not a whole number
        "x4,Q,hme1,3",  # 83: not in units.csv
        "a0,A1,hme1,4",  # 84: a0 answered hme1 on line 2
        "x5,A1,enps,",  # 85: empty value
        "x1,B,hme2,3",  # 86: x1 is in A1
    ]
    path = write(tmp_path / "answers.csv", lines)
    err = bad(capsys, "--answers", str(path), "--units", str(units), "--format", "json")
    assert err.splitlines() == [
        f"kasam survey indices: error: {path}: 7 problems; nothing was computed",
        f"{path}:80:item: unknown item 'hme10'; expected hme1, hme2, hme3, hme4, hme5, hme6, hme7, hme8, "
        "hme9, nmi1, nmi2, nmi3, enps",
        f"{path}:81:value: 6 is off hme1's scale 1–5",
        f"{path}:82:value: '7.5' is not a whole number",
        f"{path}:83:unit_id: unit 'Q' is not in the units file",
        f"{path}:84:item: respondent 'a0' answered hme1 twice (first on line 2)",
        f"{path}:85:value: value is empty",
        f"{path}:86:unit_id: respondent 'x1' is in unit 'A1' on line 80; a respondent belongs to one unit",
    ]


def test_at_most_twenty_problems_then_how_many_more(capsys, tmp_path):
    path = write(tmp_path / "a.csv", [HEADER, *(f"r{i},U,hme1,9" for i in range(25))])
    lines = bad(capsys, "--answers", str(path)).splitlines()
    assert len(lines) == 22 and lines[-1] == "and 5 more" and "25 problems" in lines[0]


def test_line_numbers_survive_quoted_line_breaks_and_blank_lines(capsys, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(f'{HEADER}\n"r\n1",U,hme1,3\n\nr2,U,hme1,0\n')
    err = bad(capsys, "--answers", str(path))
    assert f"{path}:5:value: 0 is off hme1's scale 1–5" in err


def test_missing_columns(capsys, tmp_path):
    path = write(tmp_path / "a.csv", ["respondent_id,unit,item", "r1,U,hme1"])
    err = bad(capsys, "--answers", str(path))
    assert f"{path}:1:unit_id: the column unit_id is missing from the header row" in err
    assert f"{path}:1:value: the column value is missing from the header row" in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "cannot read the file: No such file or directory"),
        (b"", ":1: the file is empty"),
        (HEADER.encode() + b"\n", ":2: the file has a header row but no data rows"),
        (HEADER.encode() + b"\nr1,U,hme1,3\nr2,\xe5,hme1,3\n", ":3: not UTF-8 text"),
    ],
)
def test_unreadable_files(capsys, tmp_path, content, expected):
    path = tmp_path / "answers.csv"
    if content is not None:
        path.write_bytes(content)
    assert expected in bad(capsys, "--answers", str(path))
    assert "cannot read the file" in bad(capsys, "--answers", str(tmp_path))  # a directory


def test_a_row_with_more_cells_than_the_header(capsys, tmp_path):
    path = write(tmp_path / "a.csv", [HEADER, "r1,U,hme1,3", "r2,U,hme1,3,extra"])
    assert f"{path}:3:: the row has 5 cells, the header 4" in bad(capsys, "--answers", str(path))


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (["R,", "A,R", "A,R"], ":4:unit_id: unit 'A' appears twice (first on line 3)"),
        (["R,", "A,Q"], ":3:parent_id: the parent 'Q' is not a unit in the file"),
        (["R,", "S,"], ":3:parent_id: a second root: unit 'S' has no parent_id, nor has 'R' on line 2"),
        (["R,", "A,B", "B,A"], ":1:parent_id: the units 'A', 'B' are in a cycle"),
        (["R,", ",R"], ":3:unit_id: unit_id is empty"),
    ],
)
def test_bad_units_files(capsys, tmp_path, rows, expected):
    units = write(tmp_path / "units.csv", ["unit_id,parent_id", *rows])
    answers = write(tmp_path / "a.csv", [HEADER, "r1,R,hme1,3"])
    err = bad(capsys, "--answers", str(answers), "--units", str(units))
    assert f"{units}{expected}" in err


# -------------------------------------------------------------------------------------- the arguments


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], "the following arguments are required: --answers"),
        (["--answers", "a.csv", "--k", "2"], "argument --k: k is never below 3 (got 2)"),
        (["--answers", "a.csv", "--k", "five"], "argument --k: must be a whole number, not 'five'"),
        (["--answers", "a.csv", "--format", "xml"], "argument --format: invalid choice"),
    ],
)
def test_argument_errors_are_one_line_and_exit_2(capsys, argv, expected):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("kasam survey indices: error: ")
    assert expected in err


def test_help(capsys):
    code, out, _err = run(capsys, "--help")
    assert code == 0 and "usage: kasam survey indices" in out and "--answers FILE" in out


def test_kasam_survey_indices_through_kasam_cli(capsys):
    from kasam.cli import main as kasam_main

    with pytest.raises(SystemExit) as exit:
        kasam_main(["survey", "indices", "--help"])
    assert exit.value.code == 0 and "usage: kasam survey indices" in capsys.readouterr().out


def test_the_installed_command_runs_without_django(survey_files):
    """A settings module that does not exist: any Django set-up would fail the command."""
    units, answers = survey_files
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "no_such_settings_module"}
    argv = [KASAM, "survey", "indices", "--answers", str(answers), "--units", str(units), "--format", "json"]
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["organisation"]["respondents"] == 12
    check = [
        sys.executable,
        "-c",
        "import sys; from kasam.metrics_cli import survey_indices; print('django' in sys.modules)",
    ]
    assert subprocess.run(check, capture_output=True, text=True, check=True).stdout.strip() == "False"
