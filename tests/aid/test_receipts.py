"""The beneficiary's acknowledgement of receipt: kept with each delivery handed over in person, shown where staff and
the applicant read his aid; a batch's bank transfer needs none and tells him by SMS what was paid."""
from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest

from models import AidDelivery, Attachment, FundingSource, HouseholdMember, ServiceRequest
from models.base import db
from sila.aid import batches
from sila.aid.deliveries import Handover
from sila.core.errors import Refused
from sila.requests import transitions
from tests.aid.helpers import granted, make_source
from tests.attachments.test_attachments import tiny_png
from tests.conftest import login, post_form
from tests.factories import make_applicant, valid_national_id
from tests.portal.door import sign_in
from tests.requests.test_workflow import user

IBAN = "SA0380000000608010167519"


def _basket(**request_fields: object) -> tuple[ServiceRequest, FundingSource]:
    source = make_source("1000")
    return granted("in_kind", "300", source=source, description="سلة غذائية", **request_fields), source


def _spent(source: FundingSource) -> Decimal:
    db.session.refresh(source)
    return source.spent


@pytest.mark.parametrize(("handover", "refusal"), [
    (Handover(relation="self", witness="سعد"), "كما وقّع"),
    (Handover(received_by="محمد", witness="سعد"), "من استلم"),
    (Handover(received_by="محمد", relation="self"), "الشاهد"),
    (Handover(received_by="محمد", relation="self", witness="مُحمد"), "غير"),
    (Handover(received_by="فهد الغريب", relation="household_member", witness="سعد"), "ليس من أفراد"),
])
def test_an_incomplete_receipt_refuses_the_delivery_and_charges_nothing(rakeen, handover, refusal):
    request, source = _basket()
    with pytest.raises(Refused, match=refusal):
        transitions.deliver(request.id, user("staff"), None, handover)
    assert _spent(source) == 0 and db.session.scalar(db.select(db.func.count(AidDelivery.id))) == 0
    assert db.session.get(ServiceRequest, request.id).status == "registered"


def test_a_household_member_signs_for_the_family_and_the_receipt_is_kept(rakeen):
    request, source = _basket()
    db.session.add(HouseholdMember(applicant_id=request.applicant_id, relation="son", full_name="عبدالله محمد",
                                   gender="male", health="healthy", monthly_income=0))
    db.session.commit()
    transitions.deliver(request.id, user("staff"), None, Handover(
        received_by="عبد الله  محمد", relation="household_member", witness="سعد الشاهد"))
    delivery = db.session.scalar(db.select(AidDelivery))
    assert (delivery.received_by_name, delivery.receiver_relation, delivery.witness_name) == (
        "عبد الله محمد", "household_member", "سعد الشاهد")
    assert _spent(source) == Decimal("300.00")


def test_staff_record_the_receipt_with_its_scan_and_it_shows_on_the_request_and_the_file(rakeen, app):
    request, _ = _basket()
    staff = login(app.test_client(), "staff")
    page = f"/admin/requests/details/?id={request.id}"
    form = staff.get(page).get_data(as_text=True)
    assert 'id="receipt-fields"' in form and 'enctype="multipart/form-data"' in form
    response = post_form(staff, f"/admin/requests/step/{request.id}/deliver", {
        "received_by": "محمد", "receiver_relation": "self", "witness": "سعد الشاهد",
        "receipt_scan": (io.BytesIO(tiny_png()), "receipt.png"),
    }, token_from=page, content_type="multipart/form-data")
    assert response.status_code == 302
    delivery = db.session.scalar(db.select(AidDelivery))
    scan = db.session.get(Attachment, delivery.receipt_attachment_id)
    assert scan.request_id == request.id and scan.content_type == "image/png"
    shown = staff.get(page).get_data(as_text=True)
    assert "سعد الشاهد" in shown and f"/attachments/{scan.id}" in shown
    assert "وقّع بالاستلام: محمد (مقدّم الطلب نفسه)" in shown
    assert staff.get(f"/attachments/{scan.id}").status_code == 200
    timeline = staff.get(page).get_data(as_text=True)
    assert timeline.count("سعد الشاهد") >= 2, "the timeline's delivery entry names the witness too"
    file_page = staff.get(f"/admin/applicants/details/?id={request.applicant_id}").get_data(as_text=True)
    assert 'id="aid-received"' in file_page and "سعد الشاهد" in file_page and request.number in file_page


def test_a_scan_that_is_not_a_pdf_or_image_refuses_the_whole_delivery(rakeen, app):
    request, source = _basket()
    staff = login(app.test_client(), "staff")
    page = f"/admin/requests/details/?id={request.id}"
    response = post_form(staff, f"/admin/requests/step/{request.id}/deliver", {
        "received_by": "محمد", "receiver_relation": "self", "witness": "سعد الشاهد",
        "receipt_scan": (io.BytesIO(b"MZ\x90\x00 not a receipt"), "receipt.pdf"),
    }, token_from=page, content_type="multipart/form-data", follow_redirects=True)
    assert response.status_code == 200 and 'alert-danger' in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(AidDelivery.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Attachment.id))) == 0
    assert _spent(source) == 0


def test_a_batch_transfer_needs_no_signature_and_says_so_and_the_applicant_reads_it(rakeen, app, caplog):
    source = make_source("5000")
    applicant = make_applicant(iban=IBAN, national_id=valid_national_id(), mobile="0551234567")
    request = granted("cash", "500", 6, source, applicant=applicant)
    batch = batches.prepare(user("manager"), date.today())
    batches.approve(batch.id, user("treasurer"))
    batches.mark_paid(batch.id, user("treasurer"))
    delivery = db.session.scalar(db.select(AidDelivery))
    assert delivery.received_by_name is None and delivery.witness_name is None
    staff = login(app.test_client(), "staff")
    shown = staff.get(f"/admin/requests/details/?id={request.id}").get_data(as_text=True)
    assert f"حُوّلت إلى حسابه المصرفي ضمن الدفعة رقم {batch.id}" in shown

    portal = app.test_client()
    sign_in(portal, caplog, applicant)
    mine = portal.get("/my-file").get_data(as_text=True)
    assert "حُوّلت إلى حسابكم المصرفي" in mine and "500.00" in mine
    assert "treasurer" not in mine and user("treasurer").full_name not in mine
