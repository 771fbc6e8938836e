"""A claimed run holds its period on a lease, renewed from a thread while the job works.

A worker killed mid-job (SIGKILL, a machine lost, an out-of-memory kill) cannot
record anything; its run would stay "running" and its period refused to every
other worker for good. So the claim lasts only until `lease_until`, and a
heartbeat thread pushes that back every third of the lease while the work goes
on. A live run, however long, keeps its period; a dead one stops renewing, and
once the lease has passed the next claim of that period takes it over
(sila/jobs/runs.py) — the sweep (sila/jobs/sweep.py) tries within a minute.
"""
from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta
from types import TracebackType

from flask import Flask, current_app

from models.base import db, utcnow
from models.enums import JobState
from models.job_run import JobRun

LOG = logging.getLogger("sila.jobs")


def lease_length() -> timedelta:
    return timedelta(seconds=float(current_app.config["SILA_JOBS_LEASE_SECONDS"]))


def renew(name: str, period: datetime, worker: str) -> bool:
    """Push this worker's lease back; False when the run is no longer its own (finished or taken over)."""
    with db.engine.begin() as connection:
        renewed = connection.execute(
            db.update(JobRun)
            .where(JobRun.name == name, JobRun.period_at == period, JobRun.worker == worker,
                   JobRun.state == JobState.running)
            .values(lease_until=utcnow() + lease_length())
        ).rowcount
    return renewed == 1


class Heartbeat:
    """`with Heartbeat(name, period, worker):` renews the lease until the block ends."""

    def __init__(self, name: str, period: datetime, worker: str) -> None:
        self.name, self.period, self.worker = name, period, worker
        self._app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
        self._interval = lease_length().total_seconds() / 3
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"sila-lease-{name}", daemon=True)

    def _beat(self) -> None:
        with self._app.app_context():
            while not self._stop.wait(self._interval):
                try:
                    if not renew(self.name, self.period, self.worker):
                        LOG.warning("job %s: the run for %s is no longer this worker's", self.name,
                                    self.period.isoformat())
                        return
                except Exception:  # noqa: BLE001 - a busy database now is no reason to stop; the next beat tries
                    LOG.warning("job %s: could not renew its lease", self.name, exc_info=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stop.set()
        self._thread.join()
