"""The aid dashboard: spent against budget per funding source, per needs category, branch and Hijri month, each
exported formula-safe; a branch-assigned manager sums only his branches."""
from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from models import AidDelivery, AuditEntry, Branch
from models.base import db
from sila.core.dates import to_hijri
from sila.requests import transitions
from tests.aid.helpers import IN_HAND, granted, make_source
from tests.branches.conftest import branch_user
from tests.conftest import login
from tests.factories import make_applicant
from tests.requests.test_workflow import user


def _two_branches_delivered() -> tuple[Branch, Branch]:
    main = db.session.scalar(db.select(Branch).where(Branch.is_main.is_(True)))
    jeddah = Branch(name="فرع جدة", city="جدة", is_active=True, is_main=False)
    db.session.add(jeddah)
    db.session.commit()
    donor = make_source("10000")
    hostile = make_source("5000", name="=HYPERLINK(\"http://x\")")
    for branch, source, amount, category in ((main, donor, "700", "أ"), (jeddah, hostile, "300", "ب")):
        request = granted("in_kind", amount, source=source, description="سلة", needs_category=category,
                          applicant=make_applicant(branch=branch))
        transitions.deliver(request.id, user("staff"), None, IN_HAND)
    return main, jeddah


def _rows(client, table: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    response = client.get(f"/admin/aid_dashboard/export/{table}.csv")
    assert response.status_code == 200 and response.data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_the_manager_reads_spent_against_budget_and_exports_it_formula_safe(rakeen, client):
    _two_branches_delivered()
    login(client, "manager")
    page = client.get("/admin/aid_dashboard/").get_data(as_text=True)
    assert 'id="sources"' in page and 'id="categories"' in page and 'id="branches"' in page and 'id="months"' in page
    sources = {row[0]: row for row in _rows(client, "sources")[1:]}
    assert sources["متبرع: مؤسسة الخير"][2:6] == ["10000.00", "700.00", "9300.00", "7"]
    assert "'=HYPERLINK(\"http://x\")" in sources, "a formula-like name is neutralised"
    categories = {row[0]: row[1:] for row in _rows(client, "categories")[1:]}
    assert categories == {"أ": ["700.00", "1", "1"], "ب": ["300.00", "1", "1"]}
    branches = {row[0]: row[1] for row in _rows(client, "branches")[1:]}
    assert branches["فرع جدة"] == "300.00"
    hijri = to_hijri(date.today())
    months = _rows(client, "months")[1:]
    assert months[0][0].endswith(str(hijri.year)) and months[0][1] == "1000.00"
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id)).where(
        AuditEntry.action == "export", AuditEntry.entity_type == "aid_dashboard")) == 4


def test_a_branch_manager_sums_only_his_branch(rakeen, client):
    _, jeddah = _two_branches_delivered()
    branch_user("manager_jeddah", "manager", jeddah)
    login(client, "manager_jeddah")
    assert 'id="scoped"' in client.get("/admin/aid_dashboard/").get_data(as_text=True)
    categories = {row[0]: row[1] for row in _rows(client, "categories")[1:]}
    assert categories == {"ب": "300.00"}
    sources = {row[0]: row for row in _rows(client, "sources")[1:]}
    assert sources["متبرع: مؤسسة الخير"][3] == "0.00", "the other branch's spending is not his"


def test_months_follow_the_umm_al_qura_calendar(rakeen, client):
    source = make_source("5000")
    request = granted("in_kind", "400", source=source, description="سلة")
    transitions.deliver(request.id, user("staff"), None, IN_HAND)
    # 21:30 UTC on 28 Feb 2026 is 1 March in Riyadh: 12 Ramadan 1447.
    db.session.execute(db.update(AidDelivery).values(delivered_at=datetime(2026, 2, 28, 21, 30, tzinfo=UTC)))
    db.session.commit()
    login(client, "treasurer")
    assert _rows(client, "months")[1][:2] == ["رمضان 1447", "400.00"]


def test_staff_and_the_committee_cannot_open_the_aid_dashboard(rakeen, client):
    login(client, "staff")
    assert client.get("/admin/aid_dashboard/").status_code == 403
    assert client.get("/admin/aid_dashboard/export/sources.csv").status_code == 403
