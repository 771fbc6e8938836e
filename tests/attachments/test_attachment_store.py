"""Attachments kept in the database: no shared disk needed, same checks, in the backup."""
from __future__ import annotations

import pytest

from models import AttachmentBlob
from models.base import db
from tests.attachments.test_attachments import attach, attachment_rows, stored_files, tiny_pdf
from tests.conftest import login
from tests.factories import make_request


@pytest.fixture(autouse=True)
def database_store(app, files):  # type: ignore[no-untyped-def]
    app.config["SILA_ATTACHMENTS_STORE"] = "database"


@pytest.fixture()
def files(app, tmp_path):  # type: ignore[no-untyped-def]
    folder = tmp_path / "attachments"
    app.config["SILA_ATTACHMENTS_DIR"] = str(folder)
    return folder


def test_an_upload_lands_in_the_database_not_on_disk(rakeen, app, files):
    request, data = make_request(), tiny_pdf()
    row = attach(request, data)
    assert stored_files(files) == []
    assert db.session.get(AttachmentBlob, row.stored_name).data == data
    client = login(app.test_client(), "staff")
    response = client.get(f"/attachments/{row.id}")
    assert response.status_code == 200 and response.data == data


def test_a_failed_upload_leaves_no_bytes(rakeen, monkeypatch):
    request = make_request()

    def fail() -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(db.session, "commit", fail)
    with pytest.raises(RuntimeError):
        attach(request)
    monkeypatch.undo()
    assert attachment_rows() == [] and db.session.scalar(db.select(db.func.count(AttachmentBlob.stored_name))) == 0


def test_the_backup_holds_database_attachments(rakeen, app, tmp_path):
    request, data = make_request(), tiny_pdf()
    stored_name = attach(request, data).stored_name
    runner = app.test_cli_runner()
    assert runner.invoke(args=["backup", str(tmp_path / "backups")]).exit_code == 0
    folder = next((tmp_path / "backups").iterdir())
    db.session.execute(db.delete(AttachmentBlob))
    db.session.commit()
    assert runner.invoke(args=["restore", str(folder), "--yes"]).exit_code == 0
    db.session.remove()
    assert db.session.get(AttachmentBlob, stored_name).data == data
