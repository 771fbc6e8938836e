"""procrastinate's rows left "doing" by a killed worker are retried or failed by the minute's sweep, not left doing."""
from __future__ import annotations

import asyncio

import sqlalchemy as sa

from models.base import db
from sila.jobs.deferral import defer_in_transaction
from sila.jobs.stalled import retry_stalled
from sila.jobs.worker import QUEUE, queue_app
from tests.committee.test_letter_jobs import migrated_postgres  # noqa: F401 - a fixture


def _worker(seconds_ago: int) -> int:
    return db.session.scalar(sa.text(
        "INSERT INTO procrastinate.procrastinate_workers (last_heartbeat) "
        "VALUES (now() - make_interval(secs => :ago)) RETURNING id"), {"ago": seconds_ago})


def _doing(task: str, worker_id: int, attempts: int = 0) -> int:
    """A job row as a worker leaves it when it is killed mid-job: "doing", in that worker's name."""
    return db.session.scalar(sa.text(
        "INSERT INTO procrastinate.procrastinate_jobs (queue_name, task_name, args, status, worker_id, attempts) "
        "VALUES (:queue, :task, CAST(:args AS jsonb), 'doing', :worker, :attempts) RETURNING id"),
        {"queue": QUEUE, "task": task, "args": '{"decision_id": 1}', "worker": worker_id, "attempts": attempts})


def _status(job_id: int) -> tuple[str, int]:
    return tuple(db.session.execute(sa.text(
        "SELECT status, attempts FROM procrastinate.procrastinate_jobs WHERE id = :id"), {"id": job_id}).one())


def _sweep(flask_app) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    queue = queue_app(flask_app)

    async def once() -> tuple[int, int]:
        async with queue.open_async():
            return await retry_stalled(queue, QUEUE)

    return asyncio.run(once())


def test_jobs_left_doing_by_a_killed_worker_are_retried_or_failed(migrated_postgres):  # noqa: F811
    killed, alive = _worker(3600), _worker(0)
    letter = _doing("sila.render_letter", killed)
    spent = _doing("sila.render_letter", killed, attempts=5)
    sweep_run = _doing("sila.sweep", killed)
    running = _doing("sila.render_letter", alive)
    db.session.commit()

    assert _sweep(migrated_postgres) == (1, 2)
    assert _status(letter) == ("todo", 1), "retried after the task's back-off, an attempt spent"
    assert _status(spent) == ("failed", 6), "no attempt left: failed, not doing"
    assert _status(sweep_run)[0] == "failed", "a task without retries is failed"
    assert _status(running) == ("doing", 0), "a live worker's job is left alone"
    assert _sweep(migrated_postgres) == (0, 0), "nothing is left doing for the next sweep"


def test_the_workers_minute_sweep_gives_a_killed_workers_job_back(migrated_postgres):  # noqa: F811
    letter = _doing("sila.render_letter", _worker(3600))
    defer_in_transaction("sila.sweep", {"timestamp": 0})
    db.session.commit()

    queue_app(migrated_postgres).run_worker(queues=[QUEUE], wait=False, install_signal_handlers=False)
    assert _status(letter) == ("todo", 1), "retried after the back-off, no longer doing"
