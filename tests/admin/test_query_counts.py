"""List pages run the same number of SQL statements whatever the rows and page size, and search
finds every spelling of a name and digits typed in either script, through the list's HTTP search.

Statements are counted by web.query_count (X-Query-Count with SILA_COUNT_QUERIES=1): one
statement per row (N+1) or a count that grows with the table fails here; timings stay in bench/.
"""
from __future__ import annotations

import re

import pytest

import admin.base
from models import Branch
from models.base import db
from models.enums import RequestStatus
from tests.conftest import login
from tests.factories import make_applicant, make_request, valid_national_id

DETAILS_LINK = re.compile(r"/details/\?id=(\d+)")
LISTS = [("staff", "/admin/requests/", RequestStatus.received),
         ("staff", "/admin/applicants/", RequestStatus.received),
         ("committee", "/admin/committee_queue/", RequestStatus.submitted)]


@pytest.fixture(autouse=True)
def count_queries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Set before the app fixture builds the app, which reads it once."""
    monkeypatch.setenv("SILA_COUNT_QUERIES", "1")


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return int(response.headers["X-Query-Count"])


def _add_requests(count: int, status: str) -> None:
    for _ in range(count):
        make_request(status=status, applicant=make_applicant(national_id=valid_national_id()))


@pytest.mark.parametrize("user, url, status", LISTS)
def test_list_runs_the_same_statements_for_3_or_45_rows_and_any_page_size(rakeen, client, user, url, status):
    login(client, user)
    _add_requests(3, status)
    _queries(client, url)  # caches of the first page (vocabulary, organization) are warm from here
    few = _queries(client, url)
    _add_requests(42, status)
    assert _queries(client, url) == few
    assert _queries(client, url + "?page_size=50") == few
    assert _queries(client, url + "?page=1") == few


@pytest.mark.parametrize("user, url, status", LISTS)
def test_search_and_filters_add_no_statement_per_row(rakeen, client, user, url, status):
    login(client, user)
    _add_requests(2, status)
    _queries(client, url + "?search=محمد")
    few = _queries(client, url + "?search=محمد")
    _add_requests(30, status)
    assert _queries(client, url + "?search=محمد&page_size=50") == few


def _branch_with_requests(number: int) -> None:
    branch = Branch(name=f"فرع رقم {number}", city="جدة", is_active=True, is_main=False)
    db.session.add(branch)
    db.session.commit()
    for status in (RequestStatus.received, RequestStatus.submitted):
        make_request(status=status, applicant=make_applicant(national_id=valid_national_id(), branch=branch))


def test_the_dashboard_runs_the_same_statements_for_2_or_10_branches(rakeen, client):
    """The branches side by side are grouped queries: one more branch adds a row, never a statement."""
    login(client, "manager")
    _branch_with_requests(1)
    _queries(client, "/admin/")
    two = _queries(client, "/admin/")
    for number in range(2, 10):
        _branch_with_requests(number)
    assert client.get("/admin/").get_data(as_text=True).count("<tr data-branch=") == 10
    assert _queries(client, "/admin/") == two


def test_a_long_list_says_more_than_n_instead_of_counting_every_row(rakeen, client, monkeypatch):
    monkeypatch.setattr(admin.base, "COUNT_CAP", 5)
    login(client, "staff")
    _add_requests(8, RequestStatus.received)
    page = client.get("/admin/requests/?page_size=20").get_data(as_text=True)
    assert "أكثر من 5" in page or "more than 5" in page
    monkeypatch.setattr(admin.base, "COUNT_CAP", 1000)
    page = client.get("/admin/requests/").get_data(as_text=True)
    assert "(8)" in page


def _listed(client, url: str, term: str) -> set[int]:  # type: ignore[no-untyped-def]
    """The ids of the rows a list search shows, read from their details links."""
    response = client.get(url, query_string={"search": term})
    assert response.status_code == 200
    return {int(found) for found in DETAILS_LINK.findall(response.get_data(as_text=True))}


def test_every_spelling_of_a_name_finds_the_same_people(rakeen, client):
    login(client, "staff")
    spellings = ("أحمد", "احمد", "إحمد")
    people = [make_applicant(first_name=name, family_name="الزهراني") for name in spellings]
    stranger = make_applicant(first_name="خالد", family_name="القحطاني")
    requests = [make_request(applicant=person) for person in people]
    make_request(applicant=stranger)
    for typed in (*spellings, "أَحْمَد", "احمـــد"):
        assert _listed(client, "/admin/applicants/", typed) == {person.id for person in people}, typed
        assert _listed(client, "/admin/requests/", typed) == {request.id for request in requests}, typed


def test_taa_marbuta_and_haa_find_each_other(rakeen, client):
    login(client, "staff")
    people = {make_applicant(first_name="فاطمة").id, make_applicant(first_name="فاطمه").id}
    make_applicant(first_name="فاطن")
    for typed in ("فاطمة", "فاطمه"):
        assert _listed(client, "/admin/applicants/", typed) == people


def test_national_id_typed_in_arabic_indic_digits_whole_or_its_first_digits(rakeen, client):
    login(client, "staff")
    person = make_applicant(national_id="1000000008")
    other = make_applicant(national_id="2000000006")
    request = make_request(applicant=person)
    make_request(applicant=other)
    assert _listed(client, "/admin/applicants/", "١٠٠٠٠٠٠٠٠٨") == {person.id}
    assert _listed(client, "/admin/applicants/", "١٠٠٠") == {person.id}
    assert _listed(client, "/admin/applicants/", "۲۰۰") == {other.id}
    assert _listed(client, "/admin/requests/", "١٠٠٠٠٠٠٠٠٨") == {request.id}


@pytest.mark.parametrize("common_from", [1, 2000])
def test_a_common_name_and_a_rare_one_list_the_same_requests(rakeen, client, monkeypatch, common_from):
    """SQLite searches a common name by walking requests in list order, a rare one through its people:
    the rows must not depend on which way was taken."""
    monkeypatch.setattr("sila.requests.screen.COMMON_NAME_PEOPLE", common_from)
    login(client, "staff")
    people = [make_applicant(first_name="أحمد", family_name=family) for family in ("الزهراني", "الغامدي")]
    requests = [make_request(applicant=person) for person in people for _ in range(2)]
    make_request(applicant=make_applicant(first_name="خالد", family_name="القحطاني"))
    assert _listed(client, "/admin/requests/", "احمد") == {request.id for request in requests}
    assert _listed(client, "/admin/requests/", "خالد الزهراني") == set()
