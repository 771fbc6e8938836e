"""Hostile uploads: wrong or disguised types, floods and path tricks are refused or defused, leaving nothing behind."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from models.base import db
from models.request import Attachment
from tests.conftest import login, post_form
from tests.factories import make_request
from tests.security.conftest import PDF
from tests.security.snapshot import unchanged

DISGUISED = {
    "HTML named as a PDF": (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "report.pdf"),
    "SVG with script named as a PNG": (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "photo.png"),
    "Windows program": (b"MZ\x90\x00\x03" + b"\x00" * 200, "scan.pdf"),
    "ZIP archive": (b"PK\x03\x04" + b"\x00" * 100, "documents.pdf"),
    "plain text": ("نص عادي".encode(), "note.txt"),
    "empty file": (b"", "empty.pdf"),
    "PDF magic after a leading space": (b" " + PDF, "spaced.pdf"),
}


def _stored(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def _upload(client, request_id: int, data: bytes, name: str, **kwargs):  # type: ignore[no-untyped-def]
    return post_form(client, f"/requests/{request_id}/attachments", {"file": (io.BytesIO(data), name)},
                     content_type="multipart/form-data", **kwargs)


@pytest.mark.parametrize("case", sorted(DISGUISED))
def test_a_file_that_is_not_really_pdf_jpeg_or_png_is_refused(rakeen, files, client, case):
    data, name = DISGUISED[case]
    request = make_request()
    login(client, "staff")
    with unchanged():
        response = _upload(client, request.id, data, name, follow_redirects=True)
    assert response.status_code == 200
    assert "alert-danger" in response.get_data(as_text=True)
    assert _stored(files) == []


def test_a_file_over_the_attachment_limit_is_refused(rakeen, app, files, client):
    app.config["SILA_ATTACHMENT_MAX_BYTES"] = 1024
    request = make_request()
    login(client, "staff")
    with unchanged():
        response = _upload(client, request.id, PDF + b"0" * 2048, "big.pdf", follow_redirects=True)
    assert "كبير" in response.get_data(as_text=True)
    assert _stored(files) == []


def test_a_body_over_the_request_limit_is_refused_before_it_is_read(rakeen, app, files, client):
    app.config["MAX_CONTENT_LENGTH"] = 4096
    request = make_request()
    login(client, "staff")
    with unchanged():
        response = _upload(client, request.id, PDF + b"0" * 8192, "flood.pdf")
    assert response.status_code == 413
    assert 'dir="rtl"' in response.get_data(as_text=True)
    assert _stored(files) == []


@pytest.mark.parametrize(("sent", "shown"), [
    ("../../etc/passwd", "passwd"),
    ("..\\..\\windows\\win.ini.pdf", "win.ini.pdf"),
    ("/var/www/static/x.pdf", "x.pdf"),
    ("تقرير\x00.html", "تقرير.html"),
    ("..", "file"),
], ids=["unix traversal", "windows traversal", "absolute path", "NUL before a second extension", "only dots"])
def test_a_path_in_the_file_name_never_reaches_the_disk(rakeen, files, client, tmp_path, sent, shown):
    request = make_request()
    login(client, "staff")
    _upload(client, request.id, PDF, sent)
    attachment = db.session.scalar(db.select(Attachment))
    assert attachment.original_name.endswith(shown) and not set("/\\\x00") & set(attachment.original_name)
    stored = _stored(files)
    assert [path.name for path in stored] == [attachment.stored_name]
    assert stored[0].resolve().parent.is_relative_to(files.resolve())
    assert not [path for path in tmp_path.rglob("passwd")]


def test_a_pdf_that_is_also_html_is_only_ever_downloaded_as_a_pdf(rakeen, files, client):
    request = make_request()
    login(client, "staff")
    _upload(client, request.id, PDF + b"<html><script>alert(1)</script></html>", "page.html")
    attachment = db.session.scalar(db.select(Attachment))
    response = client.get(f"/attachments/{attachment.id}")
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "page.html.pdf" in response.headers["Content-Disposition"]
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
