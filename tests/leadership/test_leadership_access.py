"""Every leadership page × every persona → the right status, as tests/org/test_access_matrix.py: the
catalogue for everyone, the checklist and one's own trainings for leaders (unit and area managers),
the overview for leadership, the health strategist and HR, recording a training for the last two.
Others are refused outright (403); anonymous visitors go to the login page."""

import pytest
from django.urls import reverse
from personas import ALL_PERSONAS

from kasam.leadership.models import BuildingBlock, Training

ALL = ALL_PERSONAS  # every persona's username (tests/personas.py)
LEADERS = {"enhetschef", "omradeschef"}


def expect(allowed: set[str], ok: int = 200, denied: int = 403) -> dict[str, int]:
    return {name: ok if name in allowed else denied for name in ALL}


MATRIX = [
    ("leadership:home", expect(set(ALL))),
    ("leadership:checklist", expect(LEADERS)),
    ("leadership:overview", expect({"ledning", "halsostrateg", "hr"})),
    ("leadership:training-new", expect({"halsostrateg", "hr"})),
    # POST only: a GET is "method not allowed" for everyone logged in.
    ("leadership:own-training", expect(set(), denied=405)),
]


@pytest.mark.parametrize(("view", "statuses"), MATRIX, ids=[view for view, _ in MATRIX])
def test_it_answers_each_persona_as_its_role_allows(client, personas, view, statuses):
    url = reverse(view)
    for username, expected in statuses.items():
        client.force_login(personas[username])
        assert client.get(url).status_code == expected, (view, username)


@pytest.mark.parametrize("view", [view for view, _ in MATRIX])
def test_it_sends_anonymous_visitors_to_the_login_page(client, org, view):
    for response in (client.get(reverse(view)), client.post(reverse(view), {})):
        assert response.status_code == 302, view
        assert response["Location"].startswith(reverse("account_login"))


def test_only_a_leader_adds_a_training_of_their_own(client, personas):
    block = BuildingBlock.objects.get(slug="ugl")
    data = {"block": block.pk, "completed_on": "2026-10-01", "note": ""}
    url = reverse("leadership:own-training")
    for username in ALL:
        client.force_login(personas[username])
        expected = 302 if username in LEADERS else 403
        assert client.post(url, data).status_code == expected, username
    assert sorted(Training.objects.values_list("user__username", flat=True)) == sorted(LEADERS)


def test_posting_to_the_read_only_pages_is_not_allowed(client, personas):
    client.force_login(personas["hr"])
    assert client.post(reverse("leadership:home")).status_code == 405
    assert client.post(reverse("leadership:overview")).status_code == 405


def test_the_checklist_takes_no_user_and_the_navigation_shows_leadership_to_all(client, personas):
    # The one address of the checklist has no place for anyone else's id.
    assert reverse("leadership:checklist") == "/ledarskap/checklista/"
    for username in ALL:
        client.force_login(personas[username])
        page = client.get(reverse("core:home"), follow=True).content.decode()
        assert 'href="/ledarskap/"' in page, username
