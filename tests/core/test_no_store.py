"""Health data is never kept in a cache: every page a signed-in user gets and every download says
`Cache-Control: private, no-store` (kasam.core.middleware.NoStoreMiddleware); static files stay
cacheable. Played as the outside tester did: the pages and files with person-level data or a
report, read back for their caching header."""

from datetime import date

import pytest
from django.urls import reverse

from kasam.pulse.models import Programme, Round
from kasam.reports.models import Report
from kasam.survey.models import Survey

NO_STORE = {"private", "no-store"}


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def _closed_round() -> Round:
    programme = Programme.objects.create(name="Puls", root_unit_id="AO-HT1")
    return Round.objects.create(
        programme=programme, number=1, opens_on=date(2026, 11, 2), closes_on=date(2026, 11, 20),
        status=Round.Status.CLOSED, statement_ids=["beg1"], k=5,
        tree={"AO-HT1": None, "AO-HT1-A": "AO-HT1"}, shown_nodes=[],
    )  # fmt: skip


def test_the_early_signals_page_is_not_stored(client, personas):
    client.force_login(personas["enhetschef"])
    response = client.get(reverse("absence:early-signals", kwargs={"unit_id": "AO-HT1"}))
    assert response.status_code == 200
    assert directives(response) >= NO_STORE


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_a_report_download_is_not_stored(client, personas, fmt):
    report = Report.objects.create(
        kind="health", year=2025, format=fmt, status=Report.Status.DONE, content=b"file"
    )
    client.force_login(personas["halsostrateg"])
    response = client.get(reverse("reports:download", kwargs={"report_id": report.pk}))
    assert response.status_code == 200
    assert directives(response) >= NO_STORE


def test_the_pulse_export_and_the_survey_csv_are_not_stored(client, personas):
    client.force_login(personas["enhetschef"])
    pulse = client.get(reverse("pulse:export", kwargs={"round_id": _closed_round().pk, "fmt": "csv"}))
    survey = Survey.objects.create(name="Medarbetarenkät", year=2026, filename="s.csv", file_sha256="0" * 64)
    csv = client.get(reverse("survey:export", kwargs={"survey_id": survey.pk, "fmt": "csv"}))
    for response in (pulse, csv):
        assert response.status_code == 200
        assert directives(response) >= NO_STORE


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [("core:home", {}), ("org:person-detail", {"person_id": "P1"}), ("pulse:overview", {}),
     ("plans:plan", {"unit_id": "AO-HT1", "year": 2026}), ("org:unit-detail", {"unit_id": "ZZZ"})],
)  # fmt: skip
def test_every_page_a_signed_in_user_gets_is_not_stored(client, personas, name, kwargs):
    client.force_login(personas["hr"])
    assert directives(client.get(reverse(name, kwargs=kwargs))) >= NO_STORE


def test_static_files_stay_cacheable(settings):
    # WhiteNoise answers a static file before the request reaches the no-store middleware.
    order = settings.MIDDLEWARE
    assert order.index("whitenoise.middleware.WhiteNoiseMiddleware") < order.index(
        "kasam.core.middleware.NoStoreMiddleware"
    )
