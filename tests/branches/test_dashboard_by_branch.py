"""The dashboard by branch: a branch's overseer counts his branch only, the whole association's
picks a branch or compares them side by side, and a pick never widens what a user may see."""
from __future__ import annotations

import html
from datetime import timedelta

from admin.flask_admin_private import filters, views
from models.base import db
from sila.core.dates import today
from sila.dashboard import figures as dashboard
from sila.dashboard import side_by_side
from sila.dashboard.side_by_side import branch_comparison
from tests.branches.conftest import branch_user
from tests.conftest import login
from tests.dashboard.test_dashboard import _at, _figures, _listed
from tests.factories import make_applicant, make_request


def _two_branches(branches):  # type: ignore[no-untyped-def]
    """Beside each branch's own file (a received and an accepted request): two more at the other branch."""
    applicant = make_applicant(first_name="هند", branch=branches.other)
    make_request("submitted", applicant=applicant)
    make_request("received", applicant=applicant)


def test_a_branch_manager_counts_only_his_branch(branches, client):
    _two_branches(branches)
    login(client, "manager_main")
    page = client.get("/admin/").get_data(as_text=True)
    figures = _figures(page)
    assert figures["stages-received"][0] == "1"
    assert figures["stages-submitted"][0] == "0"
    assert 'id="branch-comparison"' not in page, "one branch has nothing to compare with"
    assert _listed(client, figures["stages-received"][1]) == 1


def test_a_branch_manager_picking_another_branch_still_sees_his_own(branches, client):
    _two_branches(branches)
    login(client, "manager_main")
    figures = _figures(client.get(f"/admin/?branch={branches.other.id}").get_data(as_text=True))
    assert figures["stages-received"][0] == "1"
    assert figures["stages-submitted"][0] == "0"


def test_the_association_picks_a_branch_and_its_links_list_that_branch(branches, client):
    _two_branches(branches)
    login(client, "manager")
    whole = _figures(client.get("/admin/").get_data(as_text=True))
    assert whole["stages-received"][0] == "3"
    page = client.get(f"/admin/?branch={branches.other.id}").get_data(as_text=True)
    figures = _figures(page)
    assert figures["stages-received"][0] == "2"
    assert figures["stages-submitted"][0] == "1"
    assert f'<option value="{branches.other.id}" selected>' in page
    assert _listed(client, figures["stages-received"][1]) == 2
    assert _listed(client, figures["stages-submitted"][1]) == 1


def test_the_association_compares_branches_side_by_side(branches, client):
    _two_branches(branches)
    login(client, "manager")
    page = client.get("/admin/").get_data(as_text=True)
    assert 'id="branch-comparison"' in page
    figures = _figures(page)
    # Main: one received and one accepted; the other: two received, one submitted and one accepted.
    assert figures[f"branch-{branches.main.id}-backlog"][0] == "2"
    assert figures[f"branch-{branches.other.id}-backlog"][0] == "4"
    assert figures[f"branch-{branches.other.id}-committee"][0] == "1"
    assert figures[f"branch-{branches.main.id}-committee"][0] == "0"
    assert "manager_main" not in page.split('id="branch-comparison"')[1], "team figures, never a person's"


def test_the_comparison_counts_what_the_requests_hold(branches):
    _two_branches(branches)
    rows = {row.branch_id: row for row in branch_comparison(dashboard.date.today())}
    for branch in (branches.main, branches.other):
        open_requests = db.session.scalar(
            db.select(db.func.count()).select_from(dashboard.ServiceRequest).where(
                dashboard.ServiceRequest.branch_id == branch.id,
                dashboard.ServiceRequest.status.not_in(dashboard.FINISHED),
            )
        )
        assert rows[branch.id].backlog == open_requests


def test_a_branch_committee_member_counts_his_branch_waiting(app, branches, client):
    _two_branches(branches)
    login(client, "committee_main")
    figures = _figures(client.get("/admin/").get_data(as_text=True))
    assert figures["committee-waiting"][0] == "0"
    whole = login(app.test_client(), "committee")
    assert _figures(whole.get("/admin/").get_data(as_text=True))["committee-waiting"][0] == "1"


def _branch_arg(app, endpoint: str) -> str:  # type: ignore[no-untyped-def]
    view = next(view for view in views(app.extensions["admin"][0]) if getattr(view, "endpoint", None) == endpoint)
    index, found = next(
        (index, flt) for index, flt in enumerate(filters(view)) if getattr(flt.column, "key", None) == "branch_id"
    )
    return f"flt0_{view.get_filter_arg(index, found)}"


def test_the_list_branch_filter_narrows_and_never_widens(app, branches, client):
    _two_branches(branches)
    arg = _branch_arg(app, "requests")
    manager = login(app.test_client(), "manager")
    assert _listed(manager, "/admin/requests/") == 6
    assert _listed(manager, f"/admin/requests/?{arg}={branches.other.id}") == 4
    branch_user("staff_main", "staff", branches.main)
    login(client, "staff_main")
    page = client.get("/admin/requests/").get_data(as_text=True)
    assert html.escape(branches.other.name) not in page and branches.other.name not in page, \
        "the filter offers only his branches"
    assert _listed(client, "/admin/requests/") == 2
    assert _listed(client, f"/admin/requests/?{arg}={branches.other.id}") == 0


def test_each_branchs_medians_are_those_of_its_own_latest_requests(branches, monkeypatch):
    """The grouped medians equal each branch's own, and the per-branch cap keeps its latest requests."""
    for branch, verify_days in ((branches.main, (1, 2, 6)), (branches.other, (3, 4, 8, 10))):
        applicant = make_applicant(first_name="ريم", branch=branch)
        for days_ago, days in enumerate(verify_days):
            row = make_request("verified", applicant=applicant)
            row.created_at = _at(10 + days_ago)
            row.verified_at = row.created_at + timedelta(days=days)
    db.session.commit()

    def received(medians: list) -> tuple:  # type: ignore[type-arg]
        return next((m.median_days, m.requests) for m in medians if m.stage == "received")

    grouped = side_by_side.medians_by_branch(today())
    for branch in (branches.main, branches.other):
        assert grouped[branch.id] == dashboard.median_days_by_stage(today(), frozenset({branch.id}))
    assert (received(grouped[branches.main.id]), received(grouped[branches.other.id])) == ((2.0, 3), (6.0, 4))
    # The branch's four latest: the fixture's two received today (not verified yet), then 10 and 11 days ago.
    monkeypatch.setattr(side_by_side, "MEDIAN_LATEST_PER_BRANCH", 4)
    capped = side_by_side.medians_by_branch(today(), frozenset({branches.other.id}))
    assert list(capped) == [branches.other.id]
    assert received(capped[branches.other.id]) == (3.5, 2)
