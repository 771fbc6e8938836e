"""The public portal: people apply, track their request and contact the association without a login."""
from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import event

from models import (
    Applicant,
    Attachment,
    Attestation,
    AuditEntry,
    Channel,
    Contact,
    HeldApplication,
    Notification,
    Organization,
    PortalCode,
    RequiredItem,
    ServiceRequest,
    ServiceType,
    User,
)
from models.base import db, utcnow
from sila.contacts.rules import log
from sila.portal.confirmation import prune
from tests.conftest import csrf_token, login
from tests.factories import make_applicant, make_request, valid_national_id
from tests.portal.door import applied

TOKENS = re.compile(r'(name="csrf_token"[^>]*value=")[^"]+(")')


def _valid(**overrides: str) -> dict:
    service = db.session.scalar(db.select(ServiceType).order_by(ServiceType.position).limit(1))
    return {
        "national_id": valid_national_id(), "first_name": "نورة", "father_name": "سعد",
        "grandfather_name": "ناصر", "family_name": "القحطاني", "gender": "female",
        "birth_date": "15/09/1405", "mobile": "0551234567", "email": "", "city": "مكة المكرمة",
        "service_type": str(service.id), "details": "أحتاج إعانة لأداء الحج", "accept_attestation": "y",
        **overrides,
    }


def _post(client, url: str, data: dict, **kwargs):  # type: ignore[no-untyped-def]
    return client.post(url, data={**data, "csrf_token": csrf_token(client, url)}, **kwargs)


def _count(model: type) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def _error_beside(page: str, field: str) -> str:
    """The error text shown right under the field, linked to it by aria-describedby."""
    assert f'aria-describedby="{field}-error"' in page, page[page.find("<form"):][:3000]
    match = re.search(rf'id="{field}-error">([^<]*)<', page)
    assert match, field
    return match.group(1)


def test_the_portal_is_the_home_page_in_arabic_with_the_association_name(rakeen, client):
    response = client.get("/")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in page
    assert rakeen.name in page and rakeen.policy_title in page
    for url in ("/apply", "/track", "/contact"):
        assert f'href="{url}"' in page


@pytest.mark.parametrize("url", ["/", "/apply", "/track", "/contact"])
def test_every_portal_page_is_arabic_right_to_left(rakeen, client, url):
    page = client.get(url).get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    assert "https://" not in page.split("</head>")[0]


def test_applying_creates_the_applicant_a_received_website_request_an_attestation_and_a_notification(rakeen, client):
    data = _valid()
    response = applied(client, data)
    assert response.status_code == 302
    confirmation = client.get(response.headers["Location"])
    request = db.session.scalar(db.select(ServiceRequest))
    assert confirmation.status_code == 200 and request.number in confirmation.get_data(as_text=True)

    applicant = request.applicant
    assert applicant.national_id == data["national_id"] and applicant.mobile == "+966551234567"
    assert applicant.full_name == "نورة سعد ناصر القحطاني" and applicant.birth_date == date(1985, 6, 3)
    assert request.status == "received" and request.channel.code == "website"
    assert request.details == data["details"] and request.received_by_id is None
    attestation = db.session.scalar(db.select(Attestation))
    assert attestation.request_id == request.id and attestation.method == "portal"
    assert attestation.signed_name == applicant.full_name and attestation.witness_id is None
    assert attestation.text == rakeen.attestation_text
    notification = db.session.scalar(db.select(Notification))
    assert (notification.request_id, notification.event, notification.recipient) == (request.id, "received", "+966551234567")
    assert request.number in notification.body


def test_the_confirmation_is_shown_once_to_the_browser_that_applied(rakeen, client):
    response = applied(client, _valid())
    assert client.get(response.headers["Location"]).status_code == 200
    assert client.get(response.headers["Location"]).status_code == 302


def test_a_portal_request_reaches_staff_in_the_requests_list(rakeen, client):
    applied(client, _valid())
    request = db.session.scalar(db.select(ServiceRequest))
    login(client, "staff")
    listing = client.get("/admin/requests/").get_data(as_text=True)
    assert f"/admin/requests/details/?id={request.id}" in listing


