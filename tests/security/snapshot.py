"""Every row of every table, so a refused request can be shown to have changed nothing."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from models.base import db

Snapshot = dict[str, list[str]]


def snapshot() -> Snapshot:
    """All rows, table by table, in a stable order; the read transaction is ended so writers are not blocked."""
    db.session.expire_all()
    rows = {
        table.name: sorted(repr(tuple(row)) for row in db.session.execute(sa.select(table)))
        for table in db.metadata.sorted_tables
    }
    db.session.rollback()
    return rows


def differences(before: Snapshot, after: Snapshot) -> dict[str, dict[str, list[str]]]:
    changed = {}
    for table, rows in after.items():
        gone = sorted(set(before[table]) - set(rows))
        new = sorted(set(rows) - set(before[table]))
        if gone or new:
            changed[table] = {"gone": gone, "new": new}
    return changed


@contextmanager
def unchanged() -> Iterator[None]:
    """Wrap a hostile request: afterwards the database must hold exactly the same rows."""
    before = snapshot()
    yield
    changed = differences(before, snapshot())
    assert not changed, f"the database changed: {changed}"
