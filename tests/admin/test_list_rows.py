"""List rows as staff read them: each cell formatted and escaped, every row its own links, the same
label on every row of a status, and rows drawn alike whether a page holds two rows or forty."""
from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime

import pytest

from models import User
from models.base import db
from tests.conftest import login, post_form
from tests.factories import make_applicant, make_request, valid_national_id

ROW = re.compile(r"<tr>\s*(.*?)\s*</tr>", re.S)


def _rows(client, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200
    return [row for row in ROW.findall(response.get_data(as_text=True)) if 'class="col-' in row]


def _cell(row: str, column: str) -> str:
    return html.unescape(re.search(rf'<td class="col-{column}">(.*?)</td>', row, re.S).group(1))


def test_each_row_shows_its_own_request_with_labels_dates_and_links(rakeen, client):
    first = make_request(status="received", created_at=datetime(2024, 3, 1, 9, 0, tzinfo=UTC),
                         earliest_answer_on=date(2024, 3, 17))
    second = make_request(status="submitted", created_at=datetime(2024, 3, 2, 9, 0, tzinfo=UTC))
    third = make_request(status="submitted", created_at=datetime(2024, 3, 3, 9, 0, tzinfo=UTC))
    login(client, "staff")
    rows = _rows(client, "/admin/requests/?sort=5")  # oldest received first
    assert len(rows) == 3
    for row, request in zip(rows, (first, second, third), strict=True):
        assert f'name="rowid" class="action-checkbox" value="{request.id}"' in row
        assert f"/admin/requests/details/?id={request.id}&amp;url=" in row
        assert f"/admin/requests/edit/?id={request.id}&amp;url=" in row
        assert _cell(row, "id") == request.number
        assert _cell(row, "applicant") == "محمد علي صالح الحربي"
    assert [_cell(row, "status") for row in rows] == ["تم الاستلام", "مرفوع للجنة", "مرفوع للجنة"]
    assert _cell(rows[0], "created_at") == "20/08/1445 هـ · 01/03/2024"
    assert _cell(rows[0], "earliest_answer_on") == "07/09/1445 هـ · 17/03/2024"
    assert _cell(rows[1], "earliest_answer_on") == ""


def test_typed_text_in_a_cell_is_shown_never_run(rakeen, client):
    make_request(applicant=make_applicant(first_name='<img src=x onerror="alert(1)">', family_name="&amp;"))
    login(client, "staff")
    [row] = _rows(client, "/admin/requests/")
    assert "<img" not in row
    assert '&lt;img src=x onerror=&#34;alert(1)&#34;&gt;' in row
    assert _cell(row, "applicant").endswith("&amp;")


def test_yes_and_no_columns_and_english_labels_follow_the_users_language(rakeen, client):
    db.session.scalar(db.select(User).where(User.username == "staff2")).is_active = False
    db.session.commit()
    login(client, "admin")
    rows = _rows(client, "/admin/users/?sort=0")
    active = {re.search(r'<td class="col-username">(.*?)</td>', row).group(1): _cell(row, "is_active") for row in rows}
    assert "fa-minus-circle" in active["staff2"] and "لا" in active["staff2"]
    assert "fa-check-circle" in active["staff"] and "نعم" in active["staff"]
    post_form(client, "/locale/en", {})
    rows = _rows(client, "/admin/users/?sort=0")
    roles = {re.search(r'<td class="col-username">(.*?)</td>', row).group(1): _cell(row, "role") for row in rows}
    assert roles["committee"] == roles["committee2"] == "Committee member"


def test_forty_rows_are_drawn_like_two(rakeen, client):
    for _ in range(40):
        make_request(applicant=make_applicant(national_id=valid_national_id()))
    login(client, "staff")
    rows = _rows(client, "/admin/requests/?page_size=50")
    assert len(rows) == 40
    assert len({re.search(r'value="(\d+)"', row).group(1) for row in rows}) == 40
    assert {_cell(row, "status") for row in rows} == {"تم الاستلام"}


@pytest.mark.parametrize("query", ["", "?sort=1", "?sort=2&desc=1", "?sort=6", "?search=محمد", "?flt0_0=submitted",
                                   "?sort=0&desc=1"])
def test_requests_read_as_plain_values_draw_the_same_page_as_mapped_requests(rakeen, client, monkeypatch, query):
    """The requests list reads its columns as plain values (admin/plain_rows.py); whatever the sort,
    search, filter or page, it must draw exactly the rows the mapped requests would."""
    from sila.requests.screen import RequestView

    make_request(status="submitted", created_at=datetime(2024, 3, 1, 9, 0, tzinfo=UTC), earliest_answer_on=date(2024, 3, 17))
    make_request(applicant=make_applicant(first_name="<b>نورة</b>", grandfather_name="", national_id=valid_national_id()))
    make_request(status="accepted", applicant=make_applicant(first_name="أحمد", national_id=valid_national_id()))
    login(client, "staff")
    plain = _rows(client, f"/admin/requests/{query}")
    monkeypatch.setattr(RequestView, "plain_fields", {})
    assert _rows(client, f"/admin/requests/{query}") == plain
    assert plain
