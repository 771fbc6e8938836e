"""Rows that tests need, built through the models so every validation applies."""
from __future__ import annotations

import itertools

from models import Applicant, Channel, ServiceRequest, ServiceType
from models.base import db
from sila.core.national_id import check_digit

_serial = itertools.count(1)


def valid_national_id() -> str:
    first_nine = f"1{next(_serial):08d}"
    return first_nine + check_digit(first_nine)


def make_applicant(**overrides: object) -> Applicant:
    values = {
        "national_id": valid_national_id(),
        "first_name": "محمد", "father_name": "علي", "grandfather_name": "صالح", "family_name": "الحربي",
        "gender": "male", "mobile": "0551234567",
        **overrides,
    }
    applicant = Applicant(**values)
    db.session.add(applicant)
    db.session.commit()
    return applicant


def make_request(status: str = "received", applicant: Applicant | None = None, **overrides: object) -> ServiceRequest:
    request = ServiceRequest(
        applicant=applicant or make_applicant(),
        channel=db.session.scalar(db.select(Channel).order_by(Channel.position).limit(1)),
        service_type=db.session.scalar(db.select(ServiceType).order_by(ServiceType.position).limit(1)),
        status=status,
        **overrides,
    )
    db.session.add(request)
    db.session.commit()
    return request
