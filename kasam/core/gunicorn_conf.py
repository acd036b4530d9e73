"""Gunicorn settings for `kasam serve`: the master keeps `kasam tick` going, so that a demo or a
small install without a systemd timer still gets its nightly work (docs/operations.md).

Each tick runs as a subprocess of its own: the master never imports Django, holds no database
connection across a fork of a worker, and gives the memory of a refill back when the tick ends.
Each worker starts the chart renderer as it starts, so that no page view waits for it. The access log
goes through the same redaction as Kasam's own logs: a pulse link's token never reaches it. A worker
that has served `max_requests` requests is replaced by a fresh one (docs/operations.md)."""

import subprocess
import sys
import threading
import time

from gunicorn.glogging import Logger

TICK_SECONDS = 600
TICK_TIMEOUT = 3600

# A worker is replaced after about a thousand requests: memory that a large import took is seldom given
# back to the system, and a fresh worker starts small again. The jitter keeps the workers from being
# replaced at the same moment. (gunicorn reads these names; --max-requests on its command line wins.)
max_requests = 1000
max_requests_jitter = 100


def _tick_forever(log) -> None:
    while True:
        try:
            done = subprocess.run(
                [sys.executable, "-m", "kasam", "tick"],
                capture_output=True,
                text=True,
                timeout=TICK_TIMEOUT,
                check=False,
            )
            if done.returncode != 0:
                log.error("kasam tick failed: %s", (done.stderr.strip() or done.stdout.strip())[-2000:])
        except Exception:  # the thread must outlive any one failed tick
            log.exception("kasam tick could not run")
        time.sleep(TICK_SECONDS)


def when_ready(server) -> None:
    thread = threading.Thread(target=_tick_forever, args=(server.log,), name="kasam-tick", daemon=True)
    thread.start()


def post_worker_init(worker) -> None:
    """Start the chart renderer in each worker (after the fork), not on its first page view."""
    try:
        from kasam.core.charts import warm_up

        warm_up()
    except Exception:  # a page without charts must still be served
        worker.log.exception("The chart renderer could not start")


class RedactingLogger(Logger):
    """gunicorn's logger, with every value of an access-log line (request line, path, query, referer,
    headers) passed through kasam.core.logging.redact: no pulse token, e-mail address or personnummer."""

    def atoms(self, resp, req, environ, request_time):
        from kasam.core.logging import redact  # in the worker, where Django is loaded anyway

        return {
            key: redact(value) if isinstance(value, str) else value
            for key, value in super().atoms(resp, req, environ, request_time).items()
        }


logger_class = RedactingLogger
