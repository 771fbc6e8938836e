"""Retention: the dry run changes nothing; apply erases exactly the eligible applicants' identity."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from models import (
    Applicant,
    Attachment,
    AuditEntry,
    Contact,
    Decision,
    HomeVisit,
    HouseholdMember,
    IncomeSource,
    Obligation,
    Restudy,
    ServiceRequest,
    SurveyResponse,
    Vote,
)
from models.base import db
from sila.attachments import storage
from sila.privacy.retention import apply, eligible
from tests.factories import make_applicant, make_request
from tests.privacy.full_file import make_full_file

LONG_AGO = datetime.now(UTC) - timedelta(days=365 * 6)


def _people(rakeen):  # type: ignore[no-untyped-def]
    rakeen.retention_years = 5
    old_closed = make_applicant(first_name="قديم", created_at=LONG_AGO)
    request = make_request("closed", applicant=old_closed, created_at=LONG_AGO, closed_at=LONG_AGO, details="تفاصيل خاصة")
    db.session.add(Decision(request_id=request.id, outcome="accepted", decided_at=LONG_AGO))
    old_pending = make_applicant(first_name="معلق", created_at=LONG_AGO)
    make_request("submitted", applicant=old_pending, created_at=LONG_AGO)
    old_with_open_contact = make_applicant(first_name="متابع", created_at=LONG_AGO)
    db.session.add(Contact(applicant_id=old_with_open_contact.id, channel_id=request.channel_id, kind="complaint",
                           summary="شكوى", status="open"))
    recent = make_applicant(first_name="حديث")
    make_request("closed", applicant=recent, closed_at=datetime.now(UTC))
    db.session.commit()
    return old_closed, request


def _names() -> list[str]:
    return sorted(db.session.scalars(db.select(Applicant.first_name)))


def test_dry_run_lists_and_changes_nothing(rakeen, app):
    old_closed, _request = _people(rakeen)
    before = _names()
    result = app.test_cli_runner().invoke(args=["retention", "run"])
    assert result.exit_code == 0, result.output
    assert f"#{old_closed.id}" in result.output and "--confirm" in result.output
    assert "يستحق إخفاء الهوية: 1" in result.output
    assert _names() == before


def test_apply_needs_the_dry_runs_code(rakeen, app):
    _people(rakeen)
    before = _names()
    result = app.test_cli_runner().invoke(args=["retention", "run", "--apply", "--confirm", "00000000"])
    assert result.exit_code != 0 and "رمز التأكيد" in result.output
    assert _names() == before


def test_apply_erases_exactly_the_eligible_and_keeps_figures(rakeen, app):
    old_closed, request = _people(rakeen)
    national_id = old_closed.national_id
    runner = app.test_cli_runner()
    code = re.search(r"--confirm (\w+)", runner.invoke(args=["retention", "run"]).output).group(1)
    result = runner.invoke(args=["retention", "run", "--apply", "--confirm", code])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    erased = db.session.get(Applicant, old_closed.id)
    assert erased.first_name == "محذوف" and erased.national_id != national_id and erased.mobile == ""
    assert db.session.get(ServiceRequest, request.id).details is None
    assert db.session.scalar(db.select(db.func.count(Decision.id))) == 1
    assert sorted(_names()) == sorted(["محذوف", "معلق", "متابع", "حديث"])
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "anonymize"))
    assert entry.entity_id == old_closed.id
    again = runner.invoke(args=["retention", "run"])
    assert "يستحق إخفاء الهوية: 0" in again.output


def test_without_a_period_nothing_is_eligible(rakeen, app):
    _people(rakeen)
    rakeen.retention_years = None
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["retention", "run"])
    assert "لم تُحدَّد مدة الاحتفاظ" in result.output


@pytest.fixture()
def attachments_dir(app, tmp_path):  # type: ignore[no-untyped-def]
    app.config["SILA_ATTACHMENTS_DIR"] = str(tmp_path / "attachments")


def _figures() -> list[object]:
    """What the statistics read from a file: counts, codes, amounts, dates and scores."""
    def rows(*columns: object) -> list[tuple]:
        return [tuple(row) for row in db.session.execute(db.select(*columns).order_by(*columns))]

    return [
        rows(ServiceRequest.status, ServiceRequest.channel_id, ServiceRequest.created_at),
        rows(Decision.outcome, Decision.decided_at), rows(Vote.choice),
        rows(HouseholdMember.relation, HouseholdMember.gender, HouseholdMember.health, HouseholdMember.monthly_income),
        rows(IncomeSource.kind, IncomeSource.amount), rows(Obligation.kind, Obligation.amount),
        rows(Applicant.gender, Applicant.city, Applicant.housing, Applicant.housing_rent),
        rows(HomeVisit.status, HomeVisit.visited_on), rows(Restudy.done_on, Restudy.changes),
        rows(SurveyResponse.month, SurveyResponse.overall, SurveyResponse.speed, SurveyResponse.courtesy),
    ]


def _text_values() -> dict[str, list[str]]:
    """Every stored text of every table, by `table.column`."""
    return {
        f"{table.name}.{column.name}": [value for value in db.session.scalars(db.select(column)) if value]
        for table in db.metadata.sorted_tables for column in table.columns if isinstance(column.type, sa.String)
    }


def test_retention_leaves_nothing_personal_of_the_applicant_his_household_or_visits_and_keeps_the_figures(
    rakeen, attachments_dir,
):
    rakeen.retention_years = 5
    full = make_full_file(old=True)
    photo = db.session.scalar(db.select(Attachment.stored_name).where(Attachment.visit_id == full.visit.id))
    stored = _text_values()
    assert [value for value in full.personal if not any(value in text for texts in stored.values() for text in texts)] == []
    figures = _figures()
    found = eligible(date.today())
    assert found.applicant_ids == [full.applicant.id]
    apply(date.today(), found.code)
    db.session.expire_all()
    left = [f"{column}: {value}" for column, texts in _text_values().items() for text in texts
            for value in full.personal if value in text]
    assert left == []
    assert _figures() == figures
    with pytest.raises(FileNotFoundError):
        storage.read(photo)
