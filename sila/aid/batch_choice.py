"""A batch of chosen requests: the numbers a manager typed or pasted, each checked, each refusal said in Arabic.

Besides a filter ("this month's instalments in branch X"), a manager may batch
particular requests. Each must be one he reaches (his branches), of the batch's
branch when it has one, with cash aid granted and its registration completed,
and an instalment due by the batch's date that no other batch holds. When one
does not fit, nothing is prepared and every such request is named with why, so
the list is corrected in one go rather than a batch going out short unnoticed.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models.aid_grant import Instalment
from models.base import db
from models.disbursement_batch import BatchLine
from models.enums import AidKind, InstalmentStatus, RequestStatus, Role, label
from models.request import ServiceRequest, request_number
from models.user import User
from sila.aid.grants import grant_of
from sila.branches.scope import may_reach
from sila.core.arabic import ascii_digits
from sila.core.dates import dual_date
from sila.core.errors import InvalidValue, Refused

# A batch is checked request by request: a list longer than this is a filter's work, not a choice.
MAX_CHOSEN = 500
SEPARATORS = re.compile(r"[\s,،;؛]+")
NUMBER = re.compile(r"[0-9]{1,12}")


class NotBatchable(Refused):
    """Some chosen requests cannot go in the batch; `reasons` names each with why."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(_l("Nothing was prepared: these requests cannot go in the batch."))
        self.reasons = reasons


def may_prepare(actor: User | None) -> bool:
    """Whether to offer this user the preparing of a batch (batches.prepare decides again)."""
    return actor is not None and actor.is_authenticated and actor.is_active and actor.role == Role.manager


def parse_numbers(text: str | None) -> list[int]:
    """The request numbers typed or pasted (spaces, commas or new lines between; Arabic-Indic digits too), each once."""
    numbers: list[int] = []
    for token in SEPARATORS.split(ascii_digits(text or "")):
        if not token:
            continue
        if not NUMBER.fullmatch(token) or int(token) == 0:
            raise InvalidValue(_("“%(token)s” is not a request number.", token=token[:20]))
        if int(token) not in numbers:
            numbers.append(int(token))
    if len(numbers) > MAX_CHOSEN:
        raise InvalidValue(_("Choose at most %(count)s requests; for more, prepare the batch by its filters.",
                             count=MAX_CHOSEN))
    return numbers


def refusals(actor: User, request_ids: Iterable[int], due_by: date, branch_id: int | None,
             batchable: set[int]) -> list[str]:
    """Why each chosen request outside `batchable` (those with an instalment to batch) cannot go in the batch."""
    return [
        _("Request %(number)s: %(reason)s", number=request_number(request_id),
          reason=_why_not(actor, request_id, due_by, branch_id))
        for request_id in request_ids if request_id not in batchable
    ]


def _why_not(actor: User, request_id: int, due_by: date, branch_id: int | None) -> str:
    request = db.session.get(ServiceRequest, request_id)
    if request is None:
        return _("no request has this number.")
    if not may_reach(ServiceRequest, request_id, actor):
        return _("it belongs to another branch.")
    if branch_id is not None and request.branch_id != branch_id:
        return _("it belongs to another branch than the batch's.")
    grant = grant_of(request_id)
    if grant is None or grant.kind != AidKind.cash:
        return _("no cash aid was granted on it.")
    if request.status != RequestStatus.registered:
        return _("cash aid is paid on a request whose registration is completed; this one is “%(status)s”.",
                 status=label(RequestStatus, request.status))
    batch_id = db.session.scalar(
        db.select(BatchLine.batch_id).join(Instalment, Instalment.id == BatchLine.instalment_id)
        .where(Instalment.grant_id == grant.id, Instalment.status == InstalmentStatus.due,
               Instalment.due_on <= due_by)
        .limit(1)
    )
    if batch_id is not None:
        return _("its instalments due by then are already in batch No. %(batch)s.", batch=batch_id)
    return _("no instalment of it is due by %(day)s.", day=dual_date(due_by))
