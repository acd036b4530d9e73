"""Property tests of the interval engine (kasam.metrics.sickleave) on random small organisations:
it equals a straightforward day-by-day reference written here from docs/definitions.md's words; sick hours
never exceed ordinary hours; the root's hours are its own staff's plus its children's subtrees';
a period's hours are the sum of its months'."""

from collections import defaultdict
from datetime import date, timedelta

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kasam.metrics import sickleave as sl
from kasam.metrics.definitions import BANDS, SickLeaveSettings
from kasam.metrics.frames import Frames, normalise

BASE = date(2024, 11, 1)
TREE = {"R": None, "U1": "R", "U2": "R", "U1a": "U1"}
PERSONS = ["P1", "P2", "P3", "P4"]
TOL = 1e-6

people_st = st.fixed_dictionaries(
    {
        p: st.tuples(st.sampled_from([1960, 1975, 1990, 2000]), st.sampled_from(["K", "M", None]))
        for p in PERSONS
    }
)
jobs_st = st.lists(
    st.tuples(
        st.sampled_from(PERSONS),
        st.sampled_from(list(TREE)),
        st.integers(-30, 120),  # start offset from BASE
        st.one_of(st.none(), st.integers(0, 150)),  # length − 1, or ongoing
        st.sampled_from([25.0, 50.0, 80.0, 100.0]),
        st.sampled_from([40.0, 37.5, None]),
        st.sampled_from(["monthly", "monthly", "monthly", "hourly"]),
    ),
    max_size=6,
)
absences_st = st.lists(
    st.tuples(
        st.sampled_from(PERSONS),
        st.integers(-90, 180),
        st.integers(0, 40),
        st.sampled_from([25.0, 50.0, 100.0, None]),
        st.sampled_from(["sjuk", "sjuk", "SJUK", None, "vab"]),
    ),
    max_size=14,
)
period_st = st.tuples(st.integers(0, 90), st.integers(0, 120))


def build(people, jobs, absences) -> Frames:
    def day(offset):
        return BASE + timedelta(days=offset)

    return normalise(
        pl.DataFrame(
            [(u, p, u, "enhet", "") for u, p in TREE.items()],
            schema=["unit_id", "parent_id", "name", "kind", "activity"],
            orient="row",
        ),
        pl.DataFrame(
            [(p, year, gender) for p, (year, gender) in people.items()],
            schema={"person_id": pl.String, "birth_year": pl.Int64, "gender": pl.String},
            orient="row",
        ),
        pl.DataFrame(
            [(p, u, day(s), None if n is None else day(s + n), r, w, pay) for p, u, s, n, r, w, pay in jobs],
            schema={
                "person_id": pl.String,
                "unit_id": pl.String,
                "start_date": pl.Date,
                "end_date": pl.Date,
                "rate": pl.Float64,
                "weekly_hours": pl.Float64,
                "pay": pl.String,
            },
            orient="row",
        ),
        pl.DataFrame(
            [(p, day(s), day(s + n), e, k) for p, s, n, e, k in absences],
            schema={
                "person_id": pl.String,
                "start_date": pl.Date,
                "end_date": pl.Date,
                "extent": pl.Float64,
                "kind": pl.String,
            },
            orient="row",
        ),
    )


# --- the day-by-day reference --------------------------------------------------------------------


def subtree(unit):
    found = {unit}
    while True:
        more = {u for u, parent in TREE.items() if parent in found} - found
        if not more:
            return found
        found |= more


