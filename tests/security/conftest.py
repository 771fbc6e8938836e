"""A small world to attack: two applicants with a request each, referrals, a contact and an attachment.

Uploads go to a folder of the test's own, so a refused upload can be shown to
have left no file behind.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage

from models import Applicant, Channel, Contact, Referral, ReferralReason, ServiceRequest, User
from models.base import db
from models.request import Attachment
from sila.attachments.service import store_upload
from tests.factories import make_applicant, make_request

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def user(username: str) -> User:
    return db.session.scalar(db.select(User).where(User.username == username))


@dataclass
class World:
    applicant: Applicant
    request: ServiceRequest
    other_applicant: Applicant
    other_request: ServiceRequest
    referral: Referral
    others_referral: Referral
    contact: Contact
    attachment: Attachment
    other_researcher: User


@pytest.fixture()
def files(app, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "attachments"
    app.config["SILA_ATTACHMENTS_DIR"] = str(folder)
    return folder


@pytest.fixture()
def world(rakeen, files) -> World:  # type: ignore[no-untyped-def]
    other_researcher = User(username="researcher9", full_name="باحث آخر", role="researcher")
    other_researcher.set_password("another-long-password")
    db.session.add(other_researcher)
    applicant = make_applicant(first_name="سالم")
    other_applicant = make_applicant(first_name="نورة", gender="female", mobile="0557654321")
    request = make_request("received", applicant=applicant)
    other_request = make_request("received", applicant=other_applicant)
    reason = db.session.scalar(db.select(ReferralReason).limit(1))
    referral = Referral(applicant=applicant, request=request, reason=reason, questions="متى يصل الرد؟",
                        researcher=user("researcher"))
    others_referral = Referral(applicant=other_applicant, request=other_request, reason=reason,
                               questions="سؤال خاص", researcher=other_researcher)
    contact = Contact(channel=db.session.scalar(db.select(Channel).limit(1)), applicant=applicant,
                      kind="inquiry", summary="استفسار عن موعد")
    db.session.add_all([referral, others_referral, contact])
    db.session.commit()
    attachment = store_upload(other_request.id, FileStorage(io.BytesIO(PDF), filename="تقرير.pdf"), user("staff"))
    return World(applicant, request, other_applicant, other_request, referral, others_referral, contact,
                 attachment, other_researcher)
