"""Request attachments: only real PDF/JPEG/PNG files get in, and only those who handle the request get them out."""
from __future__ import annotations

import hashlib
import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage

from models import AuditEntry, Referral, ReferralReason, ServiceType, User
from models.base import db
from models.request import Attachment, ServiceRequest
from sila.attachments import storage
from sila.attachments.service import display_name, store_upload
from tests.conftest import login, post_form
from tests.factories import make_request

RANDOM_NAME = re.compile(r"[0-9a-f]{32}\.(pdf|jpg|png)")


def tiny_pdf() -> bytes:
    """A one-page blank PDF with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return body + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def tiny_png() -> bytes:
    """A 1×1 grey PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")


def tiny_jpeg() -> bytes:
    """A 1×1 grey baseline JPEG: one 8×8 block whose coefficients are all zero."""
    def segment(marker: int, payload: bytes) -> bytes:
        return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload

    one_code = bytes([1] + [0] * 15) + b"\x00"  # one Huffman code of length 1, for symbol 0
    return b"".join([
        b"\xff\xd8",
        segment(0xDB, b"\x00" + b"\x01" * 64),
        segment(0xC0, struct.pack(">BHHB", 8, 1, 1, 1) + b"\x01\x11\x00"),
        segment(0xC4, b"\x00" + one_code),
        segment(0xC4, b"\x10" + one_code),
        segment(0xDA, b"\x01\x01\x00\x00\x3f\x00"),
        b"\x3f",  # DC difference 0, end of block, padded with ones
        b"\xff\xd9",
    ])


@pytest.fixture(autouse=True)
def files(app, tmp_path: Path) -> Path:
    folder = tmp_path / "attachments"
    app.config["SILA_ATTACHMENTS_DIR"] = str(folder)
    return folder


def user(username: str) -> User:
    return db.session.scalar(db.select(User).where(User.username == username))


def stored_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


def audit(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == action)))


def attachment_rows() -> list[Attachment]:
    return list(db.session.scalars(db.select(Attachment)))


def upload(client, request: ServiceRequest, data: bytes, name: str, **fields: str):  # type: ignore[no-untyped-def]
    return post_form(client, f"/requests/{request.id}/attachments", {"file": (io.BytesIO(data), name), **fields})


def attach(request: ServiceRequest, data: bytes | None = None, name: str = "report.pdf") -> Attachment:
    """A file already on the request, put there by relations staff."""
    return store_upload(request.id, FileStorage(io.BytesIO(data or tiny_pdf()), filename=name), user("staff"))


def as_user(app, username: str):  # type: ignore[no-untyped-def]
    return login(app.test_client(), username)


@pytest.mark.parametrize(
    ("build", "name", "content_type"),
    [(tiny_pdf, "تقرير طبي.pdf", "application/pdf"), (tiny_png, "هوية.png", "image/png"), (tiny_jpeg, "scan.JPEG", "image/jpeg")],
)
def test_staff_attaches_a_real_file_kept_under_a_random_name(rakeen, client, files, build, name, content_type):
    request, data = make_request(), build()
    login(client, "staff")
    response = upload(client, request, data, name)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/admin/requests/details/?id={request.id}")
    [row] = attachment_rows()
    assert (row.request_id, row.original_name, row.content_type) == (request.id, name, content_type)
    assert RANDOM_NAME.fullmatch(row.stored_name) and row.stored_name != name
    assert row.size_bytes == len(data) and row.sha256 == hashlib.sha256(data).hexdigest()
    assert row.uploaded_by_id == user("staff").id and row.kind == "other"
    assert stored_files(files) == [files / row.stored_name]
    assert (files / row.stored_name).read_bytes() == data
    [entry] = audit("upload")
    assert (entry.entity_type, entry.entity_id, entry.note, entry.actor_id) == ("request", request.id, name, row.uploaded_by_id)


def test_a_file_can_supply_one_of_the_request_items(rakeen, client):
    request = make_request()
    item = request.service_type.required_items[0]
    login(client, "staff")
    upload(client, request, tiny_pdf(), "id.pdf", required_item_id=str(item.id))
    [row] = attachment_rows()
    assert (row.required_item_id, row.kind) == (item.id, "required_item")


