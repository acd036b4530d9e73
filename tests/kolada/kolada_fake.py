"""A local stand-in for Kolada's API v3, built from Kolada's documented answers (docs/kolada.md lists
which parts are documented and which are assumptions): an http.server on 127.0.0.1, port 0, in a
thread. Nothing here reaches the internet.

    {"values": [...], "count": <length of values>, "next_url" | "next_page": <full URL of the next page>}

- /v3/kpi/{ids}                  {"id", "title", "description", "operating_area", …}
- /v3/municipality/{ids}         {"id", "title", "type": "K" | "L"}
- /v3/municipality_groups?title= {"id", "title", "members": [{"member_id", "member_title"}]} – title search
- /v3/data/kpi/{kpis}/municipality/{ids}/year/{years}
      {"kpi", "municipality", "period", "values": [{"count", "gender", "status", "value"}]}

A scripted answer for an exact path and query (`script`) comes first, in order (the last one repeats);
otherwise the answer is built from the data set. `page_size` splits a list into pages, linked by
`paging_field` ("next_url" or "next_page")."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

KPI_TITLES = {
    "N00090": "Sjukfrånvaro totalt, kommunalt anställda, andel (%)",
    "N00091": "Sjukfrånvaro 60 dagar eller mer, kommunalt anställda, andel av total sjukfrånvaro (%)",
    "N00216": "Personalomsättning, kommunalt anställda, andel (%)",
    "U00200": "Hållbart medarbetarengagemang (HME), kommun, totalt index",
    "N21006": "Kostnad hemtjänst äldreomsorg, kr/hemtjänsttagare",
    "N23009": "Kostnad särskilt boende äldreomsorg, kr/brukare",
}
YEARS = range(2020, 2025)
GROUPS = [
    {"id": "G150002", "title": "Liknande kommuner äldreomsorg, Kalix, 2022"},
    {"id": "G176600", "title": "Liknande kommuner äldreomsorg, Kalix, 2024"},
    {"id": "G37402", "title": "Liknande kommuner, övergripande, Kalix, 2025"},
    {"id": "G35902", "title": "Liknande kommuner grundskola, Kalix, 2024"},
    {"id": "G99999", "title": "Liknande kommuner äldreomsorg, Kalixbygden, 2024"},
]


def value_of(kpi: str, unit: str, year: int) -> float:
    """A made-up but recognisable figure: the KPI's base, the unit's offset and the year."""
    base = {"N00090": 8.0, "N00091": 40.0, "N00216": 10.0, "U00200": 78.0, "N21006": 400000, "N23009": 990000}
    offset = {"2514": 0, "0025": 1, "G150002": 2, "G176600": 3}.get(unit, 9)
    step = 1000 if base[kpi] > 1000 else 0.1
    return round(base[kpi] + offset * step * 10 + (year - 2020) * step, 1)


class FakeKolada:
    def __init__(self):
        self.scripted: dict[str, list[tuple[int, object, dict]]] = {}
        self.requests: list[str] = []  # every request's path and query, in order
        self.page_size: int | None = None
        self.paging_field = "next_url"
        self.kpis = {
            k: {"id": k, "title": t, "description": f"Beskrivning av {k}."} for k, t in KPI_TITLES.items()
        }
        self.municipalities = {
            "2514": {"id": "2514", "title": "Kalix", "type": "K"},
            "0025": {"id": "0025", "title": "Region Norrbotten", "type": "L"},
        }
        self.groups = [{**g, "members": [{"member_id": "2506", "member_title": "Arjeplog"}]} for g in GROUPS]
        self.data: dict[tuple[str, str, int], list[dict]] = {}
        for kpi in KPI_TITLES:
            for unit in ("2514", "0025", "G150002", "G176600"):
                for year in YEARS:
                    self.data[(kpi, unit, year)] = [
                        {"count": 1, "gender": "T", "status": "", "value": value_of(kpi, unit, year)}
                    ]
        # Sick leave is divided by gender: women and men besides the total.
        for year in YEARS:
            self.data[("N00090", "2514", year)] += [
                {"count": 1, "gender": "K", "status": "", "value": 9.5},
                {"count": 1, "gender": "M", "status": "", "value": 5.5},
            ]
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                status, body, headers = fake.answer(self.path)
                payload = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def base_url(self) -> str:
        return self.root + "/v3"

    def start(self) -> "FakeKolada":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def script(self, target: str, *answers: tuple) -> None:
        """Answers for `target` (path and query, e.g. "/v3/kpi/N00090"), in order: (status, body) or
        (status, body, headers)."""
        self.scripted[target] = [(a[0], a[1], a[2] if len(a) > 2 else {}) for a in answers]

    def requests_to(self, prefix: str) -> list[str]:
        return [r for r in self.requests if r.startswith(prefix)]

    # -- answers --------------------------------------------------------------------------------------

    def answer(self, target: str) -> tuple[int, object, dict]:
        self.requests.append(target)
        if target in self.scripted:
            queue = self.scripted[target]
            return queue.pop(0) if len(queue) > 1 else queue[0]
        parts = urlsplit(target)
        segments = [unquote(s) for s in parts.path.split("/") if s]
        query = parse_qs(parts.query)
        page = int(query.get("page", ["1"])[0])
        if segments[:1] != ["v3"]:
            return 404, {"error": "not found"}, {}
        route = segments[1:]
        if len(route) == 2 and route[0] == "kpi":
            found = [self.kpis[i] for i in route[1].split(",") if i in self.kpis]
        elif len(route) == 2 and route[0] == "municipality":
            found = [self.municipalities[i] for i in route[1].split(",") if i in self.municipalities]
        elif route == ["municipality_groups"]:
            title = query.get("title", [""])[0].casefold()
            found = [g for g in self.groups if title in g["title"].casefold()]
        elif len(route) == 7 and route[0] == "data" and route[1::2] == ["kpi", "municipality", "year"]:
            found = [
                {"kpi": k, "municipality": m, "period": int(y), "values": self.data[(k, m, int(y))]}
                for k in route[2].split(",")
                for m in route[4].split(",")
                for y in route[6].split(",")
                if (k, m, int(y)) in self.data
            ]
        else:
            return 404, {"error": f"no route {parts.path}"}, {}
        return 200, self.paged(parts.path, found, page), {}

    def paged(self, path: str, found: list, page: int) -> dict:
        if not self.page_size:
            return {"values": found, "count": len(found)}
        start = (page - 1) * self.page_size
        values = found[start : start + self.page_size]
        body = {"values": values, "count": len(values)}
        if start + self.page_size < len(found):
            body[self.paging_field] = f"{self.root}{path}?page={page + 1}"
        return body
