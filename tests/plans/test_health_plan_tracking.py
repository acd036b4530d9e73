"""An activity may name one pulse statement to track: while it runs, every new round over its unit
asks it, and the plan shows that statement's trend from closed rounds in which the unit was shown."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from plan_helpers import add_activity, add_staff, closed_round, make_plan

from kasam.plans import tracking
from kasam.pulse import rotation, schedule
from kasam.pulse.models import Programme, Round

pytestmark = pytest.mark.usefixtures("english", "pulse_settings")


def not_asked_in(round_number: int, per_round: int = 4) -> str:
    asked = set(rotation.statements_for_round(round_number, per_round))
    return next(s.id for s in tracking.question_bank.statements() if s.id not in asked)


def test_the_tracked_statement_is_asked_in_the_next_round(personas):
    add_staff()  # a round opens only with at least k invited
    programme = Programme.objects.create(name="Puls", root_unit_id="SOC", cadence_days=14, window_days=7)
    day = date(2026, 11, 25)
    assert schedule.tick(day) == ["pulse_plan", "pulse_open"]
    first, planned = programme.rounds.order_by("number")
    statement = not_asked_in(1)
    assert statement not in planned.statement_ids
    # The activity is made after the next round was planned: it still reaches it when it opens.
    add_activity(make_plan("AO-HT1-A"), tracked_statement=statement, status="ongoing")
    schedule.tick(day + timedelta(days=14))
    opened = Round.objects.get(pk=planned.pk)
    assert opened.status == "open"
    assert opened.statement_ids[-2:] == [statement, "halsa"]
    assert opened.statement_ids[:-2] == rotation.statements_for_round(1, 4)[:-1]
    # The round already open is not changed.
    assert Round.objects.get(pk=first.pk).statement_ids == rotation.statements_for_round(0, 4)


def test_a_done_activity_or_another_programme_s_unit_adds_nothing(personas):
    add_staff("IFO-BU", 5)  # a round opens only with at least k invited
    Programme.objects.create(name="Puls IFO", root_unit_id="IFO")
    statement = not_asked_in(0)
    add_activity(make_plan("AO-HT1"), tracked_statement=statement)  # outside the programme
    add_activity(make_plan("IFO-BU"), tracked_statement=not_asked_in(0), status="done")
    schedule.tick(date(2026, 11, 25))
    round = Round.objects.get(status="open")
    assert round.statement_ids == rotation.statements_for_round(0, 4)


def test_a_statement_already_asked_is_not_asked_twice_and_at_most_three_are_added(personas):
    add_staff()  # a round opens only with at least k invited
    asked = rotation.statements_for_round(0, 4)
    free = [s.id for s in tracking.question_bank.statements() if s.id not in asked]
    plan = make_plan("AO-HT1")
    # The round asks asked[0] anyway; of the others, the three tracked by the most activities.
    for statement, activities in ((asked[0], 5), (free[0], 1), (free[1], 4), (free[2], 3), (free[3], 2)):
        for _ in range(activities):
            add_activity(plan, tracked_statement=statement)
    Programme.objects.create(name="Puls", root_unit_id="SOC")
    schedule.tick(date(2026, 11, 25))
    round = Round.objects.get(status="open")
    assert round.statement_ids == [*asked[:-1], free[1], free[2], free[3], "halsa"]


def test_the_plan_shows_the_tracked_statement_s_trend(client, personas):
    add_staff()
    plan = make_plan("AO-HT1")
    activity = add_activity(plan, tracked_statement="ate1", status="ongoing")
    for number, value in ((1, 2), (2, 3), (3, 4)):
        closed_round(["beg1", "halsa"], value=value, number=number, opens=date(2026, 8 + number, 1))
    assert all("ate1" in r.statement_ids for r in Round.objects.all())
    assert tracking.statement_trends("AO-HT1", ["ate1"])["ate1"] == [
        (date(2026, 9, 7), 25.0),
        (date(2026, 10, 7), 50.0),
        (date(2026, 11, 7), 75.0),
    ]
    client.force_login(personas["medarbetare"])
    response = client.get(reverse("plans:plan", kwargs={"unit_id": "AO-HT1", "year": 2026}))
    [view] = response.context["activities"]
    assert view.activity == activity and view.trend_latest == 75.0
    content = response.content.decode()
    assert f'id="trend-{activity.pk}"' in content and "Show as table" in content
    assert "2026-11-07" in content


def test_a_round_where_the_unit_was_hidden_gives_no_point(personas):
    # Only three answer in Solgården (k = 5), pooled into Äldreomsorg: the unit is hidden, so no
    # trend point.
    add_activity(make_plan("AO-SB1"), tracked_statement="ate1")
    add_staff("AO-SB1", 2)
    add_staff()
    closed_round(["beg1", "halsa"], root="AO")
    assert tracking.statement_trends("AO-SB1", ["ate1"]) == {"ate1": []}
