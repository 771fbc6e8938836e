"""The first page after login: who you are, what the policy says, and what waits.

Managers and administrators see the dashboard; staff, researchers and the
committee see their own queue. Every number links to the list it counts, built
from the target view's own filters, so following a link shows as many rows as
the figure said (and only when the user may open that list).
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import redirect, request, url_for
from flask_admin import AdminIndexView, expose
from flask_admin.contrib.sqla import filters
from flask_babel import get_locale
from flask_login import current_user

from admin import flask_admin_private as private
from models.base import db
from models.document import ReferenceDocument
from models.enums import ContactMethod, NotificationStatus, ReferralStatus, RequestStatus, Role, TransferOutcome
from models.organization import Organization
from sila.branches.pickers import reachable_branches
from sila.branches.scope import branch_ids, chosen_branches
from sila.branches.transfers_screen import DirectionFilter
from sila.contacts.screen import OverdueFilter
from sila.core.dates import today
from sila.dashboard import figures as dashboard
from sila.dashboard import side_by_side, work_queues
from sila.outbox import staff_steps as outbox

# Which filter of a list view narrows which column, and how the value is written in the URL.
EQUAL = (filters.FilterEqual, filters.IntEqualFilter)
DATE_BEFORE = (filters.DateSmallerFilter,)
CREATED_BETWEEN = (filters.DateTimeBetweenFilter,)
OVERSEERS = frozenset({Role.manager, Role.admin})


def _instant(value: datetime) -> str:
    """A UTC instant as Flask-Admin's date-time filters read it (naive, to the second)."""
    return value.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S")


