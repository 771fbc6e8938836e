"""The eye and pencil icons at the start of each list row, built once per page instead of once per row.

Flask-Admin renders each row's icon through a Jinja macro and a `url_for`
with the page's return URL: two of each per row, a good part of a list page's
rendering time. Only the record id differs between rows, so the address around
the id (endpoint and return URL) and the translated title are made once per
page (admin.list_rows). Each link carries its title as aria-label and as hidden
text: a bare eye or pencil says nothing to a screen reader.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

from flask_admin.model.template import BaseListRowAction
from markupsafe import Markup

LINK = Markup(
    '<a class="icon" href="{url}" title="{title}" aria-label="{title}">'
    '<span class="{icon}" aria-hidden="true"></span><span class="sr-only">{title}</span></a>'
)
# Stands for the id while the link is made once; escaping leaves it as it is.
ID_MARK = "\x00"


class RowLink(BaseListRowAction):
    """A link to one of the view's pages for the row (details or edit), returning to this list;
    admin.list_rows puts the row's id between the two halves `around_id` gives."""

    def __init__(self, endpoint: str, icon_class: str, title: Any) -> None:
        super().__init__(title=title)
        self.endpoint = endpoint
        self.icon_class = icon_class

    def around_id(self, admin_view: Any, return_url: str) -> tuple[Markup, Markup]:
        """The link's markup before and after the id, the same for every row of a page."""
        path, _, query = admin_view.get_url(self.endpoint, url=return_url).partition("?")
        url = f"{path}?id={ID_MARK}" + (f"&{query}" if query else "")
        before_id, after_id = LINK.format(url=url, title=str(self.title), icon=self.icon_class).split(ID_MARK)
        return before_id, after_id

    @staticmethod
    def quoted_id(row_id: Any) -> str:
        return quote(str(row_id), safe="")
