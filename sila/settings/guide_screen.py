"""The administrator's guide from docs/, Arabic beside English, under the Help menu."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from flask_admin import expose
from markdown import markdown
from markupsafe import Markup

from admin.area_view import AreaView

DOCS = Path(__file__).resolve().parents[2] / "docs"


@cache
def _page(language: str) -> Markup:
    """Our own files, rendered once per process; the guide never holds user input."""
    text = (DOCS / f"admin-guide.{language}.md").read_text(encoding="utf-8")
    html = markdown(text, extensions=["tables"])
    return Markup(html)  # noqa: S704 - our own Markdown from the repository, never user input  # nosec B704


class GuideView(AreaView):
    area = "guide"

    @expose("/")
    def index(self):  # type: ignore[no-untyped-def]
        return self.render("admin/guide.html", arabic=_page("ar"), english=_page("en"))
