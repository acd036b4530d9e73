"""The pulse overview sized for people: one level of the tree at a time (the scope's roots and their
children, or `?enhet=` one unit and its children, only inside the viewer's scope), a breadcrumb back
up, a hundred rows a page, the heat map and the comments of the rows shown."""

import random
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from test_dashboard import closed, page, rows_of  # noqa: F401 (closed is a fixture)
from test_stored import generated_round

from kasam.org.models import Role, RoleAssignment, Unit
from kasam.pulse import results, stored
from kasam.pulse.models import Answer, Round

pytestmark = pytest.mark.usefixtures("english", "pulse_settings")
WIDE = 150  # children of one unit: two pages


@pytest.fixture
def wide(django_user_model):
    """A round over a unit with 150 children, each with a child of its own, every node answered by
    enough people to be shown; a health strategist over it."""
    tree = {"W": None}
    for n in range(WIDE):
        tree[f"W-{n:03d}"] = "W"
        tree[f"W-{n:03d}-A"] = f"W-{n:03d}"
    Unit.objects.create(id="W", name="Kommunen", kind="administration", path="/W/")
    for n in range(WIDE):
        child = Unit.objects.create(
            id=f"W-{n:03d}", parent_id="W", name=f"Enhet {n:03d}", kind="unit", path=f"/W/W-{n:03d}/"
        )
        Unit.objects.create(
            id=f"{child.pk}-A",
            parent=child,
            name=f"Grupp {n:03d}",
            kind="team",
            path=f"{child.path}{child.pk}-A/",
        )
    round = generated_round(random.Random(1), store=False)
    round.tree = tree
    round.counts = {node: [6, 6] for node in tree}
    round.shown_nodes = sorted(tree)
    round.save()
    Answer.objects.filter(round=round).delete()
    Answer.objects.bulk_create(
        Answer(round=round, reporting_node=node, statement_id=statement, value=1 + i % 5)
        for node in tree
        for i in range(6)
        for statement in round.statement_ids
    )
    stored.store_round_results(round)
    user = django_user_model.objects.create_user(username="strateg-w", password="test-password-1")
    RoleAssignment.objects.create(user=user, role=Role.HEALTH_STRATEGIST, unit_id="W")
    return user


@pytest.mark.django_db
def test_the_whole_organisation_is_shown_a_level_and_a_hundred_rows_at_a_time(client, wide):
    first = page(client, wide)
    assert list(rows_of(first.content.decode())) == ["W", *[f"W-{n:03d}" for n in range(100)]]
    assert first.context["page"].paginator.num_pages == 2
    second = page(client, wide, data={"page": 2})
    # The unit above stays on top of every page.
    assert list(rows_of(second.content.decode())) == ["W", *[f"W-{n:03d}" for n in range(100, WIDE)]]
    # The heat map follows the rows shown (the first 60 of them: the page stays small).
    assert [row[0] for row in first.context["heatmap"].table.rows] == [
        row.name for row in first.context["rows"][:60]
    ]
    assert len(first.content) < 150_000


@pytest.mark.django_db
def test_a_row_leads_down_and_a_breadcrumb_back_up(client, wide):
    content = page(client, wide).content.decode()
    assert 'class="drill" href="/puls/?enhet=W-007"' in content
    below = page(client, wide, data={"enhet": "W-007"})
    assert list(rows_of(below.content.decode())) == ["W-007", "W-007-A"]
    assert [step["unit"] for step in below.context["trail"]] == ["W"]
    assert re.search(r'class="breadcrumb".*href="/puls/\?enhet=W".*Enhet 007', below.content.decode(), re.S)
    leaf = page(client, wide, data={"enhet": "W-007-A"})
    assert list(rows_of(leaf.content.decode())) == ["W-007-A"]
    assert [step["unit"] for step in leaf.context["trail"]] == ["W", "W-007"]


@pytest.mark.django_db
def test_a_page_reads_as_many_rows_however_wide_the_level(client, wide):
    page(client, wide)
    with CaptureQueriesContext(connection) as queries:
        page(client, wide)
    node_reads = [q["sql"] for q in queries if "pulse_noderesult" in q["sql"]]
    assert len(node_reads) <= 3
    assert len(queries) < 30


@pytest.mark.django_db
def test_a_unit_outside_the_scope_is_not_found(client, personas, closed):  # noqa: F811
    page(client, personas["enhetschef"], data={"enhet": "IFO-BU"}, status=404)
    page(client, personas["enhetschef"], data={"enhet": "NO-SUCH-UNIT"}, status=404)
    page(client, personas["enhetschef"], data={"enhet": "AO-HT1-A"})


@pytest.mark.django_db
def test_the_comments_are_those_listed_under_the_rows_shown(client, personas, closed):  # noqa: F811
    loaded = results.load_round(Round.objects.get(pk=closed.pk))
    placed = results.comments(loaded, set(loaded.release.shown))
    assert sorted(placed) == ["AO-HT1", "SOC"]
    top = page(client, personas["hr"])  # SOC and its children AO, IFO
    [soc] = top.context["comments"]
    assert (soc["unit"], soc["total"]) == ("SOC", len(placed["SOC"]))
    # A few of them, drawn at random, and the way to all of them on the unit's page.
    assert len(soc["texts"]) == 3 and set(soc["texts"]) <= set(placed["SOC"])
    assert "Read all 10 comments for Socialförvaltningen" in top.content.decode()
    area = page(client, personas["hr"], data={"enhet": "AO"})  # AO, AO-HT1, AO-SB1
    [unit] = area.context["comments"]
    assert (unit["unit"], unit["total"]) == ("AO-HT1", len(placed["AO-HT1"]))
