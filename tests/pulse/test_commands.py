"""`kasam pulse …` and the schedule behind `kasam tick`: the JSON contracts exactly, one-line errors,
and rounds that plan, open and close by themselves, idempotently."""

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from test_results import add_staff, build_round

from kasam.pulse import actions, schedule
from kasam.pulse.models import Invitation, Programme, Round

pytestmark = pytest.mark.usefixtures("pulse_settings")


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("pulse", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def results_as(round_id, username):
    out, err = run("results", "--round", str(round_id), "--as", username, "--format", "json")
    return json.loads(out), err


@pytest.fixture
def closed(personas):
    add_staff()
    round = build_round()
    actions.close_round(round)
    return round


def test_results_json_has_exactly_the_contract_keys_and_hidden_nodes_carry_nothing(closed):
    data, _ = results_as(closed.pk, "omradeschef")
    assert [node["unit"] for node in data] == ["AO", "AO-HT1", "AO-HT1-A", "AO-SB1"]
    for node in data:
        assert set(node) == {"unit", "parent", "respondents", "shown", "dimensions"}
    ao, ht1, *hidden = data
    assert ao["parent"] == "SOC" and ao["shown"] is True and ao["respondents"] == 10
    assert ht1["shown"] is True and ht1["respondents"] == 10
    assert [node["unit"] for node in hidden] == ["AO-HT1-A", "AO-SB1"]
    assert set(ao["dimensions"]) == {"begriplighet", "hanterbarhet", "meningsfullhet", "halsa"}
    for figures in ao["dimensions"].values():
        assert set(figures) == {"index", "favourable_pct"}
        assert all(isinstance(v, float) and round(v, 2) == v for v in figures.values())
    for node in hidden:
        assert node == {
            "unit": node["unit"],
            "parent": node["parent"],
            "respondents": None,
            "shown": False,
            "dimensions": {},
        }


def test_the_root_has_a_null_parent_and_numbers_have_two_decimals(closed):
    data, _ = results_as(closed.pk, "ledning")
    assert data[0]["unit"] == "SOC" and data[0]["parent"] is None
    # beg1 alternates 5 and 4 over the answers: an index with more than two decimals, rounded.
    index = data[0]["dimensions"]["begriplighet"]["index"]
    assert index == round(index, 2)


def test_a_viewer_without_scope_gets_an_empty_list(closed, django_user_model):
    django_user_model.objects.create_user(username="ingen", password="test-password-1")
    data, err = results_as(closed.pk, "ingen")
    assert data == [] and err == ""


def test_an_open_round_gives_an_empty_list_and_a_note(personas):
    add_staff()
    round = build_round()
    data, err = results_as(round.pk, "hr")
    assert data == []
    assert "open" in err and err.count("\n") <= 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["results", "--round", "999", "--as", "hr"], "No pulse round 999."),
        (["results", "--round", "x", "--as", "hr"], "No pulse round x."),
        (["results", "--round", "{round}", "--as", "nobody"], "No user nobody."),
        (["open", "999"], "No pulse round 999."),
        (["close", "{round}"], "is closed, not open"),
        (["open", "{round}"], "is closed, not planned"),
        (["plan", "999", "--until", "2027-01-01"], "No pulse programme 999."),
        (["plan", "{programme}", "--until", "next week"], "Not a date"),
    ],
)
def test_errors_are_one_line(closed, args, message):
    args = [a.format(round=closed.pk, programme=closed.programme_id) for a in args]
    with pytest.raises(CommandError) as error:
        run(*args)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_rounds_json_in_time_order_with_plain_status(closed):
    programme = closed.programme
    schedule.plan(programme, date(2026, 12, 31))
    data = json.loads(run("rounds", "--format", "json")[0])
    assert [set(r) for r in data] == [{"id", "unit", "opens", "closes", "status"}] * len(data)
    assert [r["opens"] for r in data] == sorted(r["opens"] for r in data)
    assert data[0] == {
        "id": closed.pk,
        "unit": "SOC",
        "opens": "2026-11-02",
        "closes": "2026-11-20",
        "status": "closed",
    }
    assert {r["status"] for r in data[1:]} == {"planned"}
    table = run("rounds")[0].splitlines()
    assert table[0].split() == ["id", "unit", "opens", "closes", "status"] and len(table) == len(data) + 1


