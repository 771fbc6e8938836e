"""`make worker` on PostgreSQL: two workers run every job on its schedule, each period once.

The test migrates a fresh database (which creates procrastinate's queue schema),
queues one message, and starts two `flask jobs worker` processes with every job
due every two seconds. CI (TEST_REQUIRE_POSTGRES=1) fails instead of skipping
when PostgreSQL is missing.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from app import ROOT, create_app
from models import Notification
from models.base import db
from sila.config import _normalized_database_url
from tests.conftest import POSTGRES_URL
from tests.factories import make_request
from tests.test_migrations import _fresh_database

EVERY_TWO_SECONDS = "* * * * * */2"
SCHEDULE = ";".join(f"{name}={EVERY_TWO_SECONDS}" for name in ("send_messages", "review_files", "retention", "backup"))
RUN_FOR = 16
SENT = re.compile(r"notification \d+ \(received\) to")
DONE = re.compile(r"job (\w+) done:")
TAKEN = re.compile(r"job \w+ for \S+ already taken")


@pytest.fixture()
def queued_database(tmp_path: Path):  # type: ignore[no-untyped-def]
    if not POSTGRES_URL:
        if os.environ.get("TEST_REQUIRE_POSTGRES") == "1":
            pytest.fail("TEST_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set")
        pytest.skip("needs PostgreSQL (TEST_DATABASE_URL)")
    url, drop = _fresh_database(POSTGRES_URL, tmp_path)
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "two-workers", "SILA_JOBS_SCHEDULE": SCHEDULE,
           "SILA_BACKUP_DIR": str(tmp_path / "backups"), "SILA_BACKUP_KEEP": "0",
           "SILA_ATTACHMENTS_DIR": str(tmp_path / "attachments"),
           "SILA_LOG_LEVEL": "DEBUG"}
    for name in ("SILA_JOBS", "SILA_SMTP_HOST", "SILA_SMS_URL"):
        env.pop(name, None)
    try:
        subprocess.run([sys.executable, "-m", "flask", "--app", "app", "db", "upgrade"], cwd=ROOT, env=env,
                       check=True, capture_output=True, timeout=120)
        app = create_app({"SQLALCHEMY_DATABASE_URI": _normalized_database_url(url), "TESTING": True})
        with app.app_context():
            from sila.settings.presets import PRESETS
            from sila.settings.presets.seed import apply_preset

            apply_preset(PRESETS["rakeen"])
            request = make_request("received")
            db.session.add(Notification(applicant_id=request.applicant_id, request_id=request.id, event="received",
                                        method="sms", recipient="+966500000034", body="وصل طلبك"))
            db.session.commit()
            db.engine.dispose()
        yield env, url
    finally:
        drop()


def _query(url: str, sql: str) -> list[tuple]:
    engine = sa.create_engine(_normalized_database_url(url))
    with engine.connect() as connection:
        rows = [tuple(row) for row in connection.execute(sa.text(sql))]
    engine.dispose()
    return rows


def test_two_workers_run_every_job_once_per_period(queued_database, tmp_path):
    env, url = queued_database
    logs = [tmp_path / f"worker{index}.log" for index in range(2)]
    workers = []
    for log in logs:
        with log.open("wb") as stderr:
            workers.append(subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "jobs", "worker"],
                                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr))
    try:
        deadline = time.monotonic() + 60
        while len(_query(url, "SELECT id FROM procrastinate.procrastinate_workers")) < 2:
            for worker, log in zip(workers, logs, strict=True):
                assert worker.poll() is None, log.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "the two workers did not both start"
            time.sleep(0.5)
        started = time.time()
        time.sleep(RUN_FOR)
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=60)
    elapsed = time.time() - started
    outputs = [log.read_text(errors="replace") for log in logs]
    done = [DONE.findall(output) for output in outputs]
    runs = dict(_query(url, "SELECT name, runs FROM job_runs"))
    periods = elapsed / 2 + 3  # besides those inside the run: one due at the start, one or two ending while stopping
    for name in ("send_messages", "review_files", "retention", "backup"):
        assert 4 <= runs[name] <= periods, (name, runs, elapsed)
        assert sum(found.count(name) for found in done) == runs[name], f"{name}: one run per period across the two"
    assert all(done), "both workers took a share of the jobs"
    assert not any(TAKEN.search(output) for output in outputs), "procrastinate deferred each period once"
    assert len(list((tmp_path / "backups").iterdir())) == runs["backup"], "one backup per backup period"
    assert _query(url, "SELECT status, attempts FROM notifications") == [("sent", 1)]
    assert sum(len(SENT.findall(output)) for output in outputs) == 1, "the message left once, from one of the two"
