"""The load test's after-run check finds each step the tool saw done exactly once, and says so when it is not."""
from __future__ import annotations

from bench.load_consistency import check, mark
from bench.load_ledger import Ledger
from models import User
from models.audit import AuditEntry
from models.base import db
from sila.requests import transitions
from tests.factories import make_request


def _attested(request_id: int, ledger: Ledger) -> None:
    """The attestation step, as the load tool would have seen it done."""
    staff = db.session.scalar(db.select(User).where(User.username == "staff"))
    transitions.attest(request_id, staff, "محمد علي صالح الحربي", "on_screen")
    ledger.record_done("attest", request_id, "verified", "attested")


def test_each_reported_step_found_once_is_consistent(rakeen):
    request_id = make_request("verified").id
    before, ledger = mark(db.engine), Ledger()
    _attested(request_id, ledger)
    result = check(db.engine, before, ledger)
    assert result["ok"]
    assert result["steps"]["attest"] == {"done": 1, "refused": 0, "in_database": 1, "missing": 0, "unreported": 0,
                                         "doubled": 0}


def test_a_doubled_or_unreported_transition_fails_the_check(rakeen):
    request_id = make_request("verified").id
    before, ledger = mark(db.engine), Ledger()
    _attested(request_id, ledger)
    db.session.add(AuditEntry(action="attest", entity_type="request", entity_id=request_id, field="status",
                              old_value="verified", new_value="attested"))
    db.session.commit()
    result = check(db.engine, before, ledger)
    assert not result["ok"]
    assert (result["steps"]["attest"]["doubled"], result["steps"]["attest"]["unreported"]) == (1, 1)


def test_a_step_reported_but_not_stored_is_missing(rakeen):
    request_id = make_request().id
    before, ledger = mark(db.engine), Ledger()
    ledger.record_done("verify", request_id, "received", "verified")
    result = check(db.engine, before, ledger)
    assert not result["ok"]
    assert result["steps"]["verify"]["missing"] == 1
    assert result["statuses"]["received"]["after"] != result["statuses"]["received"]["expected"]


def test_a_transition_told_done_to_two_users_is_doubled(rakeen):
    request_id = make_request("verified").id
    before, ledger = mark(db.engine), Ledger()
    _attested(request_id, ledger)
    ledger.record_done("attest", request_id, "verified", "attested")
    assert check(db.engine, before, ledger)["steps"]["attest"]["doubled"] == 1
