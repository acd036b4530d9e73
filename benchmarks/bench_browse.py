"""Every page within two clicks of the start page, as the health strategist, an area manager and a unit
manager see it, on a demo municipality served by gunicorn on PostgreSQL (targets: every page p95 under
200 ms warm; 20 sessions browsing at once for 60 s: at least 50 requests/s, p95 under 1 s, no errors).

    .venv/bin/python benchmarks/bench_browse.py --employees 50000 --seed 1 \\
        --database-url postgres://kasam:kasam@127.0.0.1/kasam_browse

The database named by --database-url is dropped and built again with `kasam demo --no-serve --employees
N --seed S` (timed) unless --reuse is given; the role may need CREATEDB. Then gunicorn serves it with
--workers sync workers, and this process:
1. logs in as `halsostrateg`, `omradeschef` and `enhetschef` (the demo's logins) and follows every link
   of the start page and of the pages those lead to (two clicks; downloads and forms are not followed),
   keeping at most --per-pattern addresses of one pattern (a unit's page stands for all units' pages);
2. requests each address --warm times to warm it (enough for each worker to have served it once, as a
   Monday morning's first users do), then --repeat times, and reports p50/p95 and the size of the HTML
   per role and pattern;
3. runs --sessions concurrent sessions (the three roles in turn), each requesting a random one of its
   role's addresses after the other for --duration seconds, and reports requests/s, p50/p95/p99 and
   errors.
Exits non-zero when a page's p95 is over --page-budget ms or larger than --size-budget KB, or when the
concurrent run misses its targets."""

import argparse
import http.cookiejar
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

from bench_pulse_submit import free_port, start_gunicorn
from machine import cpu_model

ROLES = ("halsostrateg", "omradeschef", "enhetschef")
PASSWORD = "kasam-demo"
TODAY = "2026-11-25"
# Links that are not pages to time: leaving, switching language, files and the admin.
SKIPPED = re.compile(r"^/(konto/logga-ut|i18n|static|media|admin)|\.(pdf|xlsx|csv|zip|json|svg|png)$|/export")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def pattern(url: str) -> str:
    """The address with its ids replaced: /puls/enhet/U0042/ → /puls/enhet/{}/."""
    parts = urllib.parse.urlsplit(url)
    path = "/".join("{}" if re.search(r"\d", segment) else segment for segment in parts.path.split("/"))
    keys = "&".join(sorted(urllib.parse.parse_qs(parts.query)))
    return f"{path}?{keys}" if keys else path


class Session:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, bytes, str, float]:
        started = time.perf_counter()
        try:
            with self.opener.open(self.base + path, timeout=60) as response:
                body = response.read()
                status, kind = response.status, response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            body, status, kind = error.read(), error.code, error.headers.get("Content-Type", "")
        return status, body, kind, (time.perf_counter() - started) * 1000

    def login(self, username: str) -> None:
        self.get("/konto/logga-in/")
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        data = urllib.parse.urlencode({"login": username, "password": PASSWORD, "csrfmiddlewaretoken": token})
        request = urllib.request.Request(
            self.base + "/konto/logga-in/", data=data.encode(), headers={"Referer": self.base + "/"}
        )
        with self.opener.open(request, timeout=60) as response:
            response.read()
        if not any(c.name == "sessionid" for c in self.jar):
            raise RuntimeError(f"could not log in as {username}")


def links_of(body: bytes) -> list[str]:
    parser = Links()
    parser.feed(body.decode("utf-8", "replace"))
    found = []
    for href in parser.hrefs:
        parts = urllib.parse.urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/") or SKIPPED.search(parts.path):
            continue
        found.append(urllib.parse.urlunsplit(("", "", parts.path, parts.query, "")))
    return found


def crawl(session: Session, per_pattern: int) -> list[str]:
    """The start page and the pages within two clicks of it, at most `per_pattern` of each pattern."""
    kept: dict[str, list[str]] = defaultdict(list)
    seen = {"/"}
    kept[pattern("/")].append("/")
    frontier = ["/"]
    for _depth in range(2):
        following = []
        for url in frontier:
            status, body, kind, _ms = session.get(url)
            if status != 200 or "text/html" not in kind:
                continue
            for link in links_of(body):
                if link in seen or len(kept[pattern(link)]) >= per_pattern:
                    continue
                seen.add(link)
                kept[pattern(link)].append(link)
                following.append(link)
        frontier = following
    return [url for urls in kept.values() for url in urls]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def time_pages(session: Session, urls: list[str], repeat: int, warm: int) -> dict[str, dict]:
    """Per pattern: p50/p95 over every address of the pattern × `repeat` after `warm` unmeasured
    requests, largest HTML, statuses."""
    times: dict[str, list[float]] = defaultdict(list)
    sizes: dict[str, int] = defaultdict(int)
    statuses: dict[str, set[int]] = defaultdict(set)
    for url in urls:
        for _ in range(warm):  # which worker takes a request is the kernel's choice: warm them all
            session.get(url)
        for _ in range(repeat):
            status, body, kind, ms = session.get(url)
            if "text/html" not in kind and status == 200:
                break  # a file behind a link that looked like a page: not a page to time
            times[pattern(url)].append(ms)
            sizes[pattern(url)] = max(sizes[pattern(url)], len(body))
            statuses[pattern(url)].add(status)
    return {
        key: {
            "p50": statistics.median(values),
            "p95": percentile(values, 0.95),
            "kb": sizes[key] / 1024,
            "statuses": sorted(statuses[key]),
        }
        for key, values in times.items()
    }


