"""Where attachment bytes live: a directory (default) or the database.

`SILA_ATTACHMENTS_STORE=database` keeps them in the `attachment_blobs` table,
so several app servers need no shared disk and a database backup holds them.
Either way the user's file name never reaches the store: a stored name is 32
random hex digits and one of our extensions, and anything else is refused
before a path or key is built from it.

In the database store, writes and deletes join the caller's transaction, so a
rolled-back upload leaves no bytes behind.
"""
from __future__ import annotations

import re
import secrets
from pathlib import Path

from flask import current_app

from models.attachment_blob import AttachmentBlob
from models.base import db
from sila.attachments.content import EXTENSIONS

STORED_NAME = re.compile(r"[0-9a-f]{32}(" + "|".join(re.escape(ext) for ext in sorted(EXTENSIONS)) + r")")
DATABASE = "database"


def _in_database() -> bool:
    return current_app.config.get("SILA_ATTACHMENTS_STORE") == DATABASE


def attachments_dir() -> Path:
    configured = current_app.config.get("SILA_ATTACHMENTS_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / "attachments"


def path_of(stored_name: str) -> Path:
    """The file behind a stored name; refuses names we could not have made."""
    if not STORED_NAME.fullmatch(stored_name):
        raise ValueError(f"not a stored attachment name: {stored_name!r}")
    return attachments_dir() / stored_name


def read(stored_name: str) -> bytes:
    """The stored bytes; FileNotFoundError when they have gone missing."""
    path = path_of(stored_name)
    if _in_database():
        blob = db.session.get(AttachmentBlob, stored_name)
        if blob is None:
            raise FileNotFoundError(stored_name)
        return blob.data
    if not path.is_file():
        raise FileNotFoundError(stored_name)
    return path.read_bytes()


def save(data: bytes, extension: str) -> str:
    """Store the bytes under a new random name and return that name."""
    stored_name = secrets.token_hex(16) + extension
    path = path_of(stored_name)
    if _in_database():
        db.session.add(AttachmentBlob(stored_name=stored_name, data=data))
        return stored_name
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as file:
        file.write(data)
    return stored_name


def remove(stored_name: str) -> None:
    path = path_of(stored_name)
    if _in_database():
        db.session.execute(db.delete(AttachmentBlob).where(AttachmentBlob.stored_name == stored_name))
        return
    path.unlink(missing_ok=True)