class Reference:
    """docs/definitions.md read literally, one calendar day at a time."""

    def __init__(self, fr: Frames, config: SickLeaveSettings = SickLeaveSettings()):
        self.config = config
        self.people = {r["person_id"]: r for r in fr.people.iter_rows(named=True)}
        self.jobs = [
            (r["person_id"], r["unit_id"], r["start_date"], r["end_date"] or date(2100, 1, 1), self.h(r))
            for r in fr.employments.iter_rows(named=True)
            if r["pay"] == "monthly"
        ]
        # A day's extent: the highest of the person's sick records covering it.
        self.extent = defaultdict(float)
        for r in fr.absences.iter_rows(named=True):
            if r["kind"] in (None, "sjuk"):
                day = r["start_date"]
                while day <= r["end_date"]:
                    key = (r["person_id"], day)
                    self.extent[key] = max(self.extent[key], r["extent"] or 100.0)
                    day += timedelta(days=1)
        # Cases over all sick days: the next sick day joins the case when it is at most `gap` days
        # after the previous one (a period starting D+1 … D+5 after the one ending on D).
        self.case_of = {}  # (person, day) → (case start, case length)
        self.cases = []  # (person, start, length)
        by_person = defaultdict(list)
        for person, day in sorted(self.extent):
            by_person[person].append(day)
        for person, days in by_person.items():
            groups = [[days[0]]]
            for day in days[1:]:
                if (day - groups[-1][-1]).days <= config.resickness_gap_days:
                    groups[-1].append(day)
                else:
                    groups.append([day])
            for group in groups:
                length = (group[-1] - group[0]).days + 1
                self.cases.append((person, group[0], length))
                for day in group:
                    self.case_of[(person, day)] = (group[0], length)

    @staticmethod
    def h(row):
        return (row["weekly_hours"] or 40.0) * row["rate"] / 100 / 7

    def group_of(self, person, end_year):
        row = self.people[person]
        groups = ["all"]
        if row["gender"] in ("K", "M"):
            groups.append(row["gender"])
        age = end_year - row["birth_year"]
        groups.append("-29" if age <= 29 else "30-49" if age <= 49 else "50-")
        return groups

    def figures(self, start, end, units):
        """Per person: ordinary, sick, long, band hours, days with ordinary time, day-equivalents."""
        out = defaultdict(lambda: defaultdict(float))
        day = start
        while day <= end:
            for person, unit, first, last, h in self.jobs:
                if unit in units and first <= day <= last:
                    f = out[person]
                    extent = self.extent.get((person, day), 0.0)
                    f["ordinary"] += h
                    f["sick"] += h * extent / 100
                    if extent:
                        length = self.case_of[(person, day)][1]
                        if length >= self.config.long_case_days:
                            f["long"] += h * extent / 100
                        for label, low, high in BANDS:
                            if low <= length and (high is None or length <= high):
                                f[label] += h * extent / 100
            covered = {p for p, unit, first, last, _h in self.jobs if unit in units and first <= day <= last}
            for person in covered:
                out[person]["days"] += 1
                out[person]["equivalents"] += self.extent.get((person, day), 0.0) / 100
            day += timedelta(days=1)
        for person, case_start, _length in self.cases:
            if start <= case_start <= end and any(
                p == person and unit in units and first <= case_start <= last
                for p, unit, first, last, _h in self.jobs
            ):
                out[person]["occasions"] += 1
        return out

    def period(self, start, end, unit):
        per_person = self.figures(start, end, subtree(unit))
        window = end - timedelta(days=self.config.repeated_window_days - 1)  # 365 days up to end
        rows = {g: defaultdict(float) for g in sl.GROUPS}
        period_days = (end - start).days + 1
        for person, f in per_person.items():
            if f["ordinary"] <= 0:
                continue
            short = sum(
                1
                for p, first, length in self.cases
                if p == person and window <= first <= end and length <= self.config.short_case_max_days
            )
            for g in self.group_of(person, end.year):
                row = rows[g]
                row["persons"] += 1
                row["ordinary_hours"] += f["ordinary"]
                row["sick_hours"] += f["sick"]
                row["long_sick_hours"] += f["long"]
                row["max_person_sick_hours"] = max(row["max_person_sick_hours"], f["sick"])
                row["occasions"] += f["occasions"]
                row["repeated_short_term_persons"] += short >= self.config.repeated_short_cases
                if 2 * f["days"] >= period_days:
                    row["ha_persons"] += 1
                    for n in self.config.healthy_attendance_n:
                        row[f"ha_healthy_{n}"] += f["equivalents"] <= n + 1e-9
        return rows


def months_of(start, end):
    first = date(start.year, start.month, 1)
    while first <= end:
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        yield first, max(first, start), min(following - timedelta(days=1), end)
        first = following


def close(a, b):
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


# --- properties ----------------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(people_st, jobs_st, absences_st, period_st)
def test_the_interval_engine_equals_the_day_by_day_reference(people, jobs, absences, period):
    fr = build(people, jobs, absences)
    start = BASE + timedelta(days=period[0])
    end = start + timedelta(days=period[1])
    reference = Reference(fr)
    engine = {(r["unit_id"], r["group"]): r for r in sl.period_figures(fr, start, end).iter_rows(named=True)}
    for unit in TREE:
        expected = reference.period(start, end, unit)
        for group in sl.GROUPS:
            got, want = engine[(unit, group)], expected[group]
            for column, value in got.items():
                if column in ("unit_id", "group"):
                    continue
                assert close(value, want.get(column, 0)), (unit, group, column, value, want.get(column, 0))

    series = sl.monthly_series(fr, start, end)
    for unit in TREE:
        for month, first, last in months_of(start, end):
            row = series.filter(unit_id=unit, month=month).row(0, named=True)
            want = reference.figures(first, last, subtree(unit))
            assert row["persons"] == sum(1 for f in want.values() if f["ordinary"] > 0)
            assert close(row["ordinary_hours"], sum(f["ordinary"] for f in want.values()))
            assert close(row["sick_hours"], sum(f["sick"] for f in want.values()))
            assert close(row["long_sick_hours"], sum(f["long"] for f in want.values()))
            for (label, _low, _high), column in zip(BANDS, sl.BAND_COLUMNS, strict=True):
                assert close(row[column], sum(f[label] for f in want.values()))
            assert row["occasions"] == sum(f["occasions"] for f in want.values())


