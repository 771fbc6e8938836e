"""People who may already be on file: same mobile, or the same name however it is spelled.

A national ID is unique and refused outright; these are only warnings, since
relatives share mobiles and common names repeat.
"""
from __future__ import annotations

from sqlalchemy import or_

from domain.arabic import normalize
from models.applicant import Applicant
from models.base import db

LIMIT = 5


def possible_duplicates(applicant: Applicant) -> list[Applicant]:
    name = normalize(applicant.full_name)
    return list(db.session.scalars(
        db.select(Applicant)
        .where(Applicant.id != applicant.id)
        .where(or_(Applicant.mobile == applicant.mobile, Applicant.name_search == name))
        .order_by(Applicant.id)
        .limit(LIMIT)
    ))
