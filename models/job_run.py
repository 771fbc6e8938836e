"""The last run of each background job: what the jobs screen and /healthz read.

One row per job in the registry (sila/jobs/registry.py), written only by the
wrapper every run goes through (sila/jobs/runs.py). `period_at` is the period
the last run was for: claiming it with a conditional UPDATE is what lets
several processes start the same job and only one of them run it. A running
claim is a lease until `lease_until`, renewed while the job works: a worker
killed mid-job stops renewing it, and once it has passed another takes the
period over.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db, one_of
from models.branch_path import ASSOCIATION_WIDE
from models.enums import JobState
from models.personal_data import FACT, SYSTEM, personal


class JobRun(db.Model):
    __tablename__ = "job_runs"
    __branch__ = ASSOCIATION_WIDE
    __table_args__ = (one_of("state", JobState),)

    name: Mapped[str] = mapped_column(String(40), primary_key=True, info=personal(SYSTEM))
    state: Mapped[str] = mapped_column(String(24), default=JobState.succeeded, info=personal(FACT))
    period_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(SYSTEM))
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT))
    succeeded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT))
    # Counts and exception text only: a job's result never names a person.
    last_result: Mapped[str | None] = mapped_column(String(300), info=personal(FACT))
    last_error: Mapped[str | None] = mapped_column(Text, info=personal(FACT))
    runs: Mapped[int] = mapped_column(Integer, default=0, info=personal(FACT))
    failures: Mapped[int] = mapped_column(Integer, default=0, info=personal(FACT))
    worker: Mapped[str | None] = mapped_column(String(120), info=personal(SYSTEM))
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(SYSTEM))
