"""A closed meeting's minutes are rendered by a background job and stored; the download serves them."""
from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa

from models.base import db
from models.committee import Meeting
from models.stored_document import DocumentKind, StoredDocument
from sila.committee import meetings
from sila.core.pdf import stored
from sila.jobs.registry import job_named
from sila.jobs.runs import run_job
from tests.committee.test_committee import _held, _submitted, _user
from tests.committee.test_letter_jobs import migrated_postgres  # noqa: F401 - a fixture
from tests.conftest import login, post_form


def _no_rendering(*_args: object, **_kwargs: object) -> bytes:
    raise AssertionError("a web request rendered a PDF")


@pytest.fixture()
def rendering(monkeypatch: pytest.MonkeyPatch) -> Callable[[bool], None]:
    """rendering(False): rendering minutes or a batch report fails loudly; rendering(True): the real one again."""
    from sila.aid import batch_report
    from sila.committee import minutes

    real = {minutes: minutes.render_pdf, batch_report: batch_report.render_pdf}

    def allow(allowed: bool) -> None:
        for module, function in real.items():
            monkeypatch.setattr(module, "render_pdf", function if allowed else _no_rendering)

    allow(False)
    return allow


def test_closing_a_meeting_commits_and_leaves_its_minutes_to_the_job(rakeen, app, client, rendering):
    meeting, _items = _held([_user("committee"), _user("committee2")], [_submitted()])
    login(client, "staff")
    page = f"/admin/meetings/details/?id={meeting.id}"
    minutes_url = f"/admin/meetings/minutes/{meeting.id}.pdf"
    response = post_form(client, f"/admin/meetings/meeting/{meeting.id}/close", {}, token_from=page)
    assert response.status_code == 302
    assert db.session.get(Meeting, meeting.id).status == "closed"
    assert stored.stored(DocumentKind.minutes, meeting.id) is None

    screen = client.get(page).get_data(as_text=True)
    assert "قيد الإعداد" in screen and minutes_url not in screen
    early = client.get(minutes_url)
    assert early.status_code == 302, "no PDF yet: back to the meeting with a message, nothing rendered"
    assert "محضر الاجتماع قيد الإعداد" in client.get(page).get_data(as_text=True)

    rendering(True)
    assert run_job(job_named(app.config, "render_documents")) is True
    data = stored.stored(DocumentKind.minutes, meeting.id)
    assert data.startswith(b"%PDF")
    rendering(False)
    download = client.get(minutes_url)
    assert download.status_code == 200 and download.data == data, "the download serves what the job stored"
    assert minutes_url in client.get(page).get_data(as_text=True)
    assert stored.render_pending() == (0, 0), "stored minutes are not rendered again"


def test_an_open_meetings_minutes_are_a_draft_rendered_when_asked_and_never_stored(rakeen, client, rendering):
    meeting, _items = _held([_user("committee")], [_submitted()])
    rendering(True)
    login(client, "staff")
    draft = client.get(f"/admin/meetings/minutes/{meeting.id}.pdf")
    assert draft.status_code == 200 and draft.data.startswith(b"%PDF")
    assert db.session.scalar(db.select(db.func.count(StoredDocument.id))) == 0
    assert stored.render_pending() == (0, 0), "nothing is due before the meeting closes"


def test_meetings_closed_before_this_version_are_found_and_rendered_by_the_job(rakeen, rendering):
    meeting, _items = _held([_user("committee")], [_submitted()])
    meetings.close_meeting(meeting.id, _user("staff"))
    db.session.execute(db.delete(StoredDocument))
    db.session.commit()
    rendering(True)
    assert stored.render_pending() == (1, 0)
    assert stored.stored(DocumentKind.minutes, meeting.id).startswith(b"%PDF")


def test_a_render_overtaken_by_a_change_does_not_store_its_stale_pdf(rakeen, rendering, monkeypatch):
    meeting, _items = _held([_user("committee")], [_submitted()])
    meetings.close_meeting(meeting.id, _user("staff"))

    def render_while_it_changes(meeting_id: int) -> bytes:
        stored.ask_for(DocumentKind.minutes, meeting_id)
        db.session.commit()
        return b"%PDF stale"

    kinds = stored._kinds()
    monkeypatch.setattr(stored, "_kinds", lambda: {
        **kinds, DocumentKind.minutes: stored.Kind(render_while_it_changes, kinds[DocumentKind.minutes].final,
                                                   kinds[DocumentKind.minutes].naming)})
    assert stored.render(DocumentKind.minutes, meeting.id) is False
    assert stored.stored(DocumentKind.minutes, meeting.id) is None, "asked for again: the next run renders it"


def _queued() -> list[tuple[str, dict]]:
    return [tuple(row) for row in db.session.execute(sa.text(
        "SELECT task_name, args FROM procrastinate.procrastinate_jobs WHERE task_name = 'sila.render_document'"))]


def test_on_postgresql_closing_defers_the_minutes_in_the_same_transaction(migrated_postgres, rendering):  # noqa: F811
    from sila.jobs.worker import QUEUE, queue_app

    meeting, _items = _held([_user("committee")], [_submitted()])
    meetings.close_meeting(meeting.id, _user("staff"))
    assert _queued() == [("sila.render_document", {"kind": "minutes", "subject_id": meeting.id})]

    rendering(True)
    queue_app(migrated_postgres).run_worker(queues=[QUEUE], wait=False, install_signal_handlers=False)
    db.session.expire_all()
    assert stored.stored(DocumentKind.minutes, meeting.id).startswith(b"%PDF"), "a worker rendered them"
