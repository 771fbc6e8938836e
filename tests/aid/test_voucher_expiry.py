"""Vouchers left unredeemed past their last day are released by the nightly job: their value goes back once."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from models import AuditEntry, FundingSource, Voucher
from models.base import db
from models.job_run import JobRun
from sila.aid import vouchers
from sila.core.dates import today
from sila.jobs.registry import job_named
from sila.jobs.runs import run_job
from tests.aid.vouchers_helpers import granted_items
from tests.conftest import login, post_form
from tests.requests.test_concurrency import crowd, race
from tests.requests.test_workflow import user

NIGHT = datetime(2026, 12, 3, 21, 15, tzinfo=UTC)


def _voucher(expires_in_days: int) -> Voucher:
    voucher = vouchers.issue(granted_items().id, user("staff"))
    voucher.expires_on = today() + timedelta(days=expires_in_days)
    db.session.commit()
    return voucher


def _spent(voucher: Voucher) -> Decimal:
    db.session.expire_all()
    return db.session.get(FundingSource, voucher.funding_source_id).spent


def test_the_nightly_job_releases_an_expired_voucher_once_even_when_run_twice(rakeen, app):
    expired, last_day = _voucher(-1), _voucher(0)
    assert _spent(expired) == Decimal("700.00")
    job = job_named(app.config, "expire_vouchers")
    assert run_job(job, NIGHT) is True
    assert db.session.get(JobRun, "expire_vouchers").last_result == "released=1"
    assert run_job(job, NIGHT + timedelta(days=1)) is True
    assert db.session.get(JobRun, "expire_vouchers").last_result == "released=0"
    assert vouchers.release_expired() == 0
    assert _spent(expired) == Decimal("350.00"), "the expired voucher's value went back, once"
    assert db.session.get(Voucher, expired.id).status == "expired"
    assert db.session.get(Voucher, last_day.id).status == "issued", "a voucher is valid through its expiry day"
    [entry] = db.session.scalars(db.select(AuditEntry).filter_by(action="voucher_expire")).all()
    assert entry.entity_id == expired.request_id and entry.actor_id is None
    assert "أعاد النظام 350.00" in entry.note
    page = login(app.test_client(), "admin").get("/admin/jobs/").get_data(as_text=True)
    row = page.split('id="job-expire_vouchers"', 1)[1].split("</tr>", 1)[0]
    assert "إعادة قيمة القسائم المنتهية" in row and "قسائم أُعيدت قيمتها" in row


def test_the_outlet_refuses_an_expired_voucher_in_arabic(rakeen, client):
    voucher = _voucher(-3)
    vouchers.release_expired()
    outlet = login(client, "outlet")
    page = post_form(outlet, "/admin/outlet/redeem", {"code": voucher.code, "presented": "print"},
                     token_from="/admin/outlet/", follow_redirects=True).get_data(as_text=True)
    assert "انتهت صلاحية هذه القسيمة" in page
    assert db.session.get(Voucher, voucher.id).status == "expired"


def test_the_request_shows_the_expired_voucher_and_staff_may_issue_another(rakeen, client):
    voucher = _voucher(-1)
    vouchers.release_expired()
    staff = login(client, "staff")
    page = staff.get(f"/admin/requests/details/?id={voucher.request_id}").get_data(as_text=True)
    card = page.split('id="vouchers"', 1)[1].split("</ul>", 1)[0]
    assert 'data-voucher="expired"' in card and "منتهية" in card
    timeline = page.split('id="timeline"', 1)[1]
    assert "انتهت قسيمة المساعدة وأُعيدت قيمتها" in timeline
    assert "انتهت قسيمة المساعدة وأُعيدت قيمتها</strong> — صلة، تلقائياً" in timeline, "the job is named as such"
    assert "/admin/vouchers/issue/" in page, "as after a cancel, what is left can go on a new voucher"
    second = vouchers.issue(voucher.request_id, user("staff"))
    assert second.value == Decimal("350.00") and _spent(second) == Decimal("350.00")


def test_two_jobs_releasing_at_once_give_the_value_back_once(crowd_app):
    voucher = _voucher(-1)
    released: list[int] = []
    workers = crowd("admin", 2)
    result = race(crowd_app, [
        (str(worker), lambda _actor: released.append(vouchers.release_expired()), worker) for worker in workers
    ])
    assert len(result.winners) == 2 and sorted(released) == [0, 1]
    assert _spent(voucher) == Decimal("0.00")
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id)).filter_by(action="voucher_expire")) == 1
