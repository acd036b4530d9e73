"""The reach of dialogs on a hand-built case.

    SOC (0 staff)
    ├── AO (0)
    │   ├── HT (10)
    │   │   └── HT-A (4)
    │   └── SB (6)
    └── IFO (5)

KASAM på APT: HT on 2026-02-10 (reaches HT and HT-A), IFO on 2026-05-01. Workshop: SB on 2026-03-01.
On 2026-03-31 the series has reached HT and HT-A: 2 of 4 units with staff, 14 of 25 employees.
"""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from kasam.metrics.reach import (
    Dialog,
    Reach,
    last_dialog,
    quiet_units,
    reach,
    reach_over_time,
    reached_units,
    themes_done,
)

PARENT = {"SOC": None, "AO": "SOC", "HT": "AO", "HT-A": "HT", "SB": "AO", "IFO": "SOC"}
STAFF = {"SOC": 0, "AO": 0, "HT": 10, "HT-A": 4, "SB": 6, "IFO": 5}
DIALOGS = [
    Dialog("HT", date(2026, 2, 10), "kasam-pa-apt", "begriplighet"),
    Dialog("HT", date(2026, 3, 10), "kasam-pa-apt", "hanterbarhet"),
    Dialog("SB", date(2026, 3, 1), "den-goda-arbetsplatsen", "del-1"),
    Dialog("IFO", date(2026, 5, 1), "kasam-pa-apt", "begriplighet"),
]


def test_a_dialog_reaches_its_unit_and_the_units_below():
    assert reached_units(PARENT, DIALOGS, "kasam-pa-apt", date(2026, 3, 31)) == {"HT", "HT-A"}
    assert reached_units(PARENT, DIALOGS, None, date(2026, 3, 31)) == {"HT", "HT-A", "SB"}


def test_the_reach_of_a_programme_counts_units_with_staff_and_their_employees():
    found = reach(PARENT, STAFF, DIALOGS, "kasam-pa-apt", date(2026, 3, 31))
    assert found == Reach(units_reached=2, units=4, employees_reached=14, employees=25)
    assert found.unit_share == 50.0 and found.employee_share == 56.0
    later = reach(PARENT, STAFF, DIALOGS, "kasam-pa-apt", date(2026, 6, 30))
    assert (later.units_reached, later.employees_reached, later.employee_share) == (3, 19, 76.0)


def test_nothing_to_reach_gives_no_share():
    empty = reach(PARENT, dict.fromkeys(PARENT, 0), DIALOGS, None, date(2026, 6, 30))
    assert empty.unit_share is None and empty.employee_share is None


def test_the_reach_over_time_uses_each_days_staff():
    staff_on = {date(2026, 1, 31): STAFF, date(2026, 2, 28): STAFF, date(2026, 5, 31): {**STAFF, "IFO": 15}}
    series = reach_over_time(PARENT, staff_on, DIALOGS, "kasam-pa-apt")
    assert [(day, r.units_reached, r.employees_reached, r.employees) for day, r in series] == [
        (date(2026, 1, 31), 0, 0, 25),
        (date(2026, 2, 28), 2, 14, 25),
        (date(2026, 5, 31), 3, 29, 35),
    ]


def test_quiet_units_are_those_never_reached_then_the_longest_quiet():
    day = date(2026, 6, 30)
    assert last_dialog(PARENT, DIALOGS, day)["HT-A"] == date(2026, 3, 10)
    # 90 days before 30 June is 1 April: HT (10 March) and SB (1 March) are quiet; IFO is not.
    assert quiet_units(PARENT, STAFF, DIALOGS, day, 90) == [
        ("SB", date(2026, 3, 1)),
        ("HT", date(2026, 3, 10)),
        ("HT-A", date(2026, 3, 10)),
    ]
    assert quiet_units(PARENT, STAFF, DIALOGS, date(2026, 1, 31), 90)[0] == ("HT", None)


def test_the_themes_done_are_the_units_own_records():
    assert themes_done(DIALOGS, "HT", "kasam-pa-apt") == {
        "begriplighet": [date(2026, 2, 10)],
        "hanterbarhet": [date(2026, 3, 10)],
    }
    assert themes_done(DIALOGS, "HT-A", "kasam-pa-apt") == {}


@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(PARENT)), st.dates(date(2025, 1, 1), date(2026, 12, 31))),
        max_size=12,
    ),
    st.dates(date(2025, 1, 1), date(2026, 12, 31)),
)
def test_reach_never_falls_over_time_and_never_exceeds_the_whole(rows, day):
    dialogs = [Dialog(unit, held_on, "p") for unit, held_on in rows]
    earlier, later = (
        reach(PARENT, STAFF, dialogs, "p", day),
        reach(PARENT, STAFF, dialogs, "p", date(2027, 1, 1)),
    )
    assert earlier.units_reached <= later.units_reached <= later.units
    assert earlier.employees_reached <= later.employees_reached <= later.employees
