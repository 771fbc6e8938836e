"""Exports of list views: formulas neutralised, Arabic intact, masks kept, only for overseers, audited."""
from __future__ import annotations

import csv
import html
import io
import re
from datetime import UTC, date, datetime

import openpyxl
import pytest

from models import AuditEntry, Channel, Contact, Decision, User
from models.base import db
from sila.core.dates import today
from tests.conftest import login, post_form
from tests.factories import make_applicant, make_request

FORMULAS = ["=HYPERLINK(\"http://x\",\"اضغط\")", "+966551234567", "-2+3", "@SUM(A1)", "\tمسافة", "\rسطر"]


def _contacts() -> list[Contact]:
    channel = db.session.scalar(db.select(Channel).order_by(Channel.position).limit(1))
    rows = [Contact(kind="complaint", status="open", channel_id=channel.id, summary=text, contact_name="سارة")
            for text in FORMULAS]
    rows.append(Contact(kind="suggestion", status="open", channel_id=channel.id, summary="اقتراح: تمديد ساعات الاستقبال",
                        due_on=date(2024, 3, 11)))
    db.session.add_all(rows)
    db.session.commit()
    return rows


def _csv(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 BOM to read Arabic"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _column(rows: list[list[str]], title: str) -> list[str]:
    index = rows[0].index(title)
    return [row[index] for row in rows[1:]]


def _exports() -> list[AuditEntry]:
    return list(db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "export").order_by(AuditEntry.id)))


def test_csv_export_neutralises_formulas_keeps_arabic_and_is_audited(rakeen, client):
    _contacts()
    login(client, "manager")
    response = client.get("/admin/contacts/export/csv/")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert re.fullmatch(rf"attachment; filename=contacts_{today().isoformat()}\.csv", disposition)
    rows = _csv(response)
    summaries = _column(rows, "الملخص")
    for text in FORMULAS:
        assert "'" + text in summaries
    assert "اقتراح: تمديد ساعات الاستقبال" in summaries
    assert not any(cell[:1] in "=+-@\t\r" for row in rows for cell in row if cell)
    assert set(_column(rows, "النوع")) == {"شكوى", "اقتراح"}
    assert [cell for cell in _column(rows, "تاريخ الاستحقاق") if cell] == ["2024-03-11 (01/09/1445 هـ)"]
    assert "<" not in response.get_data(as_text=True), "list badges are exported as their text"
    manager = db.session.scalar(db.select(User).where(User.username == "manager"))
    [entry] = _exports()
    assert (entry.actor_id, entry.entity_type, entry.new_value, entry.note) == (manager.id, "contacts", "7", "csv")


def test_xlsx_export_holds_text_cells_never_formulas(rakeen, client):
    _contacts()
    login(client, "manager")
    response = client.get("/admin/contacts/export/xlsx/")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith(f"contacts_{today().isoformat()}.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.get_data())).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value is not None]
    assert all(cell.data_type == "s" for cell in cells)
    values = {cell.value for cell in cells}
    for text in FORMULAS:
        assert "'" + text.replace("\r", "\n") in values  # XML stores a lone CR as a line feed
    assert "اقتراح: تمديد ساعات الاستقبال" in values
    assert _exports()[0].note == "xlsx"


def test_exports_follow_the_lists_filters_and_mask_personal_data(rakeen, client):
    applicant = make_applicant(first_name="=cmd|' /C calc'!A0", mobile="0551234567")
    make_request(status="submitted", applicant=applicant)
    make_request(status="received")
    login(client, "manager")
    rows = _csv(client.get("/admin/applicants/export/csv/"))
    assert applicant.national_id not in rows[1] + rows[2]
    masked = [row for row in rows[1:] if row[0].endswith(applicant.national_id[-3:])]
    assert masked and "•" in masked[0][0]
    assert "0551234567" not in "".join(",".join(row) for row in rows)
    assert any(cell.startswith("'=cmd") for row in rows for cell in row)
    dashboard = client.get("/admin/").get_data(as_text=True)
    submitted = html.unescape(re.search(r'data-figure="stages-submitted"><a href="([^"]+)"', dashboard).group(1))
    rows = _csv(client.get(submitted.replace("/admin/requests/", "/admin/requests/export/csv/")))
    assert len(rows) == 2
    assert "مرفوع للجنة" in rows[1] and "submitted" not in rows[1]
    assert [entry.new_value for entry in _exports()] == ["2", "1"]


@pytest.mark.parametrize(("username", "url"), [
    ("staff", "/admin/requests/export/csv/"),
    ("staff", "/admin/applicants/export/xlsx/"),
    ("staff", "/admin/contacts/export/csv/"),
    ("committee", "/admin/decisions/export/csv/"),
    ("committee", "/admin/committee_queue/export/csv/"),
    ("researcher", "/admin/referrals/export/xlsx/"),
    ("admin", "/admin/requests/export/csv/"),
    ("manager", "/admin/users/export/csv/"),
    ("manager", "/admin/requests/export/json/"),
])
def test_only_overseers_export_and_only_the_opted_in_lists(rakeen, client, username, url):
    make_request(status="submitted")
    login(client, username)
    assert client.get(url).status_code == 403
    assert _exports() == []


def test_the_list_offers_the_export_to_managers_only(rakeen, client):
    make_request()
    login(client, "manager")
    page = client.get("/admin/decisions/").get_data(as_text=True)
    assert "/admin/decisions/export/csv/" in page and "/admin/decisions/export/xlsx/" in page
    assert db.session.scalar(db.select(db.func.count(Decision.id))) == 0
    post_form(client, "/logout", {})
    login(client, "staff")
    assert "/export/" not in client.get("/admin/requests/").get_data(as_text=True)


@pytest.mark.parametrize("sort", ["", "?sort=1", "?sort=2&desc=1", "?search=محمد"])
def test_request_export_read_as_plain_rows_matches_the_one_built_from_each_request(rakeen, client, monkeypatch, sort):
    """The requests export reads its columns as plain values (admin/plain_rows.py) for speed; sorted by a
    joined column or searched, it must still write exactly what the mapped requests would."""
    from sila.requests.screen import RequestView

    make_request(status="submitted", created_at=datetime(2024, 3, 1, 9, 0, tzinfo=UTC), earliest_answer_on=date(2024, 3, 17))
    make_request(applicant=make_applicant(first_name="=SUM(A1)", grandfather_name=""))
    make_request(status="accepted")
    login(client, "manager")
    plain = client.get(f"/admin/requests/export/csv/{sort}").get_data()
    monkeypatch.setattr(RequestView, "plain_fields", {})
    assert client.get(f"/admin/requests/export/csv/{sort}").get_data() == plain
    rows = list(csv.reader(io.StringIO(plain.decode("utf-8-sig"))))
    assert len(rows) == (3 if "search" in sort else 4)
    if not sort:
        assert rows[-1][0] == f"{1:07d}" and rows[-1][4:] == ["مرفوع للجنة", "2024-03-01 12:00 (20/08/1445 هـ)",
                                                             "2024-03-17 (07/09/1445 هـ)"]
        assert "'=SUM(A1) علي الحربي" in [row[1] for row in rows]
