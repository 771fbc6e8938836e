"""Every change that shapes decisions is in the audit log: who, when, which field, old → new.

Users and roles, the organization profile, committees and their rule, scoring
rules, letter texts and the household rows, made through the admin screens as
a logged-in administrator (or staff for a file), and the meeting's count.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from flask_babel import force_locale

from models import (
    AuditEntry,
    Committee,
    CommitteeMember,
    Decision,
    HouseholdMember,
    Organization,
    ScoreRule,
    TextTemplate,
    User,
)
from models.base import db
from sila.committee import meetings
from sila.core.audit.labels import action_label, entity_label, field_label, value_label
from sila.core.audit.recorder import audited_columns, declaration
from sila.requests import transitions
from tests.applicants.test_household import FormFields
from tests.conftest import login, post_form
from tests.factories import make_applicant, make_request


def _user(username: str) -> User:
    return db.session.scalar(db.select(User).where(User.username == username))


def _last_entry() -> int:
    """Where the log stands now, so a test reads only what its own step wrote."""
    return db.session.scalar(db.select(db.func.max(AuditEntry.id))) or 0


def _rows(entity: str, entity_id: int, after: int = 0, **where: str) -> list[AuditEntry]:
    query = db.select(AuditEntry).where(
        AuditEntry.entity_type == entity, AuditEntry.entity_id == entity_id, AuditEntry.id > after
    )
    for column, value in where.items():
        query = query.where(getattr(AuditEntry, column) == value)
    return list(db.session.scalars(query.order_by(AuditEntry.id)))


def _changes(entity: str, entity_id: int, after: int) -> dict[str, tuple[str | None, str | None, int | None]]:
    """The field updates of one record since `after`: field → (old, new, actor)."""
    return {
        row.field: (row.old_value, row.new_value, row.actor_id)
        for row in _rows(entity, entity_id, after, action="update")
    }


def _form(client, url: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The edit form's fields as a browser sends them back (which drops the newline opening a textarea)."""
    parser = FormFields()
    parser.feed(client.get(url).get_data(as_text=True))
    return {
        name: value.removeprefix("\r\n").removeprefix("\n")
        for name, value in parser.fields.items() if not name.startswith("_")
    }


def _audit_page(client) -> str:  # type: ignore[no-untyped-def]
    """The audit log screen's text, newest entries first."""
    return client.get("/admin/audit/?page_size=100").get_data(as_text=True)


def test_an_admin_changing_a_users_role_leaves_the_old_and_new_role_with_the_admin_as_actor(rakeen, client):
    staff, admin = _user("staff"), _user("admin")
    url = f"/admin/users/edit/?id={staff.id}"
    login(client, "admin")
    form = {**_form(client, url), "role": "manager", "is_active": "y"}
    mark = _last_entry()

    assert post_form(client, url, form, token_from=url).status_code == 302

    assert _changes("user", staff.id, mark) == {"role": ("staff", "manager", admin.id)}
    page = _audit_page(client)
    assert "المستخدم" in page and "الدور" in page and "موظف علاقات المستفيدين" in page and "المدير" in page


def test_a_password_change_is_recorded_without_the_hash(rakeen, client):
    staff, admin = _user("staff"), _user("admin")
    url = f"/admin/users/edit/?id={staff.id}"
    login(client, "admin")
    form = {**_form(client, url), "is_active": "y", "new_password": "نخيل-الأحساء-2026"}
    mark = _last_entry()

    assert post_form(client, url, form, token_from=url).status_code == 302

    db.session.refresh(staff)
    assert staff.check_password("نخيل-الأحساء-2026")
    assert _changes("user", staff.id, mark) == {"password_hash": (None, None, admin.id)}
    stored = " ".join(
        f"{row.old_value} {row.new_value} {row.note}" for row in db.session.scalars(db.select(AuditEntry))
    )
    assert "scrypt" not in stored
    page = _audit_page(client)
    assert "كلمة المرور" in page and "scrypt" not in page


def test_a_new_users_row_names_his_role_and_never_his_password(rakeen, client):
    login(client, "admin")
    mark = _last_entry()
    response = post_form(client, "/admin/users/new/", {
        "username": "samir", "full_name": "سمير", "role": "researcher", "is_active": "y",
        "new_password": "نخيل-الأحساء-2026",
    })
    assert response.status_code == 302
    samir = _user("samir")
    created = {row.field: row.new_value for row in _rows("user", samir.id, mark, action="create")}
    assert created == {"username": "samir", "full_name": "سمير", "role": "researcher", "is_active": "True",
                       "password_hash": None, "all_branches": "False"}


