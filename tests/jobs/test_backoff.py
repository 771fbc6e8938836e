"""The embedded scheduler backs off a job that keeps failing, and says so on the jobs screen."""
from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from models.base import db, utcnow
from models.job_run import JobRun
from sila.jobs.backoff import retry_at
from sila.jobs.embedded import _run
from sila.jobs.registry import job_named
from sila.jobs.runs import run_job
from sila.jobs.sweep import sweep
from tests.conftest import login

LAST_YEAR = datetime(2025, 12, 3, 21, 0, tzinfo=UTC)


def _failing(name: str, calls: list[int]):  # type: ignore[no-untyped-def]
    def work() -> str:
        calls.append(1)
        raise ConnectionError("the SMS provider does not answer")

    return replace(job_named({}, name), work=work)


def _fail(job, times: int) -> None:  # type: ignore[no-untyped-def]
    for minute in range(times):
        with pytest.raises(ConnectionError):
            run_job(job, LAST_YEAR + timedelta(minutes=minute), "app:1")


def _last_started(name: str, minutes_ago: int) -> None:
    """Time passing since the last failed try."""
    db.session.execute(db.update(JobRun).where(JobRun.name == name)
                       .values(started_at=utcnow() - timedelta(minutes=minutes_ago)))
    db.session.commit()


def test_a_job_failing_every_minute_is_tried_less_and_less_often(app):
    calls: list[int] = []
    job = _failing("send_messages", calls)
    _fail(job, 3)
    _run(app, job)
    assert len(calls) == 3, "three failures in a row: the next minute's tick is skipped"
    _last_started("send_messages", 3)
    _run(app, job)
    assert len(calls) == 3, "after three failures the wait is four minutes"
    _last_started("send_messages", 4)
    _run(app, job)
    assert len(calls) == 4, "once the back-off has passed the tick tries again"
    db.session.expire_all()
    assert db.session.get(JobRun, "send_messages").failures == 4


def test_the_wait_doubles_up_to_the_configured_ceiling(app):
    app.config["SILA_JOBS_BACKOFF_MAX_MINUTES"] = 10
    now = datetime(2026, 12, 3, 10, 0, 30, tzinfo=UTC)
    run = JobRun(name="send_messages", state="failed", started_at=now, failures=1)
    waits = []
    for failures in (1, 2, 3, 4, 5, 12):
        run.failures = failures
        waits.append((retry_at(run, now) - now.replace(second=0)) // timedelta(minutes=1))
    assert waits == [1, 2, 4, 8, 10, 10]
    run.state, run.failures = "succeeded", 0
    assert retry_at(run, now) is None


def test_a_succeeding_job_is_not_held_back(app):
    calls: list[int] = []
    job = replace(job_named({}, "send_messages"), work=lambda: calls.append(1) or "sent=0")
    _run(app, job)
    _run(app, job)
    assert len(calls) == 1, "the second tick in the same minute finds the period done, not a back-off"


def test_a_failed_daily_period_is_retried_by_the_sweep_once_its_back_off_has_passed(app, monkeypatch):
    calls: list[int] = []
    backup = _failing("backup", calls)
    monkeypatch.setattr("sila.jobs.sweep.configured_jobs", lambda _config: (backup,))
    with pytest.raises(ConnectionError):
        run_job(backup, backup.period_of(utcnow()))
    assert sweep(app.config, retry_failed=True) == [] and len(calls) == 1, "not within the minute"
    _last_started("backup", 1)
    sweep(app.config, retry_failed=True)
    assert len(calls) == 2
    _last_started("backup", 5)
    sweep(app.config, retry_failed=False)
    assert len(calls) == 2, "the procrastinate worker retries failures itself: its sweep leaves them"


def test_the_screen_shows_when_a_failing_job_is_tried_next(rakeen, app, client):
    app.config["SILA_JOBS"] = "embedded"
    _fail(_failing("send_messages", []), 2)
    _last_started("send_messages", 0)
    page = login(client, "admin").get("/admin/jobs/").get_data(as_text=True)
    sending = page.split('id="job-send_messages"', 1)[1].split("</tr>", 1)[0]
    assert 'class="job-backoff"' in sending and "المحاولة التالية" in sending
    backup = page.split('id="job-backup"', 1)[1].split("</tr>", 1)[0]
    assert 'class="job-backoff"' not in backup


def test_the_screen_shows_a_run_whose_worker_stopped(rakeen, app, client):
    from sila.jobs.runs import claim

    backup = job_named(app.config, "backup")
    claim(backup, backup.period_of(utcnow()), "killed:1")
    db.session.execute(db.update(JobRun).values(lease_until=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    page = login(client, "admin").get("/admin/jobs/").get_data(as_text=True)
    row = page.split('<tr id="job-backup"', 1)[1].split("</tr>", 1)[0]
    assert "table-warning" in row.split(">", 1)[0] and "توقفت دون أن تكتمل" in row
