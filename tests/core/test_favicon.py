"""Every page names Kasam's icon, and /favicon.ico (asked for by browsers whatever a page says) leads
to it: before there was none, and every browser's first request was a 404."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders


def test_pages_name_the_icon_and_favicon_ico_leads_to_it(client, db):
    html = client.get("/konto/login/", follow=True).content.decode()
    [icon] = re.findall(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)
    assert icon.endswith(".svg") and "icon" in icon
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == icon
    svg = Path(finders.find("kasam/icon.svg")).read_text()
    assert svg.startswith("<svg") and 'viewBox="0 0 64 64"' in svg
