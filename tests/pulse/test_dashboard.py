"""The pulse pages: the overview and the unit dashboard show what `kasam pulse results --as` prints
for the same user, hidden nodes say only that there are too few answers, live rounds show only the
response rate, and no page carries a hidden node's figures or a person's answer."""

import json
import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from test_results import add_staff, build_round

from kasam.core.formatting import format_number
from kasam.org.models import Role, RoleAssignment
from kasam.pulse import actions, results

HIDDEN = "Too few answers to show"


pytestmark = pytest.mark.usefixtures("english", "pulse_settings")


@pytest.fixture
def closed(personas):
    add_staff()
    round = build_round()
    actions.close_round(round)
    return round


def page(client, user, name="pulse:overview", data=None, status=200, **kwargs):
    client.force_login(user)
    with translation.override("en"):
        response = client.get(reverse(name, kwargs=kwargs), data or {}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status
    return response


def every_level(client, user) -> tuple[dict[str, str], dict[str, dict]]:
    """The overview's rows over all its levels, following each link down (`?enhet=`): {unit: the
    row's HTML}, {unit: the row's node as JSON}; each level's rows in the command's order."""
    rows, nodes, todo = {}, {}, [None]
    while todo:
        unit = todo.pop(0)
        response = page(client, user, data={"enhet": unit} if unit else None)
        content = response.content.decode()
        for node in response.context["rows"]:
            nodes.setdefault(node.node.unit, node.node.as_json())
        for found, html in rows_of(content).items():
            rows.setdefault(found, html)
        todo.extend(re.findall(r'class="drill" href="/puls/\?enhet=([^"]+)"', content))
    return rows, nodes


def rows_of(content: str) -> dict[str, str]:
    return dict(re.findall(r'<tr data-unit="([^"]+)">(.*?)</tr>', content, re.S))


@pytest.mark.parametrize(
    "username", ["medarbetare", "enhetschef", "omradeschef", "hr", "dialogcoach", "politiker"]
)
def test_the_overview_shows_what_the_command_prints(client, personas, closed, username):
    out = StringIO()
    call_command(
        "pulse", "results", "--round", str(closed.pk), "--as", username, "--format", "json", stdout=out
    )
    expected = json.loads(out.getvalue())
    rows, context_nodes = every_level(client, personas[username])
    assert sorted(rows) == sorted(node["unit"] for node in expected)
    for node in expected:
        row = rows[node["unit"]]
        if node["shown"]:
            shown = re.findall(r'data-index="([^"]+)"', row)
            assert [float(v) for v in shown] == [d["index"] for d in node["dimensions"].values()]
            assert HIDDEN not in row
        else:
            assert HIDDEN in row and "data-index" not in row
        # The page's table is built from the very same view of the results.
        assert context_nodes[node["unit"]] == node


def test_hidden_nodes_carry_no_figures_on_any_page(client, personas, closed):
    response = page(client, personas["dialogcoach"])
    content = response.content.decode()
    # Everything in the coach's scope (AO-SB1, IFO-BU: re-pooled into SOC at close) is hidden: no
    # index, no respondents, no response rate.
    assert content.count(HIDDEN) >= 2
    assert "data-index" not in content
    assert not response.context["comments"]
    dashboard = page(client, personas["dialogcoach"], "pulse:dashboard", unit_id="AO-SB1").content.decode()
    assert HIDDEN in dashboard and "favourable" not in dashboard


def test_the_heat_map_is_for_leadership_and_health_strategist_only(client, personas, closed):
    assert page(client, personas["halsostrateg"]).context["heatmap"] is not None
    assert page(client, personas["ledning"]).context["heatmap"] is not None
    assert page(client, personas["hr"]).context["heatmap"] is None
    assert page(client, personas["omradeschef"]).context["heatmap"] is None


def test_comments_are_masked_and_escaped(client, personas, closed):
    content = page(client, personas["hr"]).content.decode()
    assert "Bra stämning, [namn] hjälper alla &lt;b&gt;" in content
    assert "Greta" not in content and "<b>" not in content


def test_a_dashboard_agrees_with_the_command(client, personas, closed):
    response = page(client, personas["hr"], "pulse:dashboard", unit_id="AO-HT1")
    node = next(n for n in results.viewer_json(closed, personas["hr"]) if n["unit"] == "AO-HT1")
    figures = dict(response.context["figures"])
    assert [round(r.index, 2) for r in figures.values()] == [d["index"] for d in node["dimensions"].values()]
    content = response.content.decode()
    assert format_number(node["dimensions"]["hanterbarhet"]["index"], 0) in content


def test_no_results_yet_is_said_kindly(client, personas):
    content = page(client, personas["hr"]).content.decode()
    assert 'id="no-results"' in content
    content = page(client, personas["hr"], "pulse:dashboard", unit_id="AO").content.decode()
    assert 'id="no-results"' in content


def test_an_open_round_shows_the_response_rate_only(client, personas):
    add_staff()
    build_round()
    response = page(client, personas["hr"])
    content = response.content.decode()
    assert response.context["open"] is not None and response.context["closed"] is None
    assert "70\u00a0%" in content  # SOC: 20 of 29 invited, rounded to 5 %
    assert "data-index" not in content


def test_the_trend_uses_shown_rounds_only_and_early_signals_reach_the_manager(client, personas):
    add_staff()
    # Three good rounds, then a round where everyone answers 2: every dimension falls by > 10 points.
    for number in range(1, 5):
        round = build_round(number=number, opens=date(2026, 11, number), value=4 if number < 4 else 2)
        actions.close_round(round)
    points = results.node_history("AO", results.closed_rounds_with("AO"))
    assert [p.shown for p in points] == [True] * 4
    assert "hanterbarhet" in results.early_signals(points)
    halso = page(client, personas["halsostrateg"], "pulse:dashboard", unit_id="AO")
    assert halso.context["show_signals"] and halso.context["signals"]
    assert halso.context["trend"] is not None
    coach = page(client, personas["ledning"], "pulse:dashboard", unit_id="AO")
    assert "show_signals" not in coach.context
    # AO-SB1 is hidden in every round: no trend, no figures.
    hidden = page(client, personas["dialogcoach"], "pulse:dashboard", unit_id="AO-SB1")
    assert "trend" not in hidden.context
    assert all(not p.shown for p in hidden.context["points"])


def test_an_employee_whose_group_is_hidden_sees_the_nearest_shown_unit_above_named(
    client, personas, closed, django_user_model
):
    """Before, an employee of a hidden unit saw only "too few answers" – a blank page of results."""
    employee = django_user_model.objects.create_user(username="medarbetare_sb1")
    RoleAssignment.objects.create(user=employee, role=Role.EMPLOYEE, unit_id="AO-SB1")
    response = page(client, employee)
    content = response.content.decode()
    [item] = response.context["headline"]
    assert not item["row"].node.shown and item["above"]["unit"] == "AO"
    assert "Results for Äldreomsorg, which your group is part of" in content
    assert [result.index for _name, result in item["above"]["figures"] if result] == [
        result.index for result in results.load_round(closed).release.results["AO"].values()
    ]


def test_the_overview_is_kept_per_viewer_until_a_round_closes_in_every_worker(client, personas, monkeypatch):
    """The rendered overview is kept for every viewer with the same roles over the same units
    (kasam.core.generations): the close of a round shows its results in every worker at once, and a
    viewer with another scope never gets another's page."""
    from kasam.core import generations
    from kasam.pulse import views

    add_staff()
    first = build_round(number=1, opens=date(2026, 11, 2))
    actions.close_round(first)
    second = build_round(number=2, opens=date(2026, 11, 16))
    rendered = []
    overview = views._overview
    monkeypatch.setattr(views, "_overview", lambda *args: rendered.append(1) or overview(*args))
    workers = [type(generations._held)(), type(generations._held)()]
    for held in workers:
        monkeypatch.setattr(generations, "_held", held)
        for _ in range(2):
            content = page(client, personas["hr"]).content.decode()
            assert "Round open now (16 November 2026" in content and "data-index" in content
    assert len(rendered) == 1  # once for both workers (the open round's rates are kept a minute at most)
    manager = page(client, personas["enhetschef"]).content.decode()
    assert "IFO-BU" not in manager and 'data-unit="SOC"' not in manager
    actions.close_round(second)
    for held in workers:
        monkeypatch.setattr(generations, "_held", held)
        content = page(client, personas["hr"]).content.decode()
        assert "Round open now" not in content
        assert "Results of the round that closed 20 November 2026" in content


def test_a_dimension_that_fell_offers_its_dialog_theme_and_strengthen_in_our_plan(client, personas):
    """An early signal was a sentence and nothing more: now the theme about the dimension and, for one
    who may edit the unit's plan, a button that makes it an area to strengthen."""
    from kasam.plans.models import PlanArea

    add_staff()
    for number in range(1, 5):
        round = build_round(number=number, opens=date(2026, 11, number), value=4 if number < 4 else 2)
        actions.close_round(round)
    manager = personas["enhetschef"]  # edits the plan of Hemtjänst Norr
    response = page(client, manager, "pulse:dashboard", unit_id="AO-HT1")
    steps = dict(response.context["signals"])
    name, found = next((n, s) for n, s in steps.items() if s and "hanterbarhet" in s[0].url)
    assert found[0].url == reverse(
        "dialogs:theme", kwargs={"slug": "kasam-pa-apt", "theme_slug": "hanterbarhet"}
    )
    strengthen = found[1]
    assert strengthen.post == {"source": "pulse", "ref": "hanterbarhet", "title": name}
    html = response.content.decode()
    assert f'href="{found[0].url}"' in html and 'name="ref" value="hanterbarhet"' in html

    assert client.post(strengthen.url, strengthen.post).status_code == 302
    area = PlanArea.objects.get(source="pulse")
    assert (area.plan.unit_id, area.kind, area.source_ref, area.title) == (
        "AO-HT1",
        "strengthen",
        "hanterbarhet",
        name,
    )

    # And the same dimension in the units beside it: the manager sees no level above Hemtjänst Norr, so
    # its own groups; the health strategist sees the area's units.
    compare = found[-1]
    assert compare.label == f"Compare {name.lower()} with other units" and not compare.post
    assert compare.url == reverse("pulse:overview") + "?enhet=AO-HT1"
    assert page(client, manager, data={"enhet": "AO-HT1"}).status_code == 200

    # The health strategist reads the same signal; without the plan to edit, only links.
    other = page(client, personas["halsostrateg"], "pulse:dashboard", unit_id="AO-HT1")
    for _name, offered in other.context["signals"]:
        assert all(not step.post for step in offered)
        assert offered[-1].url == reverse("pulse:overview") + "?enhet=AO"


def test_histories_of_many_units_are_each_units_node_history_in_a_few_queries(
    personas, django_assert_max_num_queries
):
    """The home pages read many units' histories at once (results.histories): the same points as the
    dashboard's node_history, shown and hidden rounds alike."""
    add_staff()
    for number in range(1, 4):
        actions.close_round(build_round(number=number, opens=date(2026, 11, number), value=4 - number % 2))
    units = ["SOC", "AO", "AO-HT1", "AO-SB1", "IFO-BU", "NOT-A-UNIT"]
    results.histories(units)  # the index of rounds is held from here on
    with django_assert_max_num_queries(3):  # the generation's check, the rounds, their stored rows
        found = results.histories(units)
    for unit in units:
        expected = results.node_history(unit, results.closed_rounds_with(unit))
        assert [(p.round.pk, p.shown, p.dimensions, p.item_scores) for p in found[unit]] == [
            (p.round.pk, p.shown, p.dimensions, p.item_scores) for p in expected
        ]
    assert [p.shown for p in found["AO-SB1"]] == [False] * 3 and found["NOT-A-UNIT"] == []
    assert results.early_signals(found["AO"]) == results.early_signals(
        results.node_history("AO", results.closed_rounds_with("AO"))
    )
