"""Relation pickers (Flask-Admin's ajax lookups) and the branch filter, which stay inside the user's branches.

Flask-Admin's lookups query the whole table and its save takes any id posted
(#397): without this, staff of one branch could find another branch's
applicant by name and file a request on him.
"""
from __future__ import annotations

from typing import Any

from flask_admin.contrib.sqla import filters
from flask_admin.contrib.sqla.ajax import QueryAjaxModelLoader
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from models.base import db
from models.branch import Branch
from sila.branches.scope import at_branches, branch_ids, may_reach, visible


def _user() -> Any:
    return current_user._get_current_object() if current_user.is_authenticated else None


class BranchScopedLoader(QueryAjaxModelLoader):
    def get_query(self):  # type: ignore[no-untyped-def]
        return visible(super().get_query(), self.model, _user())

    def get_one(self, pk: Any) -> Any:
        row = super().get_one(pk)
        return row if row is not None and may_reach(self.model, row.id, _user()) else None


def reachable_branches(ids: frozenset[int] | None) -> list[Branch]:
    """The branches a user working at `ids` may pick to narrow a page: those, or every one for the
    whole association (None)."""
    query = db.select(Branch).order_by(Branch.is_main.desc(), Branch.name)
    if ids is not None:
        query = query.where(at_branches(Branch.id, ids))
    return list(db.session.scalars(query))


class ReachableBranches:
    """The branch filter's options, read when the page renders: only branches the user works at."""

    def __bool__(self) -> bool:
        return True

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter([(str(branch.id), branch.name) for branch in reachable_branches(branch_ids(_user()))])


def branch_filter(column: Any) -> filters.IntEqualFilter:
    """Narrow a list to one branch. It adds a condition to the scoped query, so a branch id typed into
    the URL outside the user's branches shows nothing rather than widening the list."""
    return filters.IntEqualFilter(column, _l("Branch"), options=ReachableBranches())
