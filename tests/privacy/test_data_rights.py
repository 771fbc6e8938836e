"""A data-access request answered in one click: everything about him, nothing of anyone else, audited."""
from __future__ import annotations

import json

import pypdfium2
import pytest
from sqlalchemy import event

from models import Applicant, AuditEntry, Contact
from models.base import db
from models.personal_data import shown_columns
from sila.privacy.document import SECTIONS
from sila.privacy.dossier import dossier
from tests.conftest import login
from tests.factories import make_applicant, make_request
from tests.privacy.full_file import make_full_file


@pytest.fixture()
def attachments_dir(app, tmp_path):  # type: ignore[no-untyped-def]
    app.config["SILA_ATTACHMENTS_DIR"] = str(tmp_path / "attachments")


def _pdf_text(body: bytes) -> str:
    """The PDF's text layer with table-cell line breaks folded into spaces."""
    document = pypdfium2.PdfDocument(body)
    try:
        text = " ".join(document[index].get_textpage().get_text_range() for index in range(len(document)))
        return " ".join(text.split())
    finally:
        document.close()


def _two_people():  # type: ignore[no-untyped-def]
    him = make_applicant(first_name="عبدالرحمن", family_name="القحطاني", mobile="0551112223")
    other = make_applicant(first_name="سلمان", family_name="الدوسري", mobile="0559998887")
    request = make_request(applicant=him, details="طلب مساعدة إيجار")
    make_request(applicant=other, details="طلب سلة غذائية")
    db.session.add(Contact(applicant_id=him.id, channel_id=request.channel_id, kind="inquiry", summary="سأل عن موعد الرد"))
    db.session.commit()
    return him, other, request


def test_json_export_holds_his_record_and_nothing_of_others(rakeen, client):
    him, other, request = _two_people()
    login(client, "staff")
    client.get(f"/admin/applicants/details/?id={him.id}")
    response = client.get(f"/admin/applicants/rights/{him.id}.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["applicant"]["national_id"] == him.national_id
    assert [row["number"] for row in data["requests"]] == [request.number]
    assert data["contacts"][0]["summary"] == "سأل عن موعد الرد"
    assert any(row["action"] == "view" and row["by"] for row in data["record_history"])
    text = response.get_data(as_text=True)
    assert other.national_id not in text and "سلمان" not in text and "سلة غذائية" not in text


def test_pdf_export_is_arabic_and_audited(rakeen, client):
    him, other, request = _two_people()
    login(client, "manager")
    response = client.get(f"/admin/applicants/rights/{him.id}.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    text = _pdf_text(response.data)
    assert "عبدالرحمن" in text and request.number in text and "سأل عن موعد الرد" in text
    assert "سلمان" not in text
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "data_export"))
    assert (entry.entity_id, entry.note, entry.actor.username) == (him.id, "pdf", "manager")


def test_roles_without_the_applicants_screen_cannot_export(rakeen, app):
    him = make_applicant()
    for username in ("committee", "researcher"):
        client = login(app.test_client(), username)
        assert client.get(f"/admin/applicants/rights/{him.id}.json").status_code == 403
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id)).where(AuditEntry.action == "data_export")) == 0


def test_unknown_applicant_or_format_is_not_found(rakeen, client):
    him = make_applicant()
    login(client, "staff")
    assert client.get("/admin/applicants/rights/999999.json").status_code == 404
    assert client.get(f"/admin/applicants/rights/{him.id}.xml").status_code == 404


def test_dossier_of_a_household_head_lists_his_household_money_visits_and_restudies(rakeen, client, attachments_dir):
    full = make_full_file()
    login(client, "staff")
    data = client.get(f"/admin/applicants/rights/{full.applicant.id}.json").get_json()
    members = {row["full_name"]: row for row in data["household_members"]}
    assert set(members) == {"هند سعيد الشمراني", "ماجد زكريا الشمراني"}
    spouse = members["هند سعيد الشمراني"]
    assert (spouse["national_id"], spouse["birth_date"], spouse["relation"], spouse["health"]) == (
        full.spouse.national_id, "1984-02-09", "spouse", "chronic")
    assert data["applicant"]["housing_rent"] == "18000.00" and data["applicant"]["file_status_note"]
    assert [row["note"] for row in data["incomes"]] == ["راتب من مستودعات الحربي"]
    assert [(row["kind"], row["amount"], row["note"]) for row in data["obligations"]] == [
        ("rent", "1500.00", "إيجار لدى العقاري أبو فهد")]
    (visit,) = data["home_visits"]
    assert (visit["health_findings"], visit["attendees"]) == ("الزوجة تعاني من السكري", "الباحثة وهند سعيد")
    assert [row["original_name"] for row in data["attachments"] if row["visit_id"] == visit["id"]] == ["مطبخ-الشمراني.jpg"]
    (restudy,) = data["restudies"]
    assert restudy["note"] == "تغير عمل هند" and restudy["changes"]["after"]["members"] == 2
    assert [row["signed_name"] for row in data["attestations"]] == ["زكريا إبراهيم الشمراني"]


def test_dossier_pdf_shows_the_household_and_visits_in_arabic(rakeen, client, attachments_dir):
    full = make_full_file()
    login(client, "manager")
    text = _pdf_text(client.get(f"/admin/applicants/rights/{full.applicant.id}.pdf").data)
    # The text layer folds some ligatures (لأ، ني), so the words checked avoid them.
    for shown in ("صلة القرابة", "الزوج / الزوجة", "هند سعيد", full.spouse.national_id, "مرض مزمن", "مصادر الدخل",
                  "مستودعات", "المبلغ الشهري", "شقة رطبة", "السكري", "إعادة الدراسة", "عمل هند", "عدد أفراد",
                  "كما ورد"):
        assert shown in text, shown


def test_dossier_runs_the_same_statements_for_an_empty_or_a_full_file(rakeen, app, attachments_dir):
    empty, full = make_applicant(), make_full_file().applicant
    db.session.refresh(empty)
    db.session.refresh(full)
    statements: list[str] = []

    def count(_connection, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        dossier(empty)
        for_empty, statements[:] = len(statements), []
        dossier(full)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) == for_empty


def test_every_column_the_pdf_shows_line_by_line_has_an_arabic_label():
    """A new column of these tables reaches the PDF only with a label; a re-study's figures are shown by name."""
    tables = [Applicant.__table__, *(model.__table__ for _key, model, _title in SECTIONS)]
    unlabelled = [f"{table.name}.{column.name}" for table in tables for column in shown_columns(table)
                  if column.info["label"] is None and column.name != "changes"]
    assert unlabelled == []


def test_the_answer_holds_the_aid_he_was_granted_received_and_given_as_vouchers(rakeen, client, attachments_dir):
    full = make_full_file()
    login(client, "staff")
    response = client.get(f"/admin/applicants/rights/{full.applicant.id}.json")
    assert response.status_code == 200
    data = response.get_json()
    delivery, = data["aid_deliveries"]
    assert delivery["received_by_name"] == "مستلمة السلة هند" and delivery["witness_name"] == "شاهد العطار الجار"
    voucher, = data["vouchers"]
    assert voucher["items"] == "فرشة وبطانية" and voucher["cancel_reason"] == "انتقل إلى مدينة أخرى"
    assert "code" not in voucher, "the code redeems the voucher: it is no datum about him"
