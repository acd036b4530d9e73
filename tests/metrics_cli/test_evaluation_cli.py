"""`kasam evaluate` (kasam.metrics_cli.evaluate): the JSON's exact keys and figures, string unit ids and
dotted column names, both control groups and both estimators, the table, bad input in one line on
standard error, and the routing in kasam.cli that runs it without Django."""

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import polars as pl
import pytest

from kasam.metrics.evaluation import evaluate
from kasam.metrics_cli.evaluate import main

KASAM = str(Path(sys.executable).with_name("kasam"))
EFFECT_KEYS = ["att", "se", "ci_low", "ci_high"]
TOP_KEYS = [
    "estimator",
    "control",
    "overall",
    "overall_by_cohort",
    "overall_dynamic",
    "by_cohort",
    "event_study",
    "units",
    "periods",
]
COLUMNS = ["--unit", "county.id", "--time", "year", "--outcome", "log.emp", "--cohort", "first.treat"]


@pytest.fixture(scope="module")
def mpdta() -> pl.DataFrame:
    """R's mpdta with string county ids and dotted column names."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from moderndid import load_mpdta

        frame = load_mpdta()
    return frame.select(
        pl.format("län-{}", pl.col("countyreal")).alias("county.id"),
        "year",
        pl.col("lemp").alias("log.emp"),
        "first.treat",
        pl.lit("x").alias("other"),
    )


@pytest.fixture
def panel_csv(tmp_path, mpdta) -> Path:
    path = tmp_path / "panel.csv"
    mpdta.write_csv(path)
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_json_has_exactly_the_contract_keys(capsys, panel_csv):
    code, out, err = run(capsys, "--panel", str(panel_csv), *COLUMNS, "--format", "json")
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert list(result) == TOP_KEYS
    assert (result["estimator"], result["control"], result["units"], result["periods"]) == (
        "cs",
        "not-yet",
        500,
        5,
    )
    for name in ("overall", "overall_by_cohort", "overall_dynamic"):
        assert list(result[name]) == EFFECT_KEYS
        assert all(isinstance(value, float) for value in result[name].values())
    assert [list(row) for row in result["by_cohort"]] == [["cohort", *EFFECT_KEYS]] * 3
    assert [row["cohort"] for row in result["by_cohort"]] == [2004, 2006, 2007]
    assert [list(row) for row in result["event_study"]] == [["e", *EFFECT_KEYS]] * 7
    assert [row["e"] for row in result["event_study"]] == [-3, -2, -1, 0, 1, 2, 3]
    # R's figures with not-yet-treated comparisons
    assert result["overall"]["att"] == pytest.approx(-0.0398, abs=1e-4)
    assert result["overall_by_cohort"]["att"] == pytest.approx(-0.0305, abs=1e-4)
    assert result["overall_dynamic"]["att"] == pytest.approx(-0.0774, abs=1e-4)


def test_json_equals_the_pure_function(capsys, panel_csv, mpdta):
    code, out, _err = run(
        capsys, "--panel", str(panel_csv), *COLUMNS, "--control", "never", "--format", "json"
    )
    assert code == 0
    expected = evaluate(
        mpdta, unit="county.id", time="year", outcome="log.emp", cohort="first.treat", control="never"
    ).as_json()
    assert json.loads(out) == expected
    assert expected["control"] == "never"
    assert expected["overall"]["att"] == pytest.approx(-0.0400, abs=1e-4)
    assert expected["overall_by_cohort"]["att"] == pytest.approx(-0.0310, abs=1e-4)
    assert expected["overall_dynamic"]["att"] == pytest.approx(-0.0772, abs=1e-4)


def test_the_imputation_estimator(capsys, panel_csv):
    code, out, _err = run(
        capsys, "--panel", str(panel_csv), *COLUMNS, "--estimator", "bjs", "--format", "json"
    )
    assert code == 0
    result = json.loads(out)
    assert list(result) == TOP_KEYS
    assert (result["estimator"], result["control"]) == ("bjs", None)
    assert [row["e"] for row in result["event_study"]] == [0, 1, 2, 3]
    assert result["overall"]["ci_low"] < result["overall"]["att"] < result["overall"]["ci_high"]


def test_the_bootstrap_is_seeded(capsys, panel_csv):
    argv = ["--panel", str(panel_csv), *COLUMNS, "--bootstrap", "199", "--format", "json"]
    first = json.loads(run(capsys, *argv)[1])
    again = json.loads(run(capsys, *argv)[1])
    other = json.loads(run(capsys, *argv, "--seed", "2")[1])
    analytic = json.loads(run(capsys, *argv[:-4], "--format", "json")[1])
    assert first == again and first["overall"]["se"] != other["overall"]["se"]
    assert first["overall"]["att"] == analytic["overall"]["att"]
    assert first["overall"]["se"] == pytest.approx(analytic["overall"]["se"], rel=0.25)


def test_a_figure_that_cannot_be_computed_is_null(capsys, tmp_path):
    """Cohort 3 is one unit seen at 2 and 3 only: its single post-treatment 2×2 has no spread among the
    treated and none among the two never-treated with the same change, so its standard error is 0."""
    rows = ["u,t,y,g"]
    rows += [f"N{i},{t},{t + i},0" for i in (1, 2) for t in (1, 2, 3)]
    rows += ["S,2,5,3", "S,3,9,3", "T,1,1,2", "T,2,4,2", "T,3,6,2"]
    path = write(tmp_path / "p.csv", rows)
    argv = ["--panel", str(path), "--unit", "u", "--time", "t", "--outcome", "y", "--cohort", "g"]
    code, out, _err = run(capsys, *argv, "--format", "json")
    assert code == 0
    result = json.loads(out)
    by_cohort = {row["cohort"]: row for row in result["by_cohort"]}
    assert by_cohort[3]["att"] == pytest.approx((9 - 5) - 1)
    assert by_cohort[3]["se"] is None and by_cohort[3]["ci_low"] is None and by_cohort[3]["ci_high"] is None
    assert "NaN" not in out


def test_the_table(capsys, panel_csv):
    code, out, _err = run(capsys, "--panel", str(panel_csv), *COLUMNS)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Utvärdering av 'log.emp': Callaway & Sant'Anna"
    assert "Underlag: 500 enheter, 5 perioder (2003–2007)" in lines
    overall = next(line for line in lines if line.startswith("Sammantaget "))
    assert "-0,0398" in overall
    assert any(line.startswith("2004") and " 20 " in line for line in lines)  # the cohort's size
    assert "före starten ska effekterna ligga runt noll" in out


def test_semicolons_and_decimal_commas(capsys, tmp_path, mpdta):
    path = tmp_path / "excel.csv"
    text = mpdta.with_columns(
        pl.col("log.emp").cast(pl.String).str.replace(".", ",", literal=True)
    ).write_csv(separator=";")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    code, out, _err = run(capsys, "--panel", str(path), *COLUMNS, "--format", "json")
    assert code == 0
    assert json.loads(out)["overall"]["att"] == pytest.approx(-0.0398, abs=1e-4)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["u,t,y,g", "A,1,1.0,0", "A,2,1.0,0", "A,1,2.0,0"],
            "p.csv:4: unit 'A' has a second row for period 1 (the first is on line 2)",
        ),
        (
            ["u,t,y,g", "A,1,1.0,0", "A,2,x,0", "A,3,,0"],
            "p.csv:3: the outcome ('y') is a number, not 'x' (and 1 more",
        ),
        (["u,t,y,g", "A,1.5,1.0,0"], "p.csv:2: the period ('t') is a whole number, not '1.5'"),
        (["u,t,y,g", "A,1,1.0,"], "p.csv:2: the cohort ('g') is a whole number (0 for never), not ''"),
        (["u,t,y,g", ",1,1.0,0"], "p.csv:2: the unit ('u') is empty"),
        (["u,t,y", "A,1,1.0"], "p.csv:1: the column 'g' is not in the header row ('u', 't', 'y')"),
        (["u,t,y,g,g", "A,1,1.0,0,0"], "p.csv:1: the column 'g' appears twice in the header row"),
        (["u,t,y,g"], "p.csv:2: the file has a header row but no data rows"),
        ([""], "p.csv:1: the file is empty"),
        (["u,t,y,g", "A,1,1.0,0,7"], "p.csv:2: the row has 5 cells, the header 4"),
        (
            ["u,t,y,g"] + [f"{u},{t},1.0,{g}" for u, g in (("A", 1), ("B", 1), ("C", 0)) for t in (1, 2)],
            "p.csv: cohort 1 (2 units) starts in or before the panel's first period 1",
        ),
        (
            ["u,t,y,g"] + [f"{u},{t},{t},{g}" for u, g in (("A", 2), ("B", 0), ("C", 0)) for t in (1, 2)],
            "p.csv: too few units that start: 1 (at least 2 are needed)",
        ),
        (
            ["u,t,y,g"] + [f"{u},{t},{t},2" for u in "ABC" for t in (1, 2, 3)],
            "p.csv: no untreated comparison left",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_1(capsys, tmp_path, lines, expected):
    path = write(tmp_path / "p.csv", lines)
    code, out, err = run(
        capsys, "--panel", str(path), "--unit", "u", "--time", "t", "--outcome", "y", "--cohort", "g"
    )
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("kasam evaluate: error: ")
    assert expected in err, err


def test_a_file_that_cannot_be_read(capsys, tmp_path):
    missing = tmp_path / "nosuch.csv"
    code, _out, err = run(capsys, "--panel", str(missing), *COLUMNS)
    assert code == 1 and err.startswith(f"kasam evaluate: error: {missing}: cannot read the file")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("u,t,y,g\nÅ,1,1,0\n".encode("latin-1"))
    code, _out, err = run(
        capsys, "--panel", str(latin), "--unit", "u", "--time", "t", "--outcome", "y", "--cohort", "g"
    )
    assert code == 1 and "latin.csv:2: not UTF-8 text" in err


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--estimator", "bjs", "--control", "never"], "--control does not apply to --estimator bjs"),
        (["--control", "all"], "argument --control: invalid choice"),
        (["--estimator", "twfe"], "argument --estimator: invalid choice"),
        (["--format", "xml"], "argument --format: invalid choice"),
        (["--bootstrap", "10"], "argument --bootstrap: must be 0 (analytic) or at least 100 draws"),
        (["--cluster", "year"], "--unit, --time, --outcome and --cohort name different columns"),
    ],
)
def test_argument_errors_are_one_line_and_exit_2(capsys, panel_csv, extra, expected):
    code, out, err = run(capsys, "--panel", str(panel_csv), *COLUMNS, *extra)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("kasam evaluate: error: ")
    assert expected in err


def test_a_missing_option(capsys):
    code, _out, err = run(capsys, "--panel", "p.csv")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "required" in err


def test_help(capsys):
    code, out, _err = run(capsys, "--help")
    assert code == 0 and "usage: kasam evaluate" in out
    for option in ("--panel FILE.csv", "--unit COL", "--control {not-yet,never}", "--estimator {cs,bjs}"):
        assert option in out


def test_kasam_evaluate_through_kasam_cli(capsys):
    from kasam.cli import main as kasam_main

    with pytest.raises(SystemExit) as exit:
        kasam_main(["evaluate", "--help"])
    assert exit.value.code == 0 and "usage: kasam evaluate" in capsys.readouterr().out


def test_the_installed_command_runs_without_django(panel_csv):
    """A settings module that does not exist: any Django set-up would fail the command. Standard output
    holds only the JSON."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "no_such_settings_module"}
    argv = [KASAM, "evaluate", "--panel", str(panel_csv), *COLUMNS, "--estimator", "bjs", "--format", "json"]
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["units"] == 500
    bad = subprocess.run(
        [*argv[:3], "/nonexistent.csv", *argv[4:]], capture_output=True, text=True, env=env, timeout=60
    )
    assert bad.returncode == 1 and bad.stdout == "" and len(bad.stderr.strip().splitlines()) == 1
    check = [
        sys.executable,
        "-c",
        "import sys; from kasam.metrics_cli import evaluate; "
        "print('django' in sys.modules, 'polars' in sys.modules, 'numpy' in sys.modules)",
    ]
    assert (
        subprocess.run(check, capture_output=True, text=True, check=True).stdout.strip()
        == "False False False"
    )
