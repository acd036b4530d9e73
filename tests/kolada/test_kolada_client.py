"""The Kolada client against the local fake: paging by either field name, retries on 429 (honouring
Retry-After) and 5xx, a clear failure after three attempts, at most 25 ids per request. No test sleeps:
the pauses are recorded by an injected `sleep`."""

import socket
from datetime import UTC, datetime

import pytest

from kasam.kolada.client import KoladaClient, KoladaError, chunks, values


def client_for(fake, pauses, **kwargs) -> KoladaClient:
    return KoladaClient(fake.base_url, timeout=5, sleep=pauses.append, **kwargs)


def page(items, **links):
    return {"values": items, "count": len(items), **links}


KPI_1 = {"id": "N00090", "title": "Sjukfrånvaro totalt"}
KPI_2 = {"id": "N00091", "title": "Sjukfrånvaro 60 dagar eller mer"}


@pytest.mark.parametrize("field", ["next_url", "next_page"])
def test_it_follows_either_paging_field_until_there_is_none(kolada, pauses, field):
    second = f"{kolada.base_url}/kpi/N00090,N00091?page=2"
    kolada.script("/v3/kpi/N00090,N00091", (200, page([KPI_1], **{field: second})))
    last = page([KPI_2], **({"next_url": None} if field == "next_url" else {}))
    kolada.script("/v3/kpi/N00090,N00091?page=2", (200, last))

    answers = client_for(kolada, pauses).kpis(["N00090", "N00091"])

    assert [a.url for a in answers] == [f"{kolada.base_url}/kpi/N00090,N00091", second]
    assert values(answers) == [KPI_1, KPI_2]
    assert kolada.requests == ["/v3/kpi/N00090,N00091", "/v3/kpi/N00090,N00091?page=2"]
    assert all(a.fetched_at.tzinfo is not None for a in answers)
    assert pauses == []


def test_a_429_is_tried_again_after_the_retry_after_pause(kolada, pauses):
    kolada.script(
        "/v3/kpi/N00090",
        (429, {"error": "Too many requests"}, {"Retry-After": "7"}),
        (200, page([KPI_1])),
    )
    client = client_for(kolada, pauses)

    answers = client.kpis(["N00090"])

    assert values(answers) == [KPI_1]
    assert pauses == [7.0]  # Retry-After honoured, without sleeping in the test
    assert kolada.requests == ["/v3/kpi/N00090", "/v3/kpi/N00090"]
    assert client.requests == 2


def test_retry_after_as_an_http_date_and_the_backoff_without_it(kolada, pauses):
    now = datetime(2026, 11, 25, 12, 0, 0, tzinfo=UTC)
    kolada.script(
        "/v3/kpi/N00090",
        (503, {}, {"Retry-After": "Wed, 25 Nov 2026 12:00:30 GMT"}),
        (502, {}),
        (200, page([KPI_1])),
    )
    client_for(kolada, pauses, now=lambda: now).kpis(["N00090"])
    assert pauses == [30.0, 2.0]  # the date's 30 s; then the second backoff step


def test_a_500_three_times_is_a_clear_failure(kolada, pauses):
    kolada.script("/v3/kpi/N00090", (500, {"error": "Internal Server Error"}))

    with pytest.raises(KoladaError) as caught:
        client_for(kolada, pauses).kpis(["N00090"])

    error = caught.value
    url = f"{kolada.base_url}/kpi/N00090"
    assert (error.url, error.status) == (url, 500)
    assert str(error) == f"Kolada answered 500 Internal Server Error to {url}, 3 times in a row"
    assert kolada.requests == ["/v3/kpi/N00090"] * 3  # at most three attempts
    assert pauses == [1.0, 2.0]


