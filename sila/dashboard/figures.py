"""The managers' dashboard: where requests stand, how long each stage takes, what is late.

Every figure takes the branches it counts (None: the whole association) and is
one aggregate query (GROUP BY or COUNT) over an index or a small
table — the stage and channel figures read the tallies the database keeps per
status and channel — so the page runs the same statements at any size. Each figure also carries what
the screen needs to link it to the filtered list behind it (a status code, a
channel id, the bounds of an age bucket), so the number and the list agree.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from statistics import median
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, true

from models.base import db
from models.channel import Channel
from models.contact import Contact
from models.enums import ContactKind, FollowUpStatus, ReferralStatus, RequestStatus, label
from models.referral import Referral
from models.request import ServiceRequest
from models.request_tally import RequestTally
from models.survey import SurveyResponse
from sila.branches.scope import at_branches
from sila.contacts.rules import overdue_condition
from sila.core.dates import business_zone
from sila.core.hijri_months import hijri_month_label
from sila.core.step_permissions import referrals_in_reach

# The path a request walks, as (stage, timestamp it starts at, timestamp it ends at).
STAGES: tuple[tuple[str, Any, Any, object], ...] = (
    ("received", ServiceRequest.created_at, ServiceRequest.verified_at, _l("Received → verified")),
    ("verified", ServiceRequest.verified_at, ServiceRequest.submitted_at, _l("Verified → submitted to the committee")),
    ("submitted", ServiceRequest.submitted_at, ServiceRequest.decided_at, _l("Submitted → decided")),
    ("decided", ServiceRequest.decided_at, ServiceRequest.registered_at, _l("Decided → registration completed")),
    ("registered", ServiceRequest.registered_at, ServiceRequest.delivered_at, _l("Registration → delivered")),
)
# Open referrals by whole days since they were made: (key, label, first day, last day or None).
AGE_BUCKETS: tuple[tuple[str, object, int, int | None], ...] = (
    ("0-3", _l("0–3 days"), 0, 3),
    ("4-7", _l("4–7 days"), 4, 7),
    ("8-14", _l("8–14 days"), 8, 14),
    ("15+", _l("More than 14 days"), 15, None),
)
# The medians read the requests received in this many days before today, the latest MEDIAN_LATEST of them.
MEDIAN_WINDOW_DAYS = 90
MEDIAN_LATEST = 5000
FOLLOWED_KINDS = (ContactKind.suggestion, ContactKind.complaint)
OPEN_FOLLOW_UPS = (FollowUpStatus.open, FollowUpStatus.under_study)
# Requests still on the path (the backlog a branch carries): every status but the final ones.
FINISHED = frozenset({RequestStatus.rejected, RequestStatus.closed, RequestStatus.withdrawn, RequestStatus.cancelled})
Branches = frozenset[int] | None


@dataclass(frozen=True)
class Count:
    """One figure: what it counts (a code or id the list filters by), its label and the number."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class StageMedian:
    stage: str
    label: str
    median_days: float | None
    requests: int


@dataclass(frozen=True)
class AgeBucket:
    """Open referrals made between `since` (inclusive) and `until` (exclusive), UTC instants."""

    key: str
    label: str
    count: int
    since: datetime | None
    until: datetime


@dataclass(frozen=True)
class MonthScore:
    month: date
    gregorian: str
    hijri: str
    average: float
    answers: int


@dataclass(frozen=True)
class OverdueContacts:
    """Suggestions and complaints past their due date, by kind and by follow-up status."""

    cells: dict[tuple[str, str], int]
    kinds: list[Count]
    statuses: list[Count]

    @property
    def total(self) -> int:
        return sum(self.cells.values())


def _at(column: Any, branches: Branches) -> Any:
    """The condition narrowing a figure to its branches (none for the whole association)."""
    return true() if branches is None else at_branches(column, branches)


def request_counts(branches: Branches = None) -> dict[tuple[str, int], int]:
    """Requests per (status, channel id) at the given branches, read from the tallies the database keeps
    as requests move.

    A handful of rows per branch whatever the table's size; the same figures a GROUP BY
    over the requests would give (tests/requests/test_request_tallies.py holds them equal).
    """
    rows = db.session.execute(
        db.select(RequestTally.status, RequestTally.channel_id, func.sum(RequestTally.requests))
        .where(_at(RequestTally.branch_id, branches))
        .group_by(RequestTally.status, RequestTally.channel_id)
    ).all()
    return {(status, channel_id): int(count) for status, channel_id, count in rows if count}


