"""A list page's rows drawn in Python: what is the same on every row is worked out once per page.

Flask-Admin draws each cell through a Jinja block, a context-bound call and a
walk over the type formatters, and each translated status or date asks Babel
for the locale again: about 0.15 ms a row, several times the query that
fetches the page. Here the page's markup around each value (checkbox, icons,
cell openings) is made once, each column's formatter is chosen once, and a
value that repeats down the page (a status, a date, a yes/no) is formatted
once per page. Cells come out as Flask-Admin's template would draw them:
the same formatters, and every value not already markup escaped. Rows read
as plain values (admin/plain_rows.py) take their column's label and type
formatter only, their field having made the value the column formatter would.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date
from typing import Any

from flask_admin.babel import gettext as admin_gettext
from markupsafe import Markup, escape

from admin import flask_admin_private as private
from admin.row_links import RowLink
from admin.type_formatters import TypeFormatters
from models.enums import label

# Values that repeat down a page and format the same wherever they appear (exact types: a datetime,
# a kind of date, differs on each row, so remembering it would only cost).
_REPEATING = frozenset((str, int, bool, type(None), date))


class ListRows:
    """Called with each row of the page; the page's state lives here, never on the shared view."""

    def __init__(self, view: Any, list_columns: list[tuple[str, Any]], row_actions: list[Any],
                 return_url: str, actions: bool) -> None:
        self.view = view
        self.checkbox = (
            Markup('<td><input type="checkbox" name="rowid" class="action-checkbox" value="%s" title="{}" /></td>')
            .format(admin_gettext("Select record")).split("%s")
            if actions else None
        )
        self.links = [action.around_id(view, return_url) for action in row_actions if isinstance(action, RowLink)]
        self.buttons = view.column_display_actions
        # The rows are PlainRow (admin/plain_rows.py) exactly when the view reads these columns plainly.
        self.plain = bool(view.plain_names([name for name, _title in list_columns]))
        self.typed = TypeFormatters(view, view.column_type_formatters)
        self.cells = [(Markup('<td class="col-{}">').format(name), self._cell(name)) for name, _title in list_columns]

    def __call__(self, row: Any) -> Markup:
        pk = str(row.pk if self.plain else self.view.get_pk_value(row))
        parts: list[str] = []
        if self.checkbox is not None:
            parts += (self.checkbox[0], escape(pk), self.checkbox[1])
        if self.buttons:
            quoted = RowLink.quoted_id(pk)
            parts.append('<td class="list-buttons-column">')
            for before_id, after_id in self.links:
                parts += (before_id, quoted, after_id)
            parts.append("</td>")
        for opening, cell in self.cells:
            parts += (opening, cell(row), "</td>")
        # Every part is markup made above from escaped values, or a value through escape():
        # Markup("").join would escape each part again, a tenth of the row's time.
        return Markup("".join(parts))  # noqa: S704  # nosec B704

    def _cell(self, name: str) -> Callable[[Any], str]:
        """The column's drawing, as Flask-Admin's `_get_list_value` and the template's escaping would do it."""
        view = self.view
        formatter = view.column_formatters.get(name)
        choices = private.column_choices(view, name)
        typed = self.typed
        drawn: dict[Hashable, str] = {}

        def draw(value: Any) -> str:
            if choices:
                return escape(choices.get(value) or value)
            return escape(typed(value, name))

        if self.plain:
            coded = view.enum_columns.get(name)

            def plain_cell(row: Any) -> str:
                value = row.values[name]
                kind = type(value)
                if kind not in _REPEATING:
                    return draw(value)
                key = (kind, value)
                if key not in drawn:
                    drawn[key] = escape(label(coded, value)) if coded is not None else draw(value)
                return drawn[key]

            return plain_cell

        if formatter is not None and getattr(formatter, "reads_own_value", False):
            def by_own_value(row: Any) -> str:
                own = private.field_value(view, row, name)
                if own not in drawn:
                    drawn[own] = draw(formatter(view, None, row, name))
                return drawn[own]

            return by_own_value

        def cell(row: Any) -> str:
            value = formatter(view, None, row, name) if formatter else private.field_value(view, row, name)
            kind = type(value)
            if kind not in _REPEATING:
                return draw(value)
            key = (kind, value)  # True and 1 are equal keys; their cells are not
            if key not in drawn:
                drawn[key] = draw(value)
            return drawn[key]

        return cell

