"""A home visit saved from any screen: a visit marked done must say when it took place, and every save is audited."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from models.base import db
from models.enums import VisitStatus
from models.visit import HomeVisit
from sila.core.audit.recorder import record
from sila.core.errors import Refused


def record_visit(visit: HomeVisit) -> None:
    """Check and audit a visit inside the caller's unit of work, which commits it."""
    if visit.status == VisitStatus.done and visit.visited_on is None:
        raise Refused(_l("Enter the date of the visit to record it as done."))
    db.session.flush()
    record("visit", "applicant", visit.applicant_id, note=visit.status)
