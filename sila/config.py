"""Settings from the environment, with their documented defaults in one place.

Every variable listed here is also documented in the README. The secret key is
never in the repository: when SECRET_KEY is unset it is generated once into
the instance folder, so restarts keep sessions valid.
"""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path


def _secret_key(instance_path: Path) -> str:
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


def _normalized_database_url(url: str) -> str:
    """Use the psycopg 3 driver for plain postgresql:// URLs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def engine_options(config: dict) -> dict:
    """The SQLAlchemy engine's options for the configured database.

    Each gunicorn worker is a process with its own pool and answers one request
    at a time, so a small pool is plenty; workers × (pool size + overflow) must
    stay under PostgreSQL's max_connections (100 by default). A request waits
    at most SILA_DB_POOL_TIMEOUT for a connection rather than hanging, and
    PostgreSQL cancels any statement running past SILA_DB_STATEMENT_TIMEOUT_MS,
    which is shorter than gunicorn's worker timeout: a runaway query becomes an
    error page, not a killed worker. SQLite keeps SQLAlchemy's own pool.
    """
    options: dict = {"pool_pre_ping": True}
    if not str(config["SQLALCHEMY_DATABASE_URI"]).startswith("postgresql"):
        return options
    options.update(
        pool_size=config["SILA_DB_POOL_SIZE"],
        max_overflow=config["SILA_DB_MAX_OVERFLOW"],
        pool_timeout=config["SILA_DB_POOL_TIMEOUT"],
        connect_args={"options": f"-c statement_timeout={config['SILA_DB_STATEMENT_TIMEOUT_MS']}"},
    )
    return options


def worker_timeout() -> int:
    """Seconds gunicorn lets a worker be silent (one request, an export streaming included) before restarting it."""
    return int(os.environ.get("SILA_WORKER_TIMEOUT", "120"))
def _default_jobs_mode(database_url: str) -> str:
    """SQLite serves one machine, so its app process runs the jobs; on PostgreSQL `make worker` does."""
    return "embedded" if database_url.startswith("sqlite") else "worker"


def load_settings(instance_path: Path) -> dict:
    """Read the environment once, at app creation."""
    default_db = f"sqlite:///{instance_path / 'sila.db'}"
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": _normalized_database_url(
            os.environ.get("DATABASE_URL", default_db)
        ),
        "SILA_DB_POOL_SIZE": int(os.environ.get("SILA_DB_POOL_SIZE", "5")),
        "SILA_DB_MAX_OVERFLOW": int(os.environ.get("SILA_DB_MAX_OVERFLOW", "5")),
        "SILA_DB_POOL_TIMEOUT": int(os.environ.get("SILA_DB_POOL_TIMEOUT", "10")),
        "SILA_DB_STATEMENT_TIMEOUT_MS": int(os.environ.get("SILA_DB_STATEMENT_TIMEOUT_MS", "30000")),
        "BABEL_DEFAULT_LOCALE": os.environ.get("SILA_LOCALE", "ar"),
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("SILA_TIMEZONE", "Asia/Riyadh"),
        "SILA_LOCALES": ("ar", "en"),
        "SILA_LOG_LEVEL": os.environ.get("SILA_LOG_LEVEL", "INFO").upper(),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "0") == "1",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "WTF_CSRF_TIME_LIMIT": None,
        "PERMANENT_SESSION_LIFETIME": timedelta(minutes=int(os.environ.get("SILA_IDLE_MINUTES", "30"))),
        "SESSION_REFRESH_EACH_REQUEST": True,
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": False,
        "SILA_LOGIN_LIMIT_PER_ACCOUNT": os.environ.get("SILA_LOGIN_LIMIT_PER_ACCOUNT", "5 per 15 minutes"),
        "SILA_LOGIN_LIMIT_PER_IP": os.environ.get("SILA_LOGIN_LIMIT_PER_IP", "30 per 15 minutes"),
        "SILA_PORTAL_LIMIT": os.environ.get("SILA_PORTAL_LIMIT", "10 per hour"),
        "SILA_PORTAL_TRACK_LIMIT": os.environ.get("SILA_PORTAL_TRACK_LIMIT", "20 per 15 minutes"),
        "SILA_PORTAL_CODE_LIMIT_PER_ID": os.environ.get("SILA_PORTAL_CODE_LIMIT_PER_ID", "5 per hour"),
        "SILA_PORTAL_CODE_LIMIT_PER_MOBILE": os.environ.get("SILA_PORTAL_CODE_LIMIT_PER_MOBILE", "5 per hour"),
        "SILA_PORTAL_CODE_LIMIT_PER_IP": os.environ.get("SILA_PORTAL_CODE_LIMIT_PER_IP", "20 per hour"),
        "SILA_OUTLET_CODE_LIMIT": os.environ.get("SILA_OUTLET_CODE_LIMIT", "10 per 15 minutes"),
        "SILA_PORTAL_IDLE_MINUTES": int(os.environ.get("SILA_PORTAL_IDLE_MINUTES", "15")),
        "SILA_SURVEY_DAYS": int(os.environ.get("SILA_SURVEY_DAYS", "30")),
        "SILA_PUBLIC_URL": os.environ.get("SILA_PUBLIC_URL", "http://127.0.0.1:5000"),
        "SILA_SMTP_HOST": os.environ.get("SILA_SMTP_HOST"),
        "SILA_SMTP_PORT": int(os.environ.get("SILA_SMTP_PORT", "587")),
        "SILA_SMTP_SECURITY": os.environ.get("SILA_SMTP_SECURITY", "starttls"),
        "SILA_SMTP_USER": os.environ.get("SILA_SMTP_USER"),
        "SILA_SMTP_PASSWORD": os.environ.get("SILA_SMTP_PASSWORD"),
        "SILA_SMTP_FROM": os.environ.get("SILA_SMTP_FROM"),
        "SILA_SMS_URL": os.environ.get("SILA_SMS_URL"),
        "SILA_SMS_TOKEN": os.environ.get("SILA_SMS_TOKEN"),
        "SILA_SMS_SENDER": os.environ.get("SILA_SMS_SENDER"),
        "SILA_ATTACHMENTS_DIR": os.environ.get("SILA_ATTACHMENTS_DIR"),
        "SILA_ATTACHMENTS_STORE": os.environ.get("SILA_ATTACHMENTS_STORE", "directory"),
        "SILA_JOBS": os.environ.get("SILA_JOBS") or _default_jobs_mode(os.environ.get("DATABASE_URL", default_db)),
        "SILA_JOBS_SCHEDULE": os.environ.get("SILA_JOBS_SCHEDULE", ""),
        "SILA_JOBS_LEASE_SECONDS": int(os.environ.get("SILA_JOBS_LEASE_SECONDS", "300")),
        "SILA_JOBS_BACKOFF_MAX_MINUTES": int(os.environ.get("SILA_JOBS_BACKOFF_MAX_MINUTES", "60")),
        "SILA_JOBS_STATEMENT_TIMEOUT_MS": int(os.environ.get("SILA_JOBS_STATEMENT_TIMEOUT_MS", "0")),
        "SILA_BACKUP_DIR": os.environ.get("SILA_BACKUP_DIR"),
        "SILA_BACKUP_KEEP": int(os.environ.get("SILA_BACKUP_KEEP", "14")),
        "MAX_CONTENT_LENGTH": int(os.environ.get("SILA_MAX_UPLOAD_MB", "10")) * 1024 * 1024,
    }
