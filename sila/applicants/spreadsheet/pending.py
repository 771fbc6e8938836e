"""An uploaded spreadsheet waiting between the dry run and the import.

The file is kept under a random name beside the attachments (so a shared
attachments folder serves several app servers), and files older than a day are
swept on each upload. The name a browser sends back is checked against the
shape we create before any path is built from it.
"""
from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from sila.applicants.spreadsheet.reader import EXTENSIONS
from sila.attachments.storage import attachments_dir

TOKEN = re.compile(r"[0-9a-f]{32}(" + "|".join(re.escape(ext) for ext in EXTENSIONS) + r")")
MAX_AGE_SECONDS = 24 * 3600


def _folder() -> Path:
    return attachments_dir() / "imports"


def keep(data: bytes, extension: str) -> str:
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - MAX_AGE_SECONDS
    for old in folder.iterdir():
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = secrets.token_hex(16) + extension
    (folder / token).write_bytes(data)
    return token


def read(token: str) -> bytes | None:
    if not TOKEN.fullmatch(token or ""):
        return None
    path = _folder() / token
    return path.read_bytes() if path.is_file() else None


def discard(token: str) -> None:
    if TOKEN.fullmatch(token or ""):
        (_folder() / token).unlink(missing_ok=True)
