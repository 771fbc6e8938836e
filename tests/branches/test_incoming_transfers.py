"""Staff of the receiving branch find on their home page the transfers waiting for their answer, linked to
the transfers list showing just those; nobody else counts them."""
from __future__ import annotations

from models import Branch
from models.base import db
from sila.branches import transfers
from tests.branches.conftest import branch_user
from tests.conftest import login
from tests.dashboard.test_dashboard import _figures, _listed
from tests.security.conftest import user


def _ask(branches):  # type: ignore[no-untyped-def]
    return transfers.request_transfer(branches.ours.applicant, branches.other.id, "انتقل المستفيد إلى جدة", user("staff"))


def _incoming(client) -> tuple[str, str | None]:  # type: ignore[no-untyped-def]
    return _figures(client.get("/admin/").get_data(as_text=True))["incoming-transfers"]


def test_the_receiving_branch_sees_the_transfer_waiting_and_its_link_lists_it(branches, client):
    _ask(branches)
    login(client, "staff_other")
    count, url = _incoming(client)
    assert count == "1"
    assert _listed(client, url) == 1
    assert "سالم" in client.get(url).get_data(as_text=True)


def test_the_sending_branch_and_a_third_branch_never_count_it(branches, app, client):
    _ask(branches)
    login(client, "staff")
    assert _incoming(client) == ("0", None), "a transfer it sent waits for the other branch"
    third = Branch(name="فرع الدمام", city="الدمام", is_active=True, is_main=False)
    db.session.add(third)
    db.session.commit()
    branch_user("staff_third", "staff", third)
    assert _incoming(login(app.test_client(), "staff_third")) == ("0", None)


def test_an_answered_transfer_leaves_the_home_page(branches, client):
    transfers.decline(_ask(branches).id, user("staff_other"), "لا يخدم فرعنا حيّه")
    login(client, "staff_other")
    assert _incoming(client) == ("0", None)
