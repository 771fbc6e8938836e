"""Satisfaction survey results for the team: averages per channel, service type and month.

Satisfaction is measured as the applicant's right and as a tool for
improvement, never for punishment: every figure here is an aggregate over the
team, nothing is grouped by or joined to a staff member, a request or an
applicant, and comments are listed with their month only.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import func

from models.base import db
from models.channel import Channel
from models.service_type import ServiceType
from models.survey import SCORES, SurveyResponse
from sila.core.hijri_months import hijri_month_label

SCORE_LABELS = {
    "overall": _l("Overall satisfaction"),
    "speed": _l("Speed"),
    "courtesy": _l("Courtesy"),
    "clarity": _l("Clarity of procedures"),
    "channel_ease": _l("Ease of the channel"),
}
TOP_SCORE = 5
COMMENTS_SHOWN = 200


@dataclass(frozen=True)
class ScoreRow:
    """One group's answers: how many, and the average of each score (None when there are none)."""

    label: str
    answers: int
    averages: dict[str, float | None]
    hijri: str = ""


@dataclass(frozen=True)
class Comment:
    month: str
    hijri: str
    text: str


def _aggregates() -> list[Any]:
    return [func.count(SurveyResponse.id)] + [func.avg(getattr(SurveyResponse, score)) for score in SCORES]


def _averages(values: tuple[Any, ...]) -> dict[str, float | None]:
    return {score: round(float(value), 2) if value is not None else None for score, value in zip(SCORES, values, strict=True)}


def _year_month() -> Any:
    """'YYYY-MM' of the answer's month, whatever day of it was stored."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.to_char(SurveyResponse.month, "YYYY-MM")
    return func.strftime("%Y-%m", SurveyResponse.month)


def _first_day(year_month: str) -> date:
    return date(int(year_month[:4]), int(year_month[5:7]), 1)


def team() -> ScoreRow:
    """The whole team's averages: the figure the results page leads with."""
    answers, *scores = db.session.execute(db.select(*_aggregates())).one()
    return ScoreRow(str(_l("The whole team")), answers or 0, _averages(tuple(scores)))


def by_channel() -> list[ScoreRow]:
    """Averages per channel the answers came through, in the channels' order."""
    rows = db.session.execute(
        db.select(Channel.name, *_aggregates())
        .join(Channel, Channel.id == SurveyResponse.channel_id)
        .group_by(Channel.id, Channel.name, Channel.position)
        .order_by(Channel.position, Channel.id)
    ).all()
    return [ScoreRow(name, answers, _averages(tuple(scores))) for name, answers, *scores in rows]


def by_service_type() -> list[ScoreRow]:
    """Averages per service type, in the service types' order."""
    rows = db.session.execute(
        db.select(ServiceType.name, *_aggregates())
        .join(ServiceType, ServiceType.id == SurveyResponse.service_type_id)
        .group_by(ServiceType.id, ServiceType.name, ServiceType.position)
        .order_by(ServiceType.position, ServiceType.id)
    ).all()
    return [ScoreRow(name, answers, _averages(tuple(scores))) for name, answers, *scores in rows]


def by_month(language: str = "ar") -> list[ScoreRow]:
    """Averages per Gregorian month, newest first, with the Hijri months it spans beside it."""
    month = _year_month()
    rows = db.session.execute(db.select(month, *_aggregates()).group_by(month).order_by(month.desc())).all()
    result = []
    for year_month, answers, *scores in rows:
        first = _first_day(year_month)
        result.append(ScoreRow(
            format_date(first, "MMMM y"), answers, _averages(tuple(scores)), hijri_month_label(first, language),
        ))
    return result


def comments(language: str = "ar", limit: int = COMMENTS_SHOWN) -> list[Comment]:
    """The latest comments with their month only: no name, request, channel or service beside them."""
    month = _year_month()
    rows = db.session.execute(
        db.select(month, SurveyResponse.comment)
        .where(SurveyResponse.comment.is_not(None), func.length(func.trim(SurveyResponse.comment)) > 0)
        .order_by(month.desc(), SurveyResponse.id.desc())
        .limit(limit)
    ).all()
    return [
        Comment(format_date(_first_day(ym), "MMMM y"), hijri_month_label(_first_day(ym), language), text.strip())
        for ym, text in rows
    ]
