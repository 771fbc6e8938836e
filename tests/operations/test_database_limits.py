"""Under load the database's pool and timeouts come from the environment, and the engine really gets them."""
from __future__ import annotations

import runpy

import pytest
import sqlalchemy as sa

from app import ROOT, create_app
from models.base import db
from sila.config import _normalized_database_url


@pytest.fixture()
def limited_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {"SILA_DB_POOL_SIZE": "3", "SILA_DB_MAX_OVERFLOW": "2", "SILA_DB_POOL_TIMEOUT": "7",
                        "SILA_DB_STATEMENT_TIMEOUT_MS": "300", "SILA_WORKER_TIMEOUT": "45"}.items():
        monkeypatch.setenv(name, value)


def test_postgres_engine_gets_pool_and_statement_timeout_from_environment(database_url: str, limited_env: None) -> None:
    url = _normalized_database_url(database_url)
    if sa.engine.make_url(url).get_backend_name() != "postgresql":
        pytest.skip("pool sizes and statement_timeout are set for PostgreSQL only")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        pool = db.engine.pool
        assert (pool.size(), pool.timeout()) == (3, 7)
        with db.engine.connect() as connection:
            assert connection.scalar(sa.text("SHOW statement_timeout")) == "300ms"
            with pytest.raises(sa.exc.OperationalError, match="statement timeout"):
                connection.execute(sa.text("SELECT pg_sleep(2)"))
        db.engine.dispose()


def test_sqlite_keeps_sqlalchemy_pool(database_url: str, limited_env: None) -> None:
    url = _normalized_database_url(database_url)
    if not url.startswith("sqlite"):
        pytest.skip("SQLite's own pool")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"] == {"pool_pre_ping": True}


def test_gunicorn_worker_timeout_comes_from_environment(limited_env: None) -> None:
    assert runpy.run_path(str(ROOT / "gunicorn.conf.py"))["timeout"] == 45
