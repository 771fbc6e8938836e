"""A manager assigned to branches prepares, approves and reads only his branches' batches; the treasurer and
association-wide managers see every batch, a batch may be narrowed to one branch, and its report names it."""
from __future__ import annotations

import re
from datetime import date

import pypdfium2
import pytest

from models import Branch, DisbursementBatch, User
from models.base import db
from sila.aid import batches
from sila.core.errors import Refused
from sila.core.pdf.stored import render_pending
from tests.aid.helpers import granted, make_source
from tests.branches.conftest import branch_user
from tests.conftest import login, post_form
from tests.factories import make_applicant
from tests.requests.test_workflow import user

IBAN = "SA0380000000608010167519"


@pytest.fixture()
def two_branches(rakeen) -> tuple[Branch, Branch]:  # type: ignore[no-untyped-def]
    main = db.session.scalar(db.select(Branch).where(Branch.is_main.is_(True)))
    jeddah = Branch(name="فرع جدة", city="جدة", is_active=True, is_main=False)
    db.session.add(jeddah)
    db.session.commit()
    source = make_source("20000")
    for branch, name in ((main, "سالم"), (jeddah, "نورة")):
        granted("cash", "500", 6, source, applicant=make_applicant(iban=IBAN, branch=branch, first_name=name))
    return main, jeddah


def _manager_of(branch: Branch, username: str = "manager_jeddah") -> User:
    return branch_user(username, "manager", branch)


def test_a_branch_manager_prepares_only_his_branchs_instalments(two_branches):
    main, jeddah = two_branches
    manager = _manager_of(jeddah)
    with pytest.raises(Refused, match="اختر الفرع"):
        batches.prepare(manager, date.today())
    with pytest.raises(Refused, match="فرعًا آخر"):
        batches.prepare(manager, date.today(), branch_id=main.id)
    batch = batches.prepare(manager, date.today(), branch_id=jeddah.id)
    assert batch.branch_id == jeddah.id and len(batch.lines) == 1
    assert batch.lines[0].instalment.grant.request.applicant.first_name == "نورة"


def test_an_association_wide_manager_narrows_a_batch_to_one_branch_or_takes_them_all(two_branches):
    main, jeddah = two_branches
    narrowed = batches.prepare(user("manager"), date.today(), branch_id=main.id)
    assert [line.instalment.grant.request.applicant.first_name for line in narrowed.lines] == ["سالم"]
    everything = batches.prepare(user("manager"), date.today())
    assert everything.branch_id is None and len(everything.lines) == 1, "the rest: the other branch's line"


def test_another_branchs_batch_cannot_be_approved_paid_or_opened_by_a_branch_manager(two_branches, client):
    main, jeddah = two_branches
    theirs = batches.prepare(user("manager"), date.today(), branch_id=main.id)
    manager = _manager_of(jeddah)
    for step in (batches.approve, batches.discard):
        with pytest.raises(Refused, match="فرعًا آخر"):
            step(theirs.id, manager)
    assert db.session.get(DisbursementBatch, theirs.id).status == "prepared"
    ours = batches.prepare(manager, date.today(), branch_id=jeddah.id)

    login(client, "manager_jeddah")
    listed = client.get("/admin/batches/").get_data(as_text=True)
    assert f"/admin/batches/details/?id={ours.id}" in listed
    assert f"/admin/batches/details/?id={theirs.id}" not in listed
    assert client.get(f"/admin/batches/details/?id={theirs.id}").status_code == 403
    assert client.get(f"/admin/batches/bank/{theirs.id}.csv").status_code == 403
    page = "/admin/batches/"
    post_form(client, f"/admin/batches/step/{theirs.id}/approve", {}, token_from=page)
    assert db.session.get(DisbursementBatch, theirs.id).status == "prepared"
    form = client.get("/admin/batches/prepare/").get_data(as_text=True)
    assert "فرع جدة" in form and main.name not in form.split('id="branch"')[1].split("</select>")[0]


def test_a_second_manager_of_the_branch_or_the_treasurer_approves_a_branch_batch(two_branches):
    _, jeddah = two_branches
    preparer = _manager_of(jeddah)
    batch = batches.prepare(preparer, date.today(), branch_id=jeddah.id)
    with pytest.raises(Refused):
        batches.approve(batch.id, preparer)
    batches.approve(batch.id, _manager_of(jeddah, "manager_jeddah2"))
    batches.mark_paid(batch.id, user("treasurer"))
    assert db.session.get(DisbursementBatch, batch.id).status == "paid"


def test_the_batch_report_names_the_branch(two_branches, app):
    _, jeddah = two_branches
    batch = batches.prepare(_manager_of(jeddah), date.today(), branch_id=jeddah.id)
    batches.approve(batch.id, user("treasurer"))
    render_pending()  # the job prepares the approved batch's report
    report = login(app.test_client(), "treasurer").get(f"/admin/batches/report/{batch.id}.pdf")
    assert report.status_code == 200
    text = re.sub(r"\s+", " ", pypdfium2.PdfDocument(report.data)[0].get_textpage().get_text_range())
    assert "فرع جدة" in text
