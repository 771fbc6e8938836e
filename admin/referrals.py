"""Referrals to the social researcher: staff refer, researchers answer."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import or_

from admin.base import SilaModelView, choice_filter, relation_filter
from domain.vocabulary import PERSON
from models.enums import ReferralStatus, Role
from models.referral import Referral, ReferralReason
from models.user import User


class ReferralView(SilaModelView):
    area = "referrals"
    enum_columns = {"status": ReferralStatus}
    column_list = ("created_at", "applicant", "request", "reason", "researcher", "status")
    column_default_sort = ("created_at", False)
    column_filters = (
        choice_filter(Referral.status, _l("Status"), ReferralStatus),
        relation_filter(Referral.reason_id, _l("Reason"), ReferralReason),
        "created_at",
    )
    column_labels = {
        "created_at": _l("Referred on"),
        "applicant": PERSON,
        "request": _l("Request number"),
        "reason": _l("Reason"),
        "questions": _l("Questions"),
        "researcher": _l("Researcher"),
        "status": _l("Status"),
        "answer": _l("Answer and clarification"),
        "answered_at": _l("Answered on"),
        "created_by": _l("Referred by"),
    }
    form_columns = ("applicant", "request", "reason", "questions", "researcher", "status", "answer")
    form_ajax_refs = {
        "applicant": {"fields": ("national_id", "name_search"), "page_size": 10},
        "request": {"fields": ("id",), "page_size": 10},
    }
    form_args = {
        "researcher": {
            "query_factory": lambda: User.query.filter_by(role=Role.researcher, is_active=True),
            "blank_text": _l("Shared researchers' queue"),
        }
    }

    def scope(self, query):  # type: ignore[no-untyped-def]
        """A researcher sees the referrals assigned to him and the shared queue."""
        if current_user.role == Role.researcher:
            return query.filter(
                or_(Referral.researcher_id == current_user.id, Referral.researcher_id.is_(None))
            )
        return query

    def on_model_change(self, form: Any, model: Referral, is_created: bool) -> None:
        if is_created:
            model.created_by_id = current_user.id
