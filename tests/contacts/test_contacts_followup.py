"""Contacts: inquiries closed by their answer, suggestions and complaints followed up to an outcome."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask_babel import gettext
from markupsafe import escape

from models import AuditEntry, Channel, Contact, User
from models.base import db
from sila.contacts import rules as contacts
from sila.core.dates import today
from sila.core.errors import Refused
from tests.conftest import login, post_form

ROLE_REFUSED = "لا يسمح بهذه الخطوة"


def _user(username: str) -> User:
    return db.session.scalar(db.select(User).where(User.username == username))


def _channel(code: str | None = None) -> Channel:
    query = db.select(Channel).order_by(Channel.position).limit(1)
    if code is not None:
        query = db.select(Channel).where(Channel.code == code)
    return db.session.scalar(query)


def _suggestion(**overrides: object) -> Contact:
    contact = contacts.log(_user("staff"), "suggestion", _channel().id, "اقتراح بتمديد ساعات الاستقبال")
    for name, value in overrides.items():
        setattr(contact, name, value)
    db.session.commit()
    return contact


def _step(client, contact: Contact, step: str, data: dict | None = None):  # type: ignore[no-untyped-def]
    return post_form(client, f"/admin/contacts/step/{contact.id}/{step}", data or {},
                     token_from=f"/admin/contacts/details/?id={contact.id}", follow_redirects=True)


def _said(client, page: str, msgid: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the page shows this message, in whatever language the catalog gives it now."""
    with client.application.test_request_context():
        return escape(gettext(msgid)) in page


def _actions(contact: Contact) -> list[str]:
    return list(db.session.scalars(
        db.select(AuditEntry.action)
        .where(AuditEntry.entity_type == "contact", AuditEntry.entity_id == contact.id)
        .order_by(AuditEntry.id)
    ))


def test_a_suggestion_is_logged_studied_and_closed_by_its_owner_through_the_screen(rakeen, client):
    login(client, "staff")
    form_url = "/admin/contacts/new/"
    due = today() + timedelta(days=10)
    response = post_form(client, form_url, {
        "kind": "suggestion", "channel": str(_channel().id), "summary": "اقتراح بتوفير موعد مسائي",
        "answer": "", "minutes_spent": "5", "owner": "__None", "due_on": "",
    }, token_from=form_url)
    assert response.status_code == 302
    contact = db.session.scalar(db.select(Contact))
    assert response.headers["Location"].endswith(f"/admin/contacts/details/?id={contact.id}")
    assert (contact.status, contact.staff.username, contact.minutes_spent) == ("open", "staff", 5)

    page = _step(client, contact, "start_study").get_data(as_text=True)
    assert _said(client, page, "Give the follow-up an owner and a due date before studying it.")
    assert db.session.get(Contact, contact.id).status == "open"

    _step(client, contact, "assign", {"owner": str(_user("staff").id)})
    hijri = "/".join(str(part) for part in _hijri_parts(due))
    _step(client, contact, "set_due", {"due_on": hijri})
    fresh = db.session.get(Contact, contact.id)
    assert (fresh.owner.username, fresh.due_on) == ("staff", due)

    _step(client, contact, "start_study")
    assert db.session.get(Contact, contact.id).status == "under_study"
    details = client.get(f"/admin/contacts/details/?id={contact.id}").get_data(as_text=True)
    assert 'name="outcome"' in details and "هـ" in details

    page = _step(client, contact, "close", {"outcome": "   "}).get_data(as_text=True)
    assert _said(client, page, "Write the outcome before closing.")
    assert db.session.get(Contact, contact.id).status == "under_study"

    _step(client, contact, "close", {"outcome": "اعتُمد الدوام المسائي يوم الثلاثاء"})
    closed = db.session.get(Contact, contact.id)
    assert (closed.status, closed.outcome) == ("closed", "اعتُمد الدوام المسائي يوم الثلاثاء")
    assert closed.closed_at is not None
    assert _actions(contact) == ["log", "assign", "set_due", "start_study", "close"]


def _hijri_parts(day: date) -> tuple[int, int, int]:
    from sila.core.dates import to_hijri

    hijri = to_hijri(day)
    return hijri.day, hijri.month, hijri.year


def test_an_inquiry_logged_with_its_answer_is_closed_at_once_and_one_without_waits_for_it(rakeen, client):
    staff = _user("staff")
    answered = contacts.log(staff, "inquiry", _channel().id, "متى يفتح التسجيل؟", answer="في بداية الشهر", minutes_spent=3)
    assert (answered.status, answered.closed_at is not None) == ("closed", True)
    waiting = contacts.log(staff, "follow_up", _channel().id, "متابعة طلب سابق")
    assert waiting.status == "open"

    login(client, "staff")
    details = client.get(f"/admin/contacts/details/?id={waiting.id}").get_data(as_text=True)
    assert 'name="answer"' in details and 'name="outcome"' not in details
    _step(client, waiting, "answer", {"answer": "الطلب لدى اللجنة", "minutes_spent": "4"})
    fresh = db.session.get(Contact, waiting.id)
    assert (fresh.status, fresh.answer, fresh.minutes_spent) == ("closed", "الطلب لدى اللجنة", 4)
    assert _actions(waiting) == ["log", "answer"]
    with pytest.raises(Refused):
        contacts.start_study(waiting.id, staff)


