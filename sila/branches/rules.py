"""Who works at which branch: the rules the users screen, the presets and the tests share."""
from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l

from models.branch import Branch, UserBranch
from models.enums import Role
from models.user import User
from sila.branches.scope import MAY_BE_ASSOCIATION_WIDE
from sila.core.errors import InvalidValue


def assign(user: User, branches: Iterable[Branch], all_branches: bool) -> None:
    """Set a user's branches (the flush audits each link added or removed), or the whole association.

    A user without either sees no file: a forgotten assignment hides files rather than showing them all.
    """
    chosen = {branch.id: branch for branch in branches}
    if all_branches and user.role not in MAY_BE_ASSOCIATION_WIDE:
        raise InvalidValue(_l("Only managers, treasurers and committee members may work for the whole association."))
    if user.role == Role.representative and not chosen:
        raise InvalidValue(_l("A branch representative works for at least one branch: choose it."))
    user.all_branches = all_branches
    kept = [link for link in user.branch_links if link.branch_id in chosen]
    have = {link.branch_id for link in kept}
    user.branch_links[:] = kept + [UserBranch(branch=chosen[i]) for i in chosen if i not in have]
