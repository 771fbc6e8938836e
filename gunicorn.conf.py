"""Gunicorn settings read from the project directory by `make serve` and the benchmark's servers."""
from __future__ import annotations

import gc
from typing import Any

from sila.config import worker_timeout

# Above the database's statement timeout (SILA_DB_STATEMENT_TIMEOUT_MS), so PostgreSQL cancels a runaway
# query before gunicorn kills the worker running it.
timeout = worker_timeout()


def post_worker_init(worker: Any) -> None:
    """Once the app is loaded, its long-lived objects (routes, templates, catalogs, mappers) leave the
    cyclic collector's reach: a full collection then walks a page's own objects, not the ~170,000 of
    the app, which cost half a millisecond a page on average. With SILA_JOBS=embedded (the SQLite
    default) each worker also starts the background jobs' scheduler; one of them runs each period."""
    from sila.jobs.embedded import start, wanted

    if hasattr(worker.wsgi, "config") and wanted(worker.wsgi):
        start(worker.wsgi)
    gc.freeze()
