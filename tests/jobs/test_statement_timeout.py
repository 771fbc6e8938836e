"""Jobs are not cut by the web's statement timeout: their PostgreSQL sessions run under the jobs' own setting."""
from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from app import create_app
from models.base import db
from models.job_run import JobRun
from sila.config import _normalized_database_url
from sila.jobs.registry import job_named
from sila.jobs.runs import run_job

FAR_PERIOD = datetime(2099, 1, 1, 21, 20, tzinfo=UTC)


@pytest.fixture()
def limited_app(database_url: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    url = _normalized_database_url(database_url)
    if sa.engine.make_url(url).get_backend_name() != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's")
    monkeypatch.setenv("SILA_DB_STATEMENT_TIMEOUT_MS", "300")
    monkeypatch.setenv("SILA_JOBS_STATEMENT_TIMEOUT_MS", "0")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        db.session.execute(db.delete(JobRun))
        db.session.commit()
        yield app
        db.session.execute(db.delete(JobRun))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def _timeout() -> str:
    return db.session.scalar(sa.text("SHOW statement_timeout"))


def test_a_long_job_statement_is_not_cancelled_by_the_web_timeout(limited_app):
    seen: list[str] = []

    def long_retention() -> str:
        seen.append(_timeout())
        db.session.execute(sa.text("SELECT pg_sleep(0.6)"))  # twice the web's 300 ms
        db.session.commit()
        seen.append(_timeout())
        return "eligible=0 anonymized=0"

    assert run_job(replace(job_named({}, "retention"), work=long_retention), FAR_PERIOD) is True
    assert seen == ["0", "0"], "every transaction of the job, after a commit too, has the jobs' value"
    assert db.session.get(JobRun, "retention").state == "succeeded"
    db.session.rollback()
    assert _timeout() == "300ms", "the connection goes back to web requests with the web's limit"
    with pytest.raises(sa.exc.OperationalError, match="statement timeout"):
        db.session.execute(sa.text("SELECT pg_sleep(0.6)"))
    db.session.rollback()


def test_the_jobs_timeout_can_be_set_and_cuts_a_runaway_job(limited_app):
    limited_app.config["SILA_JOBS_STATEMENT_TIMEOUT_MS"] = 100

    def runaway() -> str:
        db.session.execute(sa.text("SELECT pg_sleep(0.6)"))
        return "done=1"

    with pytest.raises(sa.exc.OperationalError, match="statement timeout"):
        run_job(replace(job_named({}, "retention"), work=runaway), FAR_PERIOD)
    db.session.expire_all()
    row = db.session.get(JobRun, "retention")
    assert row.state == "failed" and "statement timeout" in row.last_error
