"""The embedded default: `make run` on SQLite sends due messages from the app process itself, with no cron.

These start the real processes `make run` and `make serve` start, on a fresh
SQLite database holding the demo data (whose seeding queues messages), and
wait for the log backend's lines on their stderr.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from app import ROOT
from tests.operations.test_operations import _free_port

SENT = re.compile(r"notification (\d+) \([a-z_]+\) to \+966")
WITHIN = 60


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `make run` leaves before serving: migrations applied, the demo loaded; seeded once, copied per test."""
    path = tmp_path_factory.mktemp("embedded") / "sila.db"
    env = _environment(path)
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    subprocess.run(flask + ["db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
    subprocess.run(flask + ["seed", "--preset", "rakeen", "--demo"], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=300)
    return path


def _environment(database: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "SECRET_KEY": "embedded-jobs"}
    for name in ("SILA_JOBS", "SILA_JOBS_SCHEDULE", "SILA_SMTP_HOST", "SILA_SMS_URL"):
        env.pop(name, None)
    return {**env, **extra}


def _seeded(tmp_path: Path, demo_database: Path, **extra: str) -> dict[str, str]:
    database = tmp_path / "sila.db"
    shutil.copyfile(demo_database, database)
    return _environment(database, **extra)


def _sent_lines(command: list[str], env: dict[str, str], log: Path) -> list[str]:
    """Start the server, wait up to a minute for a sent message, stop it; the log's sent lines."""
    with log.open("wb") as stderr:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        deadline = time.monotonic() + WITHIN
        while time.monotonic() < deadline and not SENT.search(log.read_text(errors="replace")):
            assert server.poll() is None, log.read_text(errors="replace")[-2000:]
            time.sleep(0.5)
        time.sleep(2)  # room for a second (wrong) send by another process
    finally:
        server.terminate()
        server.wait(timeout=30)
    return SENT.findall(log.read_text(errors="replace"))


def _status(env: dict[str, str]) -> list[str]:
    engine = sa.create_engine(env["DATABASE_URL"])
    with engine.connect() as connection:
        statuses = list(connection.scalars(sa.text("SELECT status FROM notifications")))
    engine.dispose()
    return statuses


def test_flask_run_sends_the_queued_demo_message_within_a_minute(tmp_path, demo_database):
    env = _seeded(tmp_path, demo_database)
    queued = _status(env)
    assert queued and set(queued) == {"pending"}, "the demo data queues messages"
    port = str(_free_port())
    lines = _sent_lines([sys.executable, "-m", "flask", "--app", "app", "run", "--port", port], env, tmp_path / "run.log")
    assert len(lines) == len(set(lines)) == len(queued), "the log backend writes each message's line once"
    assert set(_status(env)) == {"sent"}


def test_gunicorn_workers_on_sqlite_send_each_message_once(tmp_path, demo_database):
    env = _seeded(tmp_path, demo_database)
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{_free_port()}", "--workers", "3", "app:create_app()"]
    queued = _status(env)
    lines = _sent_lines(command, env, tmp_path / "serve.log")
    assert len(lines) == len(set(lines)) == len(queued)
    assert set(_status(env)) == {"sent"}


def test_other_commands_and_a_worker_setting_start_no_scheduler(tmp_path, demo_database):
    env = _seeded(tmp_path, demo_database, SILA_JOBS="worker")
    port = str(_free_port())
    log = tmp_path / "quiet.log"
    with log.open("wb") as stderr:
        server = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "run", "--port", port], cwd=ROOT,
                                  env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    time.sleep(8)
    server.terminate()
    server.wait(timeout=30)
    assert not SENT.search(log.read_text(errors="replace"))
    assert set(_status(env)) == {"pending"}, "neither `seed` nor a server told to leave jobs to a worker sent it"


