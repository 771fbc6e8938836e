"""Where attachment bytes live: outside static/, under names we choose.

The user's file name never reaches the file system, so it cannot climb out
of the folder or overwrite another file. A stored name is 32 random hex
digits and one of our extensions; anything else is refused before a path is
built from it.
"""
from __future__ import annotations

import re
import secrets
from pathlib import Path

from flask import current_app

from attachments.content import EXTENSIONS

STORED_NAME = re.compile(r"[0-9a-f]{32}(" + "|".join(re.escape(ext) for ext in sorted(EXTENSIONS)) + r")")


def attachments_dir() -> Path:
    configured = current_app.config.get("SILA_ATTACHMENTS_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / "attachments"


def path_of(stored_name: str) -> Path:
    """The file behind a stored name; refuses names we could not have made."""
    if not STORED_NAME.fullmatch(stored_name):
        raise ValueError(f"not a stored attachment name: {stored_name!r}")
    return attachments_dir() / stored_name


def readable_path(stored_name: str) -> Path:
    """The file to send for a stored name; FileNotFoundError when it has gone missing."""
    path = path_of(stored_name)
    if not path.is_file():
        raise FileNotFoundError(stored_name)
    return path


def save(data: bytes, extension: str) -> str:
    """Write the bytes under a new random name and return that name."""
    stored_name = secrets.token_hex(16) + extension
    path = path_of(stored_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as file:
        file.write(data)
    return stored_name


def remove(stored_name: str) -> None:
    path_of(stored_name).unlink(missing_ok=True)
