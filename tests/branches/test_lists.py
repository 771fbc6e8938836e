"""Staff of one branch see, search and count only that branch's files; the whole association sees all."""
from __future__ import annotations

import pytest

from models.base import db
from models.request import ServiceRequest
from sila.dashboard import work_queues
from tests.admin.test_query_counts import DETAILS_LINK
from tests.conftest import login
from tests.security.conftest import user

LISTS = ("/admin/applicants/", "/admin/requests/", "/admin/contacts/", "/admin/referrals/", "/admin/visits/",
         "/admin/outbox/")


@pytest.mark.parametrize("url", LISTS)
def test_a_branchs_staff_list_shows_only_its_files(branches, client, url):
    login(client, "staff")
    page = client.get(url).get_data(as_text=True)
    assert "سالم" in page or "استفسار سالم" in page or url in ("/admin/visits/", "/admin/outbox/")
    assert "نورة" not in page


def _listed(client, url: str) -> set[int]:  # type: ignore[no-untyped-def]
    return {int(found) for found in DETAILS_LINK.findall(client.get(url).get_data(as_text=True))}


def test_a_name_search_does_not_find_another_branchs_applicant(branches, app, client):
    login(client, "staff")
    assert _listed(client, "/admin/requests/?search=نورة") == set()
    theirs = login(app.test_client(), "staff_other")
    assert branches.theirs.request in _listed(theirs, "/admin/requests/?search=نورة")


def test_a_branch_managers_export_holds_only_his_branch(branches, client):
    login(client, "manager_main")
    export = client.get("/admin/requests/export/csv/").get_data(as_text=True)
    assert "سالم" in export and "نورة" not in export


def test_an_association_wide_manager_sees_every_branch(branches, client):
    login(client, "manager")
    page = client.get("/admin/applicants/").get_data(as_text=True)
    assert "سالم" in page and "نورة" in page


def test_the_applicant_picker_offers_only_the_users_branch(branches, client):
    login(client, "staff")
    found = client.get("/admin/requests/ajax/lookup/?name=applicant&query=نورة").get_data(as_text=True)
    assert "نورة" not in found


def test_the_home_pages_team_totals_count_only_the_users_branches(branches):
    received = {row.status: row.count for row in work_queues.staff_waiting(user("staff"))}["received"]
    everyone = db.session.scalar(db.select(db.func.count()).select_from(ServiceRequest)
                                 .where(ServiceRequest.status == "received"))
    assert (received, everyone) == (1, 2)


def test_the_researchers_queue_counts_only_his_branches_referrals(branches):
    assert work_queues.researcher_queue(user("researcher")) == 1
