"""Hand-worked cases for kasam.metrics.sickleave (docs/definitions.md "Ordinary and sick hours", "Sick-leave
percentage", "Sick cases", "Occasions", "Bands", "Healthy attendance"). Every expected number is worked
out in the comment above it. h of a 100 % employment at 40 h/week is 40/7 hours on every calendar day.
"""

import subprocess
import sys
from datetime import date

import polars as pl
import pytest

from kasam.metrics import sickleave as sl
from kasam.metrics.frames import Frames, normalise

JAN = (date(2025, 1, 1), date(2025, 1, 31))  # 31 days
YEAR = (date(2025, 1, 1), date(2025, 12, 31))  # 365 days
FULL_DAY = 40 / 7  # h of a 100 % employment at 40 h/week, on every calendar day
# R is the root with the units U1 and U2 below it, and U1a below U1.
TREE = [("R", None), ("U1", "R"), ("U2", "R"), ("U1a", "U1")]


def d(month: int, day: int, year: int = 2025) -> date:
    return date(year, month, day)


def job(person="P1", unit="U1", start=date(2024, 1, 1), end=None, rate=100.0, hours=40.0, pay="monthly"):
    return (person, unit, start, end, rate, hours, pay)


def sick(person, start, end, extent=100.0, kind="sjuk"):
    return (person, start, end, extent, kind)


