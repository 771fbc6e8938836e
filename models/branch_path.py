"""The declaration of how a model's rows reach the branch their file belongs to.

A model says `__branch__ = BranchPath("branch_id")` (it holds the branch
itself; `or_column` names a second branch that sees it too) or `BranchPath("applicant_id", through="applicant")` (it belongs to a
file, whose branch it follows; `through="user"`: a record its author's branches see, such as a message
sent to a group), or `ASSOCIATION_WIDE` (configuration and
oversight the whole association shares). sila/branches/scope.py reads it for
every list, page, export, figure and step, so a new model cannot be shown
without saying where it stands, and tests/branches/test_every_screen.py fails
until it does.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BranchPath:
    """column: the model's column holding a branch id, or the id of the row that holds one.
    through: "applicant" or "request", the row `column` names; "user", a user whose branches see the row;
    None when `column` is the branch itself.
    or_column: a second branch column whose branch sees the row too (a transfer's receiving branch).
    Empty `column`: association-wide, no branch narrows it."""

    column: str
    through: str | None = None
    or_column: str | None = None

    @property
    def association_wide(self) -> bool:
        return not self.column


ASSOCIATION_WIDE = BranchPath("")
OWN_BRANCH = BranchPath("branch_id")
OF_APPLICANT = BranchPath("applicant_id", through="applicant")
OF_REQUEST = BranchPath("request_id", through="request")
