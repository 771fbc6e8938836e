"""A list's rows read as plain values instead of mapped objects, for the screens that show many.

Building a mapped object per row (identity map, instrumented attributes, the
related rows joined in) is about half of what a list page adds per row and
most of a 100,000-row export. A screen that declares `plain_fields` (the
columns each of its list columns reads, and how they make the value) gets
its page and its export from the same query the list builds (filters,
search, sort, scope) narrowed to those columns.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import lazyload


def _first(value: Any, *_rest: Any) -> Any:
    return value


@dataclass(frozen=True)
class PlainField:
    """One list column read straight from the database: the columns it needs, the outer join that
    brings them (a relationship `.of_type(alias)`, so it never clashes with the list's own joins), and
    how their values make the column's value before its label, date or escaping is applied."""

    columns: tuple[Any, ...]
    join: Any = None
    value: Callable[..., Any] = _first


class PlainRow:
    """A row of a plain list: its key (for the checkbox and links) and its columns' values by name."""

    __slots__ = ("pk", "values")

    def __init__(self, pk: Any, values: dict[str, Any]) -> None:
        self.pk, self.values = pk, values


def plain_query(query: Any, key: Any, fields: list[PlainField]) -> Any:
    """The list's unpaginated query selecting its key and the fields' columns, with their joins."""
    columns = [key, *(column for field in fields for column in field.columns)]
    rows = query.enable_eagerloads(False).options(lazyload("*")).with_entities(*columns)
    for join in dict.fromkeys(field.join for field in fields if field.join is not None):
        rows = rows.outerjoin(join)
    return rows


def plain_values(rows: Iterable[Any], names: list[str], fields: list[PlainField]) -> Iterator[PlainRow]:
    """Each result row of `plain_query` as its key and the named values, in the fields' order."""
    slices = []
    start = 1
    for name, field in zip(names, fields, strict=True):
        slices.append((name, start, start + len(field.columns), field.value))
        start += len(field.columns)
    for row in rows:
        yield PlainRow(row[0], {name: value(*row[first:last]) for name, first, last, value in slices})
