"""The WSGI application (gunicorn: `kasam.wsgi`).

Every view is imported here, and what exists by then – Django, the libraries, the URL patterns – is
frozen out of the garbage collector's full passes (`gc.freeze`): they live as long as the process, and
a full pass over them took 80–170 ms in a worker that had also cached a large organisation's figures,
at random moments of random requests (docs/performance.md)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kasam.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 (imports every view)
gc.collect()
gc.freeze()
