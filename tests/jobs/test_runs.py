"""Every job runs once per period through one wrapper, records what happened, and is tried again after a failure."""
from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from models import Applicant, Notification
from models.base import db
from models.job_run import JobRun
from sila.jobs.registry import JOBS, job_named, parse_overrides
from sila.jobs.runs import run_job, worker_missing
from tests.applicants.test_restudy import _files
from tests.factories import make_applicant, make_request
from tests.privacy.test_retention import _people

PERIOD = datetime(2026, 12, 3, 21, 5, tzinfo=UTC)


def _counting(name: str, calls: list[int], fail: bool = False):  # type: ignore[no-untyped-def]
    def work() -> str:
        calls.append(1)
        if fail:
            raise RuntimeError("the disk is full")
        return "done=1"

    return replace(job_named({}, name), work=work)


def test_a_period_runs_once_however_many_processes_start_it(app):
    calls: list[int] = []
    job = _counting("backup", calls)
    assert run_job(job, PERIOD, "server-a:1") is True
    assert run_job(job, PERIOD, "server-b:2") is False
    assert len(calls) == 1
    assert run_job(job, PERIOD.replace(day=4), "server-b:2") is True, "the next period runs again"
    row = db.session.get(JobRun, "backup")
    assert (row.runs, row.state, row.last_result, row.worker) == (2, "succeeded", "done=1", "server-b:2")


def test_a_failing_job_is_recorded_and_its_period_tried_again(app):
    calls: list[int] = []
    failing = _counting("backup", calls, fail=True)
    for _attempt in range(3):
        with pytest.raises(RuntimeError):
            run_job(failing, PERIOD, "worker:1")
    db.session.expire_all()
    row = db.session.get(JobRun, "backup")
    assert (row.state, row.failures, row.runs) == ("failed", 3, 3)
    assert "the disk is full" in row.last_error
    assert run_job(_counting("backup", calls), PERIOD, "worker:1") is True
    db.session.expire_all()
    row = db.session.get(JobRun, "backup")
    assert (row.state, row.failures, row.last_error) == ("succeeded", 0, None)


def test_the_send_job_sends_due_messages_to_the_log(rakeen, app, caplog):
    caplog.set_level(logging.INFO, logger="sila.notifications")
    request = make_request("received")
    db.session.add(Notification(applicant_id=request.applicant_id, request_id=request.id, event="received",
                                method="sms", recipient="+966500000034", body="وصل طلبك"))
    db.session.commit()
    assert run_job(job_named(app.config, "send_messages")) is True
    assert any("(received) to" in record.getMessage() for record in caplog.records)
    assert db.session.scalar(db.select(Notification.status)) == "sent"


def test_the_daily_review_queues_notices_but_closes_files_only_when_the_admin_said_so(rakeen, app):
    soon, overdue, _later = _files(rakeen)
    review = job_named(app.config, "review_files")
    run_job(review, PERIOD)
    db.session.expire_all()
    assert db.session.get(Applicant, overdue.id).file_status == "active"
    assert db.session.scalar(db.select(Notification.applicant_id)) == soon.id
    assert db.session.get(JobRun, "review_files").last_result == "notices=1 closed=0 overdue_left=1"
    rakeen.auto_close_overdue = True
    db.session.commit()
    run_job(review, PERIOD.replace(day=4))
    db.session.expire_all()
    assert db.session.get(Applicant, overdue.id).file_status == "closed"


def test_the_daily_retention_only_counts_unless_automatic_retention_is_on(rakeen, app):
    old_closed, _request = _people(rakeen)
    retention = job_named(app.config, "retention")
    run_job(retention, PERIOD)
    db.session.expire_all()
    assert db.session.get(Applicant, old_closed.id).first_name == "قديم"
    assert db.session.get(JobRun, "retention").last_result == "eligible=1 anonymized=0"
    rakeen.auto_retention = True
    db.session.commit()
    run_job(retention, PERIOD.replace(day=4))
    db.session.expire_all()
    assert db.session.get(Applicant, old_closed.id).first_name != "قديم"
    assert db.session.get(JobRun, "retention").last_result == "eligible=1 anonymized=1"


def test_the_backup_job_writes_a_backup_folder(app, tmp_path):
    app.config["SILA_BACKUP_DIR"] = str(tmp_path)
    make_applicant()
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        pytest.importorskip("shutil").which("pg_dump") or pytest.skip("pg_dump is not installed")
    run_job(job_named(app.config, "backup"), PERIOD)
    [folder] = tmp_path.iterdir()
    assert any(folder.glob("database.*"))


def test_the_daily_backup_keeps_the_most_recent_and_removes_older_ones(app, tmp_path):
    if db.engine.dialect.name == "postgresql":
        pytest.importorskip("shutil").which("pg_dump") or pytest.skip("pg_dump is not installed")
    app.config.update(SILA_BACKUP_DIR=str(tmp_path), SILA_BACKUP_KEEP=2)
    for name in ("sila-20251201-214000-000000", "sila-20251202-214000-000000", "before-the-upgrade"):
        (tmp_path / name).mkdir()
    run_job(job_named(app.config, "backup"), PERIOD)
    kept = sorted(path.name for path in tmp_path.iterdir())
    assert kept[0] == "before-the-upgrade", "a folder the operator named is never removed"
    assert kept[1] == "sila-20251202-214000-000000" and kept[2].startswith("sila-2026") and len(kept) == 3
    assert db.session.get(JobRun, "backup").last_result.endswith("removed=1")
    app.config["SILA_BACKUP_KEEP"] = 0
    run_job(job_named(app.config, "backup"), PERIOD.replace(day=4))
    assert len(list(tmp_path.iterdir())) == 4, "0 keeps every backup"


def test_the_manual_command_runs_a_job_through_the_same_wrapper(rakeen, app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["jobs", "run", "send_messages"])
    assert first.exit_code == 0 and "تمّت" in first.output, first.output
    assert db.session.get(JobRun, "send_messages").runs == 1
    assert "نُفِّذت هذه الفترة من قبل" in runner.invoke(args=["jobs", "run", "send_messages"]).output
    assert runner.invoke(args=["jobs", "run", "nothing"]).exit_code != 0


def test_a_worker_unseen_for_five_minutes_is_missing(app):
    assert worker_missing() is True
    run_job(_counting("send_messages", []))
    assert worker_missing() is False
    later = datetime.now(UTC).replace(microsecond=0).astimezone(UTC)
    assert worker_missing(later.replace(year=later.year + 1)) is True


def test_schedules_can_be_overridden_per_job_and_typos_stop_the_start():
    assert parse_overrides("backup=0 2 * * *; send_messages=* * * * * */5") == {
        "backup": "0 2 * * *", "send_messages": "* * * * * */5",
    }
    for wrong in ("backups=0 2 * * *", "backup=every day"):
        with pytest.raises(ValueError):
            parse_overrides(wrong)
    assert {job.name for job in JOBS} == {
        "send_messages", "render_letters", "render_documents", "review_files", "prune_portal", "expire_vouchers",
        "retention", "backup",
    }
