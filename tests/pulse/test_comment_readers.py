"""Who reads the pulse's free-text comments (docs/definitions.md "Roles and who sees what"): the
staff and every role above them, within scope – not the dialog coaches and not the committee, though
both read the pulse's figures. Played as an outside tester did: the coach and the committee open the
overview and a unit's dashboard whose comments its manager reads."""

import pytest
from django.urls import reverse
from test_results import add_staff, build_round

from kasam.org.models import Role, RoleAssignment
from kasam.pulse import actions

COMMENT = "Bra stämning"


pytestmark = pytest.mark.usefixtures("pulse_settings")


@pytest.fixture
def closed(personas):
    add_staff()
    round = build_round()
    actions.close_round(round)
    # The coach is assigned the unit whose comments are listed, so scope alone would let them in.
    RoleAssignment.objects.create(user=personas["dialogcoach"], role=Role.DIALOG_COACH, unit_id="AO-HT1")
    return round


def _pages(client, user) -> list[str]:
    client.force_login(user)
    pages = []
    for url in (reverse("pulse:overview"), reverse("pulse:dashboard", kwargs={"unit_id": "AO-HT1"})):
        response = client.get(url)
        assert response.status_code == 200
        pages.append(response.content.decode())
    return pages


@pytest.mark.parametrize("username", ["enhetschef", "omradeschef", "hr", "halsostrateg", "ledning"])
def test_the_staffs_managers_and_the_organisation_read_the_comments(client, personas, closed, username):
    assert all(COMMENT in page for page in _pages(client, personas[username]))


@pytest.mark.parametrize("username", ["dialogcoach", "politiker"])
def test_the_dialog_coach_and_the_committee_read_no_comment(client, personas, closed, username):
    for page in _pages(client, personas[username]):
        assert COMMENT not in page
