"""The subtraction attack on the evaluation page (docs/anonymity.md, "Evaluation"): the page shows the
overall effect and the effect of each start (cohort) of at least two units; a start of a single unit
is not shown alone. The overall effect (Callaway & Sant'Anna's simple aggregation) is the mean of the
cohorts' effects weighted by units × months since the start, all of which the page gives away, so
the overall effect minus the shown cohorts is the hidden single unit's effect.

On the old code the hidden unit still counted in the overall effect, and the subtraction gave its
effect exactly (−5 percentage points planted, found to the last decimal). Now a page re-estimates
the overall effect without every cohort that is not shown and cannot be pooled with others into a
group the gate would show, and says which were left out."""

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from kasam.absence.models import SickLeaveMonth
from kasam.dialogs.models import DialogRecord, Programme
from kasam.evaluation.panels import build_panel, month_index
from kasam.metrics.evaluation import evaluate
from kasam.org.models import Unit

FIRST, MONTHS = date(2025, 1, 1), 22  # January 2025 – October 2026 (November is in progress)
LAST = month_index(FIRST) + MONTHS - 1
COLUMNS = {"unit": "unit", "time": "period", "outcome": "outcome", "cohort": "cohort"}


def sick_leave_panel(starts: dict[str, tuple[date, float]], persons: dict[str, int] | None = None):
    """Units of kind "unit" (the fixture's three and U0–U2) with 22 months of sick leave; each unit in
    `starts` starts with its first KASAM dialog on that day and its sick leave drops by the given
    points from that month on."""
    Unit.objects.filter(pk__in=["AO-HT1-A"]).update(kind="team")
    Unit.objects.bulk_create(
        Unit(id=f"U{n}", parent_id="IFO", name=f"Enhet {n}", kind="unit", path=f"/SOC/IFO/U{n}/")
        for n in range(3)
    )
    programme = Programme.objects.get(slug="kasam-pa-apt")
    for unit, (day, _drop) in starts.items():
        DialogRecord.objects.create(
            unit_id=unit, programme=programme, held_on=day, participants=1, reflections="Bra"
        )
    rows = []
    for number, unit in enumerate(["AO-HT1", "AO-SB1", "IFO-BU", "U0", "U1", "U2"]):
        for month in range(MONTHS):
            day = date(2025 + month // 12, month % 12 + 1, 1)
            start, drop = starts.get(unit, (None, 0.0))
            started = start is not None and day >= start.replace(day=1)
            noise = ((number * 7 + month * 3) % 5 - 2) * 0.2
            pct = 8 + number * 0.5 + noise - (drop if started else 0)
            rows.append(SickLeaveMonth(
                unit_id=unit, month=day, persons=(persons or {}).get(unit, 20), ordinary_hours=1000,
                sick_hours=10 * pct, long_sick_hours=0, sick_hours_1_14=0, sick_hours_15_59=0,
                sick_hours_60_89=0, sick_hours_90_179=0, sick_hours_180_364=0, sick_hours_365=0,
                occasions=1,
            ))  # fmt: skip
    SickLeaveMonth.objects.bulk_create(rows)


def weight(cohort: int, units: int) -> int:
    """A cohort's weight in the simple aggregation: its units × its months from the start on."""
    return units * (LAST - cohort + 1)


@pytest.mark.parametrize("viewer", ["politiker", "ledning", "halsostrateg"])
def test_the_overall_effect_minus_the_shown_starts_does_not_give_a_hidden_unit(client, personas, viewer):
    sick_leave_panel(
        {
            "AO-HT1": (date(2025, 7, 10), 2.0),
            "AO-SB1": (date(2025, 7, 15), 2.0),
            "IFO-BU": (date(2025, 10, 7), 5.0),  # alone in its month: never shown alone
        }
    )
    hidden = month_index(date(2025, 10, 1))
    truth = next(
        c.effect.att
        for c in evaluate(build_panel("dialog:kasam-pa-apt", "sick_leave").frame, **COLUMNS).by_cohort
        if c.cohort == hidden
    )
    assert truth == pytest.approx(-5, abs=0.3)

    client.force_login(personas[viewer])
    client.cookies["django_language"] = "en"
    response = client.get(reverse("evaluation:overview"))
    view = response.context["view"]
    assert view.error == "" and [c.units for _start, c in view.cohorts] == [2]
    assert all(c.cohort != hidden for _start, c in view.cohorts)
    shown = sum(weight(c.cohort, c.units) for _start, c in view.cohorts)
    recovered = (
        view.headline.att * (shown + weight(hidden, 1))
        - sum(weight(c.cohort, c.units) * c.effect.att for _start, c in view.cohorts)
    ) / weight(hidden, 1)
    assert abs(recovered - truth) > 1, "the hidden unit's effect follows from the page"
    # The answer rests on the shown start only, and the page says what was left out.
    assert view.headline.att == pytest.approx(view.cohorts[0][1].effect.att)
    html = re.sub(r"\s+", " ", unescape(response.content.decode()))
    assert "5 units, of which 2 have started" in html
    assert "Left out of the answer" in html and "October 2025 (1 unit)" in html
    # The event study and the money rest on the kept units only: the hidden unit is not in them.
    assert "IFO-BU" not in view.panel.frame["unit"].to_list()
    assert all(e.units >= 2 for e in view.events)
    client.cookies["django_language"] = "sv"
    html = re.sub(r"\s+", " ", unescape(client.get(reverse("evaluation:overview")).content.decode()))
    assert "Utelämnade ur svaret" in html and "oktober 2025 (1 enhet)" in html


def test_a_start_whose_units_together_the_gate_would_hide_is_left_out(client, personas):
    """Two units that started together but have 10 persons between them: the gate hides them (at most
    10 persons), so they are left out of the answer; a start of two units of 20 persons counts."""
    sick_leave_panel(
        {
            "AO-HT1": (date(2025, 7, 10), 2.0),
            "AO-SB1": (date(2025, 7, 15), 2.0),
            "IFO-BU": (date(2025, 10, 7), 4.0),
            "U0": (date(2025, 10, 20), 4.0),
        },
        persons={"IFO-BU": 6, "U0": 4},
    )
    client.force_login(personas["halsostrateg"])
    client.cookies["django_language"] = "en"
    response = client.get(reverse("evaluation:overview"))
    view = response.context["view"]
    assert [(c.cohort, c.units) for _start, c in view.cohorts] == [(month_index(date(2025, 7, 1)), 2)]
    assert view.left_out == [(date(2025, 10, 1), 2)]
    assert view.panel.units == 4 and view.panel.treated == 2
    assert view.headline.att == pytest.approx(-2, abs=0.3)
    assert "October 2025 (2 units)" in re.sub(r"\s+", " ", unescape(response.content.decode()))


def test_single_unit_starts_count_together_when_together_they_pass(client, personas):
    """Two starts of one unit each are not shown alone but count in the answer together: the overall
    effect minus the shown starts is then a figure of two units, which the gate shows."""
    sick_leave_panel(
        {
            "AO-HT1": (date(2025, 7, 10), 2.0),
            "AO-SB1": (date(2025, 7, 15), 2.0),
            "IFO-BU": (date(2025, 10, 7), 2.0),
            "U0": (date(2026, 1, 12), 2.0),
        }
    )
    client.force_login(personas["halsostrateg"])
    view = client.get(reverse("evaluation:overview")).context["view"]
    assert [c.units for _start, c in view.cohorts] == [2] and view.hidden_cohorts == 2
    assert view.left_out == [] and view.panel.treated == 4


@pytest.mark.parametrize("outcome", ["healthy_attendance", "pulse:hanterbarhet"])
def test_the_gate_runs_for_every_outcome(client, personas, outcome):
    """Without figures for the outcome, nothing is left out and the page says it cannot be evaluated."""
    sick_leave_panel({"AO-HT1": (date(2025, 7, 10), 2.0), "AO-SB1": (date(2025, 7, 15), 2.0)})
    client.force_login(personas["halsostrateg"])
    response = client.get(
        reverse("evaluation:overview"), {"intervention": "dialog:kasam-pa-apt", "outcome": outcome}
    )
    view = response.context["view"]
    assert response.status_code == 200 and view.error and view.left_out == []
