"""Two branches, each with a whole file (request, contact, referral, visit, attachment, message, decision),
and people of every role who work at the first only (a representative at each)."""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import pytest
from werkzeug.datastructures import FileStorage

from models import Branch, Channel, Contact, Decision, HomeVisit, Notification, Referral, ReferralReason, User
from models.base import db
from models.branch import UserBranch
from sila.attachments.service import store_upload
from tests.factories import make_applicant, make_request
from tests.security.conftest import PDF, user


@dataclass
class BranchFile:
    """One branch's file and everything around it, by object type."""

    applicant: int
    request: int
    decided: int
    contact: int
    referral: int
    visit: int
    attachment: int
    notification: int
    decision: int


def _file(branch: Branch, first_name: str, staff: User) -> BranchFile:
    applicant = make_applicant(first_name=first_name, branch=branch, next_restudy_on=date(2026, 1, 1))
    request = make_request("received", applicant=applicant)
    decided = make_request("accepted", applicant=applicant)
    channel = db.session.scalar(db.select(Channel).limit(1))
    reason = db.session.scalar(db.select(ReferralReason).limit(1))
    contact = Contact(channel=channel, applicant=applicant, kind="inquiry", summary=f"استفسار {first_name}")
    referral = Referral(applicant=applicant, request=request, reason=reason, questions=f"سؤال {first_name}")
    visit = HomeVisit(applicant_id=applicant.id, scheduled_on=date(2026, 12, 1))
    message = Notification(applicant=applicant, request_id=request.id, event="received", method="sms",
                           recipient="+966551234567", body=f"رسالة {first_name}")
    decision = Decision(request_id=decided.id, outcome="accepted", decided_by=user("committee"))
    db.session.add_all([contact, referral, visit, message, decision])
    db.session.commit()
    attachment = store_upload(request.id, FileStorage(io.BytesIO(PDF), filename=f"{first_name}.pdf"), staff)
    return BranchFile(applicant.id, request.id, decided.id, contact.id, referral.id, visit.id, attachment.id,
                      message.id, decision.id)


@dataclass
class Branches:
    main: Branch
    other: Branch
    ours: BranchFile
    theirs: BranchFile


def branch_user(username: str, role: str, branch: Branch) -> User:
    person = User(username=username, full_name=username, role=role)
    person.set_password(f"sila-demo-{username}")
    person.branch_links.append(UserBranch(branch=branch))
    db.session.add(person)
    db.session.commit()
    return person


@pytest.fixture()
def branches(rakeen, app, tmp_path) -> Branches:  # type: ignore[no-untyped-def]
    app.config["SILA_ATTACHMENTS_DIR"] = str(tmp_path / "attachments")
    main = db.session.scalar(db.select(Branch).where(Branch.is_main.is_(True)))
    other = Branch(name="فرع جدة", city="جدة", is_active=True, is_main=False)
    db.session.add(other)
    db.session.commit()
    branch_user("manager_main", "manager", main)
    branch_user("committee_main", "committee", main)
    branch_user("rep_main", "representative", main)
    staff_other = branch_user("staff_other", "staff", other)
    branch_user("rep_other", "representative", other)
    return Branches(main, other, _file(main, "سالم", user("staff")), _file(other, "نورة", staff_other))

