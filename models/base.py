"""The declarative base, its constraint naming and the shared column shapes.

A fixed naming convention keeps Alembic migrations identical on SQLite and
PostgreSQL, so `flask db upgrade` and the models never drift apart.
"""
from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import CheckConstraint, DateTime, MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from models.personal_data import FACT, personal

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)


def utcnow() -> datetime:
    return datetime.now(UTC)


def one_of(column: str, choices: type[StrEnum]) -> CheckConstraint:
    """A CHECK constraint that keeps a string column inside its enumeration."""
    values = ", ".join(f"'{member.value}'" for member in choices)
    return CheckConstraint(f"{column} IN ({values})", name=f"{column}_valid")


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, nullable=False, info=personal(FACT, _l("Registered on"), managed=True)
    )


@event.listens_for(Engine, "connect")
def _sqlite_enforces_foreign_keys(dbapi_connection: object, _record: object) -> None:
    """SQLite ignores foreign keys unless asked; RESTRICT must hold on every backend."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
