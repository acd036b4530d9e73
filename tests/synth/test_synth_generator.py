"""The fictitious municipality: deterministic, Kalix-sized, realistic in shape, obviously fictitious."""

from datetime import date, timedelta

import polars as pl
import pytest

from kasam.metrics.sickleave import join_sick_cases, sick_records
from kasam.synth import COLUMNS, generate_municipality, history_start, write_files
from kasam.synth.names import SURNAME_STEMS

UNTIL = date(2026, 11, 25)
AREAS = {"Äldreomsorg", "Stöd och omsorg", "Individ- och familjeomsorg", "Hälso- och sjukvård"}


@pytest.fixture(scope="module")
def town():
    return generate_municipality(800, 3, 1, until=UNTIL)


@pytest.fixture(scope="module")
def current(town):
    """Employments covering the reference date."""
    e = town.employments
    return e.filter(
        (pl.col("start_date") <= UNTIL) & (pl.col("end_date").is_null() | (pl.col("end_date") >= UNTIL))
    )


def read_all(directory) -> dict[str, bytes]:
    return {kind: (directory / f"{kind}.csv").read_bytes() for kind in COLUMNS}


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path, town):
    write_files(town, tmp_path / "a")
    write_files(generate_municipality(800, 3, 1, until=UNTIL), tmp_path / "b")
    write_files(generate_municipality(800, 3, 2, until=UNTIL), tmp_path / "c")
    first, again, other = read_all(tmp_path / "a"), read_all(tmp_path / "b"), read_all(tmp_path / "c")
    assert first == again
    for kind in ("people", "employments", "absences"):
        assert first[kind] != other[kind], kind


def test_size_areas_and_units(town, current):
    assert 720 <= current["person_id"].n_unique() <= 880
    assert current.height == current["person_id"].n_unique()  # one post at a time
    units = town.units
    assert units.filter(pl.col("parent_id").is_null())["kind"].to_list() == ["förvaltning"]
    assert set(units.filter(pl.col("kind") == "område")["name"]) == AREAS
    assert 35 <= units.filter(pl.col("kind") == "enhet").height <= 45
    assert units.filter(pl.col("kind") == "arbetsgrupp").height >= 2
    assert set(units["kind"]) == {"förvaltning", "område", "enhet", "arbetsgrupp"}
    assert units["name"].n_unique() == units.height
    activities = set(units.filter(pl.col("kind") == "enhet")["activity"])
    assert {"hemtjänst", "särskilt boende", "LSS", "personlig assistans", "IFO", "HSL", "stab"} <= activities


def test_unit_sizes_count_their_work_groups(town, current):
    parent = dict(zip(town.units["unit_id"], town.units["parent_id"], strict=True))
    kind = dict(zip(town.units["unit_id"], town.units["kind"], strict=True))

    def enhet(unit_id):
        return enhet(parent[unit_id]) if kind[unit_id] == "arbetsgrupp" else unit_id

    staff = current.with_columns(enhet=pl.col("unit_id").map_elements(enhet, return_dtype=pl.String))
    sizes = staff.group_by("enhet").agg(pl.col("person_id").n_unique())["person_id"]
    assert sizes.len() == town.units.filter(pl.col("kind") == "enhet").height
    assert sizes.min() >= 4 and sizes.max() <= 60
    assert set(current["unit_id"]) <= set(
        town.units.filter(pl.col("kind").is_in(["enhet", "arbetsgrupp"]))["unit_id"]
    )


def test_ids_are_short_and_safe(town):
    for series in (town.units["unit_id"], town.people["person_id"]):
        assert not series.str.contains(r"[/\s]").any()
        assert series.n_unique() == series.len()
    assert town.units["unit_id"][0] == "U001"
    assert town.people["person_id"][0] == "P000001"


def test_people_and_employments_look_like_social_services(town, current):
    people = town.people
    women = (people["gender"] == "K").sum() / people.height
    assert 0.78 <= women <= 0.87
    assert set(people["gender"].drop_nulls()) == {"K", "M"}
    assert people["gender"].null_count() < 0.01 * people.height
    ages = current.join(people, on="person_id")["birth_year"].map_elements(lambda y: UNTIL.year - y, pl.Int64)
    assert ages.min() >= 19 and ages.max() <= 67
    assert 0.05 <= (current["pay"] == "hourly").mean() <= 0.10
    rates = town.employments["rate"]
    assert (rates > 0).all() and (rates <= 100).all()
    assert 0.4 <= (rates == 100).mean() <= 0.75 and (rates < 80).mean() >= 0.1
    assert (town.employments["weekly_hours"] == 40).mean() > 0.6
    assert set(town.employments["weekly_hours"]) == {40.0, 38.25, 37.0}
    assert (town.employments["start_date"] <= UNTIL).all()
    assert town.employments.select(pl.struct("person_id", "unit_id", "start_date").is_unique().all()).item()


