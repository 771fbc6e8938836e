"""The eye and pencil icons at the start of each list row, built once per page instead of once per row.

Flask-Admin renders each row's icon through a Jinja macro and a `url_for`
with the page's return URL: two of each per row, a good part of a list page's
rendering time. Only the record id differs between rows, so the address around
the id (endpoint and return URL) and the translated title are made once per
request. Each link carries its title as aria-label and as hidden
text: a bare eye or pencil says nothing to a screen reader.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

from flask import g
from flask_admin.model.template import BaseListRowAction
from jinja2.runtime import Context
from markupsafe import Markup

LINK = Markup(
    '<a class="icon" href="{url}" title="{title}" aria-label="{title}">'
    '<span class="{icon}" aria-hidden="true"></span><span class="sr-only">{title}</span></a>'
)


class RowLink(BaseListRowAction):
    """A link to one of the view's pages for the row (details or edit), returning to this list."""

    def __init__(self, endpoint: str, icon_class: str, title: Any) -> None:
        super().__init__(title=title)
        self.endpoint = endpoint
        self.icon_class = icon_class

    def render(self, context: Context, row_id: str, row: Any) -> Markup:
        before_id, after_id, title = self._parts(context)
        url = f"{before_id}{quote(str(row_id), safe='')}{after_id}"
        return LINK.format(url=url, title=title, icon=self.icon_class)

    def _parts(self, context: Context) -> tuple[str, str, str]:
        """The link's address around the id and its title, made on the first row of the page."""
        admin_view, return_url = context.resolve("admin_view"), context.resolve("return_url")
        made = g.setdefault("sila_row_links", {})
        key = (admin_view.endpoint, self.endpoint, return_url)
        if key not in made:
            path, _, query = admin_view.get_url(self.endpoint, url=return_url).partition("?")
            made[key] = (f"{path}?id=", f"&{query}" if query else "", str(self.title))
        return made[key]
