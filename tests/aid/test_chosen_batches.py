"""A batch of hand-picked requests: exactly their due instalments, or nothing and each misfit named in Arabic."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from models import AuditEntry, DisbursementBatch, ServiceRequest
from models.base import db
from sila.aid import batches
from sila.aid.batch_choice import NotBatchable, parse_numbers
from sila.core.errors import InvalidValue
from tests.aid.helpers import granted, make_source
from tests.aid.test_branch_batches import _manager_of, two_branches  # noqa: F401
from tests.conftest import login, post_form
from tests.factories import make_applicant
from tests.requests.test_workflow import user

IBAN = "SA0380000000608010167519"
PREPARE = "/admin/batches/prepare/"


def _cash(count: int) -> list:
    source = make_source("20000")
    return [granted("cash", "500", 6, source, applicant=make_applicant(iban=IBAN)) for _ in range(count)]


def _batches() -> int:
    return db.session.scalar(db.select(db.func.count(DisbursementBatch.id)))


def test_typed_numbers_are_read_with_arabic_digits_and_any_separator():
    assert parse_numbers("٠٠٠٠٠١٢، 15\n12 ; 7") == [12, 15, 7]
    assert parse_numbers("  ") == []
    with pytest.raises(InvalidValue, match="ليس رقم طلب|not a request number"):
        parse_numbers("12 أحمد")


def test_the_batch_holds_exactly_the_chosen_requests_instalments(rakeen, app):
    first, second, third = _cash(3)
    manager = login(app.test_client(), "manager")
    typed = f"{first.number}، {third.number}"
    response = post_form(manager, PREPARE, {"due_by": date.today().strftime("%d/%m/%Y"), "requests": typed},
                         token_from=PREPARE)
    assert response.status_code == 302
    batch = db.session.scalar(db.select(DisbursementBatch))
    assert sorted(line.request_id for line in batch.lines) == sorted([first.id, third.id])
    assert [line.amount for line in batch.lines] == [500, 500]
    assert second.id not in {line.request_id for line in batch.lines}
    entry = db.session.scalar(db.select(AuditEntry).filter_by(action="batch_prepare"))
    assert first.number in entry.note and third.number in entry.note
    page = manager.get(f"/admin/batches/details/?id={batch.id}").get_data(as_text=True)
    assert "step/" + str(batch.id) + "/approve" not in page, "four eyes: still someone else's to approve"
    batches.approve(batch.id, user("manager2"))
    leftover = batches.prepare(user("manager"), date.today())
    assert [line.request_id for line in leftover.lines] == [second.id], "the others wait for another batch"


def test_another_branchs_request_is_refused_and_nothing_is_prepared(two_branches):  # noqa: F811
    main, jeddah = two_branches
    theirs = next(request for request in _registered() if request.branch_id == main.id)
    ours = next(request for request in _registered() if request.branch_id == jeddah.id)
    manager = _manager_of(jeddah)
    with pytest.raises(NotBatchable) as refused:
        batches.prepare(manager, date.today(), branch_id=jeddah.id, request_ids=[ours.id, theirs.id])
    assert len(refused.value.reasons) == 1
    assert refused.value.reasons[0] == f"الطلب {theirs.number}: يتبع فرعًا آخر."
    assert _batches() == 0
    with pytest.raises(NotBatchable) as narrowed:
        batches.prepare(user("manager"), date.today(), branch_id=jeddah.id, request_ids=[theirs.id])
    assert "غير فرع الدفعة" in narrowed.value.reasons[0], "an association-wide manager's branch batch takes no other"
    batch = batches.prepare(manager, date.today(), branch_id=jeddah.id, request_ids=[ours.id])
    assert [line.request_id for line in batch.lines] == [ours.id]


def _registered() -> list:
    return list(db.session.scalars(db.select(ServiceRequest).where(ServiceRequest.status == "registered")))


def test_a_request_with_nothing_due_is_named_in_arabic(rakeen, app):
    cash, later = _cash(2)
    in_kind = granted("in_kind", "350", 1, make_source(name="صدقة عامة"), description="سلة غذائية")
    batches.prepare(user("manager"), date.today(), request_ids=[cash.id])
    manager = login(app.test_client(), "manager2")
    form = {"due_by": date.today().strftime("%d/%m/%Y"), "requests": f"{cash.number}\n{in_kind.number}\n9999999"}
    page = post_form(manager, PREPARE, form, token_from=PREPARE).get_data(as_text=True)
    assert "الطلبات التالية لا تدخل فيها" in page
    assert f"الطلب {cash.number}: أقساطه المستحقة حتى ذلك التاريخ في الدفعة رقم" in page
    assert f"الطلب {in_kind.number}: لم تُمنح عليه مساعدة نقدية" in page
    assert "الطلب 9999999: لا يوجد طلب بهذا الرقم" in page
    assert cash.number in page.split('id="requests"', 1)[1].split("</textarea>", 1)[0], "the list stays to correct"
    assert _batches() == 1
    with pytest.raises(NotBatchable) as early:
        batches.prepare(user("manager"), date.today() - timedelta(days=1), request_ids=[later.id])
    assert early.value.reasons[0].startswith(f"الطلب {later.number}: لا قسط مستحقًا عليه حتى ")


def test_a_manager_ticks_requests_on_the_list_and_the_batch_form_opens_with_them(rakeen, app):
    first, second = _cash(2)
    manager = login(app.test_client(), "manager")
    listed = manager.get("/admin/requests/").get_data(as_text=True)
    assert 'data-sila-action="batch"' in listed and 'data-sila-action="verify"' not in listed
    response = post_form(manager, "/admin/requests/action/", {"action": "batch", "rowid": [second.id, first.id]},
                         token_from="/admin/requests/")
    assert response.status_code == 302 and "/admin/batches/prepare/" in response.headers["Location"]
    form = manager.get(response.headers["Location"]).get_data(as_text=True)
    assert f"{first.number}، {second.number}" in form.split('id="requests"', 1)[1].split("</textarea>", 1)[0]
    assert _batches() == 0, "ticking opens the form; nothing is prepared before the manager confirms"

    staff = login(app.test_client(), "staff")
    assert 'data-sila-action="batch"' not in staff.get("/admin/requests/").get_data(as_text=True)
    forged = post_form(staff, "/admin/requests/action/", {"action": "batch", "rowid": [first.id]},
                       token_from="/admin/requests/")
    assert forged.status_code == 403
    other = post_form(manager, "/admin/requests/action/", {"action": "verify", "rowid": [first.id]},
                      token_from="/admin/requests/")
    assert other.status_code == 403, "the batch is the one bulk action a manager takes"
    queue = login(app.test_client(), "manager").get("/admin/committee_queue/").get_data(as_text=True)
    assert 'data-sila-action="batch"' not in queue