def test_the_organizations_response_days_and_retention_years_are_audited(rakeen, client):
    organization = db.session.scalar(db.select(Organization))
    before = (organization.id, organization.response_days, organization.retention_years, organization.scoring_enabled)
    url = f"/admin/organization/edit/?id={before[0]}"
    login(client, "admin")
    form = {**_form(client, url), "response_days": "30", "retention_years": "7"}
    if before[3]:
        form["scoring_enabled"] = "y"
    mark = _last_entry()

    assert post_form(client, url, form, token_from=url).status_code == 302

    admin = _user("admin").id
    assert _changes("organization", before[0], mark) == {
        "response_days": (str(before[1]), "30", admin),
        "retention_years": (None if before[2] is None else str(before[2]), "7", admin),
    }
    page = _audit_page(client)
    assert "بيانات الجمعية" in page and "مدة الاحتفاظ (بالسنوات)" in page


def test_a_change_made_after_a_commit_still_records_the_old_value(rakeen):
    organization = db.session.scalar(db.select(Organization))
    days = organization.response_days
    db.session.commit()
    mark = _last_entry()

    organization.response_days = days + 7
    db.session.commit()

    assert _changes("organization", organization.id, mark)["response_days"] == (str(days), str(days + 7), None)


def test_a_committees_quorum_rule_and_chair_changes_are_audited(rakeen, client):
    committee = db.session.scalar(db.select(Committee).order_by(Committee.id).limit(1))
    chair, second = _user("committee"), _user("committee2")
    rows = {row.user_id: row.id for row in db.session.scalars(db.select(CommitteeMember))}
    url = f"/admin/committees/edit/?id={committee.id}"
    form = {
        "name": committee.name, "decision_rule": "chair", "quorum": "3", "is_active": "y",
        "members-0-id": str(rows[chair.id]), "members-0-user": str(chair.id),
        "members-1-id": str(rows[second.id]), "members-1-user": str(second.id), "members-1-is_chair": "y",
    }
    login(client, "admin")
    mark = _last_entry()

    assert post_form(client, url, form, token_from=url).status_code == 302

    admin = _user("admin").id
    assert _changes("committee", committee.id, mark) == {
        "decision_rule": ("majority", "chair", admin), "quorum": ("2", "3", admin),
    }
    assert _changes("committee_member", rows[chair.id], mark) == {"is_chair": ("True", "False", admin)}
    assert _changes("committee_member", rows[second.id], mark) == {"is_chair": ("False", "True", admin)}
    page = _audit_page(client)
    assert "النصاب" in page and "قاعدة اتخاذ القرار" in page and "عضو اللجنة" in page


def test_a_scoring_rule_created_and_changed_is_audited(rakeen, client):
    login(client, "admin")
    form = {"service_type": "__None", "factor": "disabled_members", "low": "", "high": "", "code": "",
            "points": "5", "position": "9", "is_active": "y"}
    mark = _last_entry()
    assert post_form(client, "/admin/score_rules/new/", form, token_from="/admin/score_rules/new/").status_code == 302
    rule = db.session.scalar(db.select(ScoreRule).order_by(ScoreRule.id.desc()).limit(1))
    created = {row.field: row.new_value for row in _rows("score_rule", rule.id, mark, action="create")}
    assert created == {"factor": "disabled_members", "points": "5", "position": "9", "is_active": "True"}

    url = f"/admin/score_rules/edit/?id={rule.id}"
    mark = _last_entry()
    assert post_form(client, url, {**form, "points": "8"}, token_from=url).status_code == 302

    assert _changes("score_rule", rule.id, mark) == {"points": ("5", "8", _user("admin").id)}


def test_a_letter_text_edit_records_the_old_and_new_text_only(rakeen, client):
    row = db.session.scalar(db.select(TextTemplate).filter_by(kind="message", key="received"))
    old_body, subject = row.body, row.subject or ""
    url = f"/admin/text_templates/edit/?id={row.id}"
    login(client, "admin")
    mark = _last_entry()

    response = post_form(client, url, {"subject": subject, "body": "وصل طلبك رقم {number}"}, token_from=url)

    assert response.status_code == 302
    assert _changes("text_template", row.id, mark) == {"body": (old_body, "وصل طلبك رقم {number}", _user("admin").id)}


