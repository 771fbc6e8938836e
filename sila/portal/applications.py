"""Applying and tracking from the public portal, where nobody is logged in.

An applicant is matched by national ID and never learns whether he was
already known: his stored data are neither shown nor overwritten, and what he
typed differently is kept on the request for staff to check. Tracking needs
the request number, the national ID and the mobile's last four digits
together, and a wrong combination says nothing about which part was wrong.
"""
from __future__ import annotations

import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale
from flask_babel import gettext as _

from models.applicant import Applicant
from models.base import db
from models.channel import Channel
from models.contact import Contact
from models.enums import Gender, RequestStatus, label
from models.organization import Organization
from models.request import ServiceRequest
from models.service_type import ServiceType
from sila.contacts.rules import log as log_contact
from sila.core.arabic import ascii_digits, normalize
from sila.core.dates import dual_date
from sila.core.mobile import national_format
from sila.portal import uploads as documents
from sila.requests.transitions import accept_on_portal, receive

WEBSITE = "website"
# Request numbers are shown with seven digits; nine keeps any typed number inside an integer column.
MAX_NUMBER_DIGITS = 9
# What a malformed tracking attempt is looked up as, so it costs the same query as a well-formed one.
NO_REQUEST = (0, "0000000000", "----")


@dataclass(frozen=True)
class Application:
    """What the applicant typed, already cleaned by the form."""

    national_id: str
    first_name: str
    father_name: str
    grandfather_name: str
    family_name: str
    gender: str
    birth_date: date
    mobile: str
    email: str | None
    city: str
    service_type_id: int
    details: str | None

    @property
    def full_name(self) -> str:
        return " ".join((self.first_name, self.father_name, self.grandfather_name, self.family_name))


@dataclass(frozen=True)
class Inquiry:
    """A message sent through the contact page."""

    kind: str
    name: str
    mobile: str | None
    message: str


def organization() -> Organization | None:
    return db.session.scalar(db.select(Organization).limit(1))


def website_channel() -> Channel | None:
    """The portal's own channel; without an active one the portal takes nothing in."""
    return db.session.scalar(db.select(Channel).where(Channel.code == WEBSITE, Channel.is_active.is_(True)))


def active_service_types() -> list[ServiceType]:
    return list(db.session.scalars(
        db.select(ServiceType).where(ServiceType.is_active.is_(True)).order_by(ServiceType.position, ServiceType.id)
    ))


def accepts_applications() -> bool:
    return organization() is not None and website_channel() is not None and bool(active_service_types())


def receive_application(application: Application, files: Sequence[dict]) -> ServiceRequest:
    """Applicant (found or new), request, attestation, its kept files, notification and audit, in the caller's
    transaction: the application's mobile was just confirmed (sila/portal/confirmation.py)."""
    applicant = db.session.scalar(db.select(Applicant).where(Applicant.national_id == application.national_id))
    details = application.details
    if applicant is None:
        applicant = Applicant(
            national_id=application.national_id, first_name=application.first_name,
            father_name=application.father_name, grandfather_name=application.grandfather_name,
            family_name=application.family_name, gender=application.gender, birth_date=application.birth_date,
            mobile=application.mobile, email=application.email, city=application.city,
        )
        db.session.add(applicant)
    else:
        details = _with_typed_differences(details, applicant, application)
    request = ServiceRequest(
        applicant=applicant, service_type_id=application.service_type_id, channel_id=website_channel().id,
        details=details,
    )
    db.session.add(request)
    db.session.flush()
    accept_on_portal(request, application.full_name)
    documents.attach_kept(request, files)
    receive(request, None)
    return request


def _with_typed_differences(details: str | None, applicant: Applicant, application: Application) -> str | None:
    """Keep for staff what the applicant typed where it differs from the stored record."""
    typed = {
        "full_name": (normalize(application.full_name), normalize(applicant.full_name), application.full_name),
        "gender": (application.gender, applicant.gender, None),
        "birth_date": (application.birth_date, applicant.birth_date, None),
        "mobile": (application.mobile, applicant.mobile, national_format(application.mobile)),
        "email": ((application.email or "").lower(), (applicant.email or "").lower(), application.email),
        "city": (normalize(application.city), normalize(applicant.city), application.city),
    }
    with force_locale("ar"):
        labels = {
            "full_name": _("Full name"), "gender": _("Gender"), "birth_date": _("Birth date"),
            "mobile": _("Mobile"), "email": _("E-mail"), "city": _("City"),
        }
        shown = {"gender": label(Gender, application.gender), "birth_date": dual_date(application.birth_date)}
        differences = [
            f"{labels[name]}: {shown.get(name, text) or '-'}"
            for name, (new, old, text) in typed.items() if new != old
        ]
        if not differences:
            return details
        note = _("Typed on the portal, different from the stored record: %(values)s", values="، ".join(differences))
    return f"{details}\n\n{note}" if details else note


def find_request(number: str | None, national_id: str | None, mobile_last_four: str | None) -> ServiceRequest | None:
    """The request only when all three match; None for anything else, whatever was wrong.

    Every attempt, well-formed or not, runs the same single query and the same
    comparison, so neither the answer nor its timing tells which part was wrong.
    """
    number = ascii_digits((number or "").strip())
    national_id = ascii_digits((national_id or "").strip())
    last_four = ascii_digits((mobile_last_four or "").strip())
    well_formed = (
        number.isdigit() and len(number) <= MAX_NUMBER_DIGITS and len(national_id) == 10 and national_id.isdigit()
        and len(last_four) == 4 and last_four.isdigit()
    )
    wanted_id, wanted_national_id, wanted_last_four = (
        (int(number), national_id, last_four) if well_formed else NO_REQUEST
    )
    row = db.session.execute(
        db.select(ServiceRequest, Applicant.mobile).join(Applicant)
        .where(ServiceRequest.id == wanted_id, Applicant.national_id == wanted_national_id)
    ).first()
    request, mobile = row if row is not None else (None, "")
    matches = hmac.compare_digest((mobile or "")[-4:].rjust(4, "-"), wanted_last_four)
    return request if request is not None and matches and well_formed else None


@dataclass(frozen=True)
class Stage:
    """What the portal tells about a request: never who handles it."""

    number: str
    service: str
    received_on: str
    status: str
    earliest_answer_on: str | None

    @classmethod
    def of(cls, request: ServiceRequest) -> Stage:
        answer = request.earliest_answer_on if request.status == RequestStatus.submitted else None
        return cls(
            number=request.number, service=request.service_type.name, received_on=dual_date(request.created_at),
            status=label(RequestStatus, request.status), earliest_answer_on=dual_date(answer) if answer else None,
        )


def record_inquiry(inquiry: Inquiry) -> Contact:
    """Logged like a contact staff take, on the website channel, open until they answer or close it."""
    return log_contact(
        None, inquiry.kind, website_channel().id, inquiry.message,
        contact_name=inquiry.name, contact_mobile=inquiry.mobile,
    )

