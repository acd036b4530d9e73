"""QR codes of pulse links, for staff without a work phone or e-mail.

`qr_svg(url)` draws one link as an inline SVG (segno, pure Python); `render_qr_sheet(pairs)` renders a
printable page from the (invitation, raw token) pairs of open_round/invite/send_invitations: one card
per person with name, code and "Skanna koden med mobilens kamera" (msgid "Scan the code with your
phone's camera"); `render_qr_pdf(pairs)` lays that page out as a tagged PDF (PDF/UA-1, as every PDF
of Kasam) for the operator to print. It holds live links, so it is handed over like sealed letters and
never stored by Kasam.
"""

from collections.abc import Iterable

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from kasam.pulse.messaging import answer_url
from kasam.pulse.models import Invitation


def qr_code(url: str) -> segno.QRCode:
    """The QR code of a link: error correction M, so a creased print still scans."""
    return segno.make_qr(url, error="m", boost_error=False)


def qr_svg(url: str, title: str = "") -> str:
    """An inline <svg> of the link's QR code, black on white with its quiet zone, sized by CSS."""
    svg = qr_code(url).svg_inline(scale=4, border=4, dark="#000", light="#fff", omitsize=True)
    label = escape(title) if title else ""
    # An accessible name (the printed instruction says what to do with it); segno escapes nothing else.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1) if label else svg


def render_qr_sheet(pairs: Iterable[tuple[Invitation, str]], title: str = "") -> str:
    """A printable HTML page with one card per (invitation, raw token): the person's name, the QR code
    of the link and a short instruction. Sorted by name so cards are easy to hand out."""
    cards = []
    for invitation, token in pairs:
        person = invitation.person
        name = f"{person.first_name} {person.last_name}".strip() or str(person.pk)
        cards.append({"name": name, "svg": mark_safe(qr_svg(answer_url(token), title=name))})  # noqa: S308
    cards.sort(key=lambda card: card["name"].casefold())
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("pulse/qr_sheet.html", {"cards": cards, "title": title})


def render_qr_pdf(pairs: Iterable[tuple[Invitation, str]], title: str = "") -> bytes:
    """The QR sheet as a tagged PDF (PDF/UA-1): A4, cards that never break over a page."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_qr_sheet(pairs, title)
    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, url_fetcher=fetcher, base_url="data:,").write_pdf(pdf_variant="pdf/ua-1")