def requests_by_stage(counts: dict[tuple[str, int], int]) -> list[Count]:
    """Requests in each status, in the order of the path; statuses with none are shown as zero."""
    totals: dict[str, int] = {}
    for (status, _channel_id), count in counts.items():
        totals[status] = totals.get(status, 0) + count
    return [Count(status.value, label(RequestStatus, status), totals.get(status.value, 0)) for status in RequestStatus]


def requests_by_channel(counts: dict[tuple[str, int], int]) -> list[Count]:
    """Requests per channel, every channel listed (in its menu order) even with none."""
    totals: dict[int, int] = {}
    for (_status, channel_id), count in counts.items():
        totals[channel_id] = totals.get(channel_id, 0) + count
    channels = db.session.execute(
        db.select(Channel.id, Channel.name).order_by(Channel.position, Channel.id)
    ).all()
    return [Count(str(channel_id), name, totals.get(channel_id, 0)) for channel_id, name in channels]


def _days_between(start: Any, end: Any) -> Any:
    """Fractional days between two timestamp columns, in SQL, on PostgreSQL and SQLite alike."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.extract("epoch", end - start) / 86400.0
    return func.julianday(end) - func.julianday(start)


def stage_durations() -> list[Any]:
    """Each stage's duration in days as a column named after the stage; NULL while the stage is open."""
    return [
        case((start.is_not(None) & end.is_not(None), _days_between(start, end)), else_=None).label(stage)
        for stage, start, end, _label in STAGES
    ]


def on_postgresql() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def medians_here(rows: Sequence[Sequence[Any]]) -> list[tuple[float | None, int]]:
    """(median, how many) per stage of durations SQLite returned (it has no percentile): the same
    interpolated median PostgreSQL's percentile_cont(0.5) takes."""
    values = []
    for index in range(len(STAGES)):
        column = [float(row[index]) for row in rows if row[index] is not None]
        values.append((median(column) if column else None, len(column)))
    return values


def stage_medians(values: Sequence[tuple[Any, int]]) -> list[StageMedian]:
    return [
        StageMedian(stage, str(stage_label), round(max(float(value), 0.0), 1) if value is not None else None, count)
        for (stage, _start, _end, stage_label), (value, count) in zip(STAGES, values, strict=True)
    ]


def median_days_by_stage(today: date, branches: Branches = None) -> list[StageMedian]:
    """The median time each stage took, over the latest MEDIAN_LATEST requests received in the last
    MEDIAN_WINDOW_DAYS.

    A recent window says how the association serves now (an all-time median
    hides this season's slowdown); the cap keeps the figure one short index
    read however many requests a season brings — the median of the latest
    5,000 moves by a fraction of a day at most from that of every request in
    the window. PostgreSQL takes the medians itself (percentile_cont); SQLite,
    which has no percentile, returns the durations and they are taken here —
    the same interpolated median either way.
    """
    since = day_start_utc(today - timedelta(days=MEDIAN_WINDOW_DAYS))
    latest_rows = (
        db.select(*stage_durations()).where(ServiceRequest.created_at >= since, _at(ServiceRequest.branch_id, branches))
        .order_by(ServiceRequest.created_at.desc()).limit(MEDIAN_LATEST)
    )
    if not on_postgresql():
        return stage_medians(medians_here(db.session.execute(latest_rows).all()))
    sample = latest_rows.subquery()
    columns = [sample.c[stage] for stage, _start, _end, _label in STAGES]
    row = db.session.execute(db.select(
        *[func.percentile_cont(0.5).within_group(column) for column in columns],
        *[func.count(column) for column in columns],
    )).one()
    return stage_medians([(row[index], row[index + len(STAGES)]) for index in range(len(STAGES))])


def waiting_at_committee(branches: Branches = None) -> int:
    """Requests with the committee, from the tallies."""
    return db.session.scalar(
        db.select(func.sum(RequestTally.requests))
        .where(RequestTally.status == RequestStatus.submitted, _at(RequestTally.branch_id, branches))
    ) or 0


