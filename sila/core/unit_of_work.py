"""Reading a request for change so that two people cannot change it at once.

On PostgreSQL the row is locked (SELECT … FOR UPDATE) until the transaction
ends, so the second clicker waits and then sees the new state. SQLite has one
writer at a time and no row locks; there the version counter catches the
loser at flush, and `committed` turns that into the same Arabic refusal.

A step may run inside another (the meeting's tally decides the request through
`transitions.decide`): the inner step joins the outer unit of work, so only
the outermost `committed` commits, and a failure anywhere rolls all of it back.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError

from models.base import db
from models.request import ServiceRequest
from sila.core.errors import Refused

T = TypeVar("T")
DEPTH = "sila.unit_of_work_depth"
ALREADY_HANDLED = _l("This request was just handled by someone else. Reload it to see its current state.")


def locked_row(model: type[T], row_id: int, missing: object) -> T:
    """The row, freshly read and locked for this transaction, or Refused(missing)."""
    row = db.session.execute(
        db.select(model)
        .where(model.id == row_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one_or_none()
    if row is None:
        raise Refused(missing)
    return row


def locked_request(request_id: int) -> ServiceRequest:
    return locked_row(ServiceRequest, request_id, _l("This request does not exist."))


@contextmanager
def committed() -> Iterator[None]:
    """One transaction: everything inside commits together or not at all, joining one already open.

    An inner unit leaves the failure to the outermost, which rolls back: a
    caller that catches a refusal from an inner step must not go on writing.
    """
    info = db.session.info
    depth = info.get(DEPTH, 0)
    outermost = depth == 0
    info[DEPTH] = depth + 1
    try:
        yield
        if outermost:
            db.session.commit()
    except StaleDataError as exc:
        if outermost:
            db.session.rollback()
        raise Refused(ALREADY_HANDLED) from exc
    except BaseException:
        if outermost:
            db.session.rollback()
        raise
    finally:
        info[DEPTH] = depth
