"""What each column holds about a person, declared once on the column (Personal Data Protection Law).

Every column of every model carries `info=personal(kind, label)`. The dossier
shows what is shown, retention erases what is erased, the audit records the
fields staff type, lists mask what is masked and the import offers the
applicant's fields, all read from here, so a new column is handled everywhere
the day it is classified, and `tests/privacy/test_personal_data.py` fails until it is.
"""
from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import Column, MetaData, Table


class Kind(StrEnum):
    identity = "identity"  # who the person is: names, identity and membership numbers, birth date
    contact = "contact"  # how to reach him: mobile, e-mail, address, a message's recipient
    about = "about"  # free text written by him or about him: notes, findings, answers, message bodies
    search = "search"  # a copy of personal data kept for searching: erased with it, never shown
    fact = "fact"  # codes, amounts, statuses and dates: not personal once he is anonymous, kept for figures
    system = "system"  # bookkeeping: keys, links set by the application, versions, hashes, stored names


IDENTITY, CONTACT, ABOUT, SEARCH, FACT, SYSTEM = Kind
ERASED = frozenset({Kind.identity, Kind.contact, Kind.about, Kind.search})
SHOWN = frozenset({Kind.identity, Kind.contact, Kind.about, Kind.fact})
KEY = "personal"
# How much of an identifier a list shows to roles that only count and oversee: (first, last) characters kept.
NATIONAL_ID_MASK = (1, 3)
MOBILE_MASK = (2, 2)


def personal(
    kind: Kind, label: Any = None, *, codes: type[StrEnum] | None = None,
    mask: tuple[int, int] | None = None, managed: bool = False,
) -> dict[str, Any]:
    """A column's `info`: its kind, its label for people, its coded vocabulary, its mask in lists.

    `managed` marks values the application sets (timestamps, workflow steps,
    scores) rather than staff typing them: the workflow records its own audit
    entry for them, so the field-change audit leaves them out.
    """
    return {KEY: kind, "label": label, "codes": codes, "mask": mask, "managed": managed}


def kind_of(column: Column) -> Kind | None:
    return column.info.get(KEY)


def unclassified(metadata: MetaData) -> list[str]:
    """`table.column` for every column that does not say what it holds."""
    return [
        f"{table.name}.{column.name}"
        for table in metadata.sorted_tables for column in table.columns
        if not isinstance(kind_of(column), Kind)
    ]


def shown_columns(table: Table) -> list[Column]:
    """The columns a data-access answer shows, in the table's order; a link is shown by what it names."""
    return [column for column in table.columns if kind_of(column) in SHOWN and not column.foreign_keys]


def erased_columns(table: Table) -> list[Column]:
    """The columns retention empties once the period has passed."""
    return [column for column in table.columns if kind_of(column) in ERASED]


def audited_fields(table: Table) -> tuple[str, ...]:
    """The fields staff type on a record: every column about him or his choices the application does not set itself."""
    return tuple(column.name for column in table.columns if kind_of(column) in SHOWN and not column.info["managed"])


def labels(table: Table) -> dict[str, Any]:
    """Field name to its label, for the columns that declare one."""
    return {column.name: column.info["label"] for column in table.columns if column.info.get("label") is not None}


def codes(table: Table) -> dict[str, type[StrEnum]]:
    """Field name to the vocabulary of its stored codes."""
    return {column.name: column.info["codes"] for column in table.columns if column.info.get("codes")}
