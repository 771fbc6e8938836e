"""The administrator's guide from docs/, Arabic beside English, under the Help menu."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from flask import abort, redirect, request, url_for
from flask_admin import BaseView, expose
from flask_login import current_user
from markdown import markdown
from markupsafe import Markup

from domain.permissions import can_read

DOCS = Path(__file__).resolve().parent.parent / "docs"


@cache
def _page(language: str) -> Markup:
    """Our own files, rendered once per process; the guide never holds user input."""
    text = (DOCS / f"admin-guide.{language}.md").read_text(encoding="utf-8")
    html = markdown(text, extensions=["tables"])
    return Markup(html)  # noqa: S704 - our own Markdown from the repository, never user input  # nosec B704


class GuideView(BaseView):
    area = "guide"

    def is_accessible(self) -> bool:
        return current_user.is_authenticated and can_read(current_user.role, self.area)

    def _handle_view(self, name: str, **kwargs):  # type: ignore[no-untyped-def]
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        if not self.is_accessible():
            abort(403)
        return None

    @expose("/")
    def index(self):  # type: ignore[no-untyped-def]
        return self.render("admin/guide.html", arabic=_page("ar"), english=_page("en"))
