"""Attachment bytes kept in the database, for several app servers without a shared disk."""
from __future__ import annotations

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db
from models.branch_path import ASSOCIATION_WIDE
from models.personal_data import ABOUT, SYSTEM, personal


class AttachmentBlob(db.Model):
    __tablename__ = "attachment_blobs"
    # Read only through its attachment, whose download checks the file's branch.
    __branch__ = ASSOCIATION_WIDE

    stored_name: Mapped[str] = mapped_column(String(80), primary_key=True, info=personal(SYSTEM))
    data: Mapped[bytes] = mapped_column(LargeBinary, info=personal(ABOUT))
