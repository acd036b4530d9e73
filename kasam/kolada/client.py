"""Our own small client of Kolada's API v3, on the standard library (docs/kolada.md says which parts
follow Kolada's documentation and which are assumptions not yet verified against the live service).

- One GET has a timeout (KASAM_KOLADA_TIMEOUT) and at most three attempts: a 429 or a 5xx answer, a
  timeout or a dropped connection is tried again after a pause – the Retry-After header's when given
  (seconds or an HTTP date, at most MAX_WAIT), else 1 s and then 2 s. Any other error answer is final.
- A list query follows `next_url` or `next_page` (either name) until the answer has neither; a page
  on another server, a page read twice or more than MAX_PAGES pages stop it.
- At most MAX_IDS ids of a kind go into one request; longer lists are split into several requests.
- It gives up by raising KoladaError, which names the URL and the status. It never returns a part of
  an answer: a method returns every page of every request, or raises.

The pause is injectable (`sleep=`; time.sleep by default), so that tests never wait."""

import email.utils
import http.client
import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import product
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlencode, urljoin, urlsplit
from urllib.request import Request, urlopen

MAX_IDS = 25
ATTEMPTS = 3
MAX_PAGES = 1000
MAX_WAIT = 120.0  # seconds; a longer Retry-After is cut to this
BACKOFF = 1.0  # seconds before the second attempt; doubled before the third
GROUPS_PATH = "municipality_groups"


class KoladaError(Exception):
    """Kolada could not be read. The message names the URL and, when there was an answer, its status."""

    def __init__(self, message: str, url: str, status: int | None = None):
        super().__init__(message)
        self.url = url
        self.status = status


@dataclass(frozen=True)
class Answer:
    """One page as Kolada sent it: its URL, when it arrived and its JSON."""

    url: str
    fetched_at: datetime
    body: dict

    @property
    def values(self) -> list:
        return self.body["values"]


def values(answers: Iterable[Answer]) -> list:
    """The `values` of every page, in order."""
    return [value for answer in answers for value in answer.values]


def chunks(ids: Sequence[str], size: int = MAX_IDS) -> list[list[str]]:
    """`ids` without repeats, in order, in lists of at most `size`."""
    unique = list(dict.fromkeys(str(i) for i in ids))
    return [unique[start : start + size] for start in range(0, len(unique), size)]


