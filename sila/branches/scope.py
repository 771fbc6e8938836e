"""The one narrowing of every query to the branches a user works at.

Every list, count, details page, export, dashboard figure, bulk action,
attachment download and step goes through `visible` or `may_reach`, reading
the model's own declaration of how it reaches its file's branch
(models/branch_path.py). The branch ids are written into the query as
literals, so each list reads its (branch_id, …) index in order instead of
joining a user's assignments per row.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, or_, true
from sqlalchemy.orm import Query

from models.applicant import Applicant
from models.base import db
from models.branch import UserBranch
from models.branch_path import BranchPath
from models.enums import Role
from models.request import ServiceRequest
from models.user import User

# Roles that may be set to work for the whole association; staff, researchers and representatives never are.
MAY_BE_ASSOCIATION_WIDE = frozenset({Role.manager, Role.committee, Role.treasurer})
_THROUGH = {"applicant": Applicant, "request": ServiceRequest}


class Undeclared(TypeError):
    """A model shown without saying how it reaches a branch: a programming error, never a user's."""


def branch_path(model: type) -> BranchPath:
    path = getattr(model, "__branch__", None)
    if not isinstance(path, BranchPath):
        raise Undeclared(f"{model.__name__} declares no __branch__ (models/branch_path.py)")
    return path


def branch_ids(user: User | None) -> frozenset[int] | None:
    """The branches a user works at; None for the whole association."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if user.all_branches and user.role in MAY_BE_ASSOCIATION_WIDE:
        return None
    return frozenset(link.branch_id for link in user.branch_links)


def at_branches(column: Any, ids: frozenset[int]) -> ColumnElement[bool]:
    if not ids:
        return false()
    if len(ids) == 1:
        return column == next(iter(ids))
    return column.in_(sorted(ids))


def condition(model: type, user: User | None) -> ColumnElement[bool]:
    """The rows of `model` this user may reach, as one SQL condition."""
    path = branch_path(model)
    ids = None if path.association_wide else branch_ids(user)
    if ids is None:
        return true()
    column = getattr(model, path.column)
    if path.or_column is not None:
        return or_(at_branches(column, ids), at_branches(getattr(model, path.or_column), ids))
    if path.through is None:
        return at_branches(column, ids)
    if path.through == "user":
        return column.in_(db.select(UserBranch.user_id).where(at_branches(UserBranch.branch_id, ids)))
    owner = _THROUGH[path.through]
    return column.in_(db.select(owner.id).where(at_branches(owner.branch_id, ids)))


def visible(query: Query | Any, model: type, user: User | None) -> Any:
    """`query` (ORM Query or select) narrowed to the rows the user's branches hold."""
    path = branch_path(model)
    if path.association_wide or branch_ids(user) is None:
        return query
    return query.filter(condition(model, user)) if isinstance(query, Query) else query.where(condition(model, user))


def may_reach(model: type, row_id: int | None, user: User | None) -> bool:
    """Whether the row exists inside the user's branches (one indexed lookup)."""
    if row_id is None:
        return False
    found = db.session.scalar(db.select(model.id).where(model.id == row_id, condition(model, user)).limit(1))
    return found is not None


def chosen_branches(ids: frozenset[int] | None, chosen: str | int | None) -> frozenset[int] | None:
    """The branches a page counts when a user whose branches are `ids` (None: the whole association)
    picks one: that one if he works there, else all of his own. A pick narrows and never widens."""
    try:
        picked = int(chosen) if chosen not in (None, "") else None
    except (TypeError, ValueError):
        picked = None
    if picked is None or (ids is not None and picked not in ids):
        return ids
    return frozenset({picked})


def home_branch_id(user: User | None) -> int | None:
    """Where a record this user creates is kept: his first branch; None (the main office) if he has none
    or works for the whole association."""
    ids = branch_ids(user)
    return min(ids) if ids else None