def test_staff_turnover_and_moves(town):
    first = history_start(UNTIL, 3)
    e = town.employments
    assert e.filter(pl.col("end_date").is_between(first, UNTIL)).height > 0.2 * 800  # left during the history
    assert e.filter(pl.col("start_date") >= first).height > 0.2 * 800  # hired during the history
    moved = e.group_by("person_id").agg(pl.col("unit_id").n_unique()).filter(pl.col("unit_id") > 1)
    assert moved.height >= 20
    ordered = e.sort("person_id", "start_date").with_columns(
        previous_end=pl.col("end_date").shift(1).over("person_id")
    )
    assert (
        ordered.drop_nulls("previous_end").select(pl.col("start_date") > pl.col("previous_end")).to_series()
    ).all()


def test_absences_have_realistic_shape(town):
    a = town.absences
    first = history_start(UNTIL, 3)
    assert a.select(pl.struct("person_id", "start_date", "kind").is_unique().all()).item()
    assert (a["end_date"] >= a["start_date"]).all() and (a["end_date"] >= first).all()
    assert (a["start_date"] <= UNTIL).all()
    assert set(a["kind"]) == {"sjuk", "vab", "semester"}
    # Holidays outnumber sick records, as in a real HR export (about 3 spells a person-year).
    assert 0.3 < (a["kind"] == "sjuk").mean() < 0.6
    assert (a["kind"] == "semester").sum() > 2.5 * 800 * 3
    sick = sick_records(a)
    assert set(sick["extent"]) == {25.0, 50.0, 75.0, 100.0}
    lengths = (sick["end_date"] - sick["start_date"]).dt.total_days() + 1
    assert (lengths <= 7).mean() > 0.6
    months = sick["start_date"].dt.month()
    assert months.is_in([12, 1, 2]).sum() > 1.2 * months.is_in([6, 7, 8]).sum()  # winter peak


def test_sick_records_lie_within_employments(town):
    spans = town.employments.select(
        "person_id", first="start_date", last=pl.col("end_date").fill_null(date(9999, 1, 1))
    )
    sick = sick_records(town.absences).with_row_index()
    inside = sick.join(spans, on="person_id").filter(
        (pl.col("start_date") >= pl.col("first")) & (pl.col("end_date") <= pl.col("last"))
    )
    assert inside["index"].n_unique() == sick.height


def test_open_cases_and_repeated_short_term_absence(town):
    cases = join_sick_cases(sick_records(town.absences))
    open_cases = cases.filter(pl.col("end_date") >= UNTIL)
    assert open_cases.height >= 10
    assert open_cases.filter(pl.col("length") >= 60).height >= 3
    assert cases["length"].max() <= 400 + 5 + 90
    window = cases.filter(
        pl.col("start_date").is_between(UNTIL - timedelta(days=364), UNTIL) & (pl.col("length") <= 14)
    )
    repeated = window.group_by("person_id").len().filter(pl.col("len") >= 6).height
    assert 3 <= repeated <= 0.06 * 800  # a few persons, not a tenth of the staff


def test_written_files(tmp_path, town):
    write_files(town, tmp_path)
    for kind, columns in COLUMNS.items():
        data = (tmp_path / f"{kind}.csv").read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf")
        text = data.decode("utf-8")
        assert text.splitlines()[0] == ",".join(columns)
        assert '""' not in text and ";" not in text
        frame = pl.read_csv(tmp_path / f"{kind}.csv", infer_schema=False)
        assert frame.height == getattr(town, kind).height
    employments = pl.read_csv(tmp_path / "employments.csv", infer_schema=False)
    assert not employments["rate"].str.ends_with(".0").any()
    assert {"100", "62.5"} <= set(employments["rate"]) and "38.25" in set(employments["weekly_hours"])
    assert employments["end_date"].null_count() > 0
    assert employments["start_date"].str.contains(r"^\d{4}-\d{2}-\d{2}$").all()
    people = pl.read_csv(tmp_path / "people.csv", infer_schema=False)
    assert people["email"].str.ends_with("@example.invalid").all()
    assert people["email"].n_unique() == people.height
    assert people["phone"].drop_nulls().str.contains(r"^070-17406(0[5-9]|[1-9]\d)$").all()
    assert people["last_name"].map_elements(lambda name: name.startswith(SURNAME_STEMS), pl.Boolean).all()
    units = (tmp_path / "units.csv").read_text(encoding="utf-8").splitlines()
    assert units[1] == "U001,,Socialförvaltningen,förvaltning,"


@pytest.mark.parametrize(("employees", "years"), [(10, 1), (60, 1), (2000, 2)])
def test_other_sizes(employees, years):
    town = generate_municipality(employees, years, 5, until=UNTIL)
    current = town.employments.filter(pl.col("end_date").is_null() | (pl.col("end_date") >= UNTIL))
    assert current.height == employees
    assert set(town.units.filter(pl.col("kind") == "område")["name"]) == AREAS
    assert (
        round(employees / 20) * 0.9
        <= town.units.filter(pl.col("kind") == "enhet").height
        <= max(4, employees / 20 * 1.1)
    )
    assert (town.absences["start_date"] >= date(UNTIL.year - years, 1, 1) - timedelta(days=400)).all()