def test_an_item_of_another_service_is_refused(rakeen, client, files):
    request = make_request()
    other = db.session.scalar(db.select(ServiceType).where(ServiceType.id != request.service_type_id).limit(1))
    foreign = other.required_items[0]
    login(client, "staff")
    assert upload(client, request, tiny_pdf(), "x.pdf", required_item_id=str(foreign.id)).status_code == 302
    assert attachment_rows() == [] and stored_files(files) == [] and audit("upload") == []


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"<html><script>alert(1)</script></html>", "x.pdf"),
        (b"GIF89a\x01\x00\x01\x00", "photo.png"),
        (b"MZ\x90\x00", "invoice.jpg"),
        (b"", "empty.pdf"),
    ],
)
def test_a_file_that_is_not_really_pdf_jpeg_or_png_is_refused(rakeen, client, files, data, name):
    request = make_request()
    login(client, "staff")
    response = upload(client, request, data, name)
    assert response.status_code == 302
    assert attachment_rows() == [] and stored_files(files) == [] and audit("upload") == []
    page = client.get(response.headers["Location"])
    assert page.status_code == 200


def test_a_file_over_the_size_limit_is_refused(rakeen, app, client, files):
    app.config["SILA_ATTACHMENT_MAX_BYTES"] = 2048
    request = make_request()
    login(client, "staff")
    upload(client, request, tiny_pdf() + b"%" * 4096, "big.pdf")
    assert attachment_rows() == [] and stored_files(files) == []
    upload(client, request, tiny_pdf(), "small.pdf")
    assert [row.original_name for row in attachment_rows()] == ["small.pdf"]


@pytest.mark.parametrize(("sent", "shown"), [("../../etc/passwd", "passwd"), ("invoice\u202efdp.exe", "invoicefdp.exe")])
def test_a_hostile_file_name_is_shown_cleaned_and_never_used_on_disk(rakeen, client, files, sent, shown):
    request = make_request()
    login(client, "staff")
    upload(client, request, tiny_pdf(), sent)
    [row] = attachment_rows()
    assert row.original_name == shown
    assert RANDOM_NAME.fullmatch(row.stored_name)
    assert stored_files(files) == [files / row.stored_name]


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ("..\\..\\windows\\win.ini", "win.ini"),
        ("line\nbreak\x00.pdf", "linebreak.pdf"),
        ("\u2067شهادة\u2069\u200f.pdf", "شهادة.pdf"),
        ("../", "file"),
        ("", "file"),
        (None, "file"),
        ("ا" * 300 + ".pdf", "ا" * 251 + ".pdf"),
    ],
)
def test_display_names_keep_no_folders_controls_or_direction_overrides(sent, shown):
    assert display_name(sent) == shown


def test_staff_downloads_the_bytes_as_an_attachment_and_it_is_recorded(rakeen, client):
    request = make_request()
    row = attach(request, tiny_png(), "صورة الهوية.png")
    login(client, "staff")
    response = client.get(f"/attachments/{row.id}")
    assert response.status_code == 200
    assert response.data == tiny_png()
    assert response.mimetype == "image/png"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response.headers["Cache-Control"]
    [entry] = audit("download")
    assert (entry.entity_id, entry.note, entry.actor_id) == (request.id, "صورة الهوية.png", user("staff").id)


def test_a_download_never_keeps_an_extension_that_would_open_it_as_a_page(rakeen, client):
    row = attach(make_request(), tiny_pdf(), "statement.html")
    login(client, "staff")
    response = client.get(f"/attachments/{row.id}")
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].replace('"', "").endswith("filename=statement.html.pdf")


def test_an_admin_cannot_download_applicants_files_and_nothing_is_recorded(rakeen, client):
    row = attach(make_request())
    login(client, "admin")
    assert client.get(f"/attachments/{row.id}").status_code == 403
    assert audit("download") == []


def test_the_manager_may_download(rakeen, client):
    row = attach(make_request())
    login(client, "manager")
    assert client.get(f"/attachments/{row.id}").status_code == 200


