"""Submitted pulses per second (target: >= 150/s open-loop for 60 s, p99 < 200 ms, exactly as
many stored as sent): gunicorn (2 sync workers, kasam.wsgi) on PostgreSQL, and an open-loop load
generator in this process on the same machine.

    .venv/bin/python benchmarks/bench_pulse_submit.py --database-url postgres://kasam:kasam@127.0.0.1/kasam_bench

The database named by --database-url is emptied first (flush), so give it one of its own; it is created
when the role may. The generator is open-loop: request i is sent at start + i / rate whatever the
server does, and its latency is counted from that scheduled moment (no coordinated omission). Each
request is the answer page's POST (`/svara/<token>/`) of one pre-generated invitation, with a CSRF
cookie and form token and the round's statements answered; success is the page's 303 to /svara/tack/.
The GET of the form before it is not part of the measurement. The generator's share of the machine's
CPU is reported beside the figures."""

import argparse
import asyncio
import os
import random
import resource
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import date, timedelta
from pathlib import Path

from machine import cpu_model

TODAY = date(2026, 11, 25)
TOKEN_KEY = "kasam-bench-token-key"
# POSTs sent at a low rate before the measurement, so that both workers have served a few (imports,
# URL resolver, database connection); they are stored and counted like the others.
WARM_UP = 40


def setup_django(database_url: str, var_dir: str) -> None:
    os.environ.update(
        DATABASE_URL=database_url,
        KASAM_VAR_DIR=var_dir,
        KASAM_TODAY=TODAY.isoformat(),
        KASAM_TOKEN_KEY=TOKEN_KEY,
        DJANGO_SETTINGS_MODULE="kasam.settings",
    )
    import django

    django.setup()


