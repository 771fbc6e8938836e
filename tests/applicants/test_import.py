"""Spreadsheet import: Arabic headers recognised, a dry run per row, then all or nothing."""
from __future__ import annotations

import io
import re

import pytest
from openpyxl import Workbook

from models import Applicant, AuditEntry
from models.base import db
from tests.conftest import csrf_token, login
from tests.factories import make_applicant, valid_national_id

HEADERS = ["الاسم", "رقم الهوية", "الجوال", "الجنس", "تاريخ الميلاد", "المدينة", "عمود لا نعرفه"]


@pytest.fixture(autouse=True)
def waiting_room(app, tmp_path):  # type: ignore[no-untyped-def]
    """Uploaded files wait under the test's own attachments folder."""
    app.config["SILA_ATTACHMENTS_DIR"] = str(tmp_path / "attachments")
    return tmp_path / "attachments" / "imports"


def _arabic_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv(rows: list[list[object]]) -> bytes:
    lines = [",".join(HEADERS)] + [",".join(str(cell) for cell in row) for row in rows]
    return ("\ufeff" + "\r\n".join(lines)).encode("utf-8")


def _upload(client, data: bytes, name: str):  # type: ignore[no-untyped-def]
    token = csrf_token(client, "/admin/imports/")
    return client.post("/admin/imports/", data={"csrf_token": token, "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def _hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def _dry_run(client, page: str):  # type: ignore[no-untyped-def]
    """Submit the mapping form exactly as guessed."""
    selected = r'name="(column_\d+)"[^>]*>.*?<option value="([^"]*)" selected'
    form = dict(re.findall(selected, page, re.S))
    width = int(_hidden(page, "width"))
    data = {"csrf_token": _hidden(page, "csrf_token"), "token": _hidden(page, "token"),
            "file_name": _hidden(page, "file_name"), "width": width}
    data.update({f"column_{index}": form.get(f"column_{index}", "") for index in range(width)})
    return client.post("/admin/imports/check", data=data)


def _apply(client, report: str):  # type: ignore[no-untyped-def]
    form = report.split('action="/admin/imports/apply"')[1]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form))
    return client.post("/admin/imports/apply", data=fields)


def _count(page: str, key: str) -> int:
    return int(re.search(rf'data-count="{key}">(\d+)<', page).group(1))


def test_arabic_headers_are_recognised(rakeen, client):
    login(client, "staff")
    row = ["أحمد محمد علي الزهراني", valid_national_id(), "0551234567", "ذكر", "", "جدة", "x"]
    page = _upload(client, _xlsx([row]), "people.xlsx")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    selected = re.findall(r'<option value="([^"]*)" selected', html)
    assert selected == ["full_name", "national_id", "mobile", "gender", "birth_date", "city", ""]


def test_dry_run_then_import_creates_updates_and_repeats_without_duplicates(rakeen, client, waiting_room):
    existing = make_applicant(city="الطائف")
    new_id = valid_national_id()
    rows = [
        ["فاطمة عبدالله سعد العتيبي", _arabic_digits(new_id), _arabic_digits("0559876543"), "أنثى", "17/07/1442", "مكة", ""],
        [f"{existing.first_name} {existing.father_name} {existing.grandfather_name} {existing.family_name}",
         existing.national_id, "0551234567", "ذكر", "", "جدة", ""],
    ]
    login(client, "staff")
    report = _dry_run(client, _upload(client, _xlsx(rows), "people.xlsx").get_data(as_text=True)).get_data(as_text=True)
    assert (_count(report, "create"), _count(report, "update"), _count(report, "refused")) == (1, 1, 0)
    assert db.session.scalar(db.select(db.func.count(Applicant.id))) == 1
    response = _apply(client, report)
    assert response.status_code == 302
    assert len(list(waiting_room.iterdir())) == 0, "the imported file must not stay behind"
    created = db.session.scalar(db.select(Applicant).where(Applicant.national_id == new_id))
    assert created.first_name == "فاطمة" and created.family_name == "العتيبي" and created.mobile == "+966559876543"
    assert created.birth_date.isoformat() == "2021-03-01" and created.gender == "female"
    assert db.session.get(Applicant, existing.id).city == "جدة"
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "import"))
    assert "people.xlsx" in entry.note and "SHA-256" in entry.note
    again = _dry_run(client, _upload(client, _xlsx(rows), "people.xlsx").get_data(as_text=True)).get_data(as_text=True)
    assert (_count(again, "create"), _count(again, "update"), _count(again, "unchanged")) == (0, 0, 2)


def test_one_bad_row_refuses_the_whole_import_with_reasons(rakeen, client):
    good = valid_national_id()
    rows = [
        ["سعد علي محمد القرني", good, "0551234567", "ذكر", "", "", ""],
        ["خالد سالم فهد الشهري", "1000000000", "0551234567", "ذكر", "", "", ""],
        ["نورة سعد علي القحطاني", good, "123", "أنثى", "31/02/2020", "", ""],
    ]
    login(client, "staff")
    report = _dry_run(client, _upload(client, _csv(rows), "people.csv").get_data(as_text=True)).get_data(as_text=True)
    assert _count(report, "refused") == 2
    assert "رقم الهوية أو الإقامة هذا غير صحيح" in report
    assert "هذا الرقم موجود في السطر 2" in report or "السطر 2" in report
    assert "/admin/imports/apply" not in report
    forged = client.post("/admin/imports/apply", data={
        "csrf_token": _hidden(report, "csrf_token"), "token": re.search(r'[0-9a-f]{32}\.csv', report).group(0)
        if re.search(r'[0-9a-f]{32}\.csv', report) else "", "file_name": "people.csv", "width": "7",
        "column_0": "full_name", "column_1": "national_id", "column_2": "mobile", "column_3": "gender",
    })
    assert forged.status_code in (302, 404)
    assert db.session.scalar(db.select(db.func.count(Applicant.id))) == 0


def test_other_roles_cannot_import(rakeen, app):
    for username in ("committee", "researcher", "manager"):
        client = login(app.test_client(), username)
        assert client.get("/admin/imports/").status_code == 403


def test_a_file_that_is_not_a_spreadsheet_is_refused(rakeen, client):
    login(client, "staff")
    response = _upload(client, b"<html><script>alert(1)</script></html>", "people.xlsx")
    assert response.status_code == 400
    assert db.session.scalar(db.select(db.func.count(Applicant.id))) == 0
