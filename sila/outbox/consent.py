"""The applicant's choice about non-essential messages, set by himself on the portal or by staff on his file.

Only messages to a group look at it (sila/outbox/group_messages.py): a
decision, a request for missing documents or a code always goes. The change
is a field of his file, so the audit records it like any edit, here with no
staff actor.
"""
from __future__ import annotations

from models.applicant import Applicant
from sila.core.unit_of_work import committed


def choose(applicant: Applicant, declines: bool) -> None:
    with committed():
        applicant.declines_group_messages = declines
