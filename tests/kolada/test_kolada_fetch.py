"""`actions.fetch` and `kasam kolada fetch` against the local fake: what a fetch stores, the
comparison group resolved by title per year, all or nothing, and the command's JSON and one-line
errors."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from kolada_fake import KPI_TITLES, value_of

from kasam.kolada import actions
from kasam.kolada.client import KoladaClient, KoladaError
from kasam.kolada.kpis import KPI_IDS, county_of
from kasam.kolada.models import Fetch, Kpi, KpiValue, RawAnswer

pytestmark = pytest.mark.django_db

YEARS = [2020, 2021, 2022, 2023, 2024]


def client_for(fake, pauses) -> KoladaClient:
    return KoladaClient(fake.base_url, timeout=5, sleep=pauses.append)


def stored(kind=None):
    rows = KpiValue.objects.filter(gender="T")
    if kind:
        rows = rows.filter(kind=kind)
    return {(v.kpi, v.municipality_id, v.year): v.value for v in rows}


def test_a_fetch_stores_raw_answers_metadata_and_values_with_their_times(kolada, pauses):
    kolada.page_size = 40  # 6 KPIs × 2 units × 5 years = 60 entries: two pages
    result = actions.fetch("2514", YEARS, client=client_for(kolada, pauses))

    fetch = Fetch.objects.get()
    assert fetch == result.fetch
    assert (fetch.status, fetch.source, fetch.municipality, fetch.years) == (
        "succeeded",
        "api",
        "2514",
        YEARS,
    )
    assert fetch.started_at <= fetch.finished_at
    assert fetch.request["kpis"] == list(KPI_IDS)
    assert (fetch.request["county"], fetch.request["county_title"]) == ("0025", "Region Norrbotten")

    # Every page as Kolada sent it, with its URL and time.
    answers = list(RawAnswer.objects.all())
    assert len(answers) == result.answers == len(kolada.requests)
    assert [a.url.removeprefix(kolada.root) for a in answers] == kolada.requests
    assert answers[0].body["values"][0] == {"id": "2514", "title": "Kalix", "type": "K"}
    assert any(
        a.url.endswith(
            "/data/kpi/" + ",".join(KPI_IDS) + "/municipality/2514,0025/year/2020,2021,2022,2023,2024?page=2"
        )
        for a in answers
    )
    assert all(fetch.started_at <= a.fetched_at <= fetch.finished_at for a in answers)

    # The KPIs' metadata.
    assert {k.kpi_id: k.title for k in Kpi.objects.all()} == KPI_TITLES
    assert Kpi.objects.get(kpi_id="N21006").description == "Beskrivning av N21006."

    # The values: the municipality and the county every year, the group of each year.
    municipality = stored(KpiValue.Kind.MUNICIPALITY)
    county = stored(KpiValue.Kind.COUNTY)
    assert municipality == {(k, "2514", y): value_of(k, "2514", y) for k in KPI_IDS for y in YEARS}
    assert county == {(k, "0025", y): value_of(k, "0025", y) for k in KPI_IDS for y in YEARS}
    assert KpiValue.objects.filter(kpi="N00090", municipality_id="2514", year=2023).count() == 3  # T, K, M
    assert KpiValue.objects.get(kpi="N00090", year=2023, gender="K").value == 9.5
    first = KpiValue.objects.filter(kind="municipality").first()
    assert (first.municipality_title, first.fetch) == ("Kalix", fetch)
    assert all(fetch.started_at <= v.fetched_at <= fetch.finished_at for v in KpiValue.objects.all())
    assert result.values == KpiValue.objects.count()


def test_the_group_is_resolved_by_title_for_each_year(kolada, pauses):
    result = actions.fetch("2514", YEARS, client=client_for(kolada, pauses))

    groups = {year: (g.id, g.rule) for year, g in result.groups.items()}
    assert groups == {
        2020: ("G150002", "earliest later"),  # no group formed that early: the earliest there is
        2021: ("G150002", "earliest later"),
        2022: ("G150002", "same year"),
        2023: ("G150002", "latest earlier"),
        2024: ("G176600", "same year"),
    }
    assert stored(KpiValue.Kind.GROUP) == {
        (k, "G176600" if y == 2024 else "G150002", y): value_of(k, "G176600" if y == 2024 else "G150002", y)
        for k in KPI_IDS
        for y in YEARS
    }
    titles = set(KpiValue.objects.filter(kind="group").values_list("municipality_title", flat=True))
    assert titles == {
        "Liknande kommuner äldreomsorg, Kalix, 2022",
        "Liknande kommuner äldreomsorg, Kalix, 2024",
    }
    # Found by title (Kalixbygden's group, the other areas' groups and "övergripande" are not taken).
    assert "/v3/municipality_groups?title=Kalix" in kolada.requests
    assert Fetch.objects.get().request["groups"]["2023"] == {
        "id": "G150002",
        "title": "Liknande kommuner äldreomsorg, Kalix, 2022",
        "rule": "latest earlier",
    }
    # Each group is asked only for its own years.
    group_requests = [r for r in kolada.requests if "/municipality/G" in r]
    assert sorted(r.rsplit("/", 3)[1:] for r in group_requests) == [
        ["G150002", "year", "2020,2021,2022,2023"],
        ["G176600", "year", "2024"],
    ]


def test_another_area_s_group_can_be_asked_for(kolada, pauses):
    result = actions.fetch("2514", [2024], group_area="övergripande", client=client_for(kolada, pauses))
    assert (result.groups[2024].id, result.groups[2024].rule) == ("G37402", "earliest later")


def test_resolve_groups_rules():
    def group(i, title):
        return {"id": i, "title": title}

    resolve = actions.resolve_groups
    undated = [group("G1", "Liknande kommuner äldreomsorg, Kalix")]
    assert resolve(undated, "Kalix", [2020], "äldreomsorg", "u")[2020].rule == "undated"
    with pytest.raises(KoladaError, match="no group titled 'Liknande kommuner äldreomsorg, Kalix"):
        resolve([group("G2", "Liknande kommuner LSS, Kalix, 2024")], "Kalix", [2024], "äldreomsorg", "u")
    twice = [group("G3", "Liknande kommuner äldreomsorg, Kalix, 2024")] * 2
    with pytest.raises(KoladaError, match="two groups titled"):
        resolve(twice, "Kalix", [2024], "äldreomsorg", "u")


def test_a_500_three_times_stores_nothing_but_the_failed_fetch(kolada, pauses):
    target = "/v3/data/kpi/" + ",".join(KPI_IDS) + "/municipality/G176600/year/2024"
    kolada.script(target, (500, {"error": "Internal Server Error"}))

    with pytest.raises(KoladaError) as caught:
        actions.fetch("2514", YEARS, client=client_for(kolada, pauses))

    assert str(caught.value) == (
        f"Kolada answered 500 Internal Server Error to {kolada.root}{target}, 3 times in a row"
    )
    assert kolada.requests.count(target) == 3
    # Every earlier request had succeeded, yet nothing of the fetch is stored.
    assert (RawAnswer.objects.count(), Kpi.objects.count(), KpiValue.objects.count()) == (0, 0, 0)
    fetch = Fetch.objects.get()
    assert (fetch.status, fetch.error) == ("failed", str(caught.value))
    assert fetch.finished_at is not None and fetch.requests == len(kolada.requests)


def test_a_failed_fetch_leaves_the_earlier_figures(kolada, pauses):
    actions.fetch("2514", [2024], client=client_for(kolada, pauses))
    before = stored()
    kolada.script("/v3/kpi/" + ",".join(KPI_IDS), (503, {}))
    with pytest.raises(KoladaError):
        actions.fetch("2514", [2024], client=client_for(kolada, pauses))
    assert stored() == before
    assert list(Fetch.objects.order_by("id").values_list("status", flat=True)) == ["succeeded", "failed"]


def test_unexpected_answers_fail_loudly(kolada, pauses):
    del kolada.kpis["U00200"]
    with pytest.raises(KoladaError, match="Kolada has no KPI U00200"):
        actions.fetch("2514", [2024], client=client_for(kolada, pauses))
    target = "/v3/data/kpi/" + ",".join(KPI_IDS) + "/municipality/2514,0025/year/2024"
    entry = {"kpi": "N00090", "municipality": "0180", "period": 2024, "values": []}
    kolada.kpis["U00200"] = {"id": "U00200", "title": "HME"}
    kolada.script(target, (200, {"values": [entry], "count": 1}))
    with pytest.raises(KoladaError, match="holds 0180 2024, which was not asked for"):
        actions.fetch("2514", [2024], client=client_for(kolada, pauses))
    assert KpiValue.objects.count() == 0


def test_codes_and_years_are_checked_before_anything_is_sent(kolada, pauses):
    assert county_of("2514") == "0025" and county_of("0180") == "0001"
    for code in ("251", "9914", "abcd"):
        with pytest.raises(ValueError):
            actions.fetch(code, [2024], client=client_for(kolada, pauses))
    assert actions.parse_years("2020-2024") == YEARS
    assert actions.parse_years("2024,2020-2021") == [2020, 2021, 2024]
    for text in ("2024-2020", "20x", "1850", "2999"):
        with pytest.raises(ValueError):
            actions.parse_years(text)
    assert kolada.requests == [] and not Fetch.objects.exists()


def test_the_command_prints_only_json(kolada):
    out, err = StringIO(), StringIO()
    call_command(
        "kolada",
        "fetch",
        "--municipality",
        "2514",
        "--years",
        "2023-2024",
        "--format",
        "json",
        stdout=out,
        stderr=err,
    )
    data = json.loads(out.getvalue())
    assert data["status"] == "succeeded"
    assert data["municipality"] == {"id": "2514", "title": "Kalix"}
    assert data["county"] == {"id": "0025", "title": "Region Norrbotten"}
    assert data["groups"]["2024"] == {
        "id": "G176600",
        "title": "Liknande kommuner äldreomsorg, Kalix, 2024",
        "rule": "same year",
    }
    assert data["years"] == [2023, 2024] and data["kpis"] == list(KPI_IDS)
    assert data["values"] == KpiValue.objects.count() and data["fetch"] == Fetch.objects.get().pk
    assert err.getvalue() == ""


def test_the_command_s_text_and_its_one_line_error(kolada, monkeypatch):
    monkeypatch.setattr("kasam.kolada.client.time.sleep", lambda seconds: None)
    out = StringIO()
    call_command("kolada", "fetch", "--municipality", "2514", "--years", "2024", stdout=out)
    assert out.getvalue().startswith("Fetched 6 KPIs for Kalix (2514), Region Norrbotten (0025)")

    kolada.script("/v3/municipality/2514,0025", (502, {}))
    out = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(
            "kolada", "fetch", "--municipality", "2514", "--years", "2024", "--format", "json", stdout=out
        )
    message = str(caught.value)
    assert message == (
        f"Kolada answered 502 Bad Gateway to {kolada.base_url}/municipality/2514,0025, 3 times in a row; "
        "nothing was stored."
    )
    assert "\n" not in message and caught.value.returncode == 1
    assert json.loads(out.getvalue()) == {
        "fetch": Fetch.objects.get(status="failed").pk,
        "status": "failed",
        "error": message.removesuffix("; nothing was stored."),
    }


def test_a_bad_municipality_is_one_line_on_stderr_and_exit_status_1(tmp_path):
    env = {**os.environ, "KASAM_VAR_DIR": str(tmp_path), "KASAM_KOLADA_URL": "http://127.0.0.1:9/v3"}
    kasam = Path(sys.executable).parent / "kasam"
    result = subprocess.run(
        [str(kasam), "kolada", "fetch", "--municipality", "9914", "--years", "2024"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "CommandError: 9914 is not in any Swedish county (no county code 99)."
    ]