def test_a_failure_on_the_second_page_returns_nothing(kolada, pauses):
    kolada.script("/v3/kpi/N00090", (200, page([KPI_1], next_url=f"{kolada.base_url}/kpi/N00090?page=2")))
    kolada.script("/v3/kpi/N00090?page=2", (503, {}))
    with pytest.raises(KoladaError, match=r"503 .*page=2, 3 times in a row"):
        client_for(kolada, pauses).kpis(["N00090"])


def test_other_error_answers_are_not_tried_again(kolada, pauses):
    kolada.script("/v3/kpi/N00090", (404, {"error": "Not found"}))
    with pytest.raises(KoladaError) as caught:
        client_for(kolada, pauses).kpis(["N00090"])
    assert caught.value.status == 404
    assert kolada.requests == ["/v3/kpi/N00090"]
    assert pauses == []


def test_26_ids_go_in_two_requests_of_at_most_25(kolada, pauses):
    ids = [f"N{n:05d}" for n in range(26)]
    kolada.kpis = {i: {"id": i, "title": i} for i in ids}

    answers = client_for(kolada, pauses).kpis(ids)

    assert [r.removeprefix("/v3/kpi/").split(",") for r in kolada.requests] == [ids[:25], ids[25:]]
    assert [v["id"] for v in values(answers)] == ids
    assert chunks(ids * 2) == [ids[:25], ids[25:]]  # repeats are asked once


def test_data_chunks_every_id_list(kolada, pauses):
    units = [f"{n:04d}" for n in range(1, 27)]
    client_for(kolada, pauses).data(["N00090"], units, [2023, 2024])
    assert [r.split("/")[6].count(",") + 1 for r in kolada.requests] == [25, 1]
    assert all(r.endswith("/year/2023,2024") for r in kolada.requests)


def test_an_answer_without_values_or_not_json_fails(kolada, pauses):
    kolada.script("/v3/kpi/N00090", (200, {"error": "This endpoint is deprecated."}))
    kolada.script("/v3/kpi/N00091", (200, b"<html>maintenance</html>"))
    client = client_for(kolada, pauses)
    with pytest.raises(KoladaError, match="has no list of values"):
        client.kpis(["N00090"])
    with pytest.raises(KoladaError, match="is not JSON"):
        client.kpis(["N00091"])


def test_paging_never_leaves_kolada_or_loops(kolada, pauses):
    kolada.script("/v3/kpi/N00090", (200, page([KPI_1], next_url="https://example.org/v3/kpi?page=2")))
    kolada.script("/v3/kpi/N00091", (200, page([KPI_2], next_page=f"{kolada.base_url}/kpi/N00091")))
    client = client_for(kolada, pauses)
    with pytest.raises(KoladaError, match="another server"):
        client.kpis(["N00090"])
    with pytest.raises(KoladaError, match="already read"):
        client.kpis(["N00091"])
    assert not any("example.org" in r for r in kolada.requests)


def test_no_answer_at_all_is_tried_three_times(pauses):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = KoladaClient(f"http://127.0.0.1:{port}/v3", timeout=2, sleep=pauses.append)
    with pytest.raises(KoladaError, match=r"No answer from Kolada for .*/kpi/N00090 .*3 times in a row"):
        client.kpis(["N00090"])
    assert client.requests == 3
    assert pauses == [1.0, 2.0]


def test_the_base_url_comes_from_the_settings_and_must_be_http(settings):
    settings.KASAM_KOLADA_URL = "http://127.0.0.1:9/v3/"
    settings.KASAM_KOLADA_TIMEOUT = 3
    client = KoladaClient()
    assert (client.base_url, client.timeout) == ("http://127.0.0.1:9/v3", 3.0)
    assert client.url("data", "kpi", ["N00090", "N00091"], "year", ["2023"]) == (
        "http://127.0.0.1:9/v3/data/kpi/N00090,N00091/year/2023"
    )
    assert client.url("municipality_groups", query={"title": "Kalix"}).endswith("?title=Kalix")
    with pytest.raises(ValueError, match="http"):
        KoladaClient("file:///etc/passwd", timeout=1)