@settings(max_examples=60, deadline=None)
@given(people_st, jobs_st, absences_st, period_st)
def test_sick_hours_never_exceed_ordinary_hours(people, jobs, absences, period):
    fr = build(people, jobs, absences)
    start = BASE + timedelta(days=period[0])
    end = start + timedelta(days=period[1])
    for frame in (sl.period_figures(fr, start, end), sl.monthly_series(fr, start, end)):
        assert (frame["sick_hours"] <= frame["ordinary_hours"] * (1 + 1e-12) + 1e-9).all()
        assert (frame["long_sick_hours"] <= frame["sick_hours"] * (1 + 1e-12) + 1e-9).all()
        assert (frame["long_sick_hours"] >= 0).all()


@settings(max_examples=60, deadline=None)
@given(people_st, jobs_st, absences_st, period_st)
def test_the_organisation_total_is_the_hours_weighted_sum_of_its_units(people, jobs, absences, period):
    # The root's hours are those of the staff placed on the root itself plus its children's subtrees
    # (R's own staff + U1 (with U1a) + U2), so its sick leave is the hours-weighted mean of theirs.
    fr = build(people, jobs, absences)
    start = BASE + timedelta(days=period[0])
    end = start + timedelta(days=period[1])
    rows = {
        r["unit_id"]: r for r in sl.period_figures(fr, start, end).filter(group="all").iter_rows(named=True)
    }
    own = sl.period_figures(
        Frames(fr.units, fr.people, fr.employments.filter(unit_id="R"), fr.absences), start, end
    ).filter(unit_id="R", group="all")
    for column in ("ordinary_hours", "sick_hours", "long_sick_hours"):
        parts = own[column][0] + rows["U1"][column] + rows["U2"][column]
        assert rows["R"][column] == pytest.approx(parts, rel=1e-9, abs=1e-9)
        children = (
            rows["U1a"][column]
            + (
                sl.period_figures(
                    Frames(fr.units, fr.people, fr.employments.filter(unit_id="U1"), fr.absences), start, end
                ).filter(unit_id="U1", group="all")[column][0]
            )
        )
        assert rows["U1"][column] == pytest.approx(children, rel=1e-9, abs=1e-9)
    if rows["R"]["ordinary_hours"] > 0:
        weights = [own["ordinary_hours"][0], rows["U1"]["ordinary_hours"], rows["U2"]["ordinary_hours"]]
        shares = [
            own["sick_hours"][0] / weights[0] if weights[0] else 0,
            rows["U1"]["sick_hours"] / weights[1] if weights[1] else 0,
            rows["U2"]["sick_hours"] / weights[2] if weights[2] else 0,
        ]
        weighted = sum(w * s for w, s in zip(weights, shares, strict=True)) / sum(weights)
        assert rows["R"]["sick_hours"] / rows["R"]["ordinary_hours"] == pytest.approx(
            weighted, rel=1e-9, abs=1e-12
        )


@settings(max_examples=60, deadline=None)
@given(people_st, jobs_st, absences_st, period_st)
def test_the_months_add_up_to_the_period(people, jobs, absences, period):
    fr = build(people, jobs, absences)
    start = BASE + timedelta(days=period[0])
    end = start + timedelta(days=period[1])
    whole = sl.period_figures(fr, start, end).filter(group="all").sort("unit_id")
    months = (
        sl.monthly_series(fr, start, end).group_by("unit_id").agg(pl.exclude("month").sum()).sort("unit_id")
    )
    for column in ("ordinary_hours", "sick_hours", "long_sick_hours"):
        assert months[column].to_list() == pytest.approx(whole[column].to_list(), rel=1e-9, abs=1e-9)
    assert months["occasions"].to_list() == whole["occasions"].to_list()
    # And each month alone, through period_figures, gives the month's row.
    for month, first, last in months_of(start, end):
        one = sl.period_figures(fr, first, last).filter(group="all").sort("unit_id")
        row = sl.monthly_series(fr, start, end).filter(month=month).sort("unit_id")
        assert row["sick_hours"].to_list() == pytest.approx(one["sick_hours"].to_list(), rel=1e-9, abs=1e-9)
        assert row["persons"].to_list() == one["persons"].to_list()