def frames(jobs, absences=(), people=None, tree=TREE) -> Frames:
    """people: {person: (birth_year, gender)}; everyone else in the jobs is born 1980, gender K."""
    people = dict(people or {})
    for row in [*jobs, *absences]:
        people.setdefault(row[0], (1980, "K"))
    return normalise(
        pl.DataFrame(
            [(unit, parent, unit, "enhet", "") for unit, parent in tree],
            schema=["unit_id", "parent_id", "name", "kind", "activity"],
            orient="row",
        ),
        pl.DataFrame(
            [(p, year, gender) for p, (year, gender) in people.items()],
            schema={"person_id": pl.String, "birth_year": pl.Int64, "gender": pl.String},
            orient="row",
        ),
        pl.DataFrame(
            list(jobs),
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
            list(absences),
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


def figures(fr: Frames, start: date, end: date, unit="R", group="all") -> dict:
    rows = sl.period_figures(fr, start, end).filter(unit_id=unit, group=group)
    return rows.row(0, named=True)


# --- Hours ---------------------------------------------------------------------------------------


def test_partial_sick_leave():
    # 100 %, 40 h/week: h = 40/7 per day. January: ordinary 31 × 40/7 = 1240/7.
    # Sick 10–12 Jan at 50 %: 3 × 40/7 × 0.5 = 60/7. Sick leave = 100 × 60/1240 = 4.8387… %.
    fr = frames([job()], [sick("P1", d(1, 10), d(1, 12), 50.0)])
    row = figures(fr, *JAN)
    assert row["ordinary_hours"] == pytest.approx(1240 / 7)
    assert row["sick_hours"] == pytest.approx(60 / 7)
    assert row["persons"] == 1
    assert sl.statutory_report(fr, *JAN)["sick_leave_pct"] == round(6000 / 1240, 2) == 4.84


def test_part_time_employee():
    # 75 % of 38.25 h: h = 38.25 × 0.75 / 7 = 4.0982… per day; January: 31 × 4.0982 = 127.045 h.
    # Sick 1–4 Jan at 100 % (extent and kind empty: 100 % sjuk): 4 × 4.0982 = 16.393 h.
    # Sick leave = 4/31 = 12.90 %, the same share as a full-timer's.
    fr = frames([job(rate=75.0, hours=38.25)], [sick("P1", d(1, 1), d(1, 4), None, None)])
    row = figures(fr, *JAN)
    h = 38.25 * 0.75 / 7
    assert row["ordinary_hours"] == pytest.approx(31 * h)
    assert row["sick_hours"] == pytest.approx(4 * h)
    assert sl.statutory_report(fr, *JAN)["sick_leave_pct"] == 12.9


def test_two_employments_of_one_person():
    # P1 has 60 % in U1 and 40 % in U2 with empty weekly hours (= 40): h = 24/7 and 16/7.
    # Sick 1–4 Jan: U1 4 × 24/7, U2 4 × 16/7. The root R adds both: ordinary 31 × 40/7, sick 4 × 40/7,
    # one person (not two); U1 alone: ordinary 31 × 24/7, sick 4 × 24/7, 12.90 %.
    fr = frames(
        [job(rate=60.0, hours=None), job(unit="U2", rate=40.0, hours=None)], [sick("P1", d(1, 1), d(1, 4))]
    )
    root, u1 = figures(fr, *JAN), figures(fr, *JAN, unit="U1")
    assert root["persons"] == 1
    assert root["ordinary_hours"] == pytest.approx(31 * FULL_DAY)
    assert root["sick_hours"] == pytest.approx(4 * FULL_DAY)
    assert (u1["ordinary_hours"], u1["sick_hours"]) == (pytest.approx(31 * 24 / 7), pytest.approx(4 * 24 / 7))
    assert sl.statutory_report(fr, *JAN, unit_id="U1")["sick_leave_pct"] == 12.9


def test_other_kinds_are_ignored_and_sjuk_is_case_insensitive():
    # "SJUK" counts (2 days), "vab" and "semester" do not: sick hours 2 × 40/7.
    rows = [
        sick("P1", d(1, 1), d(1, 2), kind="SJUK"),
        sick("P1", d(1, 5), d(1, 9), kind="vab"),
        sick("P1", d(1, 12), d(1, 20), kind="semester"),
    ]
    assert figures(frames([job()], rows), *JAN)["sick_hours"] == pytest.approx(2 * FULL_DAY)


def test_overlapping_records_take_the_highest_extent():
    # 1–10 Jan at 50 % and 5–6 Jan at 100 %: days 5 and 6 count 100 %, the other 8 days 50 %:
    # 8 × 0.5 + 2 × 1 = 6 day-equivalents = 6 × 40/7 = 240/7 hours (not 7 or 5 day-equivalents).
    rows = [sick("P1", d(1, 1), d(1, 10), 50.0), sick("P1", d(1, 5), d(1, 6), 100.0)]
    assert figures(frames([job()], rows), *JAN)["sick_hours"] == pytest.approx(240 / 7)


def test_an_hourly_employee_is_left_out():
    # P2 is hourly: no ordinary working time, so neither P2's hours nor P2's sick days nor P2 count.
    # Only P1: ordinary 1240/7, no sick hours, one person.
    fr = frames([job(), job(person="P2", pay="hourly")], [sick("P2", d(1, 1), d(1, 31))])
    row = figures(fr, *JAN)
    assert (row["ordinary_hours"], row["sick_hours"], row["persons"]) == (pytest.approx(1240 / 7), 0, 1)
    only_hourly = sl.statutory_report(frames([job(person="P2", pay="hourly")]), *JAN)
    assert only_hourly["persons"] == 0 and only_hourly["sick_leave_pct"] is None


def test_sick_days_outside_employment_carry_no_hours():
    # Employed from 16 Jan; sick 10–20 Jan: only 16–20 Jan (5 days) carry hours. Ordinary = 16 × 40/7.
    row = figures(frames([job(start=d(1, 16))], [sick("P1", d(1, 10), d(1, 20))]), *JAN)
    assert row["ordinary_hours"] == pytest.approx(16 * FULL_DAY)
    assert row["sick_hours"] == pytest.approx(5 * FULL_DAY)


# --- Sick cases and long-term share ----------------------------------------------------------------


@pytest.mark.parametrize(("second_start", "long_pct"), [(d(3, 1), 100.0), (d(3, 2), 0.0)])
def test_two_spells_five_days_apart_join_six_do_not(second_start, long_pct):
    # First spell 1 Jan – 24 Feb = 55 days, ending on D = 24 Feb. A second spell starting on
    # D+5 = 1 Mar joins it: one case 1 Jan – 5 Mar = 31 + 28 + 5 = 64 days ≥ 60, all sick hours
    # long-term. Starting on D+6 = 2 Mar it is a new case: 55 and 4 days, none long-term.
    rows = [sick("P1", d(1, 1), d(2, 24)), sick("P1", second_start, d(3, 5))]
    cases = sl.join_sick_cases(sl.sick_records(frames([job()], rows).absences))
    assert cases.height == (1 if long_pct else 2)
    assert sl.statutory_report(frames([job()], rows), d(1, 1), d(3, 31))["long_term_share_pct"] == long_pct


def test_a_spell_across_the_year_boundary_counts_as_long_term():
    # P1: sick 1 Dec 2024 – 29 Jan 2025 = 31 + 29 = 60 days: a long case. In 2025 its 29 January days
    # are long-term although only 29 of its days lie in 2025. P2: sick 3–7 Mar 2025, 5 days: short.
    # Long-term share 2025 = 29 / (29 + 5) = 85.29 %; for 2024 December's 31 days are all long: 100 %.
    rows = [sick("P1", date(2024, 12, 1), d(1, 29)), sick("P2", d(3, 3), d(3, 7))]
    fr = frames([job(), job(person="P2")], rows)
    assert figures(fr, *YEAR)["long_sick_hours"] == pytest.approx(29 * FULL_DAY)
    assert sl.statutory_report(fr, *YEAR)["long_term_share_pct"] == 85.29
    assert sl.statutory_report(fr, date(2024, 1, 1), date(2024, 12, 31))["long_term_share_pct"] == 100


def test_a_case_of_59_days_is_not_long_but_60_is():
    # 1 Jan – 28 Feb 2025 = 59 days; 1 Jan – 1 Mar = 60 days.
    short = frames([job()], [sick("P1", d(1, 1), d(2, 28))])
    long = frames([job()], [sick("P1", d(1, 1), d(3, 1))])
    assert sl.statutory_report(short, *JAN)["long_term_share_pct"] == 0
    assert sl.statutory_report(long, *JAN)["long_term_share_pct"] == 100


def test_days_without_working_time_join_cases():
    # Employed from 1 Feb; sick 20–31 Jan (no hours) and 3 Feb – 31 Mar (D+3: joined). The case runs
    # 20 Jan – 31 Mar = 12 + 28 + 31 = 71 days, so February's 26 sick days are long-term.
    fr = frames([job(start=d(2, 1))], [sick("P1", d(1, 20), d(1, 31)), sick("P1", d(2, 3), d(3, 31))])
    row = figures(fr, d(2, 1), d(2, 28))
    assert row["sick_hours"] == pytest.approx(26 * FULL_DAY)
    assert row["long_sick_hours"] == pytest.approx(26 * FULL_DAY)


# --- Groups and suppression ----------------------------------------------------------------------


def test_an_age_group_of_ten_is_suppressed_and_its_partner_with_it():
    # 2025, age = 2025 − birth year. 10 persons born 2000 (25: ≤ 29), 12 born 1985 (40: 30–49),
    # 15 born 1970 (55: ≥ 50), all women, each sick 2 days in January: nobody dominates a group.
    # ≤ 29 has 10 persons ≤ 10: suppressed. Exactly one hidden, so the smallest other group with
    # persons, 30–49 (12), is suppressed too; ≥ 50 (15) is shown: 2 days / 365 = 0.55 %.
    # K has all 37: shown; M has no persons: no figure, not suppressed.
    people = {f"Y{i}": (2000, "K") for i in range(10)}
    people |= {f"A{i}": (1985, "K") for i in range(12)} | {f"O{i}": (1970, "K") for i in range(15)}
    fr = frames([job(person=p) for p in people], [sick(p, d(1, 5), d(1, 6)) for p in people], people)
    report = sl.statutory_report(fr, *YEAR)
    assert report["by_age"] == {
        "-29": {"persons": 10, "sick_leave_pct": None, "suppressed": True},
        "30-49": {"persons": 12, "sick_leave_pct": None, "suppressed": True},
        "50-": {"persons": 15, "sick_leave_pct": 0.55, "suppressed": False},
    }
    assert report["by_gender"]["K"] == {"persons": 37, "sick_leave_pct": 0.55, "suppressed": False}
    assert report["by_gender"]["M"] == {"persons": 0, "sick_leave_pct": None, "suppressed": False}
    assert report["sick_leave_pct"] == 0.55  # the unit's own total is always shown to HR


def test_one_person_dominating_a_small_unit():
    # U2 has 12 women and 12 men. Woman W0 is sick 20 days, 11 other women 1 day each: the women's
    # sick hours are 31 days' worth, and W0's 20 > 31 / 2, so K is suppressed although 12 > 10.
    # Exactly one hidden: the smallest other group with persons, M (12), is hidden too. The men are
    # never sick (their largest person's 0 h is not more than half of 0 h). The unit's total shows:
    # 31 days / (24 × 365) = 0.35 %.
    people = {f"W{i}": (1980, "K") for i in range(12)} | {f"M{i}": (1980, "M") for i in range(12)}
    rows = [sick("W0", d(3, 1), d(3, 20))] + [sick(f"W{i}", d(4, 1), d(4, 1)) for i in range(1, 12)]
    fr = frames([job(person=p, unit="U2") for p in people], rows, people)
    women = figures(fr, *YEAR, unit="U2", group="K")
    assert women["max_person_sick_hours"] == pytest.approx(20 * FULL_DAY)
    assert women["sick_hours"] == pytest.approx(31 * FULL_DAY)
    report = sl.statutory_report(fr, *YEAR, unit_id="U2")
    assert report["by_gender"]["K"] == {"persons": 12, "sick_leave_pct": None, "suppressed": True}
    assert report["by_gender"]["M"] == {"persons": 12, "sick_leave_pct": None, "suppressed": True}
    assert report["sick_leave_pct"] == round(100 * 31 / (24 * 365), 2) == 0.35


def test_gender_other_counts_in_the_total_only():
    fr = frames([job(), job(person="P2")], people={"P1": (1980, "X"), "P2": (1980, "M")})
    report = sl.statutory_report(fr, *JAN)
    assert report["persons"] == 2
    assert (report["by_gender"]["K"]["persons"], report["by_gender"]["M"]["persons"]) == (0, 1)


# --- Occasions -----------------------------------------------------------------------------------


def test_occasions():
    # P1 works in U1 (60 %) and U2 (40 %): a case starting 10 Jan is one occasion for R, one for U1
    # and one for U2 — once per person and case for a set, not once per employment.
    # P2 starts in U1 on 16 Jan; a case starting 14 Jan (no ordinary working time that day) runs into
    # the employment: no occasion anywhere. P2's second case, 25 Jan (D+6 after 19 Jan), is one.
    # P3's case started on 28 Dec 2024, before the period: no occasion in January.
    jobs = [job(rate=60.0), job(unit="U2", rate=40.0), job(person="P2", start=d(1, 16)), job(person="P3")]
    rows = [
        sick("P1", d(1, 10), d(1, 12)),
        sick("P2", d(1, 14), d(1, 19)),
        sick("P2", d(1, 25), d(1, 26)),
        sick("P3", date(2024, 12, 28), d(1, 3)),
    ]
    fr = frames(jobs, rows)
    occasions = sl.period_figures(fr, *JAN).filter(group="all").select("unit_id", "occasions")
    assert dict(occasions.iter_rows()) == {"R": 2, "U1": 2, "U2": 1, "U1a": 0}
    assert sl.statutory_report(fr, *JAN)["occasions"] == 2
    series = sl.monthly_series(fr, *JAN).filter(unit_id="R")
    assert series["occasions"].to_list() == [2]


# --- Healthy attendance --------------------------------------------------------------------------


def test_healthy_attendance_zero_and_five_with_the_half_the_days_rule():
    # January has 31 days; counted persons work at least half of them: 2 × days ≥ 31, so ≥ 16 days.
    # A: all January, never sick → counted, healthy.
    # B: 16–31 Jan (16 days), sick 1 day → counted; 1 day-equivalent: not healthy at N=0, healthy at N=5.
    # C: 1–15 Jan (15 days) → not counted (but one of the 4 persons).
    # D: 80 %, all January, sick 10 days at 50 % → 5 day-equivalents: healthy at N=5 only.
    # E: 1–10 Jan in U1 and 11–20 Jan in U2, 20 days in the set R → counted at R (healthy), but with 10
    #    days in each unit alone not counted at U1 or U2.
    # N=0: A, E of A, B, D, E = 50 %; N=5: all 4 = 100 %.
    jobs = [
        job(person="A"),
        job(person="B", start=d(1, 16)),
        job(person="C", end=d(1, 15)),
        job(person="D", rate=80.0),
        job(person="E", start=date(2024, 6, 1), end=d(1, 10)),
        job(person="E", unit="U2", start=d(1, 11), end=d(1, 20)),
    ]
    rows = [sick("B", d(1, 20), d(1, 20)), sick("D", d(1, 11), d(1, 20), 50.0)]
    fr = frames(jobs, rows)
    report = sl.statutory_report(fr, *JAN)
    assert report["healthy_attendance_pct"] == {"0": 50.0, "5": 100.0}
    root, u2 = figures(fr, *JAN), figures(fr, *JAN, unit="U2")
    assert (root["ha_persons"], root["ha_healthy_0"], root["ha_healthy_5"]) == (4, 2, 4)
    assert (u2["persons"], u2["ha_persons"]) == (1, 0)


def test_day_equivalents_are_per_day_not_per_employment():
    # Two 50 % employments, sick 1 Jan at 100 %: the day's sick hours ÷ its ordinary hours = 1
    # day-equivalent (not 2): not healthy with N=0, healthy with N=5.
    fr = frames([job(rate=50.0), job(unit="U2", rate=50.0)], [sick("P1", d(1, 1), d(1, 1))])
    assert sl.statutory_report(fr, *JAN)["healthy_attendance_pct"] == {"0": 0.0, "5": 100.0}


def test_empty_period_has_no_figures():
    # Nobody employed in January 2020: no persons, every share null, nothing divided by zero.
    report = sl.statutory_report(frames([job(start=d(1, 1))]), date(2020, 1, 1), date(2020, 1, 31))
    assert report["persons"] == 0 and report["ordinary_hours"] == 0
    assert report["sick_leave_pct"] is None and report["long_term_share_pct"] is None
    assert report["healthy_attendance_pct"] == {"0": None, "5": None}
    assert report["by_age"]["-29"] == {"persons": 0, "sick_leave_pct": None, "suppressed": False}


def test_unknown_unit_and_end_before_start_are_refused():
    fr = frames([job()])
    with pytest.raises(ValueError, match="no unit"):
        sl.statutory_report(fr, *JAN, unit_id="NOPE")
    with pytest.raises(ValueError, match="before it starts"):
        sl.statutory_report(fr, d(2, 1), d(1, 1))


# --- Repeated short-term absence -----------------------------------------------------------------


def test_repeated_short_term_persons_in_the_report():
    # Window: the 365 days up to 31 Dec 2025 = 1 Jan – 31 Dec 2025. P1 has 6 one-day cases in it
    # (each 10 days apart: separate cases): repeated. P2 has 5: not. P3 has 6 but works only in U2:
    # counted for R and U2, not for U1. P4 has 6 in the window but no employment in the period.
    def six(person, count=6):
        return [sick(person, d(m, 1), d(m, 1)) for m in range(1, count + 1)]

    jobs = [job(), job(person="P2"), job(person="P3", unit="U2"), job(person="P4", end=date(2024, 6, 30))]
    fr = frames(jobs, [*six("P1"), *six("P2", 5), *six("P3"), *six("P4")])
    assert sl.statutory_report(fr, *YEAR)["repeated_short_term_persons"] == 2
    assert sl.statutory_report(fr, *YEAR, unit_id="U1")["repeated_short_term_persons"] == 1


# --- Series --------------------------------------------------------------------------------------


def test_monthly_series_adds_subtrees_and_bands():
    # P1 in U1a (under U1 under R), sick 30 Jan – 2 Feb: a 4-day case (band 1–14), 2 days in each month.
    # P2 in U2, sick all of February and on to 10 Mar: 28 + 10 = 38 days (band 15–59).
    fr = frames(
        [job(unit="U1a"), job(person="P2", unit="U2")],
        [sick("P1", d(1, 30), d(2, 2)), sick("P2", d(2, 1), d(3, 10))],
    )
    series = sl.monthly_series(fr, d(1, 1), d(2, 28))
    assert series.columns == ["unit_id", "month", *sl.SERIES_COLUMNS]
    assert series.height == 4 * 2  # every unit × month, also empty ones
    feb = {row["unit_id"]: row for row in series.filter(month=d(2, 1)).iter_rows(named=True)}
    assert feb["U1"]["sick_hours"] == pytest.approx(2 * FULL_DAY) == feb["U1a"]["sick_hours_1_14"]
    assert feb["R"]["sick_hours"] == pytest.approx(30 * FULL_DAY)
    assert feb["R"]["sick_hours_15_59"] == pytest.approx(28 * FULL_DAY)
    assert feb["R"]["persons"] == 2 and feb["U1"]["persons"] == 1
    assert feb["R"]["ordinary_hours"] == pytest.approx(2 * 28 * FULL_DAY)
    assert feb["R"]["occasions"] == 1  # P2's case starts 1 Feb; P1's started in January


def test_subtree_unit_ids():
    units = pl.DataFrame({"unit_id": ["R", "A", "B", "A1", "A1x"], "parent_id": [None, "R", "R", "A", "A1"]})
    assert sl.subtree_unit_ids(units, "A") == ["A", "A1", "A1x"]
    assert sl.subtree_unit_ids(units, "B") == ["B"]


def test_metrics_and_generator_do_not_import_django():
    # kasam.metrics and kasam.synth are pure: benchmarks and workers use them without Django.
    code = "import sys, kasam.metrics.sickleave, kasam.synth; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
