"""Structured logs without personal data (docs/operations.md "Logs"): the redaction patterns, the filter, the
JSON formatter, the request id, and the settings (KASAM_LOG_FORMAT) in a fresh process."""

import io
import json
import logging

import pytest
from kasam_process import run_python

from kasam.core.logging import JsonFormatter, PersonalDataFilter, RequestIdMiddleware, redact


@pytest.mark.parametrize(
    "text, expected",
    [
        ("mail to anna.berg@example.invalid failed", "mail to [e-mail] failed"),
        ("Bo <bo+puls@kommun.example.se>", "Bo <[e-mail]>"),
        ("person 19811218-9876 imported", "person [personnummer] imported"),
        ("person 811218-9876", "person [personnummer]"),
        ("person 811218+9876 (over 100)", "person [personnummer] (over 100)"),
        ("id=198112189876;", "id=[personnummer];"),
        ("id 8112189876", "id [personnummer]"),
        ("samordningsnummer 701063-2391", "samordningsnummer [personnummer]"),
        ("Not Found: /svara/Zx9-aB_cd12/", "Not Found: /svara/[token]/"),
        ("GET /svara/Zx9-aB_cd12/?x=1", "GET /svara/[token]/?x=1"),
    ],
)
def test_personal_data_is_replaced(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "refill from 2025-11-01 took 1234 ms",
        "unit AO-HT1 has 42 persons, 12345678 kr",
        "imported 2026-11-25: 50000 rows in 1.2 s",
        "GET /svara/tack/ 200",
        "round 3 closes 20261129",
        "order 12345678901234",
    ],
)
def test_ordinary_figures_and_ids_are_kept(text):
    assert redact(text) == text


def record(message, *args, exc_info=None, **extra):
    logger = logging.getLogger("kasam.test")
    made = logger.makeRecord("kasam.test", logging.WARNING, __file__, 1, message, args, exc_info, extra=extra)
    return made


def test_the_filter_redacts_message_arguments_and_traceback():
    try:
        raise ValueError("duplicate e-mail eva@example.invalid for 19800101-1234")
    except ValueError:
        import sys

        entry = record(
            "import of %s failed (%s)", "units.csv", "kim@example.invalid", exc_info=sys.exc_info()
        )
    assert PersonalDataFilter().filter(entry) is True
    assert entry.getMessage() == "import of units.csv failed ([e-mail])"
    assert "eva@example.invalid" not in entry.exc_text and "[e-mail]" in entry.exc_text
    assert "19800101-1234" not in entry.exc_text
    text = logging.Formatter().format(entry)
    assert "@example.invalid" not in text and "Traceback" in text


def test_the_json_formatter_writes_one_object_per_line():
    entry = record("refill finished in %d ms", 812)
    line = JsonFormatter().format(entry)
    assert "\n" not in line
    data = json.loads(line)
    assert set(data) == {"timestamp", "level", "logger", "message"}
    assert data["level"] == "WARNING" and data["logger"] == "kasam.test"
    assert data["message"] == "refill finished in 812 ms"
    assert data["timestamp"].endswith("+00:00") and "T" in data["timestamp"]


def test_a_request_record_has_its_id_method_path_and_status_but_not_its_query(rf):
    request = rf.get("/sjukfranvaro/enheter/AO-HT1/?q=anna@example.invalid")
    request.request_id = "abc123def456"
    entry = record("Not Found: %s", request.path, request=request, status_code=404)
    data = json.loads(JsonFormatter().format(entry))
    assert data["request_id"] == "abc123def456"
    assert (data["method"], data["path"], data["status"]) == ("GET", "/sjukfranvaro/enheter/AO-HT1/", 404)
    assert "anna" not in json.dumps(data)


def test_the_json_formatter_keeps_a_traceback():
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        import sys

        entry = record("failed", exc_info=sys.exc_info())
    data = json.loads(JsonFormatter().format(entry))
    assert "RuntimeError: boom" in data["exception"]


def test_the_request_id_comes_from_the_proxy_or_is_made(rf):
    from django.http import HttpResponse

    from kasam.core.logging import current_request_id

    seen = []

    def view(request):
        seen.append((request.request_id, current_request_id()))
        return HttpResponse("x")

    middleware = RequestIdMiddleware(view)
    response = middleware(rf.get("/", HTTP_X_REQUEST_ID="0f3c2a9b8d7e6f5a"))
    assert response["X-Request-ID"] == "0f3c2a9b8d7e6f5a" and seen[-1] == ("0f3c2a9b8d7e6f5a",) * 2
    response = middleware(rf.get("/", HTTP_X_REQUEST_ID="<script>alert(1)</script>"))
    made = response["X-Request-ID"]
    assert len(made) == 32 and made.isalnum() and seen[-1] == (made, made)
    assert current_request_id() == ""


@pytest.fixture
def json_log():
    """The django.request logger written through the production handler set-up into a buffer."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(PersonalDataFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


def test_a_404_is_logged_as_json_without_personal_data(client, personas, json_log):
    client.force_login(personas["hr"])
    response = client.get(
        "/finns-inte/anna.berg@example.invalid/811218-9876/", HTTP_X_REQUEST_ID="req-1234-abcd"
    )
    assert response.status_code == 404
    assert response["X-Request-ID"] == "req-1234-abcd"
    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    entry = next(line for line in lines if line.get("status") == 404)
    assert entry["logger"] == "django.request" and entry["level"] == "WARNING"
    assert entry["request_id"] == "req-1234-abcd" and entry["method"] == "GET"
    assert entry["path"] == "/finns-inte/[e-mail]/[personnummer]/"
    assert "anna" not in json_log.getvalue() and "9876" not in json_log.getvalue()


def test_a_pulse_token_never_reaches_the_log(client, db, json_log):
    client.get("/svara/Zx9aBcd12efGh34ijKl/")
    client.post("/svara/Zx9aBcd12efGh34ijKl/", {})
    assert "Zx9aBcd12efGh34ijKl" not in json_log.getvalue()


LOG_CODE = (
    "import django, logging; django.setup(); "
    "logging.getLogger('kasam.pulse').warning('no address for %s', 'eva@example.invalid')"
)


def test_kasam_log_format_json_in_a_fresh_process(tmp_path):
    result = run_python(tmp_path, LOG_CODE, KASAM_LOG_FORMAT="json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stderr.strip().splitlines()[-1])
    assert data["message"] == "no address for [e-mail]"
    assert data["logger"] == "kasam.pulse" and data["level"] == "WARNING"


def test_the_text_format_is_the_default_and_redacts_too(tmp_path):
    result = run_python(tmp_path, LOG_CODE)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "no address for [e-mail]"


def test_an_unknown_log_format_is_refused(tmp_path):
    result = run_python(tmp_path, LOG_CODE, KASAM_LOG_FORMAT="xml")
    assert result.returncode != 0
    assert "KASAM_LOG_FORMAT must be text or json." in result.stderr
