"""Hardening (docs/operations.md "Security headers"): the Content Security Policy and the other security
headers on every kind of response, templates that need no inline code, and Django's deployment checks with
production settings."""

import re
import secrets
import string
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from kasam_process import run_kasam, run_python

from kasam.core.security import CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY
from kasam.pulse import actions, question_bank
from kasam.pulse.models import Programme, Round

REPO = Path(__file__).resolve().parents[2]

EXPECTED_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "object-src": "'none'",
}


def directives(header: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def assert_security_headers(response):
    assert directives(response["Content-Security-Policy"]) == EXPECTED_POLICY
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_the_policy_allows_nothing_inline_and_nothing_from_elsewhere():
    assert "unsafe" not in CONTENT_SECURITY_POLICY
    assert "*" not in CONTENT_SECURITY_POLICY and "http" not in CONTENT_SECURITY_POLICY
    assert "camera=()" in PERMISSIONS_POLICY and "geolocation=()" in PERMISSIONS_POLICY


def test_the_headers_are_on_a_page(client, personas):
    client.force_login(personas["halsostrateg"])
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert_security_headers(response)


def test_the_headers_are_on_the_login_page(client, db):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    assert_security_headers(response)


def test_the_headers_are_on_a_404(client, personas):
    client.force_login(personas["hr"])
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert_security_headers(response)


def test_the_headers_are_on_the_pulse_answer_page(client, org, settings):
    settings.KASAM_PULSE_K = 3
    settings.KASAM_TOKEN_KEY = "test-token-key"
    programme = Programme.objects.create(name="Puls", root_unit_id="SOC")
    round = Round.objects.create(
        programme=programme,
        number=1,
        opens_on=date(2026, 11, 23),
        closes_on=date(2026, 11, 29),
        statement_ids=["beg1", "han1", "men1", question_bank.HEALTH_ID],
    )
    _invitation, token = actions.open_round(round)[0]
    response = client.get(f"/svara/{token}/")
    assert response.status_code == 200
    assert_security_headers(response)
    assert b"<script" not in response.content
    forged = client.get("/svara/not-a-real-token/")
    assert_security_headers(forged)


def test_the_headers_are_on_the_health_check(client, db):
    assert_security_headers(client.get(reverse("core:health")))


def test_a_view_may_set_its_own_policy(rf):
    from django.http import HttpResponse

    from kasam.core.security import SecurityHeadersMiddleware

    def view(request):
        response = HttpResponse("x")
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    response = SecurityHeadersMiddleware(view)(rf.get("/"))
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


# Inline code the policy would block: a <script> without src, an inline event handler, a javascript:
# URL, a <style> element or a style attribute. A JSON data block (<script type="application/json">,
# allauth's way of handing WebAuthn options to its static script) is never run, so CSP allows it.
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>|\son[a-z]+\s*=|javascript:|<style[\s>]"
    r"|\sstyle\s*=",
    re.IGNORECASE,
)
# The QR sheet is laid out as a PDF (kasam.pulse.qr.render_qr_pdf) and the health column's newsletter
# fragment is copied into an e-mail program (kasam.workplace.column_views.snippet_html, shown only as
# escaped text or downloaded): no view serves either as a page under Kasam's policy, and each must work
# on its own, so they keep their styles inline.
NOT_SERVED = {"pulse/qr_sheet.html", "workplace/column_snippet.html"}


def test_no_served_template_has_inline_script_or_style():
    found = []
    for template in sorted((REPO / "kasam").glob("**/templates/**/*.html")):
        name = template.as_posix().split("/templates/", 1)[1]
        if name in NOT_SERVED:
            continue
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            if INLINE.search(line):
                found.append(f"{name}:{number}: {line.strip()}")
    assert not found, "inline code that the Content Security Policy blocks:\n" + "\n".join(found)


def test_charts_carry_no_style_attributes(db):
    from kasam.core.charts import bar_chart, heatmap, line_chart

    rows = [{"month": date(2025, m, 1), "pct": 3.0 + m, "unit": u} for m in (1, 2, 3) for u in ("A", "B")]
    charts = [
        line_chart(rows, x="month", y="pct", series="unit", title="T", y_title="%"),
        bar_chart(rows, x="unit", y="pct", title="T", y_title="%", horizontal=True),
        heatmap(rows, x="month", y="unit", value="pct", title="T", value_title="%"),
    ]
    for chart in charts:
        assert not INLINE.search(str(chart.svg)), str(chart.svg)[:300]


PRODUCTION = {
    "DEBUG": "false",
    # 50 random letters and digits, as CI makes it.
    "SECRET_KEY": "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(50)),
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_PRELOAD": "true",
    "ALLOWED_HOSTS": "kasam.example.org",
}


def test_check_deploy_passes_with_production_settings(tmp_path):
    """CI's step 5 as a test: `kasam check --deploy --fail-level WARNING` with production settings."""
    result = run_kasam(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_make_cookies_secure_and_send_hsts(tmp_path):
    code = (
        "import json; from django.conf import settings as s; print(json.dumps([s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, s.SECURE_REFERRER_POLICY, "
        "'kasam.core.security.SecurityHeadersMiddleware' in s.MIDDLEWARE]))"
    )
    result = run_python(tmp_path, code, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == '[true, true, true, 31536000, true, true, "same-origin", true]'


@pytest.mark.parametrize("path", ["/", "/konto/logga-in/"])
def test_plain_http_is_redirected_but_the_health_check_answers(client, db, settings, path):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(path).status_code == 301
    assert client.get(reverse("core:health")).status_code == 200
