"""A staff page that is not a model list (guide, import, survey results), guarded like the lists.

Its area in the permission table decides who sees it in the menu and who may
open it; a visitor who is not logged in is sent to the login page first.
"""
from __future__ import annotations

from flask import abort, redirect, request, url_for
from flask_admin import BaseView
from flask_login import current_user

from sila.core.permissions import can_read


class AreaView(BaseView):
    area: str = ""

    def is_accessible(self) -> bool:
        return current_user.is_authenticated and can_read(current_user.role, self.area)

    def _handle_view(self, name: str, **kwargs):  # type: ignore[no-untyped-def]
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        if not self.is_accessible():
            abort(403)
        return None
