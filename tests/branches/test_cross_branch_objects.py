"""The object types added after the first cross-branch tests, each held by the other branch: its page,
print, download or step is the Arabic 403 and changes nothing, and its lists and exports leave it out,
for every role that works at the first branch only."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest

from models import Applicant, Decision, DisbursementBatch, GroupMessage, Voucher
from models.base import db
from models.branch import Branch
from models.committee import AgendaItem, Committee, CommitteeMember, Meeting
from models.household import IncomeSource
from sila.branches import transfers
from tests.admin.test_query_counts import DETAILS_LINK
from tests.branches.conftest import BranchFile, branch_user
from tests.conftest import login, post_form
from tests.factories import make_request
from tests.security.conftest import user
from tests.security.snapshot import unchanged

FORBIDDEN_PAGE = "ليست لديك صلاحية"
OUT_OF_SIGHT = "هذا السجل ليس من السجلات التي تعمل عليها"
THEIR_NAME = "نورة علي"
ROLES = ("staff", "researcher", "manager_main", "rep_main", "committee_main", "treasurer_main")


@dataclass
class Objects:
    """The other branch's newer objects, and one of ours on the same meeting."""

    file: BranchFile
    voucher: int
    batch: int
    transfer: int
    income: int
    meeting: int
    their_item: int


def _theirs(branches) -> Objects:  # type: ignore[no-untyped-def]
    theirs, staff_other = branches.theirs, user("staff_other")
    third = Branch(name="فرع الدمام", city="الدمام", is_active=True, is_main=False)
    db.session.add(third)
    db.session.commit()
    branch_user("treasurer_main", "treasurer", branches.main)
    # A move between the other branch and a third: neither end is ours.
    transfer = transfers.request_transfer(theirs.applicant, third.id, "انتقلت الأسرة إلى الدمام", staff_other)
    voucher = Voucher(request_id=theirs.decided, code="THEIRS-0001", value=Decimal("350"), items="سلة غذائية",
                      expires_on=date.today() + timedelta(days=30), issued_by_id=staff_other.id)
    batch = DisbursementBatch(title="دفعة فرع جدة", due_by=date.today(), branch_id=branches.other.id,
                              prepared_by_id=user("manager").id)
    income = IncomeSource(applicant_id=theirs.applicant, kind="salary", amount=Decimal("3000"))
    committee = db.session.scalar(db.select(Committee).limit(1))
    meeting = Meeting(committee_id=committee.id, number=7, held_on=date.today(), status="planned",
                      secretary_id=user("staff").id)
    # The committee is association-wide; one of its members works at our branch only.
    member = CommitteeMember(committee_id=committee.id, user_id=user("committee_main").id)
    db.session.add_all([voucher, batch, income, meeting, member, GroupMessage(
        group_kind="branch", group_value=str(branches.other.id), body="رسالة جماعية لأسر فرع جدة",
        recipients=1, declined=0, sent_by_id=staff_other.id,
    )])
    db.session.get(Decision, theirs.decision).letter_pdf = b"%PDF-1.4 letter of the other branch"
    db.session.commit()
    items = [AgendaItem(meeting_id=meeting.id, position=position, request_id=make_request(
        "submitted", applicant=db.session.get(Applicant, file.applicant)).id)
        for position, file in enumerate((branches.ours, theirs))]
    db.session.add_all(items)
    db.session.commit()
    return Objects(theirs, voucher.id, batch.id, transfer.id, income.id, meeting.id, items[1].id)


@pytest.fixture()
def objects(branches) -> Objects:  # type: ignore[no-untyped-def]
    return _theirs(branches)


