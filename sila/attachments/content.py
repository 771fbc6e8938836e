"""What an uploaded file really is, judged by its first bytes.

A file's name and the browser's content type are whatever the sender says;
the magic number at the start of the bytes is what a viewer will act on. We
accept only PDF, JPEG and PNG, so nothing uploaded can ever be served back as
HTML or script.
"""
from __future__ import annotations

from typing import NamedTuple

from flask import current_app
from flask_babel import lazy_gettext as _l

from sila.core.errors import Refused

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
FALLBACK_CONTENT_TYPE = "application/octet-stream"


class FileType(NamedTuple):
    content_type: str
    extension: str


PDF = FileType("application/pdf", ".pdf")
JPEG = FileType("image/jpeg", ".jpg")
PNG = FileType("image/png", ".png")

SIGNATURES: tuple[tuple[bytes, FileType], ...] = (
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
)
EXTENSIONS = frozenset(file_type.extension for _, file_type in SIGNATURES)
# Suffixes a user's own file name may keep on download; any other gets ours added.
NAME_SUFFIXES = {PDF: (".pdf",), JPEG: (".jpg", ".jpeg"), PNG: (".png",)}


def max_bytes() -> int:
    return int(current_app.config.get("SILA_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def sniff(data: bytes) -> FileType:
    """The accepted type of these bytes, or a refusal the user can act on."""
    if not data:
        raise Refused(_l("The file is empty."))
    limit = max_bytes()
    if len(data) > limit:
        raise Refused(_l("The file is too large (at most %(megabytes)s MB).", megabytes=f"{limit / 1024 / 1024:g}"))
    for magic, file_type in SIGNATURES:
        if data.startswith(magic):
            return file_type
    raise Refused(_l("Only PDF, JPEG and PNG files can be attached."))


def served_type(content_type: str) -> FileType:
    """The type to send a stored file as: one we sniffed, or an opaque download."""
    for _, file_type in SIGNATURES:
        if file_type.content_type == content_type:
            return file_type
    return FileType(FALLBACK_CONTENT_TYPE, "")


def download_name(original_name: str, content_type: str) -> str:
    """The user's name, with our extension added when theirs would mislead the opener.

    A PDF named `report.html` would be opened by the browser as a page once
    saved; `report.html.pdf` is opened as what it is.
    """
    file_type = served_type(content_type)
    suffixes = NAME_SUFFIXES.get(file_type, ())
    if not suffixes or original_name.lower().endswith(suffixes):
        return original_name
    return original_name + file_type.extension
