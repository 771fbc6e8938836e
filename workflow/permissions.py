"""Who may take each step, checked inside the step itself, whatever called it."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from models.user import User
from workflow.refusal import Refused


def require_role(actor: User | None, *roles: str) -> None:
    if actor is None or not actor.is_active or actor.role not in roles:
        raise Refused(_l("Your role does not allow this step."))