def test_applying_with_a_known_national_id_links_to_him_and_keeps_his_stored_data(rakeen, client):
    known = make_applicant(first_name="محمد", mobile="0559876543", city="جدة")
    response = applied(client, _valid(national_id=known.national_id, first_name="أحمد", mobile="0561112233"))
    assert response.status_code == 302
    confirmation = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "محمد" not in confirmation and "0559876543" not in confirmation and "جدة" not in confirmation

    assert _count(Applicant) == 1
    stored = db.session.get(Applicant, known.id)
    assert stored.first_name == "محمد" and stored.mobile == "+966559876543" and stored.city == "جدة"
    request = db.session.scalar(db.select(ServiceRequest))
    assert request.applicant_id == known.id
    assert "0561112233" in request.details
    notification = db.session.scalar(db.select(Notification))
    assert notification.recipient == "+966559876543"


def test_the_apply_form_never_prefills_stored_data(rakeen, client):
    known = make_applicant(first_name="محمد", mobile="0559876543")
    page = client.get(f"/apply?national_id={known.national_id}").get_data(as_text=True)
    assert "محمد" not in page and "0559876543" not in page


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("national_id", "1000000000", "رقم الهوية أو الإقامة هذا غير صحيح"),
        ("mobile", "0112345678", "أدخل رقم جوال سعودي"),
        ("birth_date", "31/02/1442", "هذا التاريخ الهجري غير موجود في تقويم أم القرى"),
    ],
)
def test_invalid_values_are_refused_beside_the_field_and_nothing_is_saved(rakeen, client, field, value, message):
    response = _post(client, "/apply", _valid(**{field: value}))
    assert response.status_code == 200
    assert message in _error_beside(response.get_data(as_text=True), field)
    assert (_count(Applicant), _count(ServiceRequest), _count(Attestation), _count(Notification)) == (0, 0, 0, 0)


def test_a_request_without_the_accepted_attestation_is_refused(rakeen, client):
    data = _valid()
    del data["accept_attestation"]
    response = _post(client, "/apply", data)
    assert response.status_code == 200
    assert _error_beside(response.get_data(as_text=True), "accept_attestation")
    assert (_count(Applicant), _count(ServiceRequest), _count(Attestation)) == (0, 0, 0)


def test_an_inactive_service_cannot_be_chosen(rakeen, client):
    service = db.session.scalar(db.select(ServiceType).order_by(ServiceType.position).limit(1))
    service.is_active = False
    db.session.commit()
    response = _post(client, "/apply", _valid(service_type=str(service.id)))
    assert response.status_code == 200
    assert _error_beside(response.get_data(as_text=True), "service_type")
    assert _count(ServiceRequest) == 0


def _track(client, number: str, national_id: str, last_four: str):  # type: ignore[no-untyped-def]
    return _post(client, "/track", {"number": number, "national_id": national_id, "mobile_last_four": last_four})


def test_tracking_with_the_right_details_shows_the_stage_and_no_staff_name(rakeen, client):
    staff = db.session.scalar(db.select(User).where(User.username == "staff"))
    request = make_request(received_by_id=staff.id, applicant=make_applicant(mobile="0551234567"))
    response = _track(client, request.number, request.applicant.national_id, "4567")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "تم الاستلام" in page and request.number in page
    assert staff.full_name not in page and request.applicant.full_name not in page


def test_a_submitted_request_shows_the_earliest_answer_date(rakeen, client):
    request = make_request(status="submitted", earliest_answer_on=date(2031, 3, 1))
    page = _track(client, request.number, request.applicant.national_id, request.applicant.mobile[-4:]).get_data(as_text=True)
    assert "مرفوع للجنة" in page and "أقرب موعد للرد" in page and "2031" in page


def test_every_wrong_combination_gets_the_same_neutral_answer(rakeen, client):
    request = make_request(applicant=make_applicant(mobile="0551234567"))
    other = make_applicant(mobile="0557654321")
    number, national_id = request.number, request.applicant.national_id
    attempts = [
        (f"{request.id + 1000:07d}", national_id, "4567"),
        (number, other.national_id, "4567"),
        (number, national_id, "4321"),
        (number, national_id, "45"),
        ("abc", national_id, "4567"),
        (number, "12345", "4567"),
        ("", "", ""),
        ("9" * 40, "1" * 40, "4" * 40),
    ]
    answers = set()
    for attempt in attempts:
        response = _track(client, *attempt)
        answers.add((response.status_code, TOKENS.sub(r"\1\2", response.get_data(as_text=True))))
    assert len(answers) == 1
    status, page = answers.pop()
    assert status == 200 and "alert-warning" in page and "تم الاستلام" not in page


