"""Workflow steps taken from a screen: one button or one bulk action, one call, one message.

A screen declares its steps (name → call into its feature's rules) and the
message each says when done; this mixin runs a step for the current user and
flashes its refusal or its done message, so every screen answers a click the
same way. Who may take which step, and when, stays the rules' to decide.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from flask import abort, flash, redirect, request
from flask_admin import expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from models.user import User
from sila.core.errors import Refused

# A bulk selection naming a row the list would not show (another branch's, or one that just left the queue).
OUT_OF_SIGHT = _l("This record is not among those you work on.")
# A step: the row's id, the user taking it and the posted form, into one call of the rules.
Step = Callable[[int, User, MultiDict], object]


class StepsMixin:
    """Runs a screen's declared steps and reports each outcome as a flash message."""

    steps: Mapping[str, Step] = {}
    done: Mapping[str, Any] = {}
    # False where a role that may only read the screen still takes steps on it (the rules refuse the others).
    steps_for_writers_only: bool = True

    def open_for_step(self, row_id: int | None) -> None:
        """403 for whom the screen is read-only (where it says so), 404 for a row he cannot see."""
        if self.steps_for_writers_only and not self._writable():  # type: ignore[attr-defined]
            abort(403)
        if row_id is None or self.get_one(str(row_id)) is None:  # type: ignore[attr-defined]
            abort(404)

    def take_step(self, name: str, row_id: int, steps: Mapping[str, Step] | None = None) -> bool:
        """Run one step with the posted form and flash its outcome; whether it was done."""
        steps = self.steps if steps is None else steps
        if name not in steps:
            flash(_("Unknown step."), "error")
            return False
        try:
            result = steps[name](row_id, current_user._get_current_object(), request.form)
        except Refused as refusal:
            flash(str(refusal), "error")
            return False
        self.flash_done(name, result)
        return True

    def flash_done(self, name: str, result: object) -> None:
        """The step's done message; a screen whose step says more (a count's outcome) overrides it."""
        flash(str(self.done[name]), "success")

    def back_after_step(self, row_id: int) -> Response:
        """Back to the row's page, or to the list when the step took the row out of the user's sight."""
        if not self.in_scope(row_id):  # type: ignore[attr-defined]
            return redirect(self.get_url(".index_view"))  # type: ignore[attr-defined]
        return redirect(self.get_url(".details_view", id=row_id))  # type: ignore[attr-defined]

    def take_bulk(self, name: str, ids: Iterable[str], done: Any) -> None:
        """A bulk action: each row on its own, then one line of what was done and one per refusal.

        `done` holds %(count)s and may hold %(numbers)s, the rows done as `row_label` writes them.
        """
        finished, refused = [], []
        actor = current_user._get_current_object()
        ids = [raw for raw in ids if str(raw).isdigit()]
        shown = self.ids_in_scope([int(raw) for raw in ids])  # type: ignore[attr-defined]
        for raw in ids:
            try:
                if int(raw) not in shown:
                    raise Refused(OUT_OF_SIGHT)
                self.steps[name](int(raw), actor, MultiDict())
                finished.append(self.row_label(raw))
            except Refused as refusal:
                refused.append(f"{self.row_label(raw)}: {refusal}")
        if finished:
            flash(str(done) % {"count": len(finished), "numbers": "، ".join(finished)}, "success")
        for line in refused:
            flash(_("Refused — %(reason)s", reason=line), "error")

    def row_label(self, raw_id: str) -> str:
        """How a bulk report names a row: its id, unless the screen has a number people quote."""
        return raw_id


class StepButtonsMixin(StepsMixin):
    """The details page's step buttons, each a POST to /step/<row id>/<step name>."""

    @expose("/step/<int:row_id>/<step>", methods=("POST",))
    def step(self, row_id: int, step: str) -> Response:
        self.open_for_step(row_id)
        self.take_step(step, row_id)
        return self.back_after_step(row_id)