def test_closing_without_an_outcome_or_by_someone_else_is_refused_and_changes_nothing(rakeen):
    staff, other = _user("staff"), _user("staff2")
    contact = _suggestion()
    with pytest.raises(Refused):
        contacts.start_study(contact.id, staff)  # neither owner nor due date yet
    with pytest.raises(Refused):
        contacts.set_due(contact.id, staff, (today() - timedelta(days=1)).strftime("%d/%m/%Y"))
    with pytest.raises(Refused):
        contacts.set_due(contact.id, staff, "32/13/2026")
    with pytest.raises(Refused):
        contacts.assign(contact.id, staff, _user("manager").id)  # owners are relations staff
    contacts.assign(contact.id, staff, staff.id)
    contacts.set_due(contact.id, staff, today() + timedelta(days=3))
    with pytest.raises(Refused):
        contacts.close(contact.id, staff, "نتيجة")  # still open, not under study
    contacts.start_study(contact.id, staff)
    with pytest.raises(Refused):
        contacts.close(contact.id, staff, "  ")
    with pytest.raises(Refused):
        contacts.close(contact.id, other, "نتيجة")
    with pytest.raises(Refused, match=ROLE_REFUSED):
        contacts.close(contact.id, _user("manager"), "نتيجة")
    fresh = db.session.get(Contact, contact.id)
    assert (fresh.status, fresh.outcome) == ("under_study", None)
    assert _actions(contact) == ["log", "assign", "set_due", "start_study"]


def test_managers_read_but_take_no_step_and_researchers_and_committee_get_403(rakeen, client):
    contact = _suggestion()
    login(client, "manager")
    details = client.get(f"/admin/contacts/details/?id={contact.id}")
    assert details.status_code == 200 and "/step/" not in details.get_data(as_text=True)
    assert post_form(client, f"/admin/contacts/step/{contact.id}/assign",
                     {"owner": str(_user("staff").id)}).status_code == 403
    assert client.get("/admin/contacts/new/").status_code == 403
    post_form(client, "/logout", {})
    for username in ("researcher", "committee"):
        login(client, username)
        assert client.get("/admin/contacts/").status_code == 403
        assert post_form(client, f"/admin/contacts/step/{contact.id}/assign",
                         {"owner": str(_user("staff").id)}).status_code == 403
        post_form(client, "/logout", {})
    assert db.session.get(Contact, contact.id).owner_id is None
    assert _actions(contact) == ["log"]


def test_a_logged_contact_is_not_edited_behind_the_steps(rakeen, client):
    contact = _suggestion()
    login(client, "staff")
    assert client.get(f"/admin/contacts/edit/?id={contact.id}").status_code == 403
    response = post_form(client, f"/admin/contacts/edit/?id={contact.id}", {"status": "closed", "outcome": "x"})
    assert response.status_code == 403
    assert db.session.get(Contact, contact.id).status == "open"


def test_overdue_follow_ups_are_marked_and_found_by_the_list_filter(rakeen, client):
    staff = _user("staff")
    late = _suggestion(summary="متأخرووو", owner_id=staff.id, due_on=today() - timedelta(days=2))
    _suggestion(summary="في الموعدووو", owner_id=staff.id, due_on=today() + timedelta(days=2))
    _suggestion(summary="مغلقووو", owner_id=staff.id, due_on=today() - timedelta(days=5), status="closed")
    contacts.log(staff, "inquiry", _channel().id, "استفسارووو")
    assert db.session.scalar(db.select(db.func.count()).select_from(Contact).where(
        contacts.overdue_condition(today()))) == 1

    login(client, "staff")
    listing = client.get("/admin/contacts/").get_data(as_text=True)
    assert listing.count("sila-overdue") == 1
    filtered = _filtered(client, "overdue", "1")
    assert "متأخرووو" in filtered
    assert all(text not in filtered for text in ("في الموعدووو", "مغلقووو", "استفسارووو"))
    details = client.get(f"/admin/contacts/details/?id={late.id}").get_data(as_text=True)
    assert "sila-overdue" in details

    by_owner = _filtered(client, "owner_id", str(staff.id))
    assert "متأخرووو" in by_owner and "استفسارووو" not in by_owner


def _filtered(client, column: str, value: str) -> str:  # type: ignore[no-untyped-def]
    """The list page with one filter applied, its URL argument built as the list's filter menu builds it."""
    view = next(view for view in client.application.extensions["admin"][0]._views if view.endpoint == "contacts")
    with client.application.test_request_context():
        index, flt = next((i, flt) for i, flt in enumerate(view._filters) if _column(flt) == column)
        arg = view.get_filter_arg(index, flt)
    return client.get(f"/admin/contacts/?flt0_{arg}={value}").get_data(as_text=True)


def _column(flt) -> str:  # type: ignore[no-untyped-def]
    from sila.contacts.screen import OverdueFilter

    return "overdue" if isinstance(flt, OverdueFilter) else flt.column.key


def test_contacts_sent_through_the_portal_show_in_the_log(rakeen, client):
    website = _channel("website")
    db.session.add(Contact(kind="complaint", channel_id=website.id, summary="شكوى من الموقعووو",
                           contact_name="زائر", status="open"))
    db.session.commit()
    login(client, "staff")
    listing = _filtered(client, "kind", "complaint")
    assert "شكوى من الموقعووو" in listing and website.name in listing
