"""The app's own log lines reach stderr, also in a process that ran the migrations first."""
from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from flask_migrate import upgrade

import sila.outbox.backends  # noqa: F401  (its logger exists before the migrations run, as in a real process)
from app import create_app
from models.base import db
from sila.outbox.queue import queue_notification
from tests.factories import make_request

ROOT = Path(__file__).resolve().parents[2]


def test_the_log_backend_writes_each_message_it_stands_in_for_to_stderr(database_url, rakeen):
    from sila.config import _normalized_database_url

    message = queue_notification(make_request(), "submitted")
    db.session.commit()
    env = {**os.environ, "DATABASE_URL": _normalized_database_url(database_url), "SECRET_KEY": "test-secret"}
    for name in ("SILA_SMTP_HOST", "SILA_SMS_URL", "SILA_LOG_LEVEL"):
        env.pop(name, None)
    sent = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", "notifications", "send"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert sent.returncode == 0, sent.stderr[-2000:]
    lines = [line for line in sent.stderr.splitlines() if line.startswith(f"notification {message.id} ")]
    assert len(lines) == 1, sent.stderr[-2000:]
    assert message.recipient not in lines[0] and message.recipient[-2:] in lines[0]


def test_a_process_that_migrates_then_works_keeps_its_log_lines(tmp_path, caplog):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'migrated.db'}", "TESTING": True})
    caplog.set_level(logging.INFO)
    with app.app_context():
        upgrade()
        assert any(record.name.startswith("alembic") for record in caplog.records), "upgrade says what it ran"
        caplog.clear()
        app.test_client().get("/login")
        logging.getLogger("sila.notifications").info("notification 1 (submitted) to 05••••••12")
        db.engine.dispose()
    names = [record.name for record in caplog.records]
    assert "sila.requests" in names and "sila.notifications" in names