def test_a_contact_message_is_recorded_for_follow_up(rakeen, client):
    data = {"kind": "complaint", "name": "سلمان العتيبي", "mobile": "0551234567", "message": "تأخر الرد على طلبي"}
    response = _post(client, "/contact", data)
    assert response.status_code == 302
    assert client.get(response.headers["Location"]).status_code == 200
    contact = db.session.scalar(db.select(Contact))
    website = db.session.scalar(db.select(Channel).where(Channel.code == "website"))
    assert (contact.kind, contact.status, contact.channel_id) == ("complaint", "open", website.id)
    assert (contact.contact_name, contact.contact_mobile, contact.summary) == (
        "سلمان العتيبي", "+966551234567", "تأخر الرد على طلبي",
    )


def test_a_contact_message_is_logged_and_audited_as_staff_log_one(rakeen, client):
    website = db.session.scalar(db.select(Channel).where(Channel.code == "website"))
    staff = db.session.scalar(db.select(User).where(User.username == "staff"))
    by_staff = log(staff, "complaint", website.id, "اتصل يشكو تأخر الرد")
    data = {"kind": "complaint", "name": "سلمان العتيبي", "mobile": "0551234567", "message": "تأخر الرد على طلبي"}
    assert _post(client, "/contact", data).status_code == 302
    sent = db.session.scalar(db.select(Contact).where(Contact.id != by_staff.id))
    entries = {
        contact.id: db.session.execute(
            db.select(AuditEntry.action, AuditEntry.field, AuditEntry.old_value, AuditEntry.new_value, AuditEntry.note,
                      AuditEntry.actor_id)
            .where(AuditEntry.entity_type == "contact", AuditEntry.entity_id == contact.id)
        ).all()
        for contact in (by_staff, sent)
    }
    assert entries[by_staff.id] == [("log", "status", None, "open", "complaint", staff.id)]
    assert entries[sent.id] == [("log", "status", None, "open", "complaint", None)]
    assert (sent.status, sent.staff_id, sent.owner_id) == ("open", None, None)


def test_the_portal_attestation_is_the_associations_text_signed_by_the_applicant_without_a_witness(rakeen, client):
    assert applied(client, _valid()).status_code == 302
    attestation = db.session.scalar(db.select(Attestation))
    organization = db.session.scalar(db.select(Organization))
    assert (attestation.text, attestation.signed_name, attestation.method, attestation.witness_id) == (
        organization.attestation_text, "نورة سعد ناصر القحطاني", "portal", None,
    )
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "attest"))
    assert (entry.entity_id, entry.note, entry.actor_id) == (attestation.request_id, "نورة سعد ناصر القحطاني", None)


def test_a_contact_mobile_is_optional_but_checked_when_given(rakeen, client):
    data = {"kind": "inquiry", "name": "سلمان", "mobile": "", "message": "متى يبدأ التسجيل؟"}
    assert _post(client, "/contact", data).status_code == 302
    response = _post(client, "/contact", {**data, "mobile": "0112345678"})
    assert "أدخل رقم جوال سعودي" in _error_beside(response.get_data(as_text=True), "mobile")
    assert _count(Contact) == 1


@pytest.mark.parametrize("url, setting", [
    ("/apply", "SILA_PORTAL_LIMIT"), ("/track", "SILA_PORTAL_TRACK_LIMIT"), ("/contact", "SILA_PORTAL_LIMIT"),
])
def test_portal_forms_are_rate_limited_per_address(app, rakeen, client, url, setting):
    app.config[setting] = "2 per hour"
    for _ in range(2):
        assert _post(client, url, {}).status_code == 200
    response = _post(client, url, {})
    page = response.get_data(as_text=True)
    assert response.status_code == 429
    assert '<html lang="ar" dir="rtl">' in page and 'href="/track"' in page  # the portal's own page
    assert client.get(url).status_code == 200


def test_the_default_limits_come_from_the_config(app):
    assert app.config["SILA_PORTAL_LIMIT"] == "10 per hour"
    assert app.config["SILA_PORTAL_TRACK_LIMIT"] == "20 per 15 minutes"


