"""A run still going blocks the job's next period: never two backups at once, the daily one runs late instead."""
from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, timedelta

from flask import Flask

from models.base import db, utcnow
from models.enums import JobState
from models.job_run import JobRun
from sila.jobs.registry import Job, job_named
from sila.jobs.runs import claim, run_job
from sila.jobs.sweep import sweep


def _row(name: str) -> JobRun:
    db.session.expire_all()
    return db.session.get(JobRun, name)


def _job(name: str, calls: list[str], started: threading.Event | None = None,
         release: threading.Event | None = None) -> Job:
    def work() -> str:
        calls.append("ran")
        if started is not None:
            started.set()
            assert release.wait(30), "the test never let the run end"
        return "folder=x"

    return replace(job_named({}, name), work=work)


def _in_thread(app: Flask, target, *args):  # type: ignore[no-untyped-def]
    """Call `target` in another thread with its own app context (its own database session), as a second worker."""
    outcome: list[object] = []

    def run() -> None:
        with app.app_context():
            outcome.append(target(*args))
            db.session.remove()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def test_a_running_backup_blocks_the_next_period_until_it_ends(app):
    started, release = threading.Event(), threading.Event()
    first_calls: list[str] = []
    second_calls: list[str] = []
    today = job_named({}, "backup").period_of(utcnow())
    yesterday = today - timedelta(days=1)
    slow = _job("backup", first_calls, started, release)
    thread, outcome = _in_thread(app, run_job, slow, yesterday, "first:1")
    assert started.wait(30)

    assert run_job(_job("backup", second_calls), today, "second:2") is False, "yesterday's backup is still going"
    row = _row("backup")
    assert second_calls == [] and (row.state, row.worker) == ("running", "first:1")
    db.session.rollback()

    release.set()
    thread.join(30)
    assert outcome == [True] and _row("backup").state == JobState.succeeded
    assert run_job(_job("backup", second_calls), today, "second:2") is True, "once it ended, the next period runs"
    assert second_calls == ["ran"]


def test_two_workers_claiming_the_next_period_at_once_while_one_runs_are_both_refused_then_one_wins(app):
    backup = _job("backup", [])
    today = backup.period_of(utcnow())
    assert claim(backup, today - timedelta(days=1), "first:1") is True
    db.session.rollback()
    threads = [_in_thread(app, claim, backup, today, f"worker:{n}") for n in range(2)]
    for thread, _outcome in threads:
        thread.join(30)
    assert [outcome for _thread, outcome in threads] == [[False], [False]]

    db.session.execute(db.update(JobRun).where(JobRun.name == "backup")
                       .values(state=JobState.succeeded, lease_until=None))
    db.session.commit()
    threads = [_in_thread(app, claim, backup, today, f"worker:{n}") for n in range(2)]
    for thread, _outcome in threads:
        thread.join(30)
    assert sorted(outcome[0] for _thread, outcome in threads) == [False, True], "exactly one takes the period"


def test_a_dead_runs_lease_does_not_block_the_next_period(app):
    backup = _job("backup", [])
    today = backup.period_of(utcnow())
    claim(backup, today - timedelta(days=1), "killed:1")
    db.session.execute(db.update(JobRun).values(lease_until=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert run_job(backup, today, "second:2") is True


def _jobs_for_sweep(monkeypatch, *jobs: Job) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sila.jobs.sweep.configured_jobs", lambda _config: jobs)


def test_the_sweep_runs_a_blocked_daily_period_late_once_the_earlier_run_ended(app, monkeypatch):
    calls: list[str] = []
    backup = _job("backup", calls)
    _jobs_for_sweep(monkeypatch, backup)
    today = backup.period_of(utcnow())
    claim(backup, today - timedelta(days=1), "first:1")
    assert run_job(backup, today, "second:2") is False, "today's tick found yesterday's still running"
    assert sweep(app.config, retry_failed=False) == [] and calls == [], "still running: nothing starts"

    db.session.execute(db.update(JobRun).where(JobRun.name == "backup")
                       .values(state=JobState.succeeded, lease_until=None))
    db.session.commit()
    assert sweep(app.config, retry_failed=False) == ["backup"], "the next sweep runs today's backup late"
    row = _row("backup")
    period = row.period_at if row.period_at.tzinfo else row.period_at.replace(tzinfo=UTC)
    assert calls == ["ran"] and period == today
    assert sweep(app.config, retry_failed=False) == [], "and only once"


def test_a_blocked_minute_of_an_every_minute_job_is_simply_skipped(app, monkeypatch):
    calls: list[str] = []
    sender = _job("send_messages", calls)
    _jobs_for_sweep(monkeypatch, sender)
    now = sender.period_of(utcnow())
    assert run_job(sender, now - timedelta(minutes=2), "first:1") is True
    assert sweep(app.config, retry_failed=True) == [], "the next minute's tick does the same work"
    assert calls == ["ran"]
