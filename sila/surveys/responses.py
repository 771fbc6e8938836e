"""Recording a survey answer: the invitation is spent and the answer saved together, once.

The invitation is marked used by a conditional UPDATE (only while unused and
unexpired), so of two submissions racing with the same link exactly one
counts. An anonymous answer keeps the service type, the channel and the month
and nothing else: no request, no applicant, no staff member. To keep it so,
the invitation's `used_at` holds the month too (an exact time there would
line answers up with invitations), and answering writes no audit entry.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from models.base import db, utcnow
from models.request import ServiceRequest
from models.survey import SurveyInvitation, SurveyResponse
from sila.core.dates import today
from sila.core.errors import Refused
from sila.core.unit_of_work import committed
from sila.surveys.invitations import MAX_TOKEN_LENGTH, token_hash

NOT_OPEN = _l("This survey link is no longer valid.")


@dataclass(frozen=True)
class Answer:
    overall: int
    speed: int
    courtesy: int
    clarity: int
    channel_ease: int
    comment: str | None
    anonymous: bool


def month_of(day: date) -> date:
    return day.replace(day=1)


def record_answer(token: str, answer: Answer) -> SurveyResponse:
    """Spend the invitation and save the answer in one transaction, or raise Refused and save nothing."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise Refused(NOT_OPEN)
    month = month_of(today())
    with committed():
        request_id = db.session.execute(
            update(SurveyInvitation)
            .where(
                SurveyInvitation.token_hash == token_hash(token),
                SurveyInvitation.used_at.is_(None),
                SurveyInvitation.expires_at > utcnow(),
            )
            .values(used_at=datetime.combine(month, time(), tzinfo=UTC))
            .returning(SurveyInvitation.request_id)
            .execution_options(synchronize_session=False)
        ).scalar_one_or_none()
        if request_id is None:
            raise Refused(NOT_OPEN)
        service_type_id, channel_id = db.session.execute(
            db.select(ServiceRequest.service_type_id, ServiceRequest.channel_id).where(ServiceRequest.id == request_id)
        ).one()
        response = SurveyResponse(
            request_id=None if answer.anonymous else request_id, service_type_id=service_type_id,
            channel_id=channel_id, month=month, anonymous=answer.anonymous, overall=answer.overall,
            speed=answer.speed, courtesy=answer.courtesy, clarity=answer.clarity,
            channel_ease=answer.channel_ease, comment=answer.comment,
        )
        db.session.add(response)
    return response