@pytest.mark.parametrize("url", ["/apply", "/track", "/contact"])
def test_a_portal_post_without_its_csrf_token_is_refused(rakeen, client, url):
    data = _valid() if url == "/apply" else {"kind": "inquiry", "name": "سلمان", "message": "سؤال"}
    assert client.post(url, data=data).status_code == 400
    assert (_count(Applicant), _count(ServiceRequest), _count(Contact)) == (0, 0, 0)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DISGUISED = b"<!DOCTYPE html><html><script>alert(1)</script></html>"


@pytest.fixture()
def stored(app, tmp_path):  # type: ignore[no-untyped-def]
    """The attachments folder for this test, to see which files were left behind."""
    folder = tmp_path / "attachments"
    app.config["SILA_ATTACHMENTS_DIR"] = str(folder)
    return folder


def _files_in(folder) -> list:  # type: ignore[no-untyped-def]
    return sorted(folder.iterdir()) if folder.exists() else []


def _first_service() -> ServiceType:
    return db.session.scalar(db.select(ServiceType).order_by(ServiceType.position).limit(1))


def _document_item(service: ServiceType) -> RequiredItem:
    return next(item for item in service.required_items if item.kind == "document")


def test_the_apply_form_offers_one_optional_upload_per_document_item(rakeen, client):
    page = client.get("/apply").get_data(as_text=True)
    service = _first_service()
    assert 'enctype="multipart/form-data"' in page
    for item in service.required_items:
        assert (f'name="item-{item.id}"' in page) == (item.kind == "document")
    assert "portal-apply.js" in page and "<script>" not in page


def test_an_attached_document_is_saved_with_the_request_and_linked_to_its_item(rakeen, client, stored):
    item = _document_item(_first_service())
    data = {**_valid(), f"item-{item.id}": (io.BytesIO(PDF), "هوية.pdf")}
    response = applied(client, data, content_type="multipart/form-data")
    assert response.status_code == 302
    assert "1" in client.get(response.headers["Location"]).get_data(as_text=True)

    request = db.session.scalar(db.select(ServiceRequest))
    attachment = db.session.scalar(db.select(Attachment))
    assert (attachment.request_id, attachment.applicant_id, attachment.required_item_id) == (
        request.id, request.applicant_id, item.id,
    )
    assert (attachment.kind, attachment.content_type, attachment.uploaded_by_id) == ("required_item", "application/pdf", None)
    assert attachment.original_name == "هوية.pdf" and attachment.size_bytes == len(PDF)
    assert [path.name for path in _files_in(stored)] == [attachment.stored_name]

    login(client, "staff")
    details = client.get(f"/admin/requests/details/?id={request.id}").get_data(as_text=True)
    assert "هوية.pdf" in details
    download = client.get(f"/attachments/{attachment.id}")
    assert download.status_code == 200 and download.data == PDF


def test_html_disguised_as_a_pdf_is_refused_in_arabic_and_nothing_is_saved(rakeen, client, stored):
    item = _document_item(_first_service())
    data = {**_valid(), f"item-{item.id}": (io.BytesIO(DISGUISED), "هوية.pdf")}
    response = _post(client, "/apply", data, content_type="multipart/form-data")
    assert response.status_code == 200
    assert "لا يمكن إرفاق إلا ملفات PDF وJPEG وPNG" in _error_beside(response.get_data(as_text=True), f"item-{item.id}")
    assert (_count(Applicant), _count(ServiceRequest), _count(Attachment), _count(Notification)) == (0, 0, 0, 0)
    assert _files_in(stored) == []


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_saved(app, rakeen, client, stored):
    app.config["SILA_ATTACHMENT_MAX_BYTES"] = 1024
    item = _document_item(_first_service())
    data = {**_valid(), f"item-{item.id}": (io.BytesIO(PDF + b"0" * 2048), "كبير.pdf")}
    response = _post(client, "/apply", data, content_type="multipart/form-data")
    assert response.status_code == 200
    assert _error_beside(response.get_data(as_text=True), f"item-{item.id}")
    assert (_count(ServiceRequest), _count(Attachment)) == (0, 0) and _files_in(stored) == []


