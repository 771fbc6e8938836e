"""A backup restores the data and the attachments exactly as they were, on each backend."""
from __future__ import annotations

from models import Applicant
from models.base import db
from tests.factories import make_applicant


def test_backup_and_restore_round_trip(app, rakeen, tmp_path):
    attachments = tmp_path / "attachments"
    attachments.mkdir()
    app.config["SILA_ATTACHMENTS_DIR"] = str(attachments)
    (attachments / "a1b2.pdf").write_bytes(b"%PDF-1.4 original")
    kept = make_applicant(city="جدة")
    kept_id = kept.id

    runner = app.test_cli_runner()
    result = runner.invoke(args=["backup", str(tmp_path / "backups")])
    assert result.exit_code == 0, result.output
    folder = next((tmp_path / "backups").iterdir())

    kept.city = "الطائف"
    make_applicant(first_name="لاحق")
    db.session.commit()
    (attachments / "a1b2.pdf").unlink()

    refused = runner.invoke(args=["restore", str(folder)])
    assert refused.exit_code != 0 and db.session.scalar(db.select(db.func.count()).select_from(Applicant)) == 2

    result = runner.invoke(args=["restore", str(folder), "--yes"])
    assert result.exit_code == 0, result.output
    db.session.remove()
    assert db.session.scalar(db.select(db.func.count()).select_from(Applicant)) == 1
    assert db.session.get(Applicant, kept_id).city == "جدة"
    assert (attachments / "a1b2.pdf").read_bytes() == b"%PDF-1.4 original"
