"""The economy tests' organisation: the shared test tree with a refill of the stored series over
- Hemtjänst Norr (AO-HT1) with 20 staff of its own, each sick a little;
- Barn och unga (IFO-BU) with 12 persons, each sick a little;
- Solrosen (AO-SR), a new unit of 5 persons under Äldreomsorg, each sick 6 days: too small to show.
"""

from datetime import date

import pytest
from staff_helpers import hire, sick

from kasam.absence.series import refill_series
from kasam.site.imports import import_file


@pytest.fixture
def staffed(personas):
    added = "unit_id,parent_id,name,kind,activity\nAO-SR,AO,Solrosen,unit,särskilt boende\n"
    assert not import_file("units", added.encode(), "units.csv").errors
    for number in range(19):
        hire(f"HT{number}", "AO-HT1")
    for index, person in enumerate(["P1", *(f"HT{n}" for n in range(19))]):
        sick(person, date(2026, 1 + index % 7, 5), 3)
    for number in range(11):
        hire(f"BU{number}", "IFO-BU")
    for index, person in enumerate(["P4", *(f"BU{n}" for n in range(11))]):
        sick(person, date(2026, 1 + index % 7, 12), 2)
    for number in range(5):
        hire(f"SR{number}", "AO-SR")
        sick(f"SR{number}", date(2026, 2 + number, 3), 6)
    refill_series()
    return personas
