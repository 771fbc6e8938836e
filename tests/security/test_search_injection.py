"""SQL metacharacters and Arabic text in every search box and filter: a normal page, no error, no rows out of reach."""
from __future__ import annotations

import re

import pytest

from tests.conftest import login
from tests.security.snapshot import unchanged

PAYLOADS = [
    "' OR '1'='1",
    "1; DROP TABLE applicants; --",
    "') UNION SELECT password_hash, username FROM users --",
    "سالم' OR 1=1 --",
    "نورة\" OR \"\"=\"",
    "\\'; --",
    "أحمد إبراهيم",
    "٠٥٥١٢٣",
    "\x00",
]
# (role, list URL, names it must never show whatever is typed)
SEARCHES = {
    "applicants": ("staff", "/admin/applicants/", ()),
    "requests": ("staff", "/admin/requests/", ()),
    "contacts": ("staff", "/admin/contacts/", ()),
    "users": ("admin", "/admin/users/", ()),
    "committee queue": ("committee", "/admin/committee_queue/", ("سالم", "نورة")),
}
# Filters: every list with filters, each filter position tried with the payload.
FILTERS = {
    "requests": ("staff", "/admin/requests/", ()),
    "committee queue": ("committee", "/admin/committee_queue/", ("سالم", "نورة")),
    "referrals": ("researcher", "/admin/referrals/", ("نورة", "سؤال خاص")),
    "contacts": ("staff", "/admin/contacts/", ()),
    "users": ("manager", "/admin/users/", ()),
    "audit": ("admin", "/admin/audit/", ()),
    "applicants": ("manager", "/admin/applicants/", ()),
}
# The search box, the filters and their error message show back what was typed: only the rows count.
ROWS = re.compile(r"<table.*</table>", re.S)
FAILURE_SIGNS = ("Traceback", "SQLAlchemy", "sqlite3", "psycopg", "syntax error", "Internal Server Error")


def _assert_quiet(response, hidden: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert not [sign for sign in FAILURE_SIGNS if sign in page]
    rows = "".join(ROWS.findall(page))
    assert not [name for name in hidden if name in rows]


@pytest.mark.parametrize("screen", sorted(SEARCHES))
def test_hostile_searches_show_a_normal_page(world, client, screen):
    role, url, hidden = SEARCHES[screen]
    login(client, role)
    with unchanged():
        for payload in PAYLOADS:
            _assert_quiet(client.get(url, query_string={"search": payload}), hidden)


def test_a_quoted_search_does_not_widen_the_results(world, client):
    login(client, "staff")
    page = client.get("/admin/applicants/", query_string={"search": "سالم' OR '1'='1"}).get_data(as_text=True)
    assert "نورة" not in page


@pytest.mark.parametrize("screen", sorted(FILTERS))
def test_hostile_filter_values_show_a_normal_page(world, client, screen):
    role, url, hidden = FILTERS[screen]
    login(client, role)
    with unchanged():
        for payload in PAYLOADS:
            arguments = {f"flt{position}_{position}": payload for position in range(12)}
            _assert_quiet(client.get(url, query_string=arguments), hidden)


@pytest.mark.parametrize("arguments", [
    {"sort": "1; DROP TABLE users"}, {"sort": "-1"}, {"page": "-5"}, {"page": "99999999999999999999"},
    {"page_size": "100000000"}, {"desc": "'"},
], ids=["sort", "negative sort", "negative page", "huge page", "huge page size", "quoted desc"])
def test_hostile_sorting_and_paging_show_a_normal_page(world, client, arguments):
    login(client, "committee")
    with unchanged():
        response = client.get("/admin/committee_queue/", query_string=arguments)
    _assert_quiet(response, ("سالم", "نورة"))