def overdue_at_committee(today: date, waiting: int | None = None, branches: Branches = None) -> int:
    """Requests still with the committee after their earliest answer date has passed.

    Counted as all those with the committee (`waiting`, when the caller has it
    already, else the tallies) less those whose date is still ahead: the latter
    were submitted in the last weeks, a short index range, where the overdue
    ones are the whole backlog.
    """
    if waiting is None:
        waiting = waiting_at_committee(branches)
    # Two index ranges (no date yet, date still ahead); one OR would read every submitted request.
    not_yet = [
        db.select(func.count()).select_from(ServiceRequest)
        .where(ServiceRequest.status == RequestStatus.submitted, condition, _at(ServiceRequest.branch_id, branches))
        .scalar_subquery()
        for condition in (ServiceRequest.earliest_answer_on.is_(None), ServiceRequest.earliest_answer_on >= today)
    ]
    return waiting - (db.session.scalar(db.select(not_yet[0] + not_yet[1])) or 0)


def day_start_utc(day: date) -> datetime:
    """Midnight of a day in the association's calendar, as the UTC instant stored timestamps use."""
    return datetime.combine(day, time.min, business_zone()).astimezone(UTC)


def referral_age_bounds(today: date) -> list[tuple[str, object, datetime | None, datetime]]:
    """Each age bucket as [since, until) instants: a referral made on day D is (today - D) days old."""
    bounds = []
    for key, bucket_label, first, last in AGE_BUCKETS:
        until = day_start_utc(today - timedelta(days=first - 1))
        since = day_start_utc(today - timedelta(days=last)) if last is not None else None
        bounds.append((key, bucket_label, since, until))
    return bounds


def open_referrals_by_age(
    today: date, researcher_id: int | None = None, shared_too: bool = False, branches: Branches = None
) -> list[AgeBucket]:
    """Open referrals by age bucket, counted in the association's calendar days like the referral queue."""
    bounds = referral_age_bounds(today)
    bucket = case(
        *[(Referral.created_at >= since, key) for key, _label, since, _until in bounds if since is not None],
        else_=bounds[-1][0],
    )
    query = db.select(bucket, func.count(Referral.id)).where(Referral.status == ReferralStatus.open)
    if branches is not None:
        query = query.join(ServiceRequest, Referral.request_id == ServiceRequest.id).where(
            at_branches(ServiceRequest.branch_id, branches)
        )
    if researcher_id is not None:
        query = query.where(
            referrals_in_reach(researcher_id) if shared_too else Referral.researcher_id == researcher_id
        )
    counts = dict(db.session.execute(query.group_by(bucket)).all())
    return [AgeBucket(key, str(bucket_label), counts.get(key, 0), since, until) for key, bucket_label, since, until in bounds]


def overdue_contacts(today: date, branches: Branches = None) -> OverdueContacts:
    """Suggestions and complaints not closed and past their due date (the contacts list's own rule)."""
    rows = db.session.execute(
        db.select(Contact.kind, Contact.status, func.count(Contact.id))
        .where(overdue_condition(today), _at(Contact.branch_id, branches))
        .group_by(Contact.kind, Contact.status)
    ).all()
    cells = {(kind, status): 0 for kind in FOLLOWED_KINDS for status in OPEN_FOLLOW_UPS}
    cells.update({(kind, status): count for kind, status, count in rows})
    kinds = [Count(kind.value, label(ContactKind, kind), sum(cells[kind, s] for s in OPEN_FOLLOW_UPS)) for kind in FOLLOWED_KINDS]
    statuses = [
        Count(status.value, label(FollowUpStatus, status), sum(cells[k, status] for k in FOLLOWED_KINDS))
        for status in OPEN_FOLLOW_UPS
    ]
    return OverdueContacts(cells, kinds, statuses)


def _year_month(column: Any) -> Any:
    if db.session.get_bind().dialect.name == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


def _answers_at(query: Any, branches: Branches) -> Any:
    """Survey answers of requests at the branches; an anonymous answer names no request, so only the
    whole association counts it."""
    if branches is None:
        return query
    return query.join(ServiceRequest, SurveyResponse.request_id == ServiceRequest.id).where(
        at_branches(ServiceRequest.branch_id, branches)
    )


def satisfaction_by_month(language: str = "ar", branches: Branches = None) -> list[MonthScore]:
    """The average overall score per month, oldest first, with the Hijri months it spans."""
    month = _year_month(SurveyResponse.month)
    rows = db.session.execute(_answers_at(
        db.select(month, func.avg(SurveyResponse.overall), func.count(SurveyResponse.id)), branches
    ).group_by(month).order_by(month)).all()
    result = []
    for year_month, average, answers in rows:
        first = date(int(year_month[:4]), int(year_month[5:7]), 1)
        result.append(MonthScore(first, year_month, hijri_month_label(first, language), round(float(average), 2), answers))
    return result
