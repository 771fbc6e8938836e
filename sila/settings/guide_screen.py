"""The administrator's guide from docs/, under the Help menu, in the reader's language.

The other language is one link away rather than printed beside it: a guide read
twice over is twice as long to scroll through and to read aloud.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from flask import abort
from flask_admin import expose
from flask_babel import get_locale
from markdown import markdown
from markupsafe import Markup

from admin.area_view import AreaView

DOCS = Path(__file__).resolve().parents[2] / "docs"
LANGUAGES = ("ar", "en")


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
        return self._guide(str(get_locale() or "ar"))

    @expose("/<language>")
    def in_language(self, language: str):  # type: ignore[no-untyped-def]
        if language not in LANGUAGES:
            abort(404)
        return self._guide(language)

    def _guide(self, language: str):  # type: ignore[no-untyped-def]
        other = next(code for code in LANGUAGES if code != language)
        return self.render("admin/guide.html", guide=_page(language), language=language, other=other)
