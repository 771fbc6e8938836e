"""Script in names, notes, questions and file names is shown as text, escaped, on every list and detail page."""
from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from werkzeug.datastructures import FileStorage

from models import Channel, Contact, Referral, ReferralReason
from models.base import db
from sila.attachments.service import store_upload
from tests.conftest import login, post_form
from tests.factories import make_applicant, make_request
from tests.security.conftest import PDF, user

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(2)>'
ARABIC = "محمد<script>alert('س')</script>"
RAW = ("<script>alert", "<img src=x")


@pytest.fixture()
def hostile(rakeen, files):  # type: ignore[no-untyped-def]
    """Every free-text field the screens show, filled with markup; returns the ids the pages need."""
    applicant = make_applicant(first_name=ARABIC[:60], father_name=IMAGE, family_name=SCRIPT, city=IMAGE,
                               address=SCRIPT, notes=f"{ARABIC} {IMAGE}")
    request = make_request("submitted", applicant=applicant, details=f"{SCRIPT}{IMAGE}")
    referral = Referral(applicant=applicant, request=request, questions=f"{ARABIC}{IMAGE}",
                        reason=db.session.scalar(db.select(ReferralReason).limit(1)), researcher=user("researcher"))
    contact = Contact(channel=db.session.scalar(db.select(Channel).limit(1)), kind="complaint",
                      contact_name=IMAGE, summary=ARABIC, answer=SCRIPT)
    staff = user("staff2")
    staff.full_name = f"موظف {SCRIPT}"
    db.session.add_all([referral, contact])
    db.session.commit()
    store_upload(request.id, FileStorage(io.BytesIO(PDF), filename=f"{IMAGE}.pdf"), user("staff"))
    return {"applicant": applicant.id, "request": request.id, "referral": referral.id, "contact": contact.id,
            "user": staff.id}


PAGES: dict[str, Callable[[dict], tuple[str, str]]] = {
    "applicants list": lambda ids: ("staff", "/admin/applicants/"),
    "applicant details": lambda ids: ("staff", f"/admin/applicants/details/?id={ids['applicant']}"),
    "applicant edit form": lambda ids: ("staff", f"/admin/applicants/edit/?id={ids['applicant']}"),
    "requests list": lambda ids: ("staff", "/admin/requests/"),
    "request details with the file name": lambda ids: ("staff", f"/admin/requests/details/?id={ids['request']}"),
    "attestation print": lambda ids: ("staff", f"/admin/requests/attestation/{ids['request']}"),
    "committee queue": lambda ids: ("committee", "/admin/committee_queue/"),
    "committee request details": lambda ids: ("committee", f"/admin/committee_queue/details/?id={ids['request']}"),
    "referrals list": lambda ids: ("researcher", "/admin/referrals/"),
    "referral details": lambda ids: ("researcher", f"/admin/referrals/details/?id={ids['referral']}"),
    "contacts list": lambda ids: ("staff", "/admin/contacts/"),
    "contact details": lambda ids: ("staff", f"/admin/contacts/details/?id={ids['contact']}"),
    "users list": lambda ids: ("admin", "/admin/users/"),
    "user details": lambda ids: ("admin", f"/admin/users/details/?id={ids['user']}"),
    "navbar of the hostile user": lambda ids: ("staff2", "/admin/"),
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_markup_in_stored_text_is_shown_escaped(hostile, client, page):
    role, url = PAGES[page](hostile)
    login(client, role)
    response = client.get(url)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert not [raw for raw in RAW if raw in html]
    assert "&lt;script&gt;" in html or "&lt;img" in html, "the payload should be on the page, as text"


def test_a_file_name_with_markup_is_escaped_in_the_upload_message(rakeen, files, client):
    request = make_request()
    login(client, "staff")
    upload = {"file": (io.BytesIO(PDF), "<img src=x onerror=alert(3)>.pdf")}
    response = post_form(client, f"/requests/{request.id}/attachments", upload, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "&lt;img src=x" in html and "<img src=x" not in html


def test_markup_typed_into_a_search_box_comes_back_escaped(rakeen, client):
    login(client, "staff")
    html = client.get("/admin/applicants/", query_string={"search": IMAGE}).get_data(as_text=True)
    assert "<img src=x" not in html


def test_markup_in_a_filter_value_comes_back_escaped(rakeen, client):
    login(client, "staff")
    html = client.get("/admin/contacts/", query_string={"flt0_0": SCRIPT, "flt1_4": IMAGE}).get_data(as_text=True)
    assert not [raw for raw in RAW if raw in html]



def test_markup_in_a_decision_reason_prints_as_text_in_the_letter(rakeen):
    """WeasyPrint renders HTML: a reason that were not escaped would become markup (or vanish) in the PDF."""
    from sila.committee.letters import decision_letter_pdf
    from sila.requests.transitions import decide
    from tests.committee.test_letters import _pdf_text

    request = make_request("submitted")
    decision = decide(request.id, user("committee"), "rejected", f"{SCRIPT} {IMAGE}")
    text = _pdf_text(decision_letter_pdf(decision.id))
    # Parsed as HTML, the script's body and the img's attributes would not print at all. The text
    # layer of a right-to-left line holds mirrored brackets, so the words are what is compared.
    assert "script" in text and "alert(1)" in text and "onerror=alert(2)" in text


def test_markup_in_exported_cells_stays_text_in_a_download_that_never_renders(hostile, client):
    login(client, "manager")
    response = client.get("/admin/contacts/export/csv/")
    assert response.status_code == 200
    assert response.mimetype == "text/csv" and response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("attachment")
    body = response.get_data(as_text=True)
    assert "محمد<script>alert('س')</script>" in body, "kept as the typed text, for the reader of the sheet"