def ensure_database(database_url: str) -> None:
    parts = urllib.parse.urlparse(database_url)
    name = parts.path.lstrip("/")
    env = {**os.environ, "PGPASSWORD": urllib.parse.unquote(parts.password or "")}
    base = ["psql", "-X", "-q", "-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)]
    base += ["-U", urllib.parse.unquote(parts.username or ""), "-d", "postgres"]
    exists = subprocess.run(
        [*base, "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if exists.stdout.strip() != "1":
        subprocess.run([*base, "-c", f'CREATE DATABASE "{name}"'], env=env, check=True)


def prepare(people: int, units: int) -> tuple[list[str], list[str]]:
    """An organisation of `people` in `units` units and one open round inviting all: the tokens and
    the round's statements."""
    from django.core.management import call_command

    from kasam.org.models import Employment, Person, Unit
    from kasam.org.tree import compute_paths
    from kasam.pulse import actions
    from kasam.pulse.models import Programme, Round
    from kasam.pulse.rotation import statements_for_round

    call_command("migrate", interactive=False, verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    parent_of: dict[str, str | None] = {"B": None}
    for n in range(units):
        parent_of[f"B-U{n:03d}"] = "B"
    paths = compute_paths(parent_of)
    Unit.objects.bulk_create(
        Unit(id=u, parent_id=p, name=u, kind="unit" if p else "administration", path=paths[u])
        for u, p in parent_of.items()
    )
    unit_ids = sorted(u for u in parent_of if u != "B")
    Person.objects.bulk_create(Person(id=f"BP{n:06d}", birth_year=1980) for n in range(people))
    Employment.objects.bulk_create(
        Employment(
            person_id=f"BP{n:06d}",
            unit_id=unit_ids[n % units],
            start_date=date(2020, 1, 1),
            rate=100,
            pay="monthly",
        )
        for n in range(people)
    )
    programme = Programme.objects.create(name="Bench", root_unit_id="B")
    round = Round.objects.create(
        programme=programme,
        number=1,
        opens_on=TODAY,
        closes_on=TODAY + timedelta(days=6),
        statement_ids=statements_for_round(0, 4),
    )
    issued = actions.open_round(round, day=TODAY)
    return [token for _invitation, token in issued], round.statement_ids


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int, workers: int, var_dir: str) -> subprocess.Popen:
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1", "DATABASE_CONN_MAX_AGE": "60"}
    log = open(Path(var_dir) / "gunicorn.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [str(bin_dir / "gunicorn"), "kasam.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def post_bytes(port: int, token: str, statements: list[str], n: int) -> bytes:
    csrf = "".join(random.choices(string.ascii_letters + string.digits, k=32))  # noqa: S311
    fields = {"csrfmiddlewaretoken": csrf, "idempotency_key": f"bench-{n:08d}"}
    for i, statement_id in enumerate(statements):
        fields[f"s-{statement_id}"] = str(1 + (n + i) % 5)
    if n % 4 == 0:
        fields["open"] = "Det fungerar bra med schemat."
    body = urllib.parse.urlencode(fields).encode()
    head = (
        f"POST /svara/{token}/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
        f"Cookie: csrftoken={csrf}\r\n\r\n"
    )
    return head.encode() + body


async def one(port: int, payload: bytes, scheduled: float) -> tuple[float, bool]:
    await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(payload)
        await writer.drain()
        status_line = await reader.readline()
        await reader.read()
        writer.close()
        ok = status_line.split()[1] == b"303"
    except (OSError, IndexError):
        ok = False
    return (time.perf_counter() - scheduled) * 1000, ok


async def open_loop(port: int, payloads: list[bytes], rate: float) -> list[tuple[float, bool]]:
    start = time.perf_counter() + 0.2
    return await asyncio.gather(*(one(port, p, start + i / rate) for i, p in enumerate(payloads)))


def cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
        except OSError:
            pass
    return total


def machine_busy() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs since boot (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://kasam:kasam@127.0.0.1:5432/kasam_bench_pulse")
    parser.add_argument("--rate", type=float, default=150)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--units", type=int, default=100)
    args = parser.parse_args()
    measured = int(args.rate * args.duration)
    sent = measured + WARM_UP
    var_dir = tempfile.mkdtemp(prefix="kasam-bench-pulse-")
    ensure_database(args.database_url)
    setup_django(args.database_url, var_dir)
    started = time.perf_counter()
    tokens, statements = prepare(sent, args.units)
    print(f"prepared {sent} invitations in {time.perf_counter() - started:.1f} s")
    port = free_port()
    server = start_gunicorn(port, args.workers, var_dir)
    try:
        workers = [int(p) for p in Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()]
        payloads = [post_bytes(port, token, statements, n) for n, token in enumerate(tokens)]
        warm = asyncio.run(open_loop(port, payloads[:WARM_UP], 20))
        payloads = payloads[WARM_UP:]
        own_before = resource.getrusage(resource.RUSAGE_SELF)
        server_before = cpu_seconds([server.pid, *workers])
        busy_before = machine_busy()
        wall = time.perf_counter()
        results = asyncio.run(open_loop(port, payloads, args.rate))
        wall = time.perf_counter() - wall
        own_after = resource.getrusage(resource.RUSAGE_SELF)
        server_cpu = cpu_seconds([server.pid, *workers]) - server_before
        busy_after = machine_busy()
    finally:
        server.terminate()
        server.wait(timeout=30)
    own_cpu = (own_after.ru_utime - own_before.ru_utime) + (own_after.ru_stime - own_before.ru_stime)

    from kasam.pulse import actions
    from kasam.pulse.models import Answer, Participation, Round, Submission

    round = Round.objects.get()
    participations = Participation.objects.count()
    actions.close_round(round)
    answers = Answer.objects.filter(round=round).count()
    latencies = sorted(ms for ms, _ok in results)
    ok = sum(1 for _ms, good in results if good)
    warm_ok = sum(1 for _ms, good in warm if good)
    cores = os.cpu_count() or 1
    p50 = statistics.median(latencies)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"machine: {cpu_model()}, {cores} cores; gunicorn {args.workers} sync workers; PostgreSQL")
    print(f"warm-up: {WARM_UP} POSTs at 20/s, {warm_ok} stored")
    print(
        f"offered: {args.rate:.0f}/s for {args.duration:.0f} s = {measured} POSTs; "
        f"last answer after {wall:.1f} s"
    )
    busy = (busy_after[0] - busy_before[0]) / max(1, busy_after[1] - busy_before[1])
    print(f"achieved: {ok / (wall - 0.2):.1f} stored/s; 303 responses {ok}, errors {measured - ok}")
    print(f"latency from the scheduled send: p50 {p50:.0f} ms, p99 {p99:.0f} ms, max {latencies[-1]:.0f} ms")
    print(
        f"stored: participations {participations}, answers {answers} "
        f"(= {answers / len(statements):.0f} pulses)"
    )
    print(f"buffer after close: {Submission.objects.count()}")
    print(
        f"CPU over the run: load generator {own_cpu:.1f} s ({own_cpu / wall / cores:.0%} of the machine), "
        f"gunicorn {server_cpu:.1f} s ({server_cpu / wall / cores:.0%}); whole machine busy {busy:.0%} "
        "(PostgreSQL and anything else running included)"
    )
    good = (
        ok == measured
        and warm_ok == WARM_UP
        and participations == sent
        and answers == sent * len(statements)
        and p99 < 200
    )
    print("target met" if good else "target NOT met")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
