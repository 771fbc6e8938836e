"""Branch representatives (مناديب الفروع): they register files, contacts and requests for their own
branch through the representatives' channel, upload papers and follow their branch's requests.

They never decide: every step past registration is refused by the step itself
(sila/core/step_permissions.py), and the branch scope keeps them to the
branches they are assigned to, never the whole association.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from models.base import db
from models.channel import Channel
from models.enums import Role
from models.user import User
from sila.branches.scope import branch_ids
from sila.core.errors import Refused

# The health cooperative's eighth channel, «مناديب المكاتب الفرعية».
REPRESENTATIVES_CHANNEL = "branch_reps"
# The rakeen policy names seven channels and none for representatives: there a representative's records come
# through the interview («المقابلة»), the face-to-face meeting he holds; who registered each is kept on it.
FACE_TO_FACE_CHANNEL = "interview"


def is_representative(actor: User | None) -> bool:
    return actor is not None and actor.role == Role.representative


def representatives_channel() -> Channel:
    """The channel a representative's records come through: the representatives' own, else the interview.

    Read without flushing: the request being registered has no channel until this answers.
    """
    with db.session.no_autoflush:
        for code in (REPRESENTATIVES_CHANNEL, FACE_TO_FACE_CHANNEL):
            channel = db.session.scalar(db.select(Channel).where(Channel.code == code, Channel.is_active.is_(True)))
            if channel is not None:
                return channel
    raise Refused(_l("No active channel for branch representatives is configured; ask the administrator."))


def require_branch(actor: User) -> None:
    """A representative works for named branches only; without one, nothing he registers has a home."""
    if is_representative(actor) and not branch_ids(actor):
        raise Refused(_l("A branch representative must be assigned to a branch before registering anything."))


def through_representative(actor: User | None, record: object) -> None:
    """A request or contact a representative registers: at his branch, through the representatives' channel."""
    if not is_representative(actor):
        return
    require_branch(actor)
    record.channel_id = representatives_channel().id  # type: ignore[attr-defined]
