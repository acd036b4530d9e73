"""The "Publicera" page: the health strategist and HR over the whole organisation publish ended
periods and corrections; to everyone else the page does not exist."""

import pytest
from django.urls import reverse

from kasam.org.models import RoleAssignment
from kasam.releases.models import Release

URL = "/publicera/"


def test_the_strategist_sees_the_periods_and_publishes_one(client, personas, fake):
    client.force_login(personas["halsostrateg"])
    page = client.get(URL)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Delårsrapport januari–augusti 2026" in text and "Inte publicerad" in text
    response = client.post(URL, {"period": "2026-T2"}, follow=True)
    assert Release.objects.get().period == "2026-T2"
    assert "Delårsrapport januari–augusti 2026 är publicerad." in response.content.decode()
    assert "Publicera en rättelse" in response.content.decode()
    client.post(URL, {"period": "2026-T2"})
    assert list(Release.objects.values_list("version", flat=True).order_by("version")) == [1, 2]


def test_a_period_that_has_not_ended_is_refused_in_plain_swedish(client, personas, fake):
    client.force_login(personas["hr"])
    response = client.post(URL, {"period": "2026"}, follow=True)
    assert "Perioden är inte slut än." in response.content.decode()
    assert not Release.objects.exists()


@pytest.mark.parametrize("username", ["politiker", "ledning", "enhetschef", "medarbetare"])
def test_other_roles_find_no_page(client, personas, fake, username):
    client.force_login(personas[username])
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"period": "2025"}).status_code == 404
    assert not Release.objects.exists()


def test_hr_over_one_area_may_not_publish_for_the_whole_organisation(client, personas, fake):
    hr = personas["hr"]
    RoleAssignment.objects.filter(user=hr).update(unit_id="AO")
    client.force_login(hr)
    assert client.get(URL).status_code == 404
    assert reverse("releases:list") == URL