class KoladaClient:
    def __init__(
        self,
        base_url: str | None = None,
        timeout: float | None = None,
        *,
        sleep: Callable[[float], object] | None = None,
        now: Callable[[], datetime] | None = None,
        attempts: int = ATTEMPTS,
    ):
        if base_url is None or timeout is None:
            from django.conf import settings

            base_url = base_url or settings.KASAM_KOLADA_URL
            timeout = timeout if timeout is not None else settings.KASAM_KOLADA_TIMEOUT
        parts = urlsplit(base_url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise ValueError(f"KASAM_KOLADA_URL must be an http(s) address, not {base_url!r}.")
        self.base_url = base_url.rstrip("/")
        self.timeout = float(timeout)
        self.sleep = sleep or time.sleep
        self.now = now or (lambda: datetime.now(UTC))
        self.attempts = max(1, attempts)
        self.requests = 0  # GETs sent, retries included

    # -- what Kasam asks ------------------------------------------------------------------------------

    def kpis(self, ids: Sequence[str]) -> list[Answer]:
        """The metadata of KPIs by id: /kpi/{ids}."""
        return [page for chunk in chunks(ids) for page in self.get_all(self.url("kpi", chunk))]

    def municipalities(self, ids: Sequence[str]) -> list[Answer]:
        """Municipalities and counties (regions) by id: /municipality/{ids}."""
        return [page for chunk in chunks(ids) for page in self.get_all(self.url("municipality", chunk))]

    def municipality_groups(self, title: str) -> list[Answer]:
        """The municipality groups whose title contains `title`: /municipality_groups?title=…"""
        return self.get_all(self.url(GROUPS_PATH, query={"title": title}))

    def data(self, kpis: Sequence[str], municipalities: Sequence[str], years: Sequence[int]) -> list[Answer]:
        """Values: /data/kpi/{kpis}/municipality/{ids}/year/{years}, one request per combination of
        chunks (a municipality id may be a group's)."""
        pages = []
        for kpi_chunk, unit_chunk, year_chunk in product(
            chunks(kpis), chunks(municipalities), chunks([str(y) for y in years])
        ):
            url = self.url("data", "kpi", kpi_chunk, "municipality", unit_chunk, "year", year_chunk)
            pages += self.get_all(url)
        return pages

    # -- the mechanics --------------------------------------------------------------------------------

    def url(self, *segments: str | Sequence[str], query: dict | None = None) -> str:
        """The base URL with `segments` (a list joins with commas), each percent-encoded."""
        parts = [",".join(s) if not isinstance(s, str) else s for s in segments]
        url = self.base_url + "/" + "/".join(quote(part, safe=",") for part in parts)
        return url + ("?" + urlencode(query) if query else "")

    def get_all(self, url: str) -> list[Answer]:
        """Every page of a list query, following `next_url` or `next_page`."""
        pages: list[Answer] = []
        seen: set[str] = set()
        current: str | None = url
        while current:
            if current in seen:
                raise KoladaError(f"Kolada's paging came back to a page already read: {current}", current)
            if len(pages) >= MAX_PAGES:
                raise KoladaError(f"Kolada's paging went on for more than {MAX_PAGES} pages: {url}", url)
            seen.add(current)
            answer = self.get(current)
            pages.append(answer)
            following = answer.body.get("next_url") or answer.body.get("next_page")
            current = self._next(current, following) if following else None
        return pages

    def get(self, url: str) -> Answer:
        """One page, with the retries of the module's docstring."""
        for attempt in range(1, self.attempts + 1):
            self.requests += 1
            retry_after = None
            try:
                # The scheme is checked in __init__ and in _next: only http(s) addresses get here.
                headers = {"Accept": "application/json", "User-Agent": "Kasam"}
                request = Request(url, headers=headers)  # noqa: S310
                with urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                    raw = response.read()
            except HTTPError as error:
                status, reason = error.code, error.reason
                retry_after = error.headers.get("Retry-After") if error.headers else None
                error.close()
                if status != 429 and not 500 <= status <= 599:
                    raise KoladaError(f"Kolada answered {status} {reason} to {url}", url, status) from None
                if attempt == self.attempts:
                    raise KoladaError(
                        f"Kolada answered {status} {reason} to {url}, {attempt} times in a row", url, status
                    ) from None
            except (URLError, TimeoutError, OSError, http.client.HTTPException) as error:
                reason = getattr(error, "reason", None) or error.__class__.__name__
                if attempt == self.attempts:
                    raise KoladaError(
                        f"No answer from Kolada for {url} ({reason}), {attempt} times in a row", url
                    ) from None
            else:
                return Answer(url, self.now(), self._json(url, raw))
            self.sleep(self._wait(retry_after, attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    def _json(self, url: str, raw: bytes) -> dict:
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise KoladaError(f"Kolada's answer to {url} is not JSON", url, 200) from None
        if not isinstance(body, dict) or not isinstance(body.get("values"), list):
            raise KoladaError(f"Kolada's answer to {url} has no list of values", url, 200)
        return body

    def _next(self, current: str, following: str) -> str:
        url = urljoin(current, str(following))
        here, there = urlsplit(self.base_url), urlsplit(url)
        if (there.scheme, there.netloc) != (here.scheme, here.netloc):
            raise KoladaError(f"Kolada's next page is on another server: {url} (after {current})", current)
        return url

    def _wait(self, retry_after: str | None, attempt: int) -> float:
        """Seconds before the next attempt: Retry-After when it can be read, else the backoff."""
        seconds = None
        if retry_after:
            text = retry_after.strip()
            if text.isdigit():
                seconds = float(text)
            else:
                try:
                    when = email.utils.parsedate_to_datetime(text)
                except (TypeError, ValueError):
                    when = None
                if when is not None and when.tzinfo is not None:
                    seconds = (when - self.now()).total_seconds()
        if seconds is None:
            seconds = BACKOFF * 2 ** (attempt - 1)
        return min(max(seconds, 0.0), MAX_WAIT)
