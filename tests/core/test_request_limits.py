"""How large a body Kasam reads: 1 MB on every page, the import limit only on an import page and only
for a signed-in user who may import. A larger body is refused with 413 before any of it is read: the
attack was a 150 MB POST to the login page without logging in, which the worker read into memory."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kasam.org.models import Employment

MB = 1024 * 1024


class Body:
    """A request body that says it is `size` bytes long and counts what is read of it: the test can tell
    whether Kasam read the body without holding it in memory."""

    def __init__(self, size: int):
        self.size = size
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        left = self.size - self.read_bytes
        size = left if size is None or size < 0 else min(size, left)
        self.read_bytes += size
        return b"a" * size

    def readline(self, size: int = -1) -> bytes:
        return self.read(size)


def post_unread(client, url: str, size: int, content_type: str = "application/x-www-form-urlencoded"):
    body = Body(size)
    response = client.generic(
        "POST", url, b"", content_type, **{"wsgi.input": body, "CONTENT_LENGTH": str(size)}
    )
    return response, body


def test_a_large_post_to_the_login_page_is_refused_without_reading_it(client, db):
    response, body = post_unread(client, reverse("account_login"), 20 * MB)
    assert response.status_code == 413
    assert body.read_bytes == 0
    html = response.content.decode()
    assert "Det du skickade är för stort" in html
    assert "Kasam tar emot högst 1 MB från ett formulär" in html
    assert "Traceback" not in html


def test_a_large_multipart_post_is_refused_as_well(client, db):
    response, body = post_unread(client, reverse("account_login"), 5 * MB, "multipart/form-data; boundary=x")
    assert response.status_code == 413 and body.read_bytes == 0


def test_a_form_below_the_limit_is_read_as_before(client, personas):
    response = client.post(
        reverse("account_login"),
        {"login": "enhetschef", "password": "test-password-1", "padding": "x" * (MB // 2)},
    )
    assert response.status_code == 302


@pytest.mark.parametrize("who", [None, "enhetschef", "ledning", "medarbetare"])
def test_the_import_page_refuses_a_large_body_from_anyone_who_may_not_import(client, personas, who):
    if who:
        client.force_login(personas[who])
    for url in (reverse("org:import-file"), reverse("survey:import")):
        response, body = post_unread(client, url, 20 * MB, "multipart/form-data; boundary=x")
        assert response.status_code == 413
        assert body.read_bytes == 0
        assert "från ett formulär" in response.content.decode()


def test_the_import_page_refuses_a_file_over_the_import_limit_unread(client, personas, settings):
    settings.KASAM_IMPORT_MAX_MB = 10
    client.force_login(personas["hr"])
    response, body = post_unread(
        client, reverse("org:import-file"), 11 * MB, "multipart/form-data; boundary=x"
    )
    assert response.status_code == 413 and body.read_bytes == 0
    assert "Filen är större än 10 MB" in response.content.decode()


def test_an_importer_can_still_upload_a_file_larger_than_a_form(client, personas):
    """A 3 MB employments file (over the 1 MB of a form, under the import limit) is read and checked:
    one employment, and a column the import does not use, filled with 3 MB of notes."""
    client.force_login(personas["hr"])
    content = (
        "person_id,unit_id,start_date,end_date,rate,weekly_hours,pay,notes\n"
        f"P1,AO-SB1,2026-01-01,,75,40,monthly,{'x' * (3 * MB)}\n"
    ).encode()
    file = SimpleUploadedFile("anstallningar.csv", content, "text/csv")
    response = client.post(reverse("org:import-file"), {"kind": "employments", "file": file, "dry_run": "on"})
    assert response.status_code == 200
    assert "ser bra ut. Ingenting har sparats ännu." in response.content.decode()
    assert not Employment.objects.filter(start_date__year=2026).exists()


def test_gunicorn_replaces_a_worker_after_about_a_thousand_requests():
    """A worker that grew with a large import keeps its memory; gunicorn's config, as `kasam serve` and
    the systemd unit load it, replaces it after 1,000 requests plus a jitter of up to 100."""
    from gunicorn.app.base import Application

    class Loader(Application):
        def __init__(self):  # only the config, without gunicorn's command line
            self.usage, self.prog, self.callable, self.logger = None, None, None, None
            self.load_default_config()

        def load(self):
            raise NotImplementedError

    loader = Loader()
    loader.load_config_from_module_name_or_filename("python:kasam.core.gunicorn_conf")
    assert loader.cfg.max_requests == 1000
    assert loader.cfg.max_requests_jitter == 100
