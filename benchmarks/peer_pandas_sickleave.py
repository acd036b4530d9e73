"""The peer for the sick-leave benchmark: the report an analyst would write in pandas, straight from
docs/definitions.md, exploding employments and sick spells into one row per day. Not used by Kasam; it is here
so that `benchmarks/bench_sickleave.py` can time `kasam sickleave report --from-dir` against it and
check that both give the same figures.

    .venv/bin/python benchmarks/peer_pandas_sickleave.py DIR --year 2025

Prints the same JSON object as `kasam sickleave report --from-dir DIR --year 2025 --format json`
(organisation only, default settings: 6 short cases in 365 days, N = 0 and 5).
"""

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import pandas as pd

GAP, LONG, SHORT, REPEATED, WINDOW, MAX_HIDDEN = 5, 60, 14, 6, 365, 10


def load(directory: Path):
    units = pd.read_csv(directory / "units.csv", dtype=str)
    people = pd.read_csv(directory / "people.csv", dtype={"person_id": str, "gender": str})
    jobs = pd.read_csv(directory / "employments.csv", dtype={"person_id": str, "unit_id": str})
    absences = pd.read_csv(directory / "absences.csv", dtype={"person_id": str, "kind": str})
    for frame in (jobs, absences):
        frame["start_date"] = pd.to_datetime(frame["start_date"])
        frame["end_date"] = pd.to_datetime(frame["end_date"])
    return units, people, jobs, absences


