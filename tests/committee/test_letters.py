"""Editable letter and message texts, and the Arabic decision letter as a PDF."""
from __future__ import annotations

import html
import re

import pypdfium2
import pytest
from flask import render_template
from flask_babel import force_locale

from models import AuditEntry, ServiceRequest, User
from models.base import db, utcnow
from models.committee import Decision
from models.enums import DecisionOutcome, NotificationEvent
from models.text_template import TextTemplate
from sila.committee import letters
from sila.committee.letter_jobs import render_pending
from sila.core.errors import InvalidValue
from sila.settings.presets import PRESETS
from sila.settings.presets.seed import apply_preset
from sila.settings.texts.defaults import KEYS
from sila.settings.texts.placeholders import UNKNOWN, allowed_placeholders, check_text, fill
from sila.settings.texts.store import render_text, text_for
from tests.conftest import login, post_form
from tests.factories import make_request
from tests.web.test_arabic_pages import untranslated

REASON = "الدخل يتجاوز الحد المعتمد"


def _user(username: str) -> User:
    return db.session.scalar(db.select(User).where(User.username == username))


def _decided(outcome: str, reason: str | None = None) -> Decision:
    request = make_request(outcome)
    request.decided_at = utcnow()
    decision = Decision(request_id=request.id, outcome=outcome, reason=reason, decided_by_id=_user("committee").id)
    db.session.add(decision)
    db.session.commit()
    return decision


def _template(kind: str, key: str) -> TextTemplate:
    return db.session.scalar(db.select(TextTemplate).filter_by(kind=kind, key=key))


def _pdf_text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    text = document[0].get_textpage().get_text_range()
    return re.sub(r"\s+", " ", text)


def _not_blank(data: bytes) -> bool:
    image = pypdfium2.PdfDocument(data)[0].render(scale=1).to_pil().convert("L")
    dark = sum(image.histogram()[:128])
    return dark > 2000


def _edit_url(row: TextTemplate) -> str:
    return f"/admin/text_templates/edit/?id={row.id}"


@pytest.mark.parametrize("preset, person", [("rakeen", "المستفيد"), ("health-coop", "العضو")])
def test_every_letter_and_message_has_a_default_in_the_presets_vocabulary(app, preset, person):
    apply_preset(PRESETS[preset])
    apply_preset(PRESETS[preset])
    rows = db.session.scalars(db.select(TextTemplate)).all()
    assert {(row.kind, row.key) for row in rows} == set(KEYS)
    # A message to a group has no default: the staff member who sends it writes it (sila/outbox/group_messages.py).
    assert len(rows) == len(DecisionOutcome) + len(NotificationEvent) - 1
    for row in rows:
        check_text(row.kind, row.key, row.subject)
        check_text(row.kind, row.key, row.body)
        assert re.search(r"[\u0600-\u06FF]", row.body)
        if row.kind == "message":
            assert person in row.body and len(row.body) <= 200
    assert person in _template("letter", "accepted").body


def test_seeding_again_keeps_what_the_admin_edited(rakeen):
    row = _template("message", "received")
    row.body = "نص معدّل {number}"
    db.session.commit()
    apply_preset(PRESETS["rakeen"])
    assert _template("message", "received").body == "نص معدّل {number}"
    assert text_for("message", "received") == (row.subject, "نص معدّل {number}")


def test_placeholders_are_checked_and_filled_safely(app):
    with pytest.raises(InvalidValue):
        check_text("message", "received", "رقم {nmae}")
    with pytest.raises(InvalidValue):
        check_text("message", "received", "رقم {number")
    with pytest.raises(InvalidValue):
        check_text("message", "received", "رقم {number.__class__}")
    with pytest.raises(InvalidValue):
        check_text("message", "received", "رقم {number!r}")
    with pytest.raises(InvalidValue):
        check_text("message", "received", "رقم {survey_link}")
    with pytest.raises(InvalidValue):
        check_text("message", "received", "رقم {رابط_الاستبيان}")
    check_text("message", "survey", "الرابط {رابط_الاستبيان}")
    assert fill("رقم {رقم_الطلب} {السبب}", {"number": "0000007"}) == "رقم 0000007 "
    assert fill("{number.__class__}", {"number": "1"}) == "{number.__class__}"
    assert "السبب" in dict(allowed_placeholders("letter", "rejected"))
    assert "السبب" not in dict(allowed_placeholders("letter", "accepted"))


