"""A portal application waiting for its mobile to be confirmed with the code sent to it.

Nothing of it is a request yet: no file, no number, no count. What was typed
and the files' stored names wait here, beside the code that will release
them; once the code is entered the request is written from them, and an
application whose code expired unentered is pruned with its files.
"""
from __future__ import annotations

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Timestamped, db
from models.branch_path import ASSOCIATION_WIDE
from models.personal_data import ABOUT, SYSTEM, personal
from models.portal_code import PortalCode


class HeldApplication(Timestamped, db.Model):
    __tablename__ = "held_applications"
    # No file yet, so no branch; no staff screen shows it.
    __branch__ = ASSOCIATION_WIDE

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    code_id: Mapped[int] = mapped_column(
        ForeignKey("portal_codes.id", ondelete="RESTRICT"), unique=True, info=personal(SYSTEM)
    )
    # The application's fields as typed (JSON), names, national ID and mobile among them.
    typed: Mapped[str] = mapped_column(Text, info=personal(ABOUT))
    # The checked files already stored (JSON): item, display name, stored name, type, size, digest.
    files: Mapped[str] = mapped_column(Text, info=personal(ABOUT))

    code: Mapped[PortalCode] = relationship()
