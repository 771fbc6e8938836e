"""After a load run, the database against what the load tool was told: no transition lost, none doubled.

Before the run we note the last audit entry and request ids and the requests per
status. Afterwards every status change is an audit entry (field "status") past
that mark, and every checklist save one entry of its own: each step the tool saw
done must be there exactly once, on that request, and nothing else may be; no
transition may be done (in the database) or told done (to the users) twice on
one request; each
application the portal confirmed must be a new request; the per-status counts
must have moved by exactly what those steps and applications add up to; and the
tallies the triggers keep must still equal a count of the rows.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from bench.load_ledger import Ledger

STEP_ACTIONS = ("checklist", "verify", "attest", "submit", "decide", "register", "deliver")
# Two clerks may both save one request's checklist; a transition happens once a request in a run.
REPEATABLE = frozenset({"checklist"})


@dataclass(frozen=True)
class Mark:
    audit_id: int
    request_id: int
    statuses: Counter


def _statuses(connection: sa.Connection) -> Counter:
    return Counter(dict(connection.execute(sa.text("SELECT status, count(*) FROM requests GROUP BY status")).all()))


def mark(engine: sa.Engine) -> Mark:
    """Where the database stands before the run."""
    with engine.connect() as connection:
        return Mark(connection.scalar(sa.text("SELECT coalesce(max(id), 0) FROM audit_log")),
                    connection.scalar(sa.text("SELECT coalesce(max(id), 0) FROM requests")), _statuses(connection))


def check(engine: sa.Engine, before: Mark, ledger: Ledger) -> dict[str, Any]:
    """Per step: done as the tool saw it, entries in the database, missing and doubled; the applications,
    the status counts and the tallies; `ok` when everything matches."""
    with engine.connect() as connection:
        entries = connection.execute(sa.text(
            "SELECT action, entity_id FROM audit_log WHERE id > :mark AND entity_type = 'request' "
            "AND (field = 'status' OR action = 'checklist')"), {"mark": before.audit_id}).all()
        new_requests = set(connection.scalars(sa.text("SELECT id FROM requests WHERE id > :mark"),
                                              {"mark": before.request_id}))
        after = _statuses(connection)
        tallies = Counter(dict(connection.execute(sa.text(
            "SELECT status, sum(requests) FROM request_tallies GROUP BY status HAVING sum(requests) <> 0")).all()))
    in_database: dict[str, Counter] = {}
    for action, request_id in entries:
        in_database.setdefault(action, Counter())[request_id] += 1
    steps = {}
    for action in sorted(set(STEP_ACTIONS) | set(in_database) | set(ledger.done)):
        seen = Counter(request_id for request_id, _, _ in ledger.done.get(action, []))
        stored = in_database.get(action, Counter())
        steps[action] = {
            "done": sum(seen.values()), "refused": ledger.refused.get(action, 0), "in_database": sum(stored.values()),
            "missing": sum((seen - stored).values()), "unreported": sum((stored - seen).values()),
            "doubled": 0 if action in REPEATABLE else len({request_id for request_id, count in (*stored.items(), *seen.items())
                                                            if count > 1}),
        }
    expected = Counter(before.statuses)
    expected["received"] += len(ledger.applied)
    for moves in ledger.done.values():
        for _, old, new in moves:
            if old != new:
                expected[old] -= 1
                expected[new] += 1
    statuses = {status: {"before": before.statuses.get(status, 0), "after": after.get(status, 0),
                         "expected": expected.get(status, 0)} for status in sorted(set(after) | set(expected))}
    applications = {"confirmed": len(ledger.applied), "new_requests": len(new_requests),
                    "missing": len(set(ledger.applied) - new_requests)}
    ok = (all(not (s["missing"] or s["unreported"] or s["doubled"]) for s in steps.values())
          and applications["missing"] == 0 and applications["confirmed"] == applications["new_requests"]
          and all(s["after"] == s["expected"] for s in statuses.values()) and +tallies == +after)
    return {"steps": steps, "applications": applications, "statuses": statuses, "tallies_match": +tallies == +after,
            "ok": ok}
