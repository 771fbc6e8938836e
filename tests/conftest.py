"""Fixtures: an app per test, on SQLite always and on PostgreSQL when TEST_DATABASE_URL is set.

The schema is created once per backend and emptied between tests. When CI asks
for PostgreSQL (TEST_REQUIRE_POSTGRES=1) an unreachable server stops the run
with an error instead of skipping its half of the suite.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from models.base import db
from sila.config import _normalized_database_url

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def pytest_sessionstart(session: pytest.Session) -> None:
    if not POSTGRES_URL:
        if os.environ.get("TEST_REQUIRE_POSTGRES") == "1":
            raise pytest.UsageError("TEST_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set")
        return
    try:
        engine = sa.create_engine(_normalized_database_url(POSTGRES_URL))
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
        engine.dispose()
    except sa.exc.OperationalError as exc:
        raise pytest.UsageError(f"PostgreSQL at TEST_DATABASE_URL is unreachable: {exc}") from exc


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'sila.db'}"
    else:
        url = _worker_database(POSTGRES_URL)
    app = create_app({"SQLALCHEMY_DATABASE_URI": _normalized_database_url(url), "TESTING": True})
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield url
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


def _worker_database(url: str) -> str:
    """Under pytest-xdist each worker empties and fills its own PostgreSQL database."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    base = sa.engine.make_url(_normalized_database_url(url))
    name = f"{base.database}_{worker}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name})
        if not exists:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


class BrowserLikeClient(FlaskClient):
    """Each request in its own app context, as in production.

    Otherwise Flask reuses the test's context and `g` (login, CSRF token,
    cached vocabulary) leaks from one request into the next. Afterwards the
    test's own session is expired so it reads what the request wrote.
    """

    def open(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        return response


def _empty_tables() -> None:
    tables = db.metadata.sorted_tables
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(table.name for table in tables)
        db.session.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in reversed(tables):
            db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture()
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": _normalized_database_url(database_url),
            "TESTING": True,
            "SECRET_KEY": "test-secret",
        }
    )
    app.test_client_class = BrowserLikeClient
    with app.app_context():
        _empty_tables()
        yield app
        db.session.remove()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def rakeen(app: Flask):  # type: ignore[no-untyped-def]
    from sila.settings.presets import PRESETS
    from sila.settings.presets.demo import ensure_demo_users
    from sila.settings.presets.seed import apply_preset

    organization = apply_preset(PRESETS["rakeen"])
    ensure_demo_users()
    return organization


@pytest.fixture()
def health_coop(app: Flask):  # type: ignore[no-untyped-def]
    from sila.settings.presets import PRESETS
    from sila.settings.presets.demo import ensure_demo_users
    from sila.settings.presets.seed import apply_preset

    organization = apply_preset(PRESETS["health-coop"])
    ensure_demo_users()
    return organization


def csrf_token(client: FlaskClient, url: str = "/login") -> str:
    page = client.get(url).get_data(as_text=True)
    match = CSRF.search(page)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def login(client: FlaskClient, username: str, password: str | None = None) -> FlaskClient:
    from sila.settings.presets.demo import demo_password

    token = csrf_token(client)
    response = client.post(
        "/login",
        data={"username": username, "password": password or demo_password(username), "csrf_token": token},
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client


def post_form(client: FlaskClient, url: str, data: dict, token_from: str | None = None, **kwargs):  # type: ignore[no-untyped-def]
    """POST like a browser: with the CSRF token of the page the form came from."""
    token = csrf_token(client, token_from or "/admin/")
    return client.post(url, data={**data, "csrf_token": token}, **kwargs)