def concurrent(base: str, urls: dict[str, list[str]], sessions: int, duration: float) -> dict:
    results: list[tuple[float, int]] = []
    lock = threading.Lock()
    stop = time.monotonic() + duration
    logged_in = threading.Barrier(sessions)

    def browse(index: int):
        role = ROLES[index % len(ROLES)]
        session = Session(base)
        session.login(role)
        rng = random.Random(index)
        logged_in.wait()
        mine = []
        while time.monotonic() < stop:
            status, _body, _kind, ms = session.get(rng.choice(urls[role]))
            mine.append((ms, status))
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=browse, args=(i,)) for i in range(sessions)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    times = [ms for ms, _ in results]
    errors = sum(1 for _, status in results if status >= 400)
    return {
        "requests": len(results),
        "per_second": len(results) / min(wall, duration),
        "p50": statistics.median(times),
        "p95": percentile(times, 0.95),
        "p99": percentile(times, 0.99),
        "errors": errors,
    }


def build_demo(database_url: str, employees: int, seed: int, env: dict) -> float:
    admin = re.sub(r"/[^/]*$", "/postgres", database_url)
    name = database_url.rsplit("/", 1)[1]
    for sql in (f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'):
        subprocess.run(["psql", admin, "-X", "-q", "-c", sql], check=True)
    started = time.monotonic()
    subprocess.run(
        [
            str(Path(sys.executable).parent / "kasam"),
            "demo",
            "--no-serve",
            "--employees",
            str(employees),
            "--seed",
            str(seed),
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="postgres://… of a database of its own")
    parser.add_argument("--employees", type=int, default=50000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="serve the database as it is")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument(
        "--warm", type=int, default=3, help="unmeasured requests per address first (≥ --workers)"
    )
    parser.add_argument("--per-pattern", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--page-budget", type=float, default=200, help="ms, p95 of each page")
    parser.add_argument("--size-budget", type=float, default=150, help="KB of HTML per page")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # each role's table as soon as it is measured
    var_dir = tempfile.mkdtemp(prefix="kasam-bench-browse-")
    os.environ.update(
        DATABASE_URL=args.database_url,
        KASAM_VAR_DIR=var_dir,
        KASAM_TODAY=TODAY,
        KASAM_TASKS_BACKEND="immediate",
        KASAM_INSECURE_HTTP="true",
        # The demo's logins are timed as a session that has given its second factor (the check costs
        # the same: one look at the session).
        KASAM_MFA_REQUIRED_ROLES="",
        DJANGO_SETTINGS_MODULE="kasam.settings",
    )
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores; gunicorn {args.workers} sync workers; PostgreSQL")
    if not args.reuse:
        built = build_demo(args.database_url, args.employees, args.seed, dict(os.environ))
        print(f"kasam demo --no-serve --employees {args.employees} --seed {args.seed}: {built:.0f} s")
    kasam = str(Path(sys.executable).parent / "kasam")
    subprocess.run([kasam, "collectstatic", "--noinput", "--verbosity", "0"], check=True)
    port = free_port()
    server = start_gunicorn(port, args.workers, var_dir)
    base = f"http://127.0.0.1:{port}"
    failed = []
    try:
        urls = {}
        for role in ROLES:
            session = Session(base)
            session.login(role)
            urls[role] = crawl(session, args.per_pattern)
            figures = time_pages(session, urls[role], args.repeat, args.warm)
            print(f"\n{role}: {len(urls[role])} addresses, {len(figures)} patterns")
            print(f"{'p50 ms':>8} {'p95 ms':>8} {'KB':>7}  page")
            for key, row in sorted(figures.items(), key=lambda item: -item[1]["p95"]):
                slow = row["p95"] > args.page_budget or row["kb"] > args.size_budget
                bad = [s for s in row["statuses"] if s >= 500]
                if slow or bad:
                    failed.append(f"{role} {key}")
                mark = " !" if slow or bad else ""
                print(f"{row['p50']:8.0f} {row['p95']:8.0f} {row['kb']:7.0f}  {key} {row['statuses']}{mark}")
        load = concurrent(base, urls, args.sessions, args.duration)
        print(
            f"\n{args.sessions} sessions for {args.duration:.0f} s: {load['requests']} requests, "
            f"{load['per_second']:.1f}/s, p50 {load['p50']:.0f} ms, p95 {load['p95']:.0f} ms, "
            f"p99 {load['p99']:.0f} ms, {load['errors']} errors"
        )
        if load["per_second"] < 50 or load["p95"] > 1000 or load["errors"]:
            failed.append("concurrent sessions")
    finally:
        server.terminate()
        server.wait()
    if failed:
        print("over budget: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