def days(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per row of `frame` and day from start_date to end_date (vectorised: each row repeated
    once per day, the day's offset from a running count)."""
    frame = frame.reset_index(drop=True)
    length = (frame["end_date"] - frame["start_date"]).dt.days + 1
    out = frame.loc[frame.index.repeat(length)]
    offset = out.groupby(level=0).cumcount()
    out["date"] = out["start_date"] + pd.to_timedelta(offset, unit="D")
    return out.drop(columns=["start_date", "end_date"]).reset_index(drop=True)


def report(directory: Path, start: date, end: date) -> dict:
    units, people, jobs, absences = load(directory)
    first, last = pd.Timestamp(start), pd.Timestamp(end)

    # Ordinary working time: monthly-paid employments, h = weekly_hours × rate / 100 / 7 every day.
    jobs = jobs[jobs["pay"].str.lower() == "monthly"].copy()
    jobs["end_date"] = jobs["end_date"].fillna(last)
    jobs["start_date"] = jobs["start_date"].clip(lower=first)
    jobs["end_date"] = jobs["end_date"].clip(upper=last)
    jobs = jobs[jobs["start_date"] <= jobs["end_date"]]
    jobs["h"] = jobs["weekly_hours"].fillna(40) * jobs["rate"] / 100 / 7
    work = days(jobs[["person_id", "unit_id", "start_date", "end_date", "h"]])

    # Sick days over all data, a day's extent the highest; cases by the re-sickness rule.
    kind = absences["kind"].fillna("sjuk").str.strip().str.lower()
    sick = absences[kind.isin(["sjuk", ""])].copy()
    sick["extent"] = sick["extent"].fillna(100)
    sick_days = days(sick[["person_id", "start_date", "end_date", "extent"]])
    sick_days = sick_days.groupby(["person_id", "date"], as_index=False)["extent"].max()
    sick_days = sick_days.sort_values(["person_id", "date"])
    gap = sick_days.groupby("person_id")["date"].diff().dt.days
    sick_days["case"] = (gap.isna() | (gap > GAP)).cumsum()
    cases = sick_days.groupby("case").agg(
        person_id=("person_id", "first"), first=("date", "min"), last=("date", "max")
    )
    cases["length"] = (cases["last"] - cases["first"]).dt.days + 1
    sick_days = sick_days.merge(cases[["length"]], left_on="case", right_index=True)

    # Hours per employment and day.
    work = work.merge(sick_days, on=["person_id", "date"], how="left")
    work["sick"] = work["h"] * work["extent"].fillna(0) / 100
    work["long"] = work["sick"].where(work["length"] >= LONG, 0.0)
    per_person = work.groupby("person_id").agg(
        ordinary=("h", "sum"), sick=("sick", "sum"), long=("long", "sum")
    )
    per_person = per_person[per_person["ordinary"] > 0]

    # Groups.
    people = people.set_index("person_id")
    per_person = per_person.join(people[["birth_year", "gender"]])
    age = end.year - per_person["birth_year"]
    per_person["age"] = pd.cut(age, [-1000, 29, 49, 1000], labels=["-29", "30-49", "50-"])

    def group(rows):
        return {
            "persons": len(rows),
            "ordinary": rows["ordinary"].sum(),
            "sick": rows["sick"].sum(),
            "max": rows["sick"].max() if len(rows) else 0.0,
        }

    def split(keys, column):
        groups = [group(per_person[per_person[column] == key]) for key in keys]
        hidden = [
            g["persons"] > 0 and (g["persons"] <= MAX_HIDDEN or g["max"] > g["sick"] / 2) for g in groups
        ]
        if sum(hidden) == 1:
            others = [i for i, g in enumerate(groups) if not hidden[i] and g["persons"] > 0]
            if others:
                hidden[min(others, key=lambda i: (groups[i]["persons"], i))] = True
        return {
            key: {
                "persons": g["persons"],
                "sick_leave_pct": None
                if hide or not g["ordinary"]
                else round(100 * g["sick"] / g["ordinary"], 2),
                "suppressed": hide,
            }
            for key, g, hide in zip(keys, groups, hidden, strict=True)
        }

    # Healthy attendance: persons with ordinary time on at least half the days; day-equivalents.
    per_day = work.groupby(["person_id", "date"]).agg(ordinary=("h", "sum"), sick=("sick", "sum"))
    per_day["equivalent"] = per_day["sick"] / per_day["ordinary"]
    attendance = per_day.groupby("person_id").agg(
        days=("ordinary", "size"), equivalents=("equivalent", "sum")
    )
    period_days = (end - start).days + 1
    counted = attendance[2 * attendance["days"] >= period_days]
    healthy = {
        str(n): round(100 * (counted["equivalents"] <= n + 1e-9).sum() / len(counted), 2)
        if len(counted)
        else None
        for n in (0, 5)
    }

    # Occasions: cases starting in the period on a day with ordinary working time.
    worked = work[["person_id", "date"]].drop_duplicates()
    starts = cases[(cases["first"] >= first) & (cases["first"] <= last)]
    occasions = starts.merge(worked, left_on=["person_id", "first"], right_on=["person_id", "date"])

    # Repeated short-term absence: ≥ 6 short cases starting in the 365 days up to the end.
    window = cases[(cases["first"] > last - pd.Timedelta(days=WINDOW)) & (cases["first"] <= last)]
    short = window[window["length"] <= SHORT].groupby("person_id").size()
    repeated = set(short[short >= REPEATED].index) & set(per_person.index)

    ordinary, sick_hours = per_person["ordinary"].sum(), per_person["sick"].sum()
    return {
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "unit": None,
        "persons": len(per_person),
        "ordinary_hours": round(float(ordinary), 2),
        "sick_hours": round(float(sick_hours), 2),
        "sick_leave_pct": round(float(100 * sick_hours / ordinary), 2) if ordinary else None,
        "long_term_share_pct": round(float(100 * per_person["long"].sum() / sick_hours), 2)
        if sick_hours
        else None,
        "by_gender": split(["K", "M"], "gender"),
        "by_age": split(["-29", "30-49", "50-"], "age"),
        "healthy_attendance_pct": healthy,
        "occasions": len(occasions),
        "repeated_short_term_persons": len(repeated),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--year", type=int, required=True)
    args = parser.parse_args()
    result = report(args.directory, date(args.year, 1, 1), date(args.year, 12, 31))
    json.dump(result, sys.stdout, default=int)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
