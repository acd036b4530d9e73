"""The economics imports: all or nothing, row-level messages, a reported deviation within rounding,
the same file twice changes nothing; and the demo's Kalix table computed as budget − outcome."""

import pytest
from django.utils import translation

from kasam.economy.demo import KALIX, ensure_demo_economy
from kasam.economy.figures import budget_rows
from kasam.economy.models import Budget, MonthlyCost, UnitSalary
from kasam.site.imports import import_file


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def messages(result) -> list[str]:
    return [str(message) for message in result.errors]


def test_a_budget_file_is_imported_and_a_second_time_changes_nothing(org):
    data = (
        b"year;unit_id;budget_tkr;outcome_tkr;reported_deviation_tkr;period_end\n"
        b"2024;SOC;532222;528445;3778;\n"
        b"2025;AO;547454,5;546454;;2025-08-31\n"
    )
    first = import_file("budget", data, "budget.csv")
    assert first.ok and (first.created, first.updated) == (2, 0)
    again = import_file("budget", data, "budget.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    ao = Budget.objects.get(unit_id="AO")
    assert str(ao.budget_tkr) == "547454.5" and ao.period_end.isoformat() == "2025-08-31"
    assert Budget.objects.get(unit_id="SOC").period_end.isoformat() == "2024-12-31"


def test_an_empty_unit_is_the_whole_organisation(org):
    assert import_file("budget", b"year,unit_id,budget_tkr,outcome_tkr\n2024,,10,12\n", "b.csv").ok
    assert Budget.objects.get().unit_id == "SOC"
    assert budget_rows()[0].deviation == -2


def test_a_bad_budget_file_is_refused_whole_with_a_message_per_problem(org):
    data = (
        b"year,unit_id,budget_tkr,outcome_tkr,reported_deviation_tkr\n"
        b"2024,SOC,100,90,10\n"  # fine
        b"24,SOC,100,90,\n"  # a two-digit year
        b"2023,NOPE,100,90,\n"  # an unknown unit
        b"2022,SOC,-5,90,\n"  # a negative budget
        b"2021,SOC,100,tusen,\n"  # not a number
        b"2020,SOC,100,90,12\n"  # the reported deviation is 2 tkr off
        b"2024,SOC,100,90,\n"  # the same year again
    )
    result = import_file("budget", data, "budget.csv")
    assert messages(result) == [
        "budget.csv:3:year: Write the year with four digits, between 1900 and 2100, not 24.",
        "budget.csv:4:unit_id: There is no unit NOPE in Kasam. Check the id, or import the units first.",
        "budget.csv:5:budget_tkr: This must be at least 0, not -5.",
        "budget.csv:6:outcome_tkr: Write a number here, for example 1234,5, not tusen.",
        "budget.csv:7:reported_deviation_tkr: The reported deviation 12 differs from budget − outcome (10.0) "
        "by more than rounding (1 tkr). Check the budget, the outcome and the deviation.",
        "budget.csv:8:year: Year 2024 of this unit is already on line 2. A unit has one row a year.",
    ]
    assert not Budget.objects.exists()


def test_costs_and_salaries_are_imported_and_checked(org):
    costs = (
        b"month,unit_id,overtime_sek,substitute_sek\n2025-01,AO-HT1,12000,30000\n2025-02,AO-HT1,11000,29000\n"
    )
    assert import_file("costs", costs, "costs.csv").ok
    assert MonthlyCost.objects.count() == 2
    bad = import_file("costs", b"month,unit_id,overtime_sek,substitute_sek\n2025-13,AO-HT1,1,1\n", "c.csv")
    assert messages(bad) == ["c.csv:2:month: Write the month as YYYY-MM, for example 2025-03, not 2025-13."]
    salaries = b"unit_id,monthly_salary_sek\nAO-HT1,31500\n"
    assert import_file("salaries", salaries, "s.csv").ok
    assert UnitSalary.objects.get().monthly_salary_sek == 31500
    zero = import_file("salaries", b"unit_id,monthly_salary_sek\nAO,0\n", "s.csv")
    assert messages(zero) == ["s.csv:2:monthly_salary_sek: This must be at least 1, not 0."]


def test_the_demo_carries_the_kalix_table_and_matches_its_published_deviations(org):
    ensure_demo_economy(seed=1)
    published = {
        int(line.split(",")[0]): float(line.split(",")[4]) for line in KALIX.read_text().splitlines()[1:]
    }
    rows = budget_rows()
    assert [row.year for row in rows] == list(range(2018, 2026))
    for row in rows:
        assert row.deviation == row.budget - row.outcome
        assert abs(row.deviation - published[row.year]) <= 1, row.year  # published from unrounded figures
    assert rows[-1].part_year and not rows[0].part_year
    assert MonthlyCost.objects.exists() and UnitSalary.objects.exists()
    count = MonthlyCost.objects.count()
    ensure_demo_economy(seed=1)
    assert MonthlyCost.objects.count() == count
