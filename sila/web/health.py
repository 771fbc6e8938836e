"""`/healthz` for load balancers and monitors: can we reach the database, and is its schema current?

The answer holds only "ok"/"unavailable" words: no versions, hosts or errors,
since the endpoint needs no login. Details go to the server log.
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
    except sa.exc.SQLAlchemyError as error:
        LOG.warning("database check failed: %s", getattr(error, "orig", None) or error)
        body = {"status": "unavailable", "database": "unavailable", "migrations": "unknown"}
    else:
        current = applied == heads
        body = {
            "status": "ok" if current else "unavailable",
            "database": "ok",
            "migrations": "current" if current else "behind",
        }
    response = jsonify(body)
    response.status_code = 200 if body["status"] == "ok" else 503
    response.headers["Cache-Control"] = "no-store"
    return response
