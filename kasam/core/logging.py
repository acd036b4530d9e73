"""Logs an operator can collect without collecting personal data (docs/operations.md "Logs").

- `PersonalDataFilter` (on the console handler, whatever the format) rewrites every record before it
  is written: e-mail addresses become `[e-mail]`, Swedish personal identity and co-ordination numbers
  (personnummer, samordningsnummer: YYMMDD-NNNN, YYYYMMDDNNNN, …) become `[personnummer]`, and the
  token of a pulse link (`/svara/<token>/`, ADR 008) becomes `[token]` – in the message, its
  arguments and any traceback. It works by pattern, so it is a safety net, not a licence: Kasam's own
  code logs ids and counts, never names.
- `JsonFormatter` writes one JSON object per line (`KASAM_LOG_FORMAT=json`): timestamp (UTC, ISO 8601),
  level, logger, message, and for a request's records (django.request) its request id, method, path
  (without the query string) and status; `exception` holds a traceback.
- `RequestIdMiddleware` gives each request an id – the proxy's `X-Request-ID` when it looks like one
  (nginx: `proxy_set_header X-Request-ID $request_id`), otherwise a new one – puts it on every
  record logged while the request runs and sends it back as `X-Request-ID`.

Configured in kasam/settings.py (LOGGING); docs/operations.md shows a line of output.
"""

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

REQUEST_ID_HEADER = "X-Request-ID"
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("kasam_request_id", default="")
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Personnummer and samordningsnummer (day + 60): [CC]YYMMDD, then -, + or nothing, then four digits.
PERSONNUMMER = re.compile(
    r"(?<![0-9])(?:19|20)?[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]|6[1-9]|[78][0-9]|9[01])"
    r"[-+]?[0-9]{4}(?![0-9])"
)
# The pulse answer page's token is a key to one person's link (ADR 008): never written to a log.
PULSE_TOKEN = re.compile(r"/svara/(?!tack/)[^/\s?#\"']+")


def redact(text: str) -> str:
    """The text with e-mail addresses, personal identity numbers and pulse tokens replaced."""
    text = EMAIL.sub("[e-mail]", text)
    text = PERSONNUMMER.sub("[personnummer]", text)
    return PULSE_TOKEN.sub("/svara/[token]", text)


class PersonalDataFilter(logging.Filter):
    """Redacts every record (message, arguments, traceback) in place; never drops one."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep what there is, redacted
            message = f"{record.msg} {record.args}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
            # The redacted text replaces the traceback; formatters use exc_text when it is set.
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line. Uses only the record's own fields and a request's id, method, path
    and status – never its headers, cookies, query string, body or user."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "timestamp": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        request_id = getattr(request, "request_id", "") or _request_id.get()
        if request_id:
            entry["request_id"] = request_id
        if hasattr(request, "path") and hasattr(request, "method"):
            entry["method"] = request.method
            entry["path"] = redact(request.path)
        status = getattr(record, "status_code", None)
        if isinstance(status, int):
            entry["status"] = status
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def current_request_id() -> str:
    """The id of the request this thread is serving, or ""."""
    return _request_id.get()


class RequestIdMiddleware:
    """A request id for the logs: the proxy's X-Request-ID if it is a plausible id, else a new one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = given if _VALID_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response.headers.setdefault(REQUEST_ID_HEADER, request_id)
        return response
