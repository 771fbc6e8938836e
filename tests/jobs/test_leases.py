"""A worker killed mid-job does not hold its period for good: once its lease has passed, another takes it over."""
from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from models.base import db, utcnow
from models.job_run import JobRun
from sila.jobs.registry import job_named
from sila.jobs.runs import claim, run_job
from sila.jobs.sweep import sweep

PERIOD = datetime(2026, 12, 3, 21, 40, tzinfo=UTC)


def _backup(calls: list[str], work=None):  # type: ignore[no-untyped-def]
    def counted() -> str:
        calls.append("ran")
        return work() if work else "folder=x"

    return replace(job_named({}, "backup"), work=counted)


def _lease_runs_out(name: str) -> None:
    """What time does to a dead worker's claim: nobody renews it and its end passes."""
    db.session.execute(db.update(JobRun).where(JobRun.name == name).values(lease_until=utcnow() - timedelta(seconds=1)))
    db.session.commit()


def _row(name: str) -> JobRun:
    db.session.expire_all()
    return db.session.get(JobRun, name)


def test_a_run_whose_worker_died_is_taken_over_once_its_lease_has_passed(app):
    calls: list[str] = []
    assert claim(_backup(calls), PERIOD, "killed:1") is True, "the worker claims the period, then is killed"
    _lease_runs_out("backup")
    assert run_job(_backup(calls), PERIOD, "second:2") is True
    row = _row("backup")
    assert calls == ["ran"]
    assert (row.state, row.worker, row.last_result, row.failures, row.lease_until) == (
        "succeeded", "second:2", "folder=x", 0, None)


def test_a_live_claim_is_not_taken_over(app):
    calls: list[str] = []
    assert claim(_backup(calls), PERIOD, "busy:1") is True
    assert run_job(_backup(calls), PERIOD, "second:2") is False
    row = _row("backup")
    assert calls == [] and (row.state, row.worker) == ("running", "busy:1")


def test_the_abandoned_run_counts_as_a_failure_when_the_takeover_fails_too(app):
    def broken() -> str:
        raise OSError("No space left on device")

    claim(_backup([]), PERIOD, "killed:1")
    _lease_runs_out("backup")
    with pytest.raises(OSError):
        run_job(_backup([], broken), PERIOD, "second:2")
    row = _row("backup")
    assert (row.state, row.failures, row.worker) == ("failed", 2, "second:2")


def test_a_worker_whose_run_was_taken_over_does_not_overwrite_the_new_outcome(app):
    def slow_then_overtaken() -> str:
        _lease_runs_out("backup")
        assert run_job(_backup([]), PERIOD, "second:2") is True
        return "folder=late"

    run_job(_backup([], slow_then_overtaken), PERIOD, "first:1")
    row = _row("backup")
    assert (row.worker, row.last_result, row.runs) == ("second:2", "folder=x", 1)


def test_the_lease_is_renewed_while_a_long_job_works(app):
    app.config["SILA_JOBS_LEASE_SECONDS"] = 0.6
    seen: set[object] = set()

    def long_job() -> str:
        """Works until it sees its lease pushed back (a few tenths of a second), or gives up."""
        for _ in range(200):
            with db.engine.connect() as connection:
                seen.add(connection.scalar(sa.text("SELECT lease_until FROM job_runs WHERE name = 'backup'")))
            if len(seen) > 1:
                return "renewed=1"
            time.sleep(0.05)
        return "renewed=0"

    run_job(_backup([], long_job), PERIOD, "first:1")
    assert _row("backup").last_result == "renewed=1", "the heartbeat pushed the lease back while the job worked"


def test_the_sweep_takes_over_the_current_period_of_a_dead_worker(app, monkeypatch):
    calls: list[str] = []
    backup = _backup(calls)
    monkeypatch.setattr("sila.jobs.sweep.configured_jobs", lambda _config: (backup,))
    claim(backup, backup.period_of(utcnow()), "killed:1")
    assert sweep(app.config, retry_failed=False) == [], "a live run is left alone"
    _lease_runs_out("backup")
    assert sweep(app.config, retry_failed=False) == ["backup"]
    row = _row("backup")
    assert calls == ["ran"] and row.state == "succeeded" and row.worker != "killed:1"
    assert sweep(app.config, retry_failed=False) == [], "a finished period is left alone"
