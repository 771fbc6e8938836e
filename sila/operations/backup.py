"""Backups an association can restore: the database and the attachments, together.

A backup is one folder: `database.sqlite` (SQLite's online backup, consistent
while the app runs) or `database.dump` (pg_dump's custom format), plus a copy
of the attachments directory. Restoring replaces both. The daily job keeps
the most recent SILA_BACKUP_KEEP folders and removes older ones (prune).
"""
from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

from flask import current_app
from sqlalchemy.engine import make_url

from models.base import db

# The folders backup() writes, named by their time so that the name order is the time order.
FOLDER = re.compile(r"sila-\d{8}-\d{6}-\d{6}")


def _attachments_dir() -> Path:
    return Path(current_app.config.get("SILA_ATTACHMENTS_DIR") or Path(current_app.instance_path) / "attachments")


def _libpq_url() -> tuple[str, object]:
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    return url.get_backend_name(), url


def _pg_target(url) -> str:  # type: ignore[no-untyped-def]
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def backup(destination: Path) -> Path:
    """Write a new backup folder under `destination` and return it."""
    folder = destination / f"sila-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}"
    folder.mkdir(parents=True)
    backend, url = _libpq_url()
    if backend == "sqlite":
        with sqlite3.connect(url.database) as source, sqlite3.connect(folder / "database.sqlite") as target:
            source.backup(target)
    elif backend == "postgresql":
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", f"--file={folder / 'database.dump'}", _pg_target(url)],
            check=True, capture_output=True,
        )
    else:
        raise ValueError(f"backups are not supported for {backend}")
    attachments = _attachments_dir()
    if attachments.is_dir():
        shutil.copytree(attachments, folder / "attachments")
    return folder


def prune(destination: Path, keep: int) -> list[Path]:
    """Remove all but the `keep` most recent backup folders under `destination` (0 keeps them all).

    Only folders backup() named are touched: anything else an operator put
    there (a copy kept before an upgrade, under another name) stays.
    """
    if keep <= 0 or not destination.is_dir():
        return []
    folders = sorted(path for path in destination.iterdir() if path.is_dir() and FOLDER.fullmatch(path.name))
    removed = folders[:-keep]
    for folder in removed:
        shutil.rmtree(folder)
    return removed


def restore(folder: Path) -> None:
    """Replace the database and attachments with those of a backup folder."""
    backend, url = _libpq_url()
    db.session.remove()
    db.engine.dispose()
    if backend == "sqlite":
        with sqlite3.connect(folder / "database.sqlite") as source, sqlite3.connect(url.database) as target:
            source.backup(target)
    elif backend == "postgresql":
        subprocess.run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
             f"--dbname={_pg_target(url)}", str(folder / "database.dump")],
            check=True, capture_output=True,
        )
    else:
        raise ValueError(f"restores are not supported for {backend}")
    attachments = _attachments_dir()
    if (folder / "attachments").is_dir():
        if attachments.exists():
            shutil.rmtree(attachments)
        shutil.copytree(folder / "attachments", attachments)
