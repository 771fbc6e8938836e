"""The association's service area and the one check of whether an applicant's city lies inside it.

The area is the union of what the active branches serve (each branch's city and
its districts or cities, one a line), so an administrator configures it in one
place, the branches screen, and opening a branch widens it. With no branch
saying what it serves the area is unknown and nobody is warned. Staff
registration, the portal and verification all ask `outside`; staff may proceed
with a reason, which `reason_to_proceed` requires and cleans.
"""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

from models.base import db
from models.branch import Branch
from sila.core.arabic import normalize
from sila.core.audit.recorder import record
from sila.core.errors import InvalidValue

# A branch's served places are typed one a line; a comma (Arabic or Latin) also separates them.
_SEPARATORS = re.compile(r"[\n,،;؛]+")
REASON_LABEL = _l("Reason for serving outside the service area")


def served_places() -> frozenset[str]:
    """Every city and district the active branches serve, in their normalized (search) form."""
    rows = db.session.execute(db.select(Branch.city, Branch.served_areas).where(Branch.is_active.is_(True))).all()
    places = set()
    for city, served in rows:
        for place in [city or "", *_SEPARATORS.split(served or "")]:
            if normalize(place):
                places.add(normalize(place))
    return frozenset(places)


def outside(city: str | None) -> bool:
    """Whether a city or district lies outside the service area; an empty one, or an area nobody
    configured, is never outside (there is nothing to judge)."""
    place = normalize(city)
    if not place:
        return False
    places = served_places()
    return bool(places) and place not in places


def warning(city: str | None) -> str | None:
    """The Arabic warning staff, the applicant and the committee read, or None inside the area."""
    if not outside(city):
        return None
    return str(_l("The city or district «%(city)s» lies outside the association's service area.", city=city))


def applicant_warning(city: str | None) -> str | None:
    """The warning the portal shows the applicant, naming no city: a confirmation page repeats no
    personal data."""
    if not outside(city):
        return None
    return str(_l("The city or district you gave lies outside the association's service area."))


def reason_to_proceed(city: str | None, reason: str | None) -> str | None:
    """The reason staff give for serving an applicant outside the area, required there; None inside it."""
    if not outside(city):
        return None
    cleaned = (reason or "").strip()
    if not cleaned:
        raise InvalidValue(_l(
            "The city or district «%(city)s» lies outside the association's service area: "
            "write the reason for proceeding.", city=city,
        ))
    return cleaned[:2000]


def record_reason(entity_type: str, entity_id: int, reason: str, actor_id: int | None) -> None:
    """One audit entry saying who proceeded outside the area and why, in the caller's transaction
    (a new file is logged as one bare row, so its reason would otherwise go unrecorded)."""
    record("outside_area", entity_type, entity_id, field="outside_area_reason", new=reason, actor_id=actor_id)
