"""Rows out of an uploaded XLSX or CSV, one at a time.

openpyxl's read-only mode and the csv module both stream, so a 50,000-row
file is never held twice. CSV from Excel is UTF-8 with a BOM, or Windows-1256
on older Arabic systems; both are accepted.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime
from zipfile import BadZipFile

from flask_babel import lazy_gettext as _l

from sila.core.errors import InvalidValue

EXTENSIONS = (".xlsx", ".csv")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1256"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidValue(_l("The CSV file is neither UTF-8 nor Windows Arabic text."))


def rows(data: bytes, file_name: str) -> Iterator[list[str]]:
    """Every row as a list of cell texts, the header row first."""
    name = file_name.lower()
    if name.endswith(".csv"):
        for row in csv.reader(io.StringIO(_csv_text(data), newline="")):
            yield [_cell(cell) for cell in row]
        return
    if not name.endswith(".xlsx"):
        raise InvalidValue(_l("Upload an Excel (.xlsx) or CSV file."))
    # openpyxl (175 modules) loads with the first workbook, not in every worker at start.
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InvalidValue(_l("This file could not be read as an Excel workbook.")) from exc
    try:
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            yield [_cell(cell) for cell in row]
    finally:
        workbook.close()
