"""Jobs get their own statement timeout: the web's (SILA_DB_STATEMENT_TIMEOUT_MS) is for requests.

The web's limit turns a runaway query into an error page; a job's long
statements (retention erasing a million rows) are its work, so inside a job
each transaction starts with `SET LOCAL statement_timeout` to
SILA_JOBS_STATEMENT_TIMEOUT_MS (`0`: none). `SET LOCAL` ends with the
transaction, so the pooled connection returns to a web request with the web's
limit, and a web request served by the same process meanwhile is never
affected. PostgreSQL only: SQLite has no statement timeout.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

_JOB_TIMEOUT_MS: ContextVar[int | None] = ContextVar("sila_job_statement_timeout", default=None)


def _limit(connection: Connection) -> None:
    milliseconds = _JOB_TIMEOUT_MS.get()
    if milliseconds is not None:
        connection.exec_driver_sql(f"SET LOCAL statement_timeout = {int(milliseconds)}")


@contextmanager
def job_statement_timeout(engine: Engine, milliseconds: int) -> Iterator[None]:
    """Within the block, this thread's transactions on `engine` run under the jobs' timeout."""
    if engine.dialect.name != "postgresql":
        yield
        return
    if not event.contains(engine, "begin", _limit):
        event.listen(engine, "begin", _limit)
    token = _JOB_TIMEOUT_MS.set(milliseconds)
    try:
        yield
    finally:
        _JOB_TIMEOUT_MS.reset(token)
