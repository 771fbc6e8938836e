"""How many SQL statements each request ran, in an `X-Query-Count` header.

Only when `SILA_COUNT_QUERIES=1` is set (the benchmark and the query-count
tests): a list page that runs one statement per row (N+1) or more statements
as the table grows shows up as a number, without timing anything. Off, it adds
nothing to a request.
"""
from __future__ import annotations

import os
from typing import Any

from flask import Flask, Response, g, has_request_context
from sqlalchemy import event
from sqlalchemy.engine import Engine

HEADER = "X-Query-Count"


def _count(*_args: Any, **_kwargs: Any) -> None:
    if has_request_context():
        g.sila_query_count = g.get("sila_query_count", 0) + 1


def _header(response: Response) -> Response:
    response.headers[HEADER] = str(g.get("sila_query_count", 0))
    return response


def register_query_count(app: Flask) -> None:
    """Count statements on every engine when the environment asks for it."""
    if os.environ.get("SILA_COUNT_QUERIES") != "1":
        return
    if not event.contains(Engine, "before_cursor_execute", _count):
        event.listen(Engine, "before_cursor_execute", _count)
    app.after_request(_header)
