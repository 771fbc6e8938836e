"""`flask db upgrade` on an empty database gives exactly the models, on each backend."""
from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from app import create_app
from models.base import db
from sila.config import _normalized_database_url


def _fresh_database(database_url: str, tmp_path) -> tuple[str, callable]:
    if database_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'migrated.db'}", lambda: None
    name = f"sila_migrations_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(_normalized_database_url(database_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f"CREATE DATABASE {name}"))
    base = sa.engine.make_url(_normalized_database_url(database_url))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()

    return base.set(database=name).render_as_string(hide_password=False), drop


def test_migrations_build_exactly_the_models(database_url, tmp_path):
    url, drop = _fresh_database(database_url, tmp_path)
    try:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
        with app.app_context():
            upgrade()
            with db.engine.connect() as connection:
                context = MigrationContext.configure(connection, opts={"compare_type": True})
                differences = compare_metadata(context, db.metadata)
            db.engine.dispose()
        assert differences == []
    finally:
        drop()


def _tables(engine: sa.Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names()) - {"alembic_version"}


def test_migrations_go_down_to_nothing_and_up_again(database_url, tmp_path):
    """Every downgrade works, leaves no table behind, and the schema can be rebuilt after it."""
    from flask_migrate import downgrade

    url, drop = _fresh_database(database_url, tmp_path)
    try:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
        with app.app_context():
            upgrade()
            assert _tables(db.engine) == set(db.metadata.tables)
            downgrade(revision="base")
            assert _tables(db.engine) == set()
            upgrade()
            with db.engine.connect() as connection:
                context = MigrationContext.configure(connection, opts={"compare_type": True})
                differences = compare_metadata(context, db.metadata)
            db.engine.dispose()
        assert differences == []
    finally:
        drop()
