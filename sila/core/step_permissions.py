"""Who may take each step, checked inside the step itself, whatever called it."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, or_

from models.enums import Role
from models.referral import Referral
from models.user import User
from sila.core.errors import Refused


def require_role(actor: User | None, *roles: str) -> None:
    if actor is None or not actor.is_active or actor.role not in roles:
        if actor is not None and actor.role == Role.representative:
            raise Refused(_l(
                "A branch representative registers files, contacts and papers and follows the branch's requests; "
                "verifying, submitting, deciding and every later step belong to the relations staff and the committee."
            ))
        raise Refused(_l("Your role does not allow this step."))


def referrals_in_reach(researcher_id: int) -> ColumnElement[bool]:
    """The referrals a researcher works on, sees and counts: those assigned to him and the shared queue."""
    return or_(Referral.researcher_id == researcher_id, Referral.researcher_id.is_(None))