def test_a_text_saved_with_the_old_english_placeholders_still_renders(rakeen):
    row = _template("message", "received")
    row.subject, row.body = "استلام الطلب {number}", "عزيزنا {name}، استلمت {organization} طلبكم {number}."
    db.session.commit()
    check_text(row.kind, row.key, row.body)
    subject, body = render_text("message", "received", {"name": "أحمد", "number": "0000012"})
    assert subject == "استلام الطلب 0000012"
    assert body == f"عزيزنا أحمد، استلمت {rakeen.name} طلبكم 0000012."


def test_admins_are_offered_the_arabic_placeholder_names_only(rakeen, client):
    row = _template("letter", "rejected")
    login(client, "admin")
    page = client.get(_edit_url(row)).get_data(as_text=True)
    for arabic, english in (("رقم_الطلب", "number"), ("اسم_الجمعية", "organization"), ("السبب", "reason")):
        assert "{" + arabic + "}" in page and "{" + english + "}" not in page
    details = client.get(f"/admin/text_templates/details/?id={row.id}").get_data(as_text=True)
    assert '<code dir="auto">{رقم_الطلب}</code>' in details and "{number}" not in details


def test_render_text_fills_the_standard_values(rakeen):
    subject, body = render_text("message", "submitted", {"name": "أحمد", "number": "0000012", "earliest_answer": "غدًا"})
    assert subject == "رفع طلبكم رقم 0000012 إلى لجنة البحث"
    assert "أحمد" in body and "0000012" in body and "غدًا" in body and rakeen.name in body


def test_an_unknown_placeholder_is_refused_beside_the_field_and_nothing_saved(rakeen, client):
    row = _template("letter", "accepted")
    before = (row.subject, row.body, row.version)
    login(client, "admin")
    page = client.get(_edit_url(row)).get_data(as_text=True)
    assert "{رقم_الخطاب}" in page and "{السبب}" not in page
    response = post_form(client, _edit_url(row), {"subject": row.subject, "body": "نفيدكم {nmae} بالقبول"},
                         token_from=_edit_url(row))
    assert response.status_code == 200
    with force_locale("ar"):
        allowed = "، ".join("{" + name + "}" for name, _ in allowed_placeholders("letter", "accepted"))
        assert "{رقم_الطلب}" in allowed and "{number}" not in allowed
        expected = str(UNKNOWN % {"name": "nmae", "allowed": allowed})
    assert html.escape(expected, quote=False) in response.get_data(as_text=True).replace("&#34;", '"')
    db.session.expire_all()
    row = _template("letter", "accepted")
    assert (row.subject, row.body, row.version) == before and row.updated_by_id is None

    response = post_form(client, _edit_url(row), {"subject": "قبول {رقم_الطلب", "body": row.body}, token_from=_edit_url(row))
    assert response.status_code == 200
    assert _template("letter", "accepted").subject == before[0]


