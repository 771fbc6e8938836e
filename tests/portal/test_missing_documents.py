"""Missing documents asked for online: staff choose the items, the applicant uploads them from his file."""
from __future__ import annotations

import io

import pytest

from models import AskedItem, Attachment, AuditEntry, ItemCheck, MissingItemsAsk, Notification
from models.base import db
from tests.conftest import csrf_token, login
from tests.factories import make_applicant, make_request, valid_national_id
from tests.portal.door import sign_in
from tests.portal.test_portal import DISGUISED, PDF

ASK_DONE = "طُلبت من المستفيد المستندات المختارة"


@pytest.fixture()
def folder(app, tmp_path):  # type: ignore[no-untyped-def]
    app.config["SILA_ATTACHMENTS_DIR"] = str(tmp_path / "attachments")
    return tmp_path / "attachments"


@pytest.fixture()
def asked(rakeen, app, folder):  # type: ignore[no-untyped-def]
    """A received request whose first document item staff asked for online, with a note."""
    person = make_applicant(national_id=valid_national_id(), mobile="0551234567")
    request = make_request(applicant=person)
    item = next(item for item in request.service_type.required_items if item.kind == "document")
    staff = login(app.test_client(), "staff")
    response = staff.post(f"/admin/requests/step/{request.id}/ask_missing", data={
        "asked_item": str(item.id), "note": "صورة واضحة من فضلك",
        "csrf_token": csrf_token(staff, f"/admin/requests/details/?id={request.id}"),
    }, follow_redirects=True)
    assert ASK_DONE in response.get_data(as_text=True)
    return person, request, item, staff


def _upload(client, asked_item_id: int, data: bytes, name: str = "هوية.pdf"):  # type: ignore[no-untyped-def]
    return client.post(f"/my-file/documents/{asked_item_id}", data={
        "document": (io.BytesIO(data), name), "csrf_token": csrf_token(client, "/my-file/documents"),
    }, content_type="multipart/form-data")


def test_staff_ask_queues_an_essential_message_with_the_items_the_note_and_the_link(asked):
    person, request, item, staff = asked
    message = db.session.scalar(db.select(Notification).where(Notification.event == "missing_items"))
    assert message.request_id == request.id and message.method == "sms" and message.recipient == person.mobile
    assert item.name in message.body and "صورة واضحة من فضلك" in message.body and "/my-file" in message.body
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "ask_missing_items"))
    assert entry.entity_id == request.id and entry.note == item.name
    page = staff.get(f"/admin/requests/details/?id={request.id}").get_data(as_text=True)
    assert 'data-asked-item="asked"' in page


def test_asking_for_nothing_is_refused_in_arabic_and_saves_nothing(rakeen, app):
    request = make_request()
    staff = login(app.test_client(), "staff")
    response = staff.post(f"/admin/requests/step/{request.id}/ask_missing", data={
        "note": "x", "csrf_token": csrf_token(staff, f"/admin/requests/details/?id={request.id}"),
    }, follow_redirects=True)
    assert "اختر مستندًا واحدًا على الأقل" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(MissingItemsAsk)) == 0


def test_the_applicant_uploads_the_asked_document_and_it_awaits_matching(asked, client, caplog, folder):
    person, request, item, staff = asked
    sign_in(client, caplog, person)
    assert "/my-file/documents" in client.get("/my-file").get_data(as_text=True)
    asked_item = db.session.scalar(db.select(AskedItem))
    response = _upload(client, asked_item.id, PDF)
    assert response.status_code == 302
    page = client.get("/my-file/documents").get_data(as_text=True)
    assert 'data-asked-state="supplied"' in page

    db.session.expire_all()
    attachment = db.session.scalar(db.select(Attachment))
    assert (attachment.request_id, attachment.required_item_id, attachment.uploaded_by_id) == (request.id, item.id, None)
    asked_item = db.session.get(AskedItem, asked_item.id)
    assert asked_item.attachment_id == attachment.id and asked_item.supplied_at is not None
    check = db.session.scalar(db.select(ItemCheck).where(ItemCheck.request_id == request.id))
    assert (check.supplied, check.matched) == (True, False)
    details = staff.get(f"/admin/requests/details/?id={request.id}").get_data(as_text=True)
    assert 'data-asked-item="supplied"' in details and "بانتظار مطابقته بالأصل" in details
    assert db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "supply_missing_item")).entity_id == request.id


def test_a_disguised_file_is_refused_beside_the_field_and_nothing_is_kept(asked, client, caplog, folder):
    person, *_ = asked
    sign_in(client, caplog, person)
    asked_item = db.session.scalar(db.select(AskedItem))
    response = _upload(client, asked_item.id, DISGUISED)
    assert response.status_code == 200
    assert "لا يمكن إرفاق إلا ملفات PDF وJPEG وPNG" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Attachment)) == 0
    assert not folder.exists() or list(folder.iterdir()) == []


def test_another_files_asked_item_answers_as_one_no_longer_asked(asked, app, caplog, folder):
    stranger = make_applicant(national_id=valid_national_id(), mobile="0561112233")
    make_request(applicant=stranger)
    other = app.test_client()
    sign_in(other, caplog, stranger)
    asked_item = db.session.scalar(db.select(AskedItem))
    response = _upload(other, asked_item.id, PDF)
    assert response.status_code == 200 and "لم يعد هذا المستند مطلوبًا" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Attachment)) == 0
    assert db.session.get(AskedItem, asked_item.id).supplied_at is None


def test_a_document_sent_twice_is_kept_once(asked, client, caplog, folder):
    person, *_ = asked
    sign_in(client, caplog, person)
    asked_item = db.session.scalar(db.select(AskedItem))
    _upload(client, asked_item.id, PDF)
    again = _upload(client, asked_item.id, PDF)
    assert "لم يعد هذا المستند مطلوبًا" in again.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Attachment)) == 1
    assert len(list(folder.iterdir())) == 1
