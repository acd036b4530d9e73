"""The "Publicera" page: the health strategist and HR over the whole organisation publish ended
periods and corrections; to everyone else the page does not exist."""

import pytest
from django.urls import reverse

from kasam.org.models import RoleAssignment
from kasam.releases.models import Publication, Release
from kasam.releases.publish import ReleaseError

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
    # The number of units the release holds, in its row.
    units = len(Release.objects.get().figures)
    row = response.content.decode().split("Delårsrapport januari–augusti 2026</th>")[1].split("</tr>")[0]
    assert units > 0 and f'<td class="number">{units}</td>' in row
    client.post(URL, {"period": "2026-T2"})
    assert list(Release.objects.values_list("version", flat=True).order_by("version")) == [1, 2]
    done = Publication.objects.filter(status=Publication.Status.DONE)
    assert [(p.period, p.release.version, p.requested_by.username) for p in done.order_by("pk")] == [
        ("2026-T2", 1, "halsostrateg"),
        ("2026-T2", 2, "halsostrateg"),
    ]


@pytest.fixture
def queued_only(settings):
    """A queue whose worker has not come yet (production: the task waits for db_worker)."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }


def test_publishing_waits_in_the_queue_and_the_page_says_so(client, personas, fake, queued_only):
    client.force_login(personas["halsostrateg"])
    response = client.post(URL, {"period": "2026-T2"}, follow=True)
    text = response.content.decode()
    assert "Delårsrapport januari–augusti 2026 publiceras nu. Sidan uppdateras när det är klart." in text
    assert "Publiceras …" in text and 'http-equiv="refresh"' in text
    assert not Release.objects.exists()
    # A second click while it waits queues nothing more.
    again = client.post(URL, {"period": "2026-T2"}, follow=True)
    assert "håller redan på att publiceras" in again.content.decode()
    assert Publication.objects.count() == 1


def test_a_publication_that_fails_in_the_background_says_why(client, personas, fake, monkeypatch):
    def no_data(period, earlier):
        raise ReleaseError("no absences imported for the period", "no_data")

    monkeypatch.setattr(fake, "build", no_data)
    client.force_login(personas["hr"])
    response = client.post(URL, {"period": "2026-T2"}, follow=True)
    assert "Uppgifterna för perioden är inte inlästa än" in response.content.decode()
    assert Publication.objects.get().status == Publication.Status.FAILED
    assert Publication.objects.get().reason == "no_data"
    assert not Release.objects.exists()
    assert 'http-equiv="refresh"' not in response.content.decode()


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
