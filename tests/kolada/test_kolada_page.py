"""/kolada/ and `comparison()`: the stored figures of each KPI for the municipality, the county and the
group, with "Källa: Kolada", the KPI id and when they were fetched; every persona reads it; it never
asks Kolada and says when the figures were last fetched; the demo's published Kalix comparison."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from kolada_fake import value_of
from personas import ALL_PERSONAS

from kasam.kolada import actions
from kasam.kolada.client import KoladaClient, KoladaError
from kasam.kolada.comparison import comparison
from kasam.kolada.demo import ensure_demo_kolada
from kasam.kolada.kpis import KPI_IDS
from kasam.kolada.models import Fetch, KpiValue

pytestmark = pytest.mark.django_db

PERSONAS = ALL_PERSONAS  # every persona's username (tests/personas.py)


def fetch_from(fake, years=(2023, 2024)):
    return actions.fetch(
        "2514", list(years), client=KoladaClient(fake.base_url, timeout=5, sleep=lambda s: None)
    )


def long_date(moment) -> str:
    """A fetch time as the (English) page writes it: "7 December 2026"."""
    day = timezone.localtime(moment).date()
    return f"{day.day} {day:%B} {day.year}"


def text(response) -> str:
    return re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def test_every_persona_reads_the_page_and_anonymous_visitors_log_in(client, personas):
    url = reverse("kolada:comparison")
    assert url == "/kolada/"
    for username in PERSONAS:
        client.force_login(personas[username])
        assert client.get(url).status_code == 200, username
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    client.force_login(personas["hr"])
    assert client.post(url).status_code == 405


def test_the_comparison_takes_the_latest_year_of_each_kpi(kolada):
    result = fetch_from(kolada)
    data = comparison()
    assert [k.kpi_id for k in data.kpis] == list(KPI_IDS)
    home = data.kpis[4]  # N21006
    assert (home.kpi_id, home.year, home.source) == ("N21006", 2024, "Källa: Kolada, KPI N21006")
    assert home.title == "Kostnad hemtjänst äldreomsorg, kr/hemtjänsttagare"
    assert [(f.kind, f.title, f.value) for f in home.figures] == [
        ("municipality", "Kalix", value_of("N21006", "2514", 2024)),
        ("county", "Region Norrbotten", value_of("N21006", "0025", 2024)),
        ("group", "Liknande kommuner äldreomsorg, Kalix, 2024", value_of("N21006", "G176600", 2024)),
    ]
    assert home.fetched_at == max(f.fetched_at for f in home.figures)
    assert (data.last_fetched, data.failed_at, data.years) == (result.fetch.finished_at, None, [2024, 2023])
    in_2023 = comparison(2023).kpis[4]
    assert in_2023.year == 2023 and in_2023.group.title == "Liknande kommuner äldreomsorg, Kalix, 2022"


def test_the_page_shows_the_source_the_kpi_id_and_when_fetched(client, personas, kolada):
    fetch = fetch_from(kolada).fetch
    kolada.requests.clear()
    client.force_login(personas["politiker"])

    page = text(client.get(reverse("kolada:comparison")))

    day = long_date(fetch.finished_at)
    for kpi in KPI_IDS:
        assert f"Källa: Kolada, KPI {kpi} – fetched {day}" in page
    assert f"The figures were last fetched from Kolada on {day}." in page
    assert "never fetches new ones" in page
    assert "Kostnad hemtjänst äldreomsorg, kr/hemtjänsttagare" in page
    # value_of: 400 000 + the group's 30 000 + 4 years × 1 000
    assert "Liknande kommuner äldreomsorg, Kalix, 2024 434\u202f000" in page
    assert kolada.requests == []  # a page view never asks Kolada


def test_after_a_failed_fetch_the_page_says_when_the_figures_were_last_fetched(client, personas, kolada):
    fetch = fetch_from(kolada).fetch
    Fetch.objects.filter(pk=fetch.pk).update(finished_at=fetch.finished_at - timedelta(days=40))
    kolada.script("/v3/municipality/2514,0025", (503, {}))
    with pytest.raises(KoladaError):
        fetch_from(kolada)
    failed = Fetch.objects.get(status="failed")
    client.force_login(personas["medarbetare"])

    page = text(client.get(reverse("kolada:comparison")))

    last = long_date(fetch.finished_at - timedelta(days=40))
    tried = long_date(failed.finished_at)
    assert (
        f"The latest attempt to fetch figures from Kolada, on {tried}, failed. "
        f"The figures below were last fetched on {last}."
    ) in page
    assert "Källa: Kolada, KPI N00090" in page


def test_without_any_fetch_the_page_says_so(client, personas):
    client.force_login(personas["ledning"])
    page = text(client.get(reverse("kolada:comparison")))
    assert "No figures have been fetched from Kolada yet." in page
    # The KPIs without figures are named once, not given an empty section each.
    assert "No figures are stored yet for: Sick leave (Källa: Kolada, KPI N00090)" in page
    assert "Källa: Kolada, KPI U00200" in page and "The year" not in page  # no empty tables


def test_the_source_line_stays_swedish_in_both_languages(client, personas, kolada):
    fetch_from(kolada, years=[2024])
    client.force_login(personas["hr"])
    for language in ("sv", "en"):
        client.cookies["django_language"] = language
        response = client.get(reverse("kolada:comparison"))
        assert response["Content-Language"] == language
        assert "Källa: Kolada, KPI N23009" in text(response)


def test_the_demo_compares_exempelkommun_and_never_names_another_municipality_as_its_own(client, personas):
    """The demo showed Kalix as "the municipality", and four KPIs without a figure."""
    fetch = ensure_demo_kolada()
    assert ensure_demo_kolada() is None  # once
    assert (fetch.source, fetch.status, fetch.municipality, fetch.years) == (
        "published",
        "succeeded",
        "",
        [2023],
    )
    assert "not fetched from Kolada's API" in fetch.note and "made up" in fetch.note
    assert not fetch.answers.exists()
    values = {(v.kpi, v.kind): (v.municipality_title, v.value) for v in KpiValue.objects.all()}
    assert values == {
        ("N21006", "municipality"): ("Exempelkommun", 412000),
        ("N21006", "county"): ("Norrbottens läns kommuner", 424441),
        ("N21006", "group"): ("Liknande kommuner äldreomsorg", 443774),
        ("N23009", "municipality"): ("Exempelkommun", 1187000),
        ("N23009", "county"): ("Norrbottens läns kommuner", 1261458),
        ("N23009", "group"): ("Liknande kommuner äldreomsorg", 1321721),
    }

    client.force_login(personas["enhetschef"])
    page = text(client.get(reverse("kolada:comparison")))
    day = long_date(fetch.finished_at)
    assert f"Källa: Kolada, KPI N21006 – from a published comparison, stored {day}" in page
    assert "they have not been fetched from Kolada's API yet" in page
    assert "The municipality Exempelkommun 412\u202f000" in page and "Kalix" not in page
    assert "Liknande kommuner äldreomsorg 443\u202f774" in page
    assert "Norrbottens läns kommuner 1\u202f261\u202f458" in page
    assert page.count("from a published comparison, stored") == 2  # the two KPIs with figures
    assert "No figures are stored yet for: Sick leave" in page