def test_household_members_added_edited_and_deleted_are_audited(rakeen, client):
    applicant = make_applicant()
    staff = _user("staff").id
    url = f"/admin/applicants/edit/?id={applicant.id}"
    login(client, "staff")
    member = {"members-0-relation": "son", "members-0-full_name": "سعد محمد", "members-0-national_id": "",
              "members-0-gender": "male", "members-0-health": "healthy", "members-0-monthly_income": "0"}

    assert post_form(client, url, {**_form(client, url), **member}, token_from=url).status_code == 302
    added = db.session.scalar(db.select(HouseholdMember.id))
    created = {row.field: (row.new_value, row.actor_id) for row in _rows("household_member", added, action="create")}
    assert created["full_name"] == ("سعد محمد", staff) and created["relation"] == ("son", staff)
    assert created["applicant_id"] == (str(applicant.id), staff)

    mark = _last_entry()
    form = {**_form(client, url), "members-0-monthly_income": "900"}
    assert post_form(client, url, form, token_from=url).status_code == 302
    assert _changes("household_member", added, mark) == {"monthly_income": ("0.00", "900.00", staff)}

    form = {**_form(client, url), "del-members-0": "y"}
    assert post_form(client, url, form, token_from=url).status_code == 302
    assert db.session.scalar(db.select(HouseholdMember)) is None
    deleted = {row.field: (row.old_value, row.actor_id) for row in _rows("household_member", added, action="delete")}
    assert deleted["full_name"] == ("سعد محمد", staff) and deleted["monthly_income"] == ("900.00", staff)
    post_form(client, "/logout", {})
    login(client, "admin")
    page = _audit_page(client)
    assert "فرد من الأسرة" in page and "حذف" in page and "ابن" in page


def test_the_count_that_decides_names_who_pressed_it(rakeen):
    staff, chair, second = _user("staff"), _user("committee"), _user("committee2")
    request = make_request("submitted", verified_by_id=staff.id, submitted_by_id=staff.id)
    meeting = meetings.create_meeting(
        db.session.scalar(db.select(Committee.id).order_by(Committee.id).limit(1)), staff, date(2026, 3, 1)
    )
    meetings.set_attendees(meeting.id, staff, [chair.id, second.id])
    item = meetings.add_item(meeting.id, staff, request.id)
    meetings.start_meeting(meeting.id, staff)
    meetings.cast_vote(item.id, chair, "approve")
    meetings.cast_vote(item.id, second, "approve")

    meetings.tally(item.id, staff)

    [count] = _rows("agenda_item", item.id, action="tally")
    assert (count.actor_id, count.field, count.new_value, count.note) == (staff.id, "outcome", "accepted", chair.full_name)
    [decided] = _rows("request", request.id, action="decide")
    assert decided.actor_id == staff.id and decided.new_value == "accepted"
    assert db.session.scalar(db.select(Decision.decided_by_id).filter_by(request_id=request.id)) == chair.id


def test_a_transition_still_writes_exactly_one_audit_row(rakeen):
    staff = _user("staff")
    request = make_request("submitted", verified_by_id=staff.id, submitted_by_id=staff.id)
    before = db.session.scalar(db.select(db.func.count()).select_from(AuditEntry))

    transitions.decide(request.id, _user("committee"), "returned", "ينقص صك الإعالة")

    assert db.session.scalar(db.select(db.func.count()).select_from(AuditEntry)) == before + 1


def test_every_audited_record_type_field_and_code_reads_in_arabic(app):
    arabic = re.compile(r"[\u0600-\u06FF]")
    audited = [mapper.class_ for mapper in db.Model.registry.mappers if declaration(mapper.class_) is not None]
    assert len(audited) >= 19
    with app.test_request_context(), force_locale("ar"):
        for model in audited:
            entity = declaration(model).entity
            assert arabic.search(entity_label(entity)), entity
            columns = model.__table__.columns
            for name in audited_columns(model):
                assert arabic.search(field_label(name, entity)), (entity, name)
                checks = [check for check in model.__table__.constraints if str(check.name).endswith(f"_{name}_valid")]
                if checks:
                    code = re.search(r"'([^']+)'", str(checks[0].sqltext)).group(1)
                    assert arabic.search(value_label(name, code, entity)), (entity, name, code)
                if columns[name].type.python_type is bool:
                    assert value_label(name, "True", entity) == "نعم", (entity, name)


def test_every_act_the_code_records_reads_in_arabic(app):
    """Each `record("act", "record type", ...)` in the app has its Arabic label on the audit screen."""
    root = Path(__file__).resolve().parents[2]
    recorded = set()
    for path in root.rglob("*.py"):
        if not {".venv", "tests", "migrations", "bench"} & set(path.relative_to(root).parts):
            recorded |= set(re.findall(r'\brecord\(\s*"([a-z_]+)",\s*"([a-z_]+)"', path.read_text(encoding="utf-8")))
    assert len(recorded) > 30
    arabic = re.compile(r"[\u0600-\u06FF]")
    with app.test_request_context(), force_locale("ar"):
        for action, entity in sorted(recorded):
            assert arabic.search(action_label(action)), action
            assert arabic.search(entity_label(entity)), entity
