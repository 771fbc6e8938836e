"""A branch representative registers files, contacts and requests for his branch through the
representatives' channel and uploads papers; he never sees another branch nor takes a step past registration."""
from __future__ import annotations

import io

import pytest

from models import Applicant, Branch, Channel, Contact, ServiceRequest, ServiceType, User
from models.base import db
from models.request import Attachment
from sila.branches.rules import assign
from sila.core.errors import InvalidValue
from tests.branches.conftest import branch_user
from tests.conftest import login, post_form
from tests.factories import make_request, valid_national_id
from tests.security.conftest import PDF

REFUSED_STEP = "مندوب الفرع"
FORBIDDEN_PAGE = "ليست لديك صلاحية"


def _register_applicant(client, first_name: str) -> Applicant:  # type: ignore[no-untyped-def]
    national_id = valid_national_id()
    response = post_form(client, "/admin/applicants/new/", {
        "national_id": national_id, "first_name": first_name, "father_name": "علي", "grandfather_name": "صالح",
        "family_name": "الحربي", "gender": "female", "mobile": "0551234567", "preferred_contact": "sms",
    }, token_from="/admin/applicants/new/")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return db.session.scalar(db.select(Applicant).where(Applicant.national_id == national_id))


def _channel(code: str) -> Channel:
    return db.session.scalar(db.select(Channel).where(Channel.code == code))


def test_a_representative_registers_an_applicant_and_his_request_at_his_branch(branches, client):
    login(client, "rep_other")
    applicant = _register_applicant(client, "وعد")
    assert applicant.branch_id == branches.other.id
    service = db.session.scalar(db.select(ServiceType).limit(1))
    response = post_form(client, "/admin/requests/new/", {
        "applicant": str(applicant.id), "service_type": str(service.id), "details": "طلب عبر المندوب",
    }, token_from="/admin/requests/new/")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    request = db.session.scalar(db.select(ServiceRequest).where(ServiceRequest.applicant_id == applicant.id))
    rep = db.session.scalar(db.select(User).where(User.username == "rep_other"))
    # The rakeen policy has no representatives' channel: a representative's meeting is the interview.
    assert (request.branch_id, request.channel_id, request.received_by_id, request.status) == (
        branches.other.id, _channel("interview").id, rep.id, "received",
    )


def test_a_representative_logs_a_contact_at_his_branch_whatever_channel_is_posted(branches, client):
    login(client, "rep_other")
    website = _channel("website")
    response = post_form(client, "/admin/contacts/new/", {
        "kind": "inquiry", "channel": str(website.id), "summary": "سؤال عند المندوب", "contact_name": "زائر",
    }, token_from="/admin/contacts/new/")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    contact = db.session.scalar(db.select(Contact).where(Contact.summary == "سؤال عند المندوب"))
    assert (contact.branch_id, contact.channel_id) == (branches.other.id, _channel("interview").id)


def test_in_the_health_cooperative_a_representative_comes_through_the_branch_offices_channel(health_coop, client):
    branch = Branch(name="مكتب القصيم", city="بريدة", is_active=True, is_main=False)
    db.session.add(branch)
    db.session.commit()
    branch_user("rep_qassim", "representative", branch)
    login(client, "rep_qassim")
    applicant = _register_applicant(client, "منى")
    response = post_form(client, "/admin/contacts/new/", {
        "kind": "inquiry", "applicant": str(applicant.id), "summary": "استفسار عضو عبر المندوب",
    }, token_from="/admin/contacts/new/")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    contact = db.session.scalar(db.select(Contact).where(Contact.applicant_id == applicant.id))
    reps = _channel("branch_reps")
    assert reps.name == "مناديب المكاتب الفرعية"
    assert (applicant.branch_id, contact.branch_id, contact.channel_id) == (branch.id, branch.id, reps.id)


