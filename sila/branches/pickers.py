"""Relation pickers (Flask-Admin's ajax lookups) that stay inside the user's branches.

Flask-Admin's lookups query the whole table and its save takes any id posted
(#397): without this, staff of one branch could find another branch's
applicant by name and file a request on him.
"""
from __future__ import annotations

from typing import Any

from flask_admin.contrib.sqla.ajax import QueryAjaxModelLoader
from flask_login import current_user

from sila.branches.scope import may_reach, visible


def _user() -> Any:
    return current_user._get_current_object() if current_user.is_authenticated else None


class BranchScopedLoader(QueryAjaxModelLoader):
    def get_query(self):  # type: ignore[no-untyped-def]
        return visible(super().get_query(), self.model, _user())

    def get_one(self, pk: Any) -> Any:
        row = super().get_one(pk)
        return row if row is not None and may_reach(self.model, row.id, _user()) else None