class HomeView(AdminIndexView):
    def _handle_view(self, name: str, **kwargs):  # type: ignore[no-untyped-def]
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return None

    def list_url(self, endpoint: str, *conditions: tuple[tuple[type, ...], str, str]) -> str | None:
        """The URL of a list view narrowed by (filter types, column, value), or None if not allowed.

        Filter arguments are looked up in the view's own filter list rather than
        written as fixed indices, so adding a filter to a screen cannot break a link.
        """
        view = next((view for view in private.views(self.admin) if getattr(view, "endpoint", None) == endpoint), None)
        if view is None or not view.is_accessible():
            return None
        args: dict[str, str] = {}
        for position, (kinds, column, value) in enumerate(conditions):
            found = next(
                (
                    (index, flt) for index, flt in enumerate(private.filters(view))
                    if type(flt) in kinds and getattr(flt.column, "key", None) == column
                ),
                None,
            )
            if found is None:
                return None
            args[f"flt{position}_{view.get_filter_arg(*found)}"] = value
        return url_for(f"{endpoint}.index_view", **args)

    def page_url(self, endpoint: str) -> str | None:
        """The start page of another screen (not a list), when this user may open it."""
        view = next((view for view in private.views(self.admin) if getattr(view, "endpoint", None) == endpoint), None)
        return url_for(f"{endpoint}.index") if view is not None and view.is_accessible() else None

    def _overview(self) -> dict[str, Any]:
        """The managers' dashboard at the branches they may see (or the one they picked): figures, their
        links, the chart data the script draws, and the branches side by side."""
        day, user = today(), current_user._get_current_object()
        # Administrators see the association's counts (no file behind them) as before branches existed.
        own = None if user.role == Role.admin else branch_ids(user)
        branches = chosen_branches(own, request.args.get("branch"))
        # A picked branch narrower than the user's own scope is carried into the lists the figures link to.
        at = ((EQUAL, "branch_id", str(next(iter(branches)))),) if branches != own and branches else ()
        counts = dashboard.request_counts(branches)
        stages = dashboard.requests_by_stage(counts)
        channels = dashboard.requests_by_channel(counts)
        referrals = dashboard.open_referrals_by_age(day, branches=branches)
        contacts = dashboard.overdue_contacts(day, branches)
        months = dashboard.satisfaction_by_month(str(get_locale() or "ar"), branches)
        links = {
            "stages": [self.list_url("requests", (EQUAL, "status", item.key), *at) for item in stages],
            "channels": [self.list_url("requests", (EQUAL, "channel_id", item.key), *at) for item in channels],
            "overdue_committee": self.list_url(
                "requests", (EQUAL, "status", RequestStatus.submitted), (DATE_BEFORE, "earliest_answer_on", day.isoformat()),
                *at,
            ),
            "referrals": [None if at else self._referral_age_url(bucket) for bucket in referrals],
            "survey_results": None if at else self.page_url("survey_results"),
            "contacts_total": self.list_url("contacts", ((OverdueFilter,), "due_on", "1"), *at),
            "contacts": {
                (kind, status): self.list_url(
                    "contacts", (EQUAL, "kind", kind), (EQUAL, "status", status), (DATE_BEFORE, "due_on", day.isoformat()),
                    *at,
                )
                for kind, status in contacts.cells
            },
        }
        choices = reachable_branches(own)
        charts = {
            "stages": _chart(stages, links["stages"]),
            "channels": _chart(channels, links["channels"]),
            "referrals": _chart(referrals, links["referrals"]),
            "satisfaction": {
                "labels": [[month.hijri, month.gregorian] for month in months],
                "values": [month.average for month in months],
                "urls": [None for _month in months],
            },
        }
        return {
            "stages": stages, "channels": channels, "referrals": referrals, "contacts": contacts, "months": months,
            "medians": dashboard.median_days_by_stage(day, branches), "median_window": dashboard.MEDIAN_WINDOW_DAYS,
            "median_latest": f"{dashboard.MEDIAN_LATEST:,}",
            "overdue_committee": dashboard.overdue_at_committee(
                day, next(stage.count for stage in stages if stage.key == RequestStatus.submitted), branches
            ),
            "branch_choices": choices if len(choices) > 1 else [],
            "picked_branch": next(iter(branches)) if at else None,
            "association_wide": own is None,
            "comparison": side_by_side.branch_comparison(day, own) if len(choices) > 1 and not at else [],
            "stage_labels": [str(stage_label) for _stage, _start, _end, stage_label in dashboard.STAGES],
            "median_latest_per_branch": f"{side_by_side.MEDIAN_LATEST_PER_BRANCH:,}",
            "links": links, "charts": charts,
        }

    def _referral_age_url(self, bucket: dashboard.AgeBucket) -> str | None:
        """Open referrals made within the bucket's [since, until) instants (the filter is inclusive, to the second)."""
        since = bucket.since or datetime(1970, 1, 1)
        value = f"{_instant(since)} to {_instant(bucket.until - timedelta(seconds=1))}"
        return self.list_url("referrals", (EQUAL, "status", ReferralStatus.open), (CREATED_BETWEEN, "created_at", value))

    def _own_queue(self) -> dict[str, Any]:
        """What waits for this staff member, researcher or committee member."""
        role, day = current_user.role, today()
        if role == Role.staff:
            waiting = work_queues.staff_waiting(current_user._get_current_object())
            calls, failures = outbox.staff_attention()
            return {
                "calls_owed": calls,
                "calls_url": self.list_url(
                    "outbox", (EQUAL, "method", ContactMethod.phone), (EQUAL, "status", NotificationStatus.pending)
                ),
                "failed_messages": failures,
                "failed_url": self.list_url("outbox", (EQUAL, "status", NotificationStatus.failed)),
                "staff_referrals": work_queues.staff_referrals(current_user.id),
                "open_referrals_url": self.list_url("referrals", (EQUAL, "status", ReferralStatus.open)),
                "staff_waiting": waiting,
                "staff_waiting_links": [self.list_url("requests", (EQUAL, "status", row.status)) for row in waiting],
                "incoming_transfers": work_queues.incoming_transfers(current_user._get_current_object()),
                "incoming_transfers_url": self.list_url(
                    "transfers", ((DirectionFilter,), "to_branch_id", "in"), (EQUAL, "outcome", TransferOutcome.pending)
                ),
            }
        if role == Role.researcher:
            buckets = dashboard.open_referrals_by_age(day, researcher_id=current_user.id, shared_too=True)
            return {
                "researcher_queue": work_queues.researcher_queue(current_user._get_current_object()),
                "researcher_queue_url": self.list_url("referrals", (EQUAL, "status", ReferralStatus.open)),
                "researcher_buckets": buckets,
                "researcher_bucket_links": [self._referral_age_url(bucket) for bucket in buckets],
            }
        if role == Role.committee:
            return {
                "committee": work_queues.committee_waiting(day, current_user._get_current_object()),
                "committee_url": self.list_url("committee_queue"),
                "committee_overdue_url": self.list_url(
                    "committee_queue", (DATE_BEFORE, "earliest_answer_on", day.isoformat())
                ),
            }
        return {}

    @expose("/")
    def index(self):  # type: ignore[no-untyped-def]
        if current_user.role == Role.outlet:
            return redirect(url_for("outlet.index"))
        organization = db.session.scalar(db.select(Organization).limit(1))
        documents = db.session.scalars(
            db.select(ReferenceDocument)
            .where(ReferenceDocument.is_active.is_(True))
            .order_by(ReferenceDocument.position)
        ).all()
        overview = self._overview() if current_user.role in OVERSEERS else None
        return self.render(
            "admin/home.html", organization=organization, documents=documents, overview=overview, **self._own_queue()
        )


def _chart(items: list[Any], urls: list[str | None]) -> dict[str, list[Any]]:
    return {"labels": [item.label for item in items], "values": [item.count for item in items], "urls": urls}
