"""What staff create lands at their branch: a new file, and a contact logged without one."""
from __future__ import annotations

from models import Applicant, Channel, Contact
from models.base import db
from tests.conftest import login, post_form
from tests.factories import valid_national_id


def test_a_file_registered_by_a_branchs_staff_belongs_to_that_branch(branches, client):
    login(client, "staff_other")
    national_id = valid_national_id()
    response = post_form(client, "/admin/applicants/new/", {
        "national_id": national_id, "first_name": "هند", "father_name": "علي", "grandfather_name": "صالح",
        "family_name": "الحربي", "gender": "female", "mobile": "0551234567", "preferred_contact": "sms",
    }, token_from="/admin/applicants/new/")
    assert response.status_code == 302
    applicant = db.session.scalar(db.select(Applicant).where(Applicant.national_id == national_id))
    assert applicant.branch_id == branches.other.id


def test_a_walk_in_contact_is_logged_at_the_staff_members_branch(branches, client):
    login(client, "staff_other")
    channel = db.session.scalar(db.select(Channel).limit(1))
    response = post_form(client, "/admin/contacts/new/", {
        "kind": "inquiry", "channel": str(channel.id), "summary": "سؤال عابر", "contact_name": "زائر",
    }, token_from="/admin/contacts/new/")
    assert response.status_code == 302
    contact = db.session.scalar(db.select(Contact).where(Contact.summary == "سؤال عابر"))
    assert contact.branch_id == branches.other.id
