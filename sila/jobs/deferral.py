"""A procrastinate task deferred inside the caller's transaction: it exists only if the change commits.

The queue is a schema of the application's own PostgreSQL database
(migration 0010_jobs), so the row procrastinate reads is written by the same
connection and commits or rolls back with the change that needs the work —
never a task for a decision or a meeting that was not saved, never a saved one
without its task. Elsewhere (SQLite, `SILA_JOBS=embedded`) nothing is deferred:
the every-minute jobs find the work themselves.
"""
from __future__ import annotations

import json
from typing import Any

from flask import current_app
from sqlalchemy import text

from models.base import db


def defers() -> bool:
    """Whether workers run the jobs here, so work is handed to them as it arises."""
    return db.engine.dialect.name == "postgresql" and current_app.config["SILA_JOBS"] == "worker"


def defer_in_transaction(task: str, args: dict[str, Any]) -> None:
    """Queue `task(**args)` for a worker in the open transaction (nothing when no worker runs the jobs)."""
    if not defers():
        return
    from sila.jobs.worker import QUEUE, QUEUE_SCHEMA

    # procrastinate's functions name its tables unqualified: its schema goes first on the path, for this call only.
    previous = db.session.scalar(text("SELECT current_setting('search_path')"))
    db.session.execute(text("SELECT set_config('search_path', :path, true)"), {"path": f"{QUEUE_SCHEMA}, {previous}"})
    db.session.execute(
        text(f"SELECT {QUEUE_SCHEMA}.procrastinate_defer_jobs_v1(ARRAY[ROW(:queue, :task, 0, NULL, NULL, "
             f"CAST(:args AS jsonb), NULL)::{QUEUE_SCHEMA}.procrastinate_job_to_defer_v1])"),
        {"queue": QUEUE, "task": task, "args": json.dumps(args)},
    )
    db.session.execute(text("SELECT set_config('search_path', :path, true)"), {"path": previous})
