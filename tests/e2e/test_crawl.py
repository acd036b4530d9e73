"""Every demo role's pages within two clicks of its start page, on a small demo municipality: each
answers 200 or a redirect, no page shows an English word in Swedish, and axe finds nothing on any
kind of page (each address pattern once, in Chromium)."""

import re
from collections import defaultdict
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from kasam.accounts.demo import DEMO_PASSWORD, DEMO_USERNAMES
from kasam.accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SKIPPED = ("/static/", "/konto/logout", "/i18n/", "/admin/", "/svara/", "/favicon")
DOWNLOADS = re.compile(r"\.(pdf|csv|xlsx|json|webmanifest)$|/export|/ladda-ner|/pdf/")
PER_PATTERN = 2
# Words that only an untranslated English text would put on a Swedish page. Words both languages
# have ("plan", "status", "period", "total", "signal", "version", "format"; "an" as in "ta sig an",
# "by" as in a village) are not listed.
ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "with",
        "from",
        "not",
        "yet",
        "your",
        "this",
        "that",
        "are",
        "be",
        "at",
        "on",
        "or",
        "it",
        "more",
        "less",
        "only",
        "each",
        "every",
        "after",
        "before",
        "between",
        "which",
        "who",
        "when",
        "where",
        "what",
        "how",
        "why",
        "there",
        "their",
        "they",
        "has",
        "have",
        "was",
        "were",
        "will",
        "can",
        "may",
        "must",
        "should",
        "would",
        "could",
        "shown",
        "hidden",
        "unit",
        "units",
        "sick",
        "leave",
        "survey",
        "pulse",
        "target",
        "targets",
        "plans",
        "report",
        "reports",
        "round",
        "rounds",
        "employee",
        "employees",
        "manager",
        "managers",
        "page",
        "none",
        "yes",
        "share",
        "change",
        "figure",
        "figures",
        "show",
        "save",
        "choose",
        "date",
        "source",
        "note",
        "notes",
        "new",
        "open",
        "closed",
        "back",
        "next",
        "previous",
        "search",
        "filter",
        "download",
        "print",
        "send",
        "results",
        "result",
        "answer",
        "answers",
        "question",
        "questions",
    ]
)


def pattern(path: str) -> str:
    """/puls/enheter/U012/ and /puls/enheter/U013/ are one kind of page."""
    return re.sub(r"/[^/]*\d[^/]*(?=/)", "/{}", path.split("?")[0])


def links(html: str) -> list[str]:
    found = []
    for href in re.findall(r'href="(/[^"#]*)"', html):
        href = unescape(href)
        if not href.startswith(SKIPPED) and not DOWNLOADS.search(href.split("?")[0]):
            found.append(href)
    return found


def english_words(html: str) -> set[str]:
    main = html.split("<main", 1)[-1].split("</main>", 1)[0]
    main = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", main, flags=re.S)
    main = re.sub(r'<[^>]+\blang="(?!sv)[^"]*"[^>]*>.*?</[^>]+>', " ", main, flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", " ", main))
    text = re.sub(r"\S+\.(csv|xlsx|pdf|json)\b", " ", text)  # a file's name is the file's
    # Whole words only: a hash or id ("c2be746d") holds no word.
    return {word for word in re.findall(r"\b[a-z]+\b", text) if word in ENGLISH}


def crawl(client: Client) -> dict[str, str]:
    """{address: pattern} of the start page and the pages within two clicks of it, at most PER_PATTERN
    addresses a pattern; fails on any answer but 200 and a redirect, and on English words."""
    seen: dict[str, str] = {}
    per_pattern: dict[str, int] = defaultdict(int)
    level = ["/"]
    for _depth in range(3):
        following = []
        for path in level:
            if path in seen or per_pattern[pattern(path)] >= PER_PATTERN:
                continue
            seen[path] = pattern(path)
            per_pattern[pattern(path)] += 1
            response = client.get(path)
            assert response.status_code in (200, 302), (path, response.status_code)
            if response.status_code == 302 and response["Location"].startswith("/"):
                following.append(response["Location"])  # the employee's start: their workplace page
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                html = response.content.decode()
                assert not english_words(html), (path, sorted(english_words(html)))
                following += links(html)
        level = following
    return seen


def test_every_role_crawls_its_pages_in_swedish_and_axe_finds_nothing(
    transactional_db, live_server, new_page, login, assert_accessible
):
    call_command("demo", "--no-serve", "--employees", "150", "--years", "2", stdout=StringIO())
    checked: set[str] = set()
    for username in sorted(DEMO_USERNAMES):
        client = Client()
        client.force_login(User.objects.get(username=username))
        pages = crawl(client)
        assert len(pages) >= 5, (username, pages)
        fresh = {p: pat for p, pat in pages.items() if pat not in checked}
        if not fresh:
            continue
        page = new_page()
        login(page, username, DEMO_PASSWORD)
        for path, found in fresh.items():
            page.goto(live_server.url + path)
            assert_accessible(page)
            checked.add(found)
        page.close()
    assert len(checked) >= 40  # kinds of page axe has seen (50 on the demo of this test)
