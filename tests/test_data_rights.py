"""A data-access request answered in one click: everything about him, nothing of anyone else, audited."""
from __future__ import annotations

import json

import pypdfium2

from models import AuditEntry, Contact
from models.base import db
from tests.conftest import login
from tests.factories import make_applicant, make_request


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
