"""The committee's decision commits without rendering its letter; a background job renders it, the download serves it."""
from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa

from app import create_app
from models import ServiceRequest
from models.base import db
from models.committee import Decision
from sila.committee import letter_jobs, letters
from sila.jobs.registry import job_named
from sila.jobs.runs import run_job
from tests.conftest import POSTGRES_URL, login, post_form
from tests.factories import make_request


def _no_rendering(*_args: object, **_kwargs: object) -> bytes:
    raise AssertionError("a web request rendered a PDF")


@pytest.fixture()
def rendering(monkeypatch: pytest.MonkeyPatch) -> Callable[[bool], None]:
    """rendering(False): any PDF rendering of a letter fails loudly; rendering(True): the real one again."""
    real = letters.render_pdf

    def allow(allowed: bool) -> None:
        monkeypatch.setattr(letters, "render_pdf", real if allowed else _no_rendering)

    allow(False)
    return allow


def _committee():  # type: ignore[no-untyped-def]
    from tests.committee.test_letters import _user

    return _user("committee")


def test_deciding_on_the_web_commits_the_decision_and_leaves_the_letter_to_the_job(rakeen, app, client, rendering):
    request = make_request("submitted")
    login(client, "committee")
    response = post_form(client, f"/admin/committee_queue/step/{request.id}/decide", {"outcome": "accepted"},
                         token_from=f"/admin/committee_queue/details/?id={request.id}")
    assert response.status_code == 302
    assert db.session.get(ServiceRequest, request.id).status == "accepted"
    decision = db.session.scalar(db.select(Decision).where(Decision.request_id == request.id))
    assert decision.letter_pdf is None and decision.letter_rendered_at is None

    staff = app.test_client()
    login(staff, "staff")
    page = staff.get(f"/admin/requests/details/?id={request.id}").get_data(as_text=True)
    assert "قيد الإعداد" in page and f"/admin/decisions/letter/request/{request.id}.pdf" not in page
    assert "قيد الإعداد" in staff.get("/admin/decisions/").get_data(as_text=True)
    early = staff.get(f"/admin/decisions/letter/{decision.id}.pdf")
    assert early.status_code == 302, "no PDF yet: back to the list with a message, nothing rendered"
    assert "خطاب القرار قيد الإعداد" in staff.get("/admin/decisions/").get_data(as_text=True)

    rendering(True)
    assert run_job(job_named(app.config, "render_letters")) is True
    db.session.expire_all()
    stored = db.session.get(Decision, decision.id).letter_pdf
    assert stored.startswith(b"%PDF")
    rendering(False)
    download = staff.get(f"/admin/decisions/letter/request/{request.id}.pdf")
    assert download.status_code == 200 and download.data == stored, "the download serves what the job stored"
    assert f"/admin/decisions/letter/request/{request.id}.pdf" in staff.get(
        f"/admin/requests/details/?id={request.id}").get_data(as_text=True)
    details = staff.get(f"/admin/decisions/details/?id={decision.id}")
    assert details.status_code == 200 and "PDF-1" not in details.get_data(as_text=True), "the bytes are not shown"


def test_the_letters_job_renders_each_missing_letter_once(rakeen, app):
    from sila.requests.transitions import decide

    for _ in range(2):
        decide(make_request("submitted").id, _committee(), "rejected", "الدخل فوق الحد")
    assert letter_jobs.render_pending(limit=1) == (1, 1), "a batch at a time; the rest waits for the next minute"
    assert letter_jobs.render_pending() == (1, 0)
    assert letter_jobs.render_pending() == (0, 0), "a stored letter is not rendered again"


@pytest.fixture()
def migrated_postgres(tmp_path):  # type: ignore[no-untyped-def]
    """A migrated PostgreSQL database (procrastinate's queue schema included), its app told to use workers."""
    if not POSTGRES_URL:
        pytest.skip("needs PostgreSQL (TEST_DATABASE_URL)")
    from flask_migrate import upgrade

    from sila.config import _normalized_database_url
    from sila.settings.presets import PRESETS
    from sila.settings.presets.demo import ensure_demo_users
    from sila.settings.presets.seed import apply_preset
    from tests.test_migrations import _fresh_database

    url, drop = _fresh_database(POSTGRES_URL, tmp_path)
    app = create_app({"SQLALCHEMY_DATABASE_URI": _normalized_database_url(url), "TESTING": True,
                      "SILA_JOBS": "worker", "SECRET_KEY": "letters"})
    try:
        with app.app_context():
            upgrade()
            apply_preset(PRESETS["rakeen"])
            ensure_demo_users()
            db.session.commit()
            yield app
            db.session.remove()
            db.engine.dispose()
    finally:
        drop()


def _queued() -> list[tuple[str, dict]]:
    return [tuple(row) for row in db.session.execute(sa.text(
        "SELECT task_name, args FROM procrastinate.procrastinate_jobs WHERE task_name = 'sila.render_letter'"))]


def test_on_postgresql_the_decision_defers_its_letter_in_the_same_transaction(migrated_postgres, rendering,
                                                                              monkeypatch):
    from sila.jobs.worker import QUEUE, queue_app
    from sila.requests import transitions

    decision = transitions.decide(make_request("submitted").id, _committee(), "accepted")
    assert _queued() == [("sila.render_letter", {"decision_id": decision.id})]

    def defer_then_fail(decision: Decision) -> None:
        letter_jobs.queue_letter(decision)
        raise RuntimeError("the database went away")

    monkeypatch.setattr(transitions, "queue_letter", defer_then_fail)
    failing = make_request("submitted")
    with pytest.raises(RuntimeError):
        transitions.decide(failing.id, _committee(), "accepted")
    db.session.rollback()
    assert db.session.get(ServiceRequest, failing.id).status == "submitted"
    assert len(_queued()) == 1, "a decision that rolled back deferred nothing"

    rendering(True)
    queue_app(migrated_postgres).run_worker(queues=[QUEUE], wait=False, install_signal_handlers=False)
    db.session.expire_all()
    assert db.session.get(Decision, decision.id).letter_pdf.startswith(b"%PDF"), "a worker rendered it"


def test_anonymizing_a_file_erases_its_stored_letters_and_the_job_renders_them_from_the_erased_file(rakeen, app):
    from sila.core.dates import today
    from sila.privacy.retention import apply, eligible
    from tests.privacy.test_retention import _people

    old_closed, request = _people(rakeen)
    letter_jobs.render_pending()
    decision = db.session.scalar(db.select(Decision).where(Decision.request_id == request.id))
    named = letter_jobs.stored_letter(decision.id)
    assert named.startswith(b"%PDF")
    found = eligible(today())
    assert old_closed.id in found.applicant_ids
    apply(today(), found.code)
    db.session.expire_all()
    assert letter_jobs.stored_letter(decision.id) is None, "the PDF naming him went with his identity"
    assert db.session.get(Decision, decision.id).letter_rendered_at is None
    assert letter_jobs.render_pending() == (1, 0)
    assert letters.letter_values(db.session.get(Decision, decision.id))["name"].startswith("محذوف")
    assert letter_jobs.stored_letter(decision.id) not in (None, named)
