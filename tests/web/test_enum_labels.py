"""No stored code reaches a page: every value of a closed vocabulary is shown by its Arabic label.

The demo is loaded and a few of its files are given a household that uses every
household code, and contacts, referrals, visits and messages of every kind; then
each role opens every list of its menu, the list's CSV export and the details
page of every record the list shows, of every file with a household and of every
request before the committee (on the staff's and the committee's request page).
A raw code is caught as the whole text of a cell, so ordinary words or numbers
inside a sentence are not.
"""
from __future__ import annotations

import csv
import io
import re
from datetime import date
from enum import StrEnum
from html.parser import HTMLParser
from itertools import cycle, product

import pytest

from models import (
    Applicant,
    Contact,
    HomeVisit,
    HouseholdMember,
    IncomeSource,
    Notification,
    Obligation,
    Referral,
    ReferralReason,
    ServiceRequest,
    User,
    enums,
)
from models.base import db
from models.enums import (
    ContactKind,
    ContactMethod,
    FollowUpStatus,
    Health,
    Housing,
    HousingCondition,
    IncomeKind,
    NotificationEvent,
    NotificationStatus,
    ObligationKind,
    ReferralStatus,
    Relation,
    RequestStatus,
    ResearchKind,
    VisitStatus,
    WorkStatus,
)
from sila.applicants.scoring import refresh_file
from sila.settings.presets.demo import DEMO_USERS, load_demo_requests
from tests.conftest import login

DETAILS = re.compile(r'href="(/admin/[a-z_]+/details/\?id=\d+[^"]*)"')
USERNAMES = {username for username, _, _ in DEMO_USERS}
# Role codes are also the demo's usernames, shown as themselves on the users' pages.
CODES = {
    member.value for value in vars(enums).values()
    if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum
    for member in value
} - USERNAMES
HIDDEN_TAGS = {"script", "style", "template", "code", "pre", "option"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class VisibleCells(HTMLParser):
    """Each run of visible text between two tags, stripped: the whole text of a cell, a label or a badge."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden: list[bool] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = {name: value or "" for name, value in attrs}
        hidden = tag in HIDDEN_TAGS or "d-none" in attributes.get("class", "").split()
        if not any(self.hidden) and not hidden:
            self.texts += [attributes[name].strip() for name in ("title", "aria-label") if name in attributes]
        if tag not in VOID:
            self.hidden.append(hidden)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.hidden:
            self.hidden.pop()

    def handle_data(self, data: str) -> None:
        if not any(self.hidden) and data.strip():
            self.texts += [part.strip() for part in re.split(r"[—:،,()]", data) if part.strip()]


def raw_codes(page: str) -> set[str]:
    parser = VisibleCells()
    parser.feed(page)
    return {text for text in parser.texts if text in CODES}


def _household_with_every_code() -> None:
    """Give the first demo files every housing, relation, health, work, income and obligation code,
    on files the committee has before it."""
    waiting = db.session.scalars(
        db.select(Applicant).join(ServiceRequest).where(ServiceRequest.status == RequestStatus.submitted)
        .order_by(Applicant.id).limit(len(Relation))
    ).all()
    housings = [(housing, condition) for housing in Housing for condition in HousingCondition]
    works, healths = list(WorkStatus), list(Health)
    for index, applicant in enumerate(waiting):
        applicant.housing, applicant.housing_condition = housings[index % len(housings)]
        relation = list(Relation)[index]
        applicant.members.append(HouseholdMember(
            relation=relation, full_name=f"فرد {index}", gender="male",
            health=healths[index % len(healths)], work_status=works[index % len(works)],
        ))
        applicant.incomes.append(IncomeSource(kind=list(IncomeKind)[index % len(IncomeKind)], amount=1000))
        applicant.obligations.append(Obligation(kind=list(ObligationKind)[index % len(ObligationKind)], amount=200))
        db.session.flush()
        refresh_file(applicant)
    db.session.commit()


def _records_with_every_code() -> None:
    """Contacts, referrals, home visits and messages in every kind and status, on files the committee has."""
    files = db.session.scalars(
        db.select(ServiceRequest).where(ServiceRequest.status == RequestStatus.submitted).order_by(ServiceRequest.id)
    ).all()
    researcher = db.session.scalar(db.select(User).where(User.username == "researcher"))
    reason = db.session.scalar(db.select(ReferralReason).limit(1))
    for index, (kind, status) in enumerate(product(ContactKind, FollowUpStatus)):
        db.session.add(Contact(applicant_id=files[index].applicant_id, channel_id=files[index].channel_id, kind=kind,
                               status=status, summary="استفسار عن الطلب"))
    for index, (status, report_kind) in enumerate(zip(ReferralStatus, ResearchKind, strict=True)):
        db.session.add(Referral(applicant_id=files[index].applicant_id, request_id=files[index].id, reason=reason,
                                questions="ما حال الأسرة؟", researcher=researcher, status=status, report_kind=report_kind))
    for index, status in enumerate(VisitStatus):
        db.session.add(HomeVisit(applicant_id=files[index].applicant_id, researcher_id=researcher.id, status=status,
                                 scheduled_on=date(2026, 1, 1)))
    for index, (event, method, status) in enumerate(zip(NotificationEvent, cycle(ContactMethod), cycle(NotificationStatus))):
        db.session.add(Notification(applicant_id=files[index].applicant_id, request_id=files[index].id, event=event,
                                    method=method, recipient="0551234567", body="رسالة", status=status))
    db.session.commit()


def _csv_codes(text: str) -> set[str]:
    return {cell.strip() for row in csv.reader(io.StringIO(text)) for cell in row} & CODES


def _screens(client) -> list[str]:  # type: ignore[no-untyped-def]
    home = client.get("/admin/").get_data(as_text=True)
    nav = home.split("<nav", 1)[1].split("</nav>", 1)[0]
    return sorted(set(re.findall(r'href="(/admin/[a-z_]+/)"', nav)))


@pytest.mark.parametrize("role", ["admin", "staff", "researcher", "committee", "manager"])
def test_every_list_export_and_details_page_shows_labels_not_stored_codes(rakeen, client, role):
    load_demo_requests()
    _household_with_every_code()
    _records_with_every_code()
    login(client, role)
    found: dict[str, list[str]] = {}
    details: set[str] = set()
    for screen in _screens(client):
        listing = client.get(f"{screen}?page_size=100").get_data(as_text=True)
        found[screen] = sorted(raw_codes(listing))
        details |= {url.replace("&amp;", "&").split("&url=")[0] for url in DETAILS.findall(listing)}
        if f'href="{screen}export/csv/' in listing:
            found[f"{screen}export/csv/"] = sorted(_csv_codes(client.get(f"{screen}export/csv/").get_data(as_text=True)))
    if "/admin/applicants/" in _screens(client):
        housed = db.session.scalars(db.select(Applicant.id).where(Applicant.housing.is_not(None))).all()
        details |= {f"/admin/applicants/details/?id={applicant_id}" for applicant_id in housed}
    waiting = db.session.scalars(
        db.select(ServiceRequest.id).where(ServiceRequest.status == RequestStatus.submitted)
    ).all()
    for screen in {"/admin/requests/", "/admin/committee_queue/"} & set(_screens(client)):
        details |= {f"{screen}details/?id={request_id}" for request_id in waiting}
    assert details, role
    for url in sorted(details):
        response = client.get(url)
        assert response.status_code == 200, url
        found[url] = sorted(raw_codes(response.get_data(as_text=True)))
    assert {url: codes for url, codes in found.items() if codes} == {}
