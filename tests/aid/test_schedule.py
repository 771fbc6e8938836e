"""Recurring aid has its schedule; a file suspended, closed or blocked stops its future instalments."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from models import Instalment
from models.base import db
from sila.aid.schedule import month_after
from sila.applicants.file_status import set_file_status
from sila.core.errors import Refused
from sila.requests import transitions
from tests.aid.helpers import IN_HAND, granted, make_source
from tests.conftest import login, post_form
from tests.requests.test_workflow import user


def _statuses() -> list[str]:
    return list(db.session.scalars(db.select(Instalment.status).order_by(Instalment.number)))


def test_a_month_later_keeps_the_day_or_takes_the_months_last():
    assert month_after(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert month_after(date(2026, 11, 15), 3) == date(2027, 2, 15)


def test_suspending_the_file_stops_the_instalments_not_yet_delivered_and_says_so_on_the_file(rakeen, client):
    request = granted("cash", "500", 6, make_source())
    transitions.deliver(request.id, user("staff"), None, IN_HAND)
    until = (date.today() + timedelta(days=60)).strftime("%d/%m/%Y")
    login(client, "staff")
    page = f"/admin/applicants/details/?id={request.applicant_id}"
    post_form(client, f"/admin/applicants/file-status/{request.applicant_id}",
              {"status": "suspended", "reason": "other_association", "until": until, "note": ""}, token_from=page)
    assert _statuses() == ["delivered"] + ["stopped"] * 5
    reason = db.session.scalar(db.select(Instalment.stopped_reason).where(Instalment.status == "stopped").limit(1))
    assert "موقوف" in reason
    assert "أوقفت 5 من دفعات المساعدة القادمة" in client.get(page).get_data(as_text=True), "the file says so"
    with pytest.raises(Refused, match="موقوف"):
        transitions.deliver(request.id, user("staff"), None, IN_HAND)


def test_reopening_the_file_does_not_restart_stopped_aid(rakeen):
    request = granted("cash", "500", 3, make_source())
    set_file_status(request.applicant_id, user("staff"), "blocked", "false_data")
    set_file_status(request.applicant_id, user("staff"), "active")
    assert _statuses() == ["stopped"] * 3
    with pytest.raises(Refused):
        transitions.deliver(request.id, user("staff"), None, IN_HAND)