def test_programmes_json(closed):
    data = json.loads(run("programmes", "--format", "json")[0])
    assert data == [
        {
            "id": closed.programme_id,
            "name": "Puls",
            "unit": "SOC",
            "cadence_days": 14,
            "per_round": 4,
            "window_days": 7,
            "active": True,
        }
    ]


def test_remind_says_kindly_when_there_is_nothing_to_remind(closed):
    with pytest.raises(CommandError, match="only an open round"):
        run("remind", str(closed.pk))


def test_open_and_close_by_command(personas):
    add_staff()
    programme = Programme.objects.create(name="Puls", root_unit_id="SOC")
    out, _ = run("plan", str(programme.pk), "--until", "2026-11-25", "--format", "json")
    (planned,) = json.loads(out)
    assert planned["status"] == "planned" and planned["opens"] == "2026-11-25"
    out, _ = run("open", str(planned["id"]))
    assert "Opened round" in out and Invitation.objects.count() == 29
    out, _ = run("close", str(planned["id"]))
    assert Round.objects.get(pk=planned["id"]).status == "closed"


# ------------------------------------------------------------------------------------ the schedule


def test_tick_plans_opens_and_closes_idempotently(personas, caplog):
    add_staff()
    programme = Programme.objects.create(name="Puls", root_unit_id="SOC", cadence_days=14, window_days=7)
    day = date(2026, 11, 25)
    assert schedule.tick(day) == ["pulse_plan", "pulse_open"]
    rounds = list(programme.rounds.order_by("number"))
    # Planned up to today + one cadence: today's round and the one 14 days later.
    assert [(r.opens_on, r.closes_on) for r in rounds] == [
        (day, day + timedelta(days=6)),
        (day + timedelta(days=14), day + timedelta(days=20)),
    ]
    assert [r.status for r in rounds] == ["open", "planned"]
    assert rounds[0].statement_ids[-1] == "halsa" and len(rounds[0].statement_ids) == 5
    invited = Invitation.objects.count()
    assert schedule.tick(day) == []  # idempotent
    assert Invitation.objects.count() == invited
    # The last day of the window is still open; the day after, it closes.
    assert schedule.tick(day + timedelta(days=6)) == []
    assert Round.objects.get(pk=rounds[0].pk).status == "open"
    assert schedule.tick(day + timedelta(days=7)) == ["pulse_close"]
    assert Round.objects.get(pk=rounds[0].pk).status == "closed"
    assert schedule.tick(day + timedelta(days=7)) == []
    assert schedule.tick(day + timedelta(days=14)) == ["pulse_plan", "pulse_open"]
    assert programme.rounds.filter(status="open").count() == 1
    # Rotation: consecutive rounds ask different statements.
    first, second = programme.rounds.order_by("number")[:2]
    assert set(first.statement_ids[:-1]).isdisjoint(second.statement_ids[:-1])


def test_the_tick_command_runs_the_schedule(personas):
    add_staff()
    Programme.objects.create(name="Puls", root_unit_id="SOC")
    out = StringIO()
    call_command("tick", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["enqueued"][-2:] == ["pulse_plan", "pulse_open"]
    out = StringIO()
    call_command("tick", "--format", "json", stdout=out)
    assert "pulse_open" not in json.loads(out.getvalue())["enqueued"]


def test_a_missed_window_is_not_opened(personas):
    programme = Programme.objects.create(name="Puls", root_unit_id="SOC", active=False)
    Round.objects.create(
        programme=programme,
        number=1,
        opens_on=date(2026, 11, 1),
        closes_on=date(2026, 11, 7),
        statement_ids=["beg1", "halsa"],
    )
    assert schedule.tick(date(2026, 11, 25)) == []
    assert Round.objects.get().status == "planned"