def test_a_valid_edit_is_used_in_the_next_letter(app, rakeen, client):
    decision = _decided("accepted")
    row = _template("letter", "accepted")
    login(client, "admin")
    response = post_form(
        client, _edit_url(row),
        {"subject": "بشرى قبول الطلب {رقم_الطلب}", "body": "نرجو مراجعة مقر الجمعية صباحا مع الهوية.\n{الاسم}"},
        token_from=_edit_url(row),
    )
    assert response.status_code == 302
    row = _template("letter", "accepted")
    assert row.subject == "بشرى قبول الطلب {رقم_الطلب}" and row.updated_by_id == _user("admin").id
    render_pending()
    client = app.test_client()
    login(client, "staff")
    response = client.get(f"/admin/decisions/letter/{decision.id}.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    text = _pdf_text(response.data)
    assert "مراجعة مقر الجمعية صباحا" in text and decision.request.number in text


def test_manager_reads_the_texts_but_only_the_admin_edits(app, rakeen, client):
    row = _template("message", "decided")
    login(client, "manager")
    for url in ("/admin/text_templates/", f"/admin/text_templates/details/?id={row.id}"):
        page = client.get(url)
        assert page.status_code == 200
        assert "<code dir=\"auto\">{رقم_الطلب}</code>" in page.get_data(as_text=True)
        assert not {"number", "name", "organization"} & untranslated(page.get_data(as_text=True))[1]
    assert client.get(_edit_url(row)).status_code == 403
    assert post_form(client, _edit_url(row), {"body": "x"}).status_code == 403
    assert client.get("/admin/text_templates/new/").status_code == 403
    client = app.test_client()
    login(client, "staff")
    assert client.get("/admin/text_templates/").status_code == 403


def test_accepted_and_rejected_letters_are_arabic_pdfs(rakeen):
    accepted = _decided("accepted")
    rejected = _decided("rejected", REASON)
    data = letters.decision_letter_pdf(accepted.id)
    assert data.startswith(b"%PDF") and _not_blank(data)
    text = _pdf_text(data)
    assert accepted.request.number in text and letters.letter_reference(accepted) in text
    assert "وقررت قبوله" in text
    data = letters.decision_letter_pdf(rejected.id)
    assert data.startswith(b"%PDF") and _not_blank(data)
    text = _pdf_text(data)
    assert rejected.request.number in text and "واعتذرت عن قبوله" in text and REASON in text
    assert letters.letter_reference(rejected) == f"{rejected.request.number}-{rejected.id}"


def test_markup_in_the_reason_is_printed_as_text(rakeen, monkeypatch):
    decision = _decided("rejected", "<script>alert(1)</script><b>غير مكتمل</b>")
    pages: list[str] = []

    def capture(template: str, **context: object) -> bytes:
        pages.append(render_template(f"pdf/{template}", **context))
        return b""

    monkeypatch.setattr(letters, "render_pdf", capture)
    letters.decision_letter_pdf(decision.id)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[0] and "<script>" not in pages[0]
    assert "<b>غير" not in pages[0]
    monkeypatch.undo()
    assert "alert(1)" in _pdf_text(letters.decision_letter_pdf(decision.id))


@pytest.mark.parametrize("username, status", [
    ("staff", 200), ("committee", 200), ("manager", 200), ("researcher", 403), ("admin", 403),
])
def test_who_may_download_a_letter_and_each_download_is_audited(rakeen, client, username, status):
    decision = _decided("returned", "صورة الهوية غير واضحة")
    render_pending()
    login(client, username)
    response = client.get(f"/admin/decisions/letter/{decision.id}.pdf")
    assert response.status_code == status
    audits = db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "letter_download")).all()
    if status == 200:
        assert response.data.startswith(b"%PDF")
        assert [(a.entity_id, a.note, a.actor_id) for a in audits] == [
            (decision.request_id, letters.letter_reference(decision), _user(username).id)
        ]
    else:
        assert audits == []


def test_the_request_page_and_the_decisions_list_link_the_letter(rakeen, client):
    decision = _decided("rejected", REASON)
    undecided = make_request("received")
    render_pending()
    login(client, "staff")
    page = client.get(f"/admin/requests/details/?id={decision.request_id}").get_data(as_text=True)
    assert f"/admin/decisions/letter/request/{decision.request_id}.pdf" in page
    assert "decision-letter" not in client.get(f"/admin/requests/details/?id={undecided.id}").get_data(as_text=True)
    assert f"/admin/decisions/letter/{decision.id}.pdf" in client.get("/admin/decisions/").get_data(as_text=True)
    response = client.get(f"/admin/decisions/letter/request/{decision.request_id}.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert client.get(f"/admin/decisions/letter/request/{undecided.id}.pdf").status_code == 404
    assert client.get("/admin/decisions/letter/999999.pdf").status_code == 404
    assert db.session.get(ServiceRequest, decision.request_id).status == "rejected"
