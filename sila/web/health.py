"""`/healthz` for load balancers and monitors: can we reach the database, is its schema current, do jobs run?

The answer holds only "ok"/"unavailable" words: no versions, hosts or errors,
since the endpoint needs no login. Details go to the server log. Background
jobs that have not started for 5 minutes (no worker, a stopped scheduler) make
the answer "degraded" but keep it 200: the web server itself still serves, and
a load balancer must not take it out for that.
"""
from __future__ import annotations

import logging
from functools import cache

import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Blueprint, current_app, jsonify
from flask.typing import ResponseReturnValue

from models.base import db
from sila.jobs.runs import worker_missing

LOG = logging.getLogger("sila.health")

blueprint = Blueprint("health", __name__)


@cache
def _head_revisions(directory: str) -> frozenset[str]:
    """The migrations shipped with this code; they cannot change while it runs."""
    return frozenset(ScriptDirectory(directory).get_heads())


@blueprint.get("/healthz")
def healthz() -> ResponseReturnValue:
    heads = _head_revisions(current_app.extensions["migrate"].directory)
    try:
        with db.engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
            applied = frozenset(MigrationContext.configure(connection).get_current_heads())
        stale = applied == heads and worker_missing()
    except sa.exc.SQLAlchemyError as error:
        LOG.warning("database check failed: %s", getattr(error, "orig", None) or error)
        body = {"status": "unavailable", "database": "unavailable", "migrations": "unknown", "jobs": "unknown"}
    else:
        current = applied == heads
        body = {
            "status": ("degraded" if stale else "ok") if current else "unavailable",
            "database": "ok",
            "migrations": "current" if current else "behind",
            "jobs": "unknown" if not current else "stale" if stale else "ok",
        }
    response = jsonify(body)
    response.status_code = 503 if body["status"] == "unavailable" else 200
    response.headers["Cache-Control"] = "no-store"
    return response
