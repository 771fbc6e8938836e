"""What the load test's users did, kept apart from Locust so that the consistency check (and its test) can read it
without gevent patching the process."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Ledger:
    """What the users did, filled during the run and read by the report and the consistency check."""

    done: dict[str, list[tuple[int, str, str]]] = field(default_factory=dict)
    refused: Counter = field(default_factory=Counter)
    # Users that have logged in (or, on the portal, started): the measure starts when all have.
    ready: int = 0
    applied: list[int] = field(default_factory=list)
    # Read from the database before the run: requests to open, IDs to look up, (number, ID, mobile) to track.
    request_ids: list[int] = field(default_factory=list)
    national_ids: list[str] = field(default_factory=list)
    tracked: list[tuple[int, str, str]] = field(default_factory=list)

    def record_done(self, action: str, request_id: int, old: str, new: str) -> None:
        self.done.setdefault(action, []).append((request_id, old, new))


LEDGER = Ledger()
