"""My file: a signed-in applicant reads his requests step by step, his decisions' letters and the data held."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from models import AuditEntry, Contact, Decision, HouseholdMember, User
from models.base import db
from models.enums import InstalmentStatus, RequestStatus, VoucherStatus, label
from sila.committee.letter_jobs import render_pending
from sila.contacts.rules import answer
from sila.core.audit.labels import action_label
from sila.core.dates import dual_date
from tests.conftest import csrf_token
from tests.factories import make_applicant, make_request, valid_national_id
from tests.portal.door import sign_in


@pytest.fixture()
def applicant(rakeen):  # type: ignore[no-untyped-def]
    return make_applicant(national_id=valid_national_id(), mobile="0551234567", city="مكة المكرمة")


def _page(client) -> str:  # type: ignore[no-untyped-def]
    response = client.get("/my-file")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _decide(request, outcome: str = "rejected", reason: str | None = "الدخل فوق الحد") -> Decision:  # type: ignore[no-untyped-def]
    committee = db.session.scalar(db.select(User).where(User.username == "committee"))
    request.status = outcome
    request.decided_at = datetime(2026, 11, 20, 9, tzinfo=UTC)
    decision = Decision(request_id=request.id, outcome=outcome, reason=reason, decided_by_id=committee.id,
                        decided_at=request.decided_at)
    db.session.add(decision)
    db.session.commit()
    return decision


def test_my_file_shows_each_request_with_its_steps_in_both_calendars_and_the_earliest_answer_date(
        applicant, client, caplog):
    request = make_request("submitted", applicant=applicant, earliest_answer_on=date(2026, 12, 20),
                           verified_at=datetime(2026, 11, 2, 8, tzinfo=UTC),
                           submitted_at=datetime(2026, 11, 5, 8, tzinfo=UTC))
    sign_in(client, caplog, applicant)
    page = _page(client)
    assert request.number in page and request.service_type.name in page
    assert label(RequestStatus, "submitted") in page and action_label("verify") in page
    for day in (date(2026, 11, 2), date(2026, 11, 5), date(2026, 12, 20)):
        assert dual_date(day) in page
    assert "أقرب موعد للرد" in page


def test_a_decision_shows_with_its_letter_which_only_its_applicant_can_download(applicant, client, caplog, app):
    decision = _decide(make_request("received", applicant=applicant))
    other_decision = _decide(make_request("received", applicant=make_applicant(national_id=valid_national_id())))
    render_pending()
    sign_in(client, caplog, applicant)
    page = _page(client)
    assert "الدخل فوق الحد" in page and f"/my-file/letters/{decision.id}" in page
    letter = client.get(f"/my-file/letters/{decision.id}")
    assert letter.status_code == 200 and letter.data.startswith(b"%PDF")
    assert client.get(f"/my-file/letters/{other_decision.id}").status_code == 404
    assert client.get("/my-file/letters/999999").status_code == 404
    assert db.session.scalar(db.select(db.func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == "letter_download")) == 1
    assert app.test_client().get(f"/my-file/letters/{decision.id}").status_code == 302


def test_my_file_shows_the_data_held_with_the_household_to_its_head(applicant, client, caplog):
    db.session.add(HouseholdMember(applicant_id=applicant.id, relation="son", full_name="عبدالله محمد الحربي",
                                   gender="male", national_id=valid_national_id()))
    db.session.commit()
    sign_in(client, caplog, applicant)
    page = _page(client)
    assert "مكة المكرمة" in page and applicant.national_id in page
    assert "عبدالله محمد الحربي" in page


def test_an_applicant_who_is_not_the_head_sees_the_other_members_only_by_relation(applicant, client, caplog):
    member_id = valid_national_id()
    db.session.add_all([
        HouseholdMember(applicant_id=applicant.id, relation="head", full_name="سعد ناصر القحطاني", gender="male",
                        national_id=member_id),
        HouseholdMember(applicant_id=applicant.id, relation="daughter", full_name="ريم سعد القحطاني", gender="female"),
    ])
    db.session.commit()
    sign_in(client, caplog, applicant)
    page = _page(client)
    assert "سعد ناصر القحطاني" not in page and "ريم سعد القحطاني" not in page and member_id not in page
    assert "رب الأسرة" in page
    pdf = client.get("/my-file/data.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def test_downloading_my_data_is_recorded_like_a_data_access_answer(applicant, client, caplog):
    sign_in(client, caplog, applicant)
    response = client.get("/my-file/data.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "data_export"))
    assert entry.entity_id == applicant.id and entry.note == "portal" and entry.actor_id is None


def test_my_file_names_no_member_of_staff(applicant, client, caplog):
    request = make_request("received", applicant=applicant)
    _decide(request, "accepted", None)
    sign_in(client, caplog, applicant)
    page = _page(client)
    for user in db.session.scalars(db.select(User)):
        assert user.full_name not in page


def test_a_correction_request_reaches_staff_as_a_correction_contact_and_its_answer_shows_to_the_applicant(
        applicant, client, caplog, app):
    sign_in(client, caplog, applicant)
    form = client.get("/my-file/correction?field=city").get_data(as_text=True)
    assert '<option selected value="city">' in form
    response = client.post("/my-file/correction", data={
        "field": "city", "correct_value": "الطائف", "csrf_token": csrf_token(client, "/my-file/correction"),
    })
    assert response.status_code == 302
    contact = db.session.scalar(db.select(Contact))
    assert contact.kind == "correction" and contact.applicant_id == applicant.id and contact.status == "open"
    assert "الطائف" in contact.summary and "المدينة" in contact.summary
    assert "الطائف" in _page(client)

    staff = db.session.scalar(db.select(User).where(User.username == "staff"))
    answer(contact.id, staff, "صُحّحت المدينة في ملفك إلى الطائف")
    page = _page(client)
    assert "صُحّحت المدينة في ملفك إلى الطائف" in page
    assert staff.full_name not in page


def test_a_correction_without_the_right_value_is_refused_beside_the_field_and_nothing_is_sent(applicant, client, caplog):
    sign_in(client, caplog, applicant)
    response = client.post("/my-file/correction", data={
        "field": "city", "correct_value": " ", "csrf_token": csrf_token(client, "/my-file/correction"),
    })
    assert response.status_code == 200 and 'id="correct_value-error"' in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Contact)) == 0


def test_the_public_contact_form_does_not_offer_corrections(rakeen, client):
    page = client.get("/contact").get_data(as_text=True)
    assert 'value="correction"' not in page


def test_his_cash_aid_instalments_show_with_their_due_dates_amounts_and_states(applicant, client, caplog):
    from decimal import Decimal

    from models import AidGrant, Instalment

    request = make_request("registered", applicant=applicant)
    grant = AidGrant(request_id=request.id, kind="cash", amount=Decimal("1000.00"), instalments=2)
    db.session.add(grant)
    db.session.flush()
    db.session.add_all([
        Instalment(grant_id=grant.id, number=1, due_on=date(2026, 11, 1), amount=Decimal("500.00"), status="delivered"),
        Instalment(grant_id=grant.id, number=2, due_on=date(2026, 12, 1), amount=Decimal("500.00"), status="due"),
    ])
    db.session.commit()
    sign_in(client, caplog, applicant)
    page = _page(client)
    table = page[page.index(f'id="instalments-{request.number}"'):]
    table = table[:table.index("</table>")]
    assert dual_date(date(2026, 12, 1)) in table and "500.00" in table
    assert label(InstalmentStatus, "delivered") in table
    assert label(InstalmentStatus, "due") in table


def test_a_file_without_aid_shows_no_instalments(applicant, client, caplog):
    make_request(applicant=applicant)
    sign_in(client, caplog, applicant)
    assert 'id="instalments-' not in _page(client)


def test_his_vouchers_show_the_code_only_while_it_can_be_redeemed(applicant, client, caplog):
    from datetime import timedelta
    from decimal import Decimal

    from models import Voucher
    from sila.core.dates import today

    staff = db.session.scalar(db.select(User).where(User.username == "staff"))
    request = make_request("registered", applicant=applicant)
    valid = Voucher(request_id=request.id, code="VALIDCODE234", value=Decimal("350.00"), items="سلة غذائية × 1",
                    expires_on=today() + timedelta(days=10), status="issued", issued_by_id=staff.id)
    old = Voucher(request_id=request.id, code="EXPIREDCODE9", value=Decimal("200.00"),
                  expires_on=today() - timedelta(days=1), status="issued", issued_by_id=staff.id)
    used = Voucher(request_id=request.id, code="USEDCODE5678", value=Decimal("100.00"),
                   expires_on=today() + timedelta(days=10), status="redeemed", issued_by_id=staff.id)
    db.session.add_all([valid, old, used])
    db.session.commit()
    sign_in(client, caplog, applicant)
    page = _page(client)
    table = page[page.index(f'id="vouchers-{request.number}"'):]
    table = table[:table.index("</table>")]
    assert "VALIDCODE234" in table and "سلة غذائية" in table and "350.00" in table
    assert dual_date(today() + timedelta(days=10)) in table
    assert "EXPIREDCODE9" not in table and "منتهية" in table
    assert "USEDCODE5678" not in table and label(VoucherStatus, "redeemed") in table


def test_a_voucher_the_nightly_job_released_shows_as_expired_without_its_code(applicant, client, caplog):
    from datetime import timedelta
    from decimal import Decimal

    from models import Voucher
    from sila.aid.vouchers import release_expired
    from sila.core.dates import today

    staff = db.session.scalar(db.select(User).where(User.username == "staff"))
    request = make_request("registered", applicant=applicant)
    db.session.add(Voucher(request_id=request.id, code="LAPSEDCODE23", value=Decimal("350.00"), items="سلة غذائية × 1",
                           expires_on=today() - timedelta(days=2), status="issued", issued_by_id=staff.id))
    db.session.commit()
    assert release_expired() == 1
    sign_in(client, caplog, applicant)
    page = _page(client)
    table = page[page.index(f'id="vouchers-{request.number}"'):]
    table = table[:table.index("</table>")]
    assert "منتهية" in table and "LAPSEDCODE23" not in table
    assert label(VoucherStatus, "expired") == "منتهية"


def test_a_file_without_vouchers_shows_no_voucher_table(applicant, client, caplog):
    make_request(applicant=applicant)
    sign_in(client, caplog, applicant)
    assert 'id="vouchers-' not in _page(client)