def test_a_committee_member_reads_files_only_once_the_request_is_before_the_committee(rakeen, client):
    received = attach(make_request("received"))
    submitted = attach(make_request("submitted"))
    login(client, "committee")
    assert client.get(f"/attachments/{received.id}").status_code == 403
    assert client.get(f"/attachments/{submitted.id}").status_code == 200
    assert [entry.entity_id for entry in audit("download")] == [submitted.request_id]


def test_a_researcher_reads_files_only_through_a_referral_to_him_or_the_shared_queue(rakeen, app):
    other = User(username="researcher2", full_name="باحث آخر", role="researcher")
    other.set_password("another-password")
    db.session.add(other)
    reason = db.session.scalar(db.select(ReferralReason).limit(1))
    requests = {key: make_request() for key in ("mine", "shared", "other", "none")}
    owners = {"mine": user("researcher"), "shared": None, "other": other}
    db.session.add_all(
        Referral(applicant=requests[key].applicant, request=requests[key], reason=reason, questions="؟", researcher=owner)
        for key, owner in owners.items()
    )
    db.session.commit()
    rows = {key: attach(request) for key, request in requests.items()}
    client = as_user(app, "researcher")
    status = {key: client.get(f"/attachments/{row.id}").status_code for key, row in rows.items()}
    assert status == {"mine": 200, "shared": 200, "other": 403, "none": 403}


def test_a_missing_attachment_is_404(rakeen, client):
    login(client, "staff")
    assert client.get("/attachments/999999").status_code == 404


def test_a_download_needs_a_login(rakeen, client):
    row = attach(make_request())
    response = client.get(f"/attachments/{row.id}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert audit("download") == []


@pytest.mark.parametrize("role", ["committee", "researcher", "manager", "admin"])
def test_only_relations_staff_may_upload(rakeen, client, files, role):
    request = make_request("submitted")
    login(client, role)
    assert upload(client, request, tiny_pdf(), "x.pdf").status_code == 403
    assert attachment_rows() == [] and stored_files(files) == [] and audit("upload") == []


def test_an_upload_without_the_form_token_is_refused(rakeen, client, files):
    request = make_request()
    login(client, "staff")
    response = client.post(f"/requests/{request.id}/attachments", data={"file": (io.BytesIO(tiny_pdf()), "x.pdf")})
    assert response.status_code == 400
    assert attachment_rows() == [] and stored_files(files) == []


def test_a_file_is_removed_again_when_the_database_refuses_the_row(rakeen, files, monkeypatch):
    request = make_request()

    def fail() -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(db.session, "commit", fail)
    with pytest.raises(RuntimeError):
        attach(request)
    monkeypatch.undo()
    assert stored_files(files) == [] and attachment_rows() == []


@pytest.mark.parametrize("name", ["../secret_key", "x.pdf", "0" * 32 + ".html", "0" * 32 + ".pdf/../x", "0" * 31 + ".pdf"])
def test_only_names_the_store_made_can_be_opened(rakeen, name):
    with pytest.raises(ValueError):
        storage.path_of(name)


def test_the_panel_links_each_file_and_offers_the_form_only_to_uploaders(rakeen, app):
    from flask import render_template_string

    request = make_request()
    row = attach(request, tiny_png(), "هوية.png")
    template = (
        "{% import 'admin/_attachments.html' as files with context %}"
        "{{ files.attachments_panel(service_request, attachments, can_upload, 'token-123') }}"
    )
    with app.test_request_context():
        with_form = render_template_string(template, service_request=request, attachments=[row], can_upload=True)
        read_only = render_template_string(template, service_request=request, attachments=[row], can_upload=False)
    assert f'href="/attachments/{row.id}"' in with_form and "هوية.png" in with_form
    assert 'enctype="multipart/form-data"' in with_form and 'accept=".pdf,.jpg,.jpeg,.png"' in with_form
    assert 'name="csrf_token" value="token-123"' in with_form
    assert all(f'value="{item.id}"' in with_form for item in request.service_type.required_items)
    assert "<form" not in read_only and f'href="/attachments/{row.id}"' in read_only
    assert "<script" not in with_form and not re.search(r"\son[a-z]+=", with_form)
