"""Needs scoring configured by admins: rules that give points, categories by score.

A rule with no service type applies to every service. Ranges are [low, high):
`low` included, `high` excluded, either open when empty. Housing rules match a
code instead of a range. Disabled members give `points` for each such member.
"""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.audited import Audited
from models.base import db, one_of
from models.branch_path import ASSOCIATION_WIDE
from models.enums import ScoreFactor
from models.personal_data import FACT, SYSTEM, personal
from models.service_type import ServiceType


class ScoreRule(db.Model):
    __tablename__ = "score_rules"
    __branch__ = ASSOCIATION_WIDE
    __audited__ = Audited("score_rule")
    __table_args__ = (one_of("factor", ScoreFactor),)

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    service_type_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_types.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM)
    )
    factor: Mapped[str] = mapped_column(String(24), info=personal(FACT))
    low: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), info=personal(FACT))
    high: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), info=personal(FACT))
    code: Mapped[str | None] = mapped_column(String(24), info=personal(FACT))
    points: Mapped[int] = mapped_column(Integer, info=personal(FACT))
    position: Mapped[int] = mapped_column(Integer, default=0, info=personal(FACT))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, info=personal(FACT))

    service_type: Mapped[ServiceType | None] = relationship()


class NeedCategory(db.Model):
    __tablename__ = "need_categories"
    __branch__ = ASSOCIATION_WIDE
    __audited__ = Audited("need_category")

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    service_type_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_types.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM)
    )
    name: Mapped[str] = mapped_column(String(60), info=personal(FACT))
    min_score: Mapped[int] = mapped_column(Integer, info=personal(FACT))
    conditions: Mapped[str | None] = mapped_column(Text, info=personal(FACT))
    required_documents: Mapped[str | None] = mapped_column(Text, info=personal(FACT))
    # Zakat funds go only to files of the categories the admin marks eligible (sila/aid/funding.py).
    zakat_eligible: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=sa_false(), info=personal(FACT)
    )

    service_type: Mapped[ServiceType | None] = relationship()

    def __str__(self) -> str:
        return self.name
