"""Safe CSV and XLSX exports of list views, for the roles allowed to take data out.

Flask-Admin's own export writes cells as they are, so a summary typed as
`=HYPERLINK(...)` would run as a formula in Excel, and its CSV has no BOM, so
Excel shows Arabic as mojibake. This mixin exports the rows the list shows
(same filters, search and per-row scope) with: every formula-like cell
neutralised, codes as their Arabic labels, dates as ISO beside Hijri, the
list's masks on personal data, an ASCII file name, and one audit entry.
"""
from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Any

import tablib
from flask import Response, abort
from flask_admin import expose
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup

from audit.recorder import record
from domain.dates import clock, local_day, to_hijri
from domain.permissions import may_export
from models.base import db
from workflow.transitions import today

# What spreadsheet programs read as the start of a formula or a command (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def neutralised(value: Any) -> str:
    """The cell as text (a list badge without its HTML), with a leading apostrophe where a formula could start."""
    text = "" if value is None else value.striptags() if isinstance(value, Markup) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def export_date(_view: Any, value: date | datetime, _name: str = "") -> str:
    """'2024-03-01 (20/08/1445 هـ)': ISO sorts and parses anywhere, the Hijri date is what staff read."""
    day = local_day(value)
    iso = f"{day.isoformat()} {clock(value)}" if isinstance(value, datetime) else day.isoformat()
    hijri = to_hijri(day)
    if hijri is None:
        return iso
    suffix = "هـ" if str(get_locale()) == "ar" else "AH"
    return f"{iso} ({hijri.day:02d}/{hijri.month:02d}/{hijri.year} {suffix})"


class ExportMixin:
    """Put before SilaModelView: `class RequestView(ExportMixin, SilaModelView)`."""

    allow_export = True
    export_types = ["csv", "xlsx"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.column_type_formatters_export = {
            **dict(getattr(self, "column_type_formatters_export", None) or {}),
            date: export_date,
            datetime: export_date,
        }
        super().__init__(*args, **kwargs)

    @property
    def can_export(self) -> bool:
        role = current_user.role if current_user.is_authenticated else None
        return self.allow_export and may_export(role, self.area)  # type: ignore[attr-defined]

    def get_export_value(self, model: Any, name: str) -> str:
        return neutralised(super().get_export_value(model, name))  # type: ignore[misc]

    def get_export_name(self, export_type: str = "csv") -> str:
        """The endpoint's ASCII name and today's date: Flask-Admin would strip an Arabic view name to nothing."""
        return f"{self.endpoint}_{today().isoformat()}.{export_type}"  # type: ignore[attr-defined]

    def export_table(self) -> tuple[list[str], list[list[str]]]:
        """The header and the rows of the current list (its filters, search, sort and scope), neutralised."""
        _count, rows = self._export_data()  # type: ignore[attr-defined]
        columns = self._export_columns  # type: ignore[attr-defined]
        header = [neutralised(title) for _name, title in columns]
        return header, [[self.get_export_value(row, name) for name, _title in columns] for row in rows]

    @expose("/export/<export_type>/")
    def export(self, export_type: str) -> Response:
        if not self.can_export or export_type not in self.export_types:
            abort(403)
        header, rows = self.export_table()
        if export_type == "csv":
            buffer = io.StringIO()
            buffer.write(BOM)
            csv.writer(buffer).writerows([header, *rows])
            body: bytes | str = buffer.getvalue().encode("utf-8")
        else:
            sheet = tablib.Dataset(*rows, headers=header, title=self.endpoint[:31])  # type: ignore[attr-defined]
            body = sheet.export(export_type)
        record("export", self.endpoint, None, new=len(rows), note=export_type)  # type: ignore[attr-defined]
        db.session.commit()
        return Response(
            body,
            mimetype=MIMETYPES[export_type],
            headers={"Content-Disposition": f"attachment; filename={self.get_export_name(export_type)}"},
        )
