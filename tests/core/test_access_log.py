"""gunicorn's access log (kasam serve, production) holds no pulse token (ADR 008)."""

from datetime import timedelta
from types import SimpleNamespace

from gunicorn.config import Config

from kasam.core.gunicorn_conf import RedactingLogger


def test_the_access_log_line_has_no_pulse_token():
    logger = RedactingLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/svara/Qx7-secret-token/?steg=2",
        "PATH_INFO": "/svara/Qx7-secret-token/",
        "QUERY_STRING": "steg=2",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": "https://kasam.example/svara/Qx7-secret-token/",
        "REMOTE_ADDR": "10.0.0.5",
    }
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    request = SimpleNamespace(headers=[("REFERER", "https://kasam.example/svara/Qx7-secret-token/")])
    atoms = logger.atoms(response, request, environ, timedelta(milliseconds=12))
    line = logger.cfg.access_log_format % atoms
    assert "Qx7-secret-token" not in str(atoms) and "Qx7-secret-token" not in line
    assert "GET /svara/[token]/?steg=2 HTTP/1.1" in line and "10.0.0.5" in line