def test_a_body_over_the_upload_limit_gets_the_portal_page_and_nothing_is_saved(app, rakeen, client, stored):
    app.config["MAX_CONTENT_LENGTH"] = 4096
    item = _document_item(_first_service())
    data = {**_valid(), f"item-{item.id}": (io.BytesIO(PDF + b"0" * 8192), "كبير.pdf")}
    response = _post(client, "/apply", data, content_type="multipart/form-data")
    assert response.status_code == 413 and 'href="/track"' in response.get_data(as_text=True)
    assert (_count(ServiceRequest), _count(Attachment)) == (0, 0) and _files_in(stored) == []


def test_text_forms_take_only_small_bodies(rakeen, client):
    response = _post(client, "/contact", {"kind": "inquiry", "name": "سلمان", "message": "س" * 70_000})
    assert response.status_code == 413 and _count(Contact) == 0


def test_a_file_sent_for_another_services_item_is_ignored(rakeen, client, stored):
    chosen, other = db.session.scalars(db.select(ServiceType).order_by(ServiceType.position).limit(2)).all()
    foreign = next(item for item in other.required_items if item.kind == "document" and item.service_type_id == other.id)
    data = {**_valid(service_type=str(chosen.id)), f"item-{foreign.id}": (io.BytesIO(PDF), "أخرى.pdf")}
    assert applied(client, data, content_type="multipart/form-data").status_code == 302
    assert _count(ServiceRequest) == 1 and _count(Attachment) == 0 and _files_in(stored) == []


def test_a_failure_while_receiving_leaves_no_request_and_the_held_file_goes_with_the_pruning(
    rakeen, client, stored, monkeypatch,
):
    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("outbox unavailable")

    monkeypatch.setattr("sila.portal.applications.receive", broken)
    item = _document_item(_first_service())
    data = {**_valid(), f"item-{item.id}": (io.BytesIO(PDF), "هوية.pdf")}
    entries = _count(AuditEntry)
    with pytest.raises(RuntimeError):
        applied(client, data, content_type="multipart/form-data")
    counts = (_count(Applicant), _count(ServiceRequest), _count(Attestation), _count(Attachment), _count(AuditEntry))
    assert counts == (0, 0, 0, 0, entries) and _count(HeldApplication) == 1 and len(_files_in(stored)) == 1

    assert prune(utcnow() + timedelta(hours=2)) == (1, 1)
    assert _count(HeldApplication) == 0 and _count(PortalCode) == 0 and _files_in(stored) == []


def test_applying_writes_the_audit_trail_without_a_staff_actor(rakeen, client, stored):
    item = _document_item(_first_service())
    applied(client, {**_valid(), f"item-{item.id}": (io.BytesIO(PDF), "هوية.pdf")}, content_type="multipart/form-data")
    request = db.session.scalar(db.select(ServiceRequest))
    entries = db.session.execute(
        db.select(AuditEntry.action, AuditEntry.actor_id)
        .where(AuditEntry.entity_type == "request", AuditEntry.entity_id == request.id).order_by(AuditEntry.id)
    ).all()
    assert entries == [("create", None), ("attest", None), ("upload", None)]


def test_a_script_typed_in_a_name_is_shown_as_text(rakeen, client):
    script = "<script>alert(1)</script>"
    response = _post(client, "/apply", _valid(first_name=script, mobile="0112345678"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and _count(Applicant) == 0
    assert script not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_portal_pages_carry_no_inline_script_and_are_not_cached(rakeen, client):
    for url in ("/", "/apply", "/track", "/contact"):
        response = client.get(url)
        page = response.get_data(as_text=True)
        assert response.headers["Cache-Control"] == "no-store"
        assert "script-src 'self' 'nonce-" in response.headers["Content-Security-Policy"]
        assert re.search(r"<script(?![^>]*\bsrc=)", page) is None
        assert " on" + "click=" not in page


def test_every_wrong_combination_costs_the_same_statements(app, rakeen, client):
    request = make_request(applicant=make_applicant(mobile="0551234567"))
    attempts = [
        (f"{request.id + 1000:07d}", request.applicant.national_id, "4567"),
        (request.number, request.applicant.national_id, "4321"),
        ("abc", "", ""),
    ]
    statements: list[str] = []

    def count(_connection, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    counts = set()
    for number, national_id, last_four in attempts:
        token = csrf_token(client, "/track")
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            client.post("/track", data={
                "number": number, "national_id": national_id, "mobile_last_four": last_four, "csrf_token": token,
            })
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        counts.add(len(statements))
    assert len(counts) == 1
