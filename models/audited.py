"""The declaration that puts a model's changes in the audit log.

A model says `__audited__ = Audited("channel")` and every create, change and
delete of its rows is recorded by sila/core/audit/recorder.py, whichever path made it
(screen, portal, CLI, preset). The declaration lives on the model so a new
configuration table cannot be forgotten by a hand-kept list elsewhere.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Audited:
    """How one model's rows are recorded.

    entity: the record type stored in the log (its label is in sila/core/audit/labels.py).
    workflow: columns the workflow or the app writes itself (a step's timestamps,
        a login time); the step records its own entry, so one transition still
        gives exactly one audit row.
    secret: columns whose values never enter the log; only that they changed.
    typed_only: only the columns the personal-data declaration marks typed by
        staff are recorded (models/personal_data.audited_fields); the rest belong
        to the workflow.
    itemized: a created or deleted row is recorded field by field, with its
        values; when False only one bare row says it was created or deleted.
    """

    entity: str
    workflow: tuple[str, ...] = ()
    secret: tuple[str, ...] = ()
    typed_only: bool = False
    itemized: bool = True
