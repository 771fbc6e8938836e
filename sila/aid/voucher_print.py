"""The printable Arabic voucher (PDF): the code, its QR image, the value or items, and the dates in both calendars.

The QR holds the bare code, so an outlet's handheld scanner types it into the
redemption page like a keyboard; no camera script and nothing from a CDN. The
voucher names no one: a lost one tells its finder nothing about the family.
"""
from __future__ import annotations

import segno
from markupsafe import Markup

from models.base import db
from models.organization import Organization
from models.voucher import Voucher
from sila.aid.vouchers import shown
from sila.core.pdf.render import render_pdf


def qr_svg(code: str) -> Markup:
    """The code as an inline SVG QR image (inline, since the PDF fetches nothing but our static files)."""
    return Markup(segno.make_qr(code, error="m").svg_inline(scale=5, border=2))  # noqa: S704 - segno draws it from our own code  # nosec B704


def voucher_pdf(voucher: Voucher) -> bytes:
    return render_pdf(
        "voucher.html",
        organization=db.session.scalar(db.select(Organization).limit(1)),
        voucher=voucher,
        code=shown(voucher.code),
        qr=qr_svg(voucher.code),
    )