def test_a_representative_uploads_a_paper_to_his_branchs_request(branches, client):
    login(client, "rep_other")
    response = post_form(client, f"/requests/{branches.theirs.request}/attachments",
                         {"file": (io.BytesIO(PDF), "هوية.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 302
    names = db.session.scalars(
        db.select(Attachment.original_name).where(Attachment.request_id == branches.theirs.request)
    ).all()
    assert "هوية.pdf" in names


def test_a_representative_sees_his_branchs_requests_only(branches, client):
    login(client, "rep_other")
    listing = client.get("/admin/applicants/").get_data(as_text=True)
    assert "نورة" in listing and "سالم" not in listing
    assert client.get(f"/admin/requests/details/?id={branches.theirs.request}").status_code == 200


def test_another_branchs_file_by_url_is_the_arabic_403_for_a_representative(branches, client):
    login(client, "rep_other")
    response = client.get(f"/admin/applicants/details/?id={branches.ours.applicant}")
    assert response.status_code == 403
    page = response.get_data(as_text=True)
    assert FORBIDDEN_PAGE in page and 'dir="rtl"' in page and "سالم" not in page


@pytest.mark.parametrize("url", [
    "/admin/decisions/", "/admin/committee_queue/", "/admin/meetings/", "/admin/referrals/", "/admin/outbox/",
    "/admin/channels/", "/admin/users/", "/admin/organization/", "/admin/branches/", "/admin/service_types/",
    "/admin/audit/", "/admin/imports/", "/admin/funding_sources/", "/admin/batches/",
    "/admin/applicants/export/csv/", "/admin/requests/export/csv/", "/admin/contacts/export/csv/",
])
def test_a_representative_cannot_reach_decisions_committee_settings_or_exports(branches, client, url):
    login(client, "rep_other")
    response = client.get(url)
    assert response.status_code == 403
    assert FORBIDDEN_PAGE in response.get_data(as_text=True)


def test_a_representatives_menu_holds_his_screens_only(branches, client):
    login(client, "rep_other")
    nav = client.get("/admin/").get_data(as_text=True).split("<nav", 1)[1].split("</nav>", 1)[0]
    for screen in ("applicants", "requests", "contacts"):
        assert f'href="/admin/{screen}/"' in nav
    for screen in ("decisions", "committee_queue", "users", "channels", "audit", "outbox"):
        assert f'href="/admin/{screen}/"' not in nav


def test_the_data_access_answer_is_not_a_representatives(branches, client):
    login(client, "rep_other")
    assert client.get(f"/admin/applicants/rights/{branches.theirs.applicant}.json").status_code == 403


@pytest.mark.parametrize(("status", "step", "form"), [
    ("received", "verify", {}),
    ("verified", "attest", {"signed_name": "نورة", "method": "paper_scan"}),
    ("attested", "submit", {}),
    ("received", "withdraw", {"reason": "طلب المستفيد"}),
    ("accepted", "register", {}),
])
def test_the_request_path_refuses_a_representative_in_arabic(branches, client, status, step, form):
    applicant = db.session.get(Applicant, branches.theirs.applicant)
    request = make_request(status, applicant=applicant)
    login(client, "rep_other")
    response = post_form(client, f"/admin/requests/step/{request.id}/{step}", form, follow_redirects=True)
    assert REFUSED_STEP in response.get_data(as_text=True)
    assert db.session.get(ServiceRequest, request.id).status == status


def test_a_representative_cannot_decide_nor_set_a_file_status_nor_take_a_bulk_step(branches, client):
    applicant = db.session.get(Applicant, branches.theirs.applicant)
    submitted = make_request("submitted", applicant=applicant)
    channels = db.session.scalar(db.select(db.func.count()).select_from(Channel))
    login(client, "rep_other")
    decide = post_form(client, f"/admin/committee_queue/step/{submitted.id}/decide", {"outcome": "accepted"})
    status = post_form(client, f"/admin/applicants/file-status/{applicant.id}", {"status": "blocked"},
                       follow_redirects=True)
    bulk = post_form(client, "/admin/requests/action/", {"action": "verify", "rowid": str(branches.theirs.request)},
                     follow_redirects=True)
    answer = post_form(client, f"/admin/contacts/step/{branches.theirs.contact}/answer", {"answer": "تم"},
                       follow_redirects=True)
    channel = post_form(client, "/admin/channels/new/", {"name": "قناة المندوب", "position": "9"})
    assert decide.status_code == 403 and channel.status_code == 403
    assert REFUSED_STEP in status.get_data(as_text=True)
    assert REFUSED_STEP in answer.get_data(as_text=True)
    assert bulk.status_code in (200, 403)
    assert db.session.get(ServiceRequest, submitted.id).status == "submitted"
    assert db.session.get(ServiceRequest, branches.theirs.request).status == "received"
    assert db.session.get(Applicant, applicant.id).file_status == "active"
    assert db.session.get(Contact, branches.theirs.contact).status == "open"
    assert db.session.scalar(db.select(db.func.count()).select_from(Channel)) == channels


def test_a_representative_is_never_association_wide_nor_without_a_branch(branches):
    rep = User(username="rep_new", full_name="مندوب جديد", role="representative")
    rep.set_password("a-long-enough-password")
    with pytest.raises(InvalidValue):
        assign(rep, [branches.other], all_branches=True)
    with pytest.raises(InvalidValue):
        assign(rep, [], all_branches=False)
    assign(rep, [branches.other], all_branches=False)
    assert [link.branch.id for link in rep.branch_links] == [branches.other.id]


def test_a_representative_without_a_branch_registers_nothing(rakeen, client):
    rep = User(username="rep_nowhere", full_name="مندوب بلا فرع", role="representative")
    rep.set_password("sila-demo-rep_nowhere")
    db.session.add(rep)
    db.session.commit()
    login(client, "rep_nowhere")
    before = db.session.scalar(db.select(db.func.count()).select_from(Applicant))
    response = post_form(client, "/admin/applicants/new/", {
        "national_id": valid_national_id(), "first_name": "هند", "father_name": "علي", "grandfather_name": "صالح",
        "family_name": "الحربي", "gender": "female", "mobile": "0551234567", "preferred_contact": "sms",
    }, token_from="/admin/applicants/new/", follow_redirects=True)
    assert "يجب ربط مندوب الفرع بفرع" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Applicant)) == before


def test_the_demo_has_a_representative_at_jeddah(rakeen, client):
    from sila.settings.presets.demo_branches import ensure_demo_branches

    logins = {username: role for username, _password, role in ensure_demo_branches()}
    assert logins["rep_jeddah"] == "representative"
    rep = db.session.scalar(db.select(User).where(User.username == "rep_jeddah"))
    assert [link.branch.name for link in rep.branch_links] == ["فرع جدة"]
    login(client, "rep_jeddah")
    assert client.get("/admin/applicants/").status_code == 200
