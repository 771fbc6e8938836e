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
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import Any

import tablib
from flask import Response, abort, stream_with_context
from flask_admin import expose
from flask_babel import get_timezone
from flask_login import current_user
from markupsafe import Markup

from admin import flask_admin_private as private
from admin.plain_rows import plain_query, plain_values
from admin.type_formatters import TypeFormatters
from models.base import db
from models.enums import label
from sila.core.audit.recorder import record
from sila.core.dates import hijri_suffix, in_zone, to_hijri, today
from sila.core.permissions import may_export

# What spreadsheet programs read as the start of a formula or a command (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
BATCH = 1000
MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def neutralised(value: Any) -> str:
    """The cell as text (a list badge without its HTML), with a leading apostrophe where a formula could start."""
    text = "" if value is None else value.striptags() if isinstance(value, Markup) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def export_date_formatter() -> Callable[[Any, date | datetime, str], str]:
    """The date cell formatter for one export, with the time zone and the Hijri suffix read once.

    Cells read '2024-03-01 10:30 (20/08/1445 هـ)': ISO sorts and parses anywhere, the Hijri date
    is what staff read.
    """
    zone, suffix = get_timezone(), hijri_suffix()

    def export_date(_view: Any, value: date | datetime, _name: str = "") -> str:
        if isinstance(value, datetime):
            local = in_zone(value, zone)
            day, iso = local.date(), local.strftime("%Y-%m-%d %H:%M")
        else:
            day, iso = value, value.isoformat()
        hijri = to_hijri(day)
        if hijri is None:
            return iso
        return f"{iso} ({hijri.day:02d}/{hijri.month:02d}/{hijri.year} {suffix})"

    return export_date


class ExportMixin:
    """Put before SilaModelView: `class RequestView(ExportMixin, SilaModelView)`."""

    allow_export = True
    export_types = ["csv", "xlsx"]

    @property
    def can_export(self) -> bool:
        role = current_user.role if current_user.is_authenticated else None
        return self.allow_export and may_export(role, self.area)  # type: ignore[attr-defined]

    def get_export_name(self, export_type: str = "csv") -> str:
        """The endpoint's ASCII name and today's date: Flask-Admin would strip an Arabic view name to nothing."""
        return f"{self.endpoint}_{today().isoformat()}.{export_type}"  # type: ignore[attr-defined]

    def export_query(self) -> tuple[Any, Any]:
        """The current list's query (its filters, search, sort and scope) unexecuted, and its row count.

        Flask-Admin's own export loads every row at once; reading in batches keeps
        a 100,000-row export to a few megabytes of memory.
        """
        view_args = private.list_arguments(self)
        sort = private.sort_column(self, view_args.sort)
        _capped, query = self.get_list(  # type: ignore[attr-defined]
            0, sort[0] if sort else None, view_args.sort_desc, view_args.search, view_args.filters,
            execute=False, page_size=0,
        )
        return query, query.order_by(None).count()

    def export_header(self) -> list[str]:
        return [neutralised(title) for _name, title in private.export_columns(self)]

    def export_rows(self, query: Any) -> Iterator[list[str]]:
        """Each row's cells, neutralised, read from the database BATCH rows at a time.

        Flask-Admin's per-cell costs are paid once per export instead: coded
        columns are translated once, and each Python type's formatter is looked
        up once rather than tried in turn for every cell. That state lives in
        this call, never on the view, which concurrent requests share.
        """
        names = [name for name, _title in private.export_columns(self)]
        labels = {
            name: {member.value: label(enum_cls, member.value) for member in enum_cls}
            for name, enum_cls in getattr(self, "enum_columns", {}).items() if name in names
        }
        dated = export_date_formatter()
        typed = TypeFormatters(self, self.column_type_formatters_export, {date: dated, datetime: dated})  # type: ignore[attr-defined]
        if self.plain_names(names):  # type: ignore[attr-defined]
            yield from self._export_plain(query, names, labels, typed)
            return
        for row in query.yield_per(BATCH):
            yield [self._export_cell(row, name, labels, typed) for name in names]

    def _export_plain(self, query: Any, names: list[str], labels: dict[str, dict],
                      typed: TypeFormatters) -> Iterator[list[str]]:
        """The list's rows (filters, search, sort, scope kept) read as plain values (admin/plain_rows.py)."""
        fields = [self.plain_fields[name] for name in names]  # type: ignore[attr-defined]
        key = private.key_column(self)
        rows = plain_query(query, key, fields).yield_per(BATCH)
        for row in plain_values(rows, names, fields):
            line = []
            for name in names:
                value, coded = row.values[name], labels.get(name)
                text = coded.get(value, value) if coded is not None else typed(value, name)
                line.append(neutralised(text))
            yield line

    def _export_cell(self, model: Any, name: str, labels: dict[str, dict], typed: TypeFormatters) -> str:
        if name in labels:
            code = getattr(model, name)
            return neutralised(labels[name].get(code, code))
        formatter = self.column_formatters_export.get(name)  # type: ignore[attr-defined]
        value = formatter(self, None, model, name) if formatter else private.field_value(self, model, name)
        return neutralised(typed(value, name))

    @expose("/export/<export_type>/")
    def export(self, export_type: str) -> Response:
        if not self.can_export or export_type not in self.export_types:
            abort(403)
        query, count = self.export_query()
        record("export", self.endpoint, None, new=count, note=export_type)  # type: ignore[attr-defined]
        db.session.commit()
        headers = {"Content-Disposition": f"attachment; filename={self.get_export_name(export_type)}"}
        if export_type == "csv":
            return Response(
                stream_with_context(csv_chunks(self.export_header(), self.export_rows(query))),
                mimetype=MIMETYPES[export_type], headers=headers,
            )
        sheet = tablib.Dataset(*self.export_rows(query), headers=self.export_header(),
                               title=self.endpoint[:31])  # type: ignore[attr-defined]
        return Response(sheet.export(export_type), mimetype=MIMETYPES[export_type], headers=headers)


def csv_chunks(header: list[str], rows: Iterable[list[str]]) -> Iterator[bytes]:
    """The CSV as UTF-8 with a BOM (Excel then reads Arabic right), sent BATCH rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(header)
    for index, row in enumerate(rows, start=1):
        writer.writerow(row)
        if index % BATCH == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")
