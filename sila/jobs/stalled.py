"""procrastinate's own rows left "doing" by a killed worker: retried, or failed, by the minute's sweep.

Our lease (sila/jobs/lease.py) gives a killed worker's period back to the
others, but procrastinate's `procrastinate_jobs` row of that run would stay
"doing" for good: the jobs screen of procrastinate, `procrastinate` shell
and any count of work in hand would show it running forever, and a deferred
letter or document would never be tried again. procrastinate 3 knows when a
worker is gone: each worker writes a heartbeat (every 10 s) and a row whose
worker has been silent for STALLED_AFTER seconds, or was pruned for it, is
stalled (`JobManager.get_stalled_jobs`). Each such row is given back to the
task's own retry strategy, as if it had failed: retried after the task's
back-off while it has attempts left (`retry_job`), failed otherwise
(`finish_job`), so nothing stays "doing". A retried periodic run is harmless —
its period claim refuses it if the sweep already took the period over — and the
letter and document tasks render only what is still missing.

The sweep is one procrastinate periodic task, deferred once a minute for all
workers, so one worker looks at the stalled rows at a time.
"""
from __future__ import annotations

import logging

import procrastinate
from procrastinate.exceptions import ConnectorException
from procrastinate.jobs import Status

LOG = logging.getLogger("sila.jobs")
# procrastinate's own default: three missed heartbeats of a worker (its `update_heartbeat_interval` is 10 s).
STALLED_AFTER = 30.0


class WorkerLost(Exception):
    """The worker running the job stopped sending its heartbeat: the job ended without an outcome."""


async def retry_stalled(queue: procrastinate.App, queue_name: str) -> tuple[int, int]:
    """Retry or fail the queue's jobs whose worker stopped; (retried, failed)."""
    manager = queue.job_manager
    retried = failed = 0
    for job in await manager.get_stalled_jobs(queue=queue_name, seconds_since_heartbeat=STALLED_AFTER):
        task = queue.tasks.get(job.task_name)
        strategy = task.retry_strategy if task is not None else None
        decision = strategy.get_retry_decision(exception=WorkerLost(), job=job) if strategy else None
        try:
            if decision is not None:
                await manager.retry_job(job, retry_at=decision.retry_at)
                retried += 1
            else:
                await manager.finish_job(job, status=Status.FAILED, delete_job=False)
                failed += 1
        except ConnectorException:  # its state changed meanwhile (finished, retried): nothing left to do
            LOG.debug("stalled job %s changed meanwhile", job.id, exc_info=True)
            continue
        LOG.warning("job %s (%s) was left doing by a stopped worker: %s", job.id, job.task_name,
                    "retried" if decision is not None else "failed")
    return retried, failed