# (object type) → (URL read by GET, a user who may open it: proof the refusal is the branch's, not a broken page).
READS: dict[str, tuple[Callable[[Objects], str], str]] = {
    "voucher details": (lambda o: f"/admin/vouchers/details/?id={o.voucher}", "staff_other"),
    "voucher print": (lambda o: f"/admin/vouchers/print/{o.voucher}.pdf", "staff_other"),
    "disbursement batch details": (lambda o: f"/admin/batches/details/?id={o.batch}", "manager"),
    "disbursement batch bank file": (lambda o: f"/admin/batches/bank/{o.batch}.csv", "manager"),
    "disbursement batch report": (lambda o: f"/admin/batches/report/{o.batch}.pdf", "manager"),
    "transfer details": (lambda o: f"/admin/transfers/details/?id={o.transfer}", "staff_other"),
    "decision letter": (lambda o: f"/admin/decisions/letter/{o.file.decision}.pdf", "staff_other"),
    "a request's decision letter": (lambda o: f"/admin/decisions/letter/request/{o.file.decided}.pdf", "staff_other"),
    "home visit edit form": (lambda o: f"/admin/visits/edit/?id={o.file.visit}", "staff_other"),
}
# (object type) → (URL, form) posted.
WRITES: dict[str, Callable[[Objects], tuple[str, dict]]] = {
    "voucher issue": lambda o: (f"/admin/vouchers/issue/{o.file.decided}", {}),
    "voucher cancel": lambda o: (f"/admin/vouchers/step/{o.voucher}/cancel", {"reason": "مزور"}),
    "batch approve": lambda o: (f"/admin/batches/step/{o.batch}/approve", {}),
    "batch discard": lambda o: (f"/admin/batches/step/{o.batch}/discard", {}),
    "transfer accept": lambda o: (f"/admin/transfers/step/{o.transfer}/accept", {"note": "مزور"}),
    "transfer asked for another branch's file": lambda o: (
        f"/admin/applicants/transfer/{o.file.applicant}", {"to_branch": "1", "reason": "مزور"}),
    "delivery and receipt": lambda o: (f"/admin/requests/step/{o.file.decided}/deliver", {"what": "مزور"}),
    "household income document": lambda o: (f"/admin/applicants/household-document/income/{o.income}", {}),
    "home visit photo": lambda o: (f"/admin/visits/photo/{o.file.visit}", {}),
    "meeting agenda item taken off": lambda o: (f"/admin/meetings/item/{o.their_item}/drop", {}),
    "meeting agenda item vote": lambda o: (f"/admin/meetings/item/{o.their_item}/vote", {"choice": "approve"}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", sorted(READS))
def test_another_branchs_object_by_url_is_the_arabic_403(objects, client, role, case):
    login(client, role)
    with unchanged():
        response = client.get(READS[case][0](objects))
    assert response.status_code == 403
    page = response.get_data(as_text=True)
    assert FORBIDDEN_PAGE in page and THEIR_NAME not in page


@pytest.mark.parametrize("case", sorted(READS))
def test_the_holder_of_the_object_opens_the_same_url(objects, client, case):
    url, holder = READS[case]
    login(client, holder)
    assert client.get(url(objects)).status_code != 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", sorted(WRITES))
def test_a_post_on_another_branchs_object_is_the_403_and_changes_nothing(objects, client, role, case):
    url, form = WRITES[case](objects)
    login(client, role)
    with unchanged():
        response = post_form(client, url, form)
    assert response.status_code == 403


@pytest.mark.parametrize("endpoint, action, row", [
    ("transfers", "accept", lambda o: o.transfer), ("outbox", "retry", lambda o: o.file.notification),
])
def test_a_bulk_action_naming_another_branchs_row_changes_nothing(objects, client, endpoint, action, row):
    login(client, "staff")
    with unchanged():
        response = post_form(client, f"/admin/{endpoint}/action/", {"action": action, "rowid": str(row(objects))},
                             follow_redirects=True)
    assert OUT_OF_SIGHT in response.get_data(as_text=True)


def _listed(client, url: str) -> set[int]:  # type: ignore[no-untyped-def]
    return {int(found) for found in DETAILS_LINK.findall(client.get(url).get_data(as_text=True))}


@pytest.mark.parametrize("url, attribute, role, holder", [
    ("/admin/vouchers/", "voucher", "staff", "staff_other"),
    ("/admin/batches/", "batch", "manager_main", "manager"),
    ("/admin/transfers/", "transfer", "staff", "staff_other"),
])
def test_another_branchs_object_is_not_listed(objects, app, client, url, attribute, role, holder):
    row = getattr(objects, attribute)
    assert row not in _listed(login(client, role), url)
    assert row in _listed(login(app.test_client(), holder), url)


def test_another_branchs_group_message_is_not_listed(objects, app, client):
    login(client, "staff")
    assert "رسالة جماعية لأسر فرع جدة" not in client.get("/admin/group_messages/").get_data(as_text=True)
    theirs = login(app.test_client(), "staff_other")
    assert "رسالة جماعية لأسر فرع جدة" in theirs.get("/admin/group_messages/").get_data(as_text=True)


@pytest.mark.parametrize("role", ["staff", "manager_main", "committee_main"])
def test_a_meeting_shows_only_the_agenda_items_of_the_users_branches(objects, client, role):
    login(client, role)
    page = client.get(f"/admin/meetings/details/?id={objects.meeting}").get_data(as_text=True)
    assert "سالم" in page and THEIR_NAME not in page


@pytest.mark.parametrize("endpoint", ["applicants", "requests", "contacts", "referrals", "decisions"])
def test_a_branch_managers_export_holds_only_his_branch(objects, client, endpoint):
    login(client, "manager_main")
    response = client.get(f"/admin/{endpoint}/export/csv/")
    assert response.status_code == 200
    assert THEIR_NAME not in response.get_data(as_text=True)
