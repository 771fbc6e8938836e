"""Referrals to the social researcher: staff refer, researchers answer."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import or_

from admin.base import SilaModelView
from domain.vocabulary import PERSON
from models.enums import ReferralStatus, Role
from models.referral import Referral


class ReferralView(SilaModelView):
    area = "referrals"
    enum_columns = {"status": ReferralStatus}
    column_list = ("created_at", "applicant", "request", "reason", "researcher", "status")
    column_default_sort = ("created_at", False)
    column_filters = ("status", "reason", "created_at")
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
    form_ajax_refs = {"applicant": {"fields": ("national_id", "name_search"), "page_size": 10}}

    def _scoped(self, query):  # type: ignore[no-untyped-def]
        """A researcher sees the referrals assigned to him and the shared queue."""
        if current_user.role == Role.researcher:
            return query.filter(
                or_(Referral.researcher_id == current_user.id, Referral.researcher_id.is_(None))
            )
        return query

    def get_query(self):  # type: ignore[no-untyped-def]
        return self._scoped(super().get_query())

    def get_count_query(self):  # type: ignore[no-untyped-def]
        return self._scoped(super().get_count_query())

    def get_one(self, id: Any):  # type: ignore[no-untyped-def]
        return self.get_query().filter(Referral.id == id).one_or_none()

    def on_model_change(self, form: Any, model: Referral, is_created: bool) -> None:
        if is_created:
            model.created_by_id = current_user.id
