"""«المهام الخلفية»: administrators see each job's last run, next run, failures and error; nobody else opens it."""
from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from sila.jobs.registry import job_named
from sila.jobs.runs import run_job
from tests.conftest import login


def _broken_backup():  # type: ignore[no-untyped-def]
    def work() -> str:
        raise OSError("No space left on device")

    return replace(job_named({}, "backup"), work=work)


def test_admins_see_a_job_that_keeps_failing_with_its_error_and_count(rakeen, app, client):
    run_job(job_named(app.config, "send_messages"))
    for day in (1, 2, 3):
        with pytest.raises(OSError):
            run_job(_broken_backup(), datetime(2026, 12, day, 21, 40, tzinfo=UTC))
    page = login(client, "admin").get("/admin/jobs/").get_data(as_text=True)
    assert "المهام الخلفية" in page
    backup = page.split('id="job-backup"', 1)[1].split("</tr>", 1)[0]
    assert "table-danger" in page.split('<tr id="job-backup"', 1)[1].split(">", 1)[0], "the failing job's row is red"
    assert "No space left on device" in backup and 'class="job-failures">3<' in backup and "فشل التنفيذ" in backup
    sending = page.split('id="job-send_messages"', 1)[1].split("</tr>", 1)[0]
    assert "نجحت" in sending and "تم الإرسال" in sending
    assert 'id="jobs-worker-missing"' not in page
    retention = page.split('id="job-retention"', 1)[1].split("</tr>", 1)[0]
    assert "لم تُنفَّذ بعد" in retention


def test_the_screen_warns_when_no_worker_ran_a_job_lately(rakeen, client):
    page = login(client, "admin").get("/admin/jobs/").get_data(as_text=True)
    assert 'id="jobs-worker-missing"' in page


@pytest.mark.parametrize("role", ["staff", "manager", "committee", "researcher"])
def test_only_admins_open_the_jobs_screen(rakeen, client, role):
    assert login(client, role).get("/admin/jobs/").status_code == 403
