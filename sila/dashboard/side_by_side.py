"""The branches side by side on the dashboard: each branch's backlog, stage medians and satisfaction.

Team figures, never a person's. Every figure is one statement for all the
branches (GROUP BY branch), so the dashboard runs the same statements for two
branches or twenty (tests/admin/test_query_counts.py holds it).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, true

from models.base import db
from models.branch import Branch
from models.enums import RequestStatus
from models.request import ServiceRequest
from models.request_tally import RequestTally
from models.survey import SurveyResponse
from sila.dashboard.figures import (
    FINISHED,
    MEDIAN_WINDOW_DAYS,
    STAGES,
    Branches,
    StageMedian,
    _at,
    day_start_utc,
    medians_here,
    on_postgresql,
    stage_durations,
    stage_medians,
)

# The branches' side-by-side medians read each branch's latest requests of the window, up to this many.
MEDIAN_LATEST_PER_BRANCH = 1000


def medians_by_branch(today: date, branches: Branches = None) -> dict[int, list[StageMedian]]:
    """Each branch's stage medians over its latest MEDIAN_LATEST_PER_BRANCH requests of the window, in
    one statement for every branch (the dashboard compares them side by side).

    PostgreSQL reads each branch's (branch_id, created_at) index through a
    LATERAL join and takes the medians grouped by branch (percentile_cont);
    SQLite, which has neither, numbers each branch's requests newest first
    with a window function and the medians of the durations it returns are
    taken here. A branch without requests in the window is absent.
    """
    since = day_start_utc(today - timedelta(days=MEDIAN_WINDOW_DAYS))
    stages = [stage for stage, _start, _end, _label in STAGES]
    if on_postgresql():
        sample = (
            db.select(*stage_durations()).where(ServiceRequest.branch_id == Branch.id, ServiceRequest.created_at >= since)
            .order_by(ServiceRequest.created_at.desc()).limit(MEDIAN_LATEST_PER_BRANCH).lateral("sample")
        )
        columns = [sample.c[stage] for stage in stages]
        rows = db.session.execute(
            db.select(Branch.id, *[func.percentile_cont(0.5).within_group(column) for column in columns],
                      *[func.count(column) for column in columns])
            .select_from(Branch).join(sample, true()).where(_at(Branch.id, branches)).group_by(Branch.id)
        ).all()
        return {row[0]: stage_medians(list(zip(row[1:1 + len(stages)], row[1 + len(stages):], strict=True)))
                for row in rows}
    newest_first = func.row_number().over(
        partition_by=ServiceRequest.branch_id, order_by=ServiceRequest.created_at.desc()
    ).label("newest_first")
    ranked = (
        db.select(ServiceRequest.branch_id, *stage_durations(), newest_first)
        .where(ServiceRequest.created_at >= since, _at(ServiceRequest.branch_id, branches)).subquery()
    )
    samples: dict[int, list[Sequence[Any]]] = {}
    for row in db.session.execute(
        db.select(ranked.c.branch_id, *[ranked.c[stage] for stage in stages])
        .where(ranked.c.newest_first <= MEDIAN_LATEST_PER_BRANCH)
    ).all():
        samples.setdefault(row[0], []).append(row[1:])
    return {branch_id: stage_medians(medians_here(rows)) for branch_id, rows in samples.items()}


@dataclass(frozen=True)
class BranchFigures:
    """One branch's team figures side by side with the others: never a person's."""

    branch_id: int
    name: str
    is_active: bool
    backlog: int
    at_committee: int
    medians: list[StageMedian]
    satisfaction: float | None
    answers: int


def branch_comparison(today: date, branches: Branches = None) -> list[BranchFigures]:
    """Backlog, stage medians and satisfaction of each branch, in the branches' order.

    The backlog and committee figures read the tallies (one GROUP BY), the
    satisfaction one GROUP BY over the year's answers, and the medians one
    statement for all branches (`medians_by_branch`): the page runs the same
    statements at any size and for any number of branches.
    An inactive branch is listed while it still holds requests.
    """
    backlog: dict[int, int] = {}
    committee: dict[int, int] = {}
    for branch_id, status, count in db.session.execute(
        db.select(RequestTally.branch_id, RequestTally.status, func.sum(RequestTally.requests))
        .where(_at(RequestTally.branch_id, branches))
        .group_by(RequestTally.branch_id, RequestTally.status)
    ).all():
        if status not in FINISHED:
            backlog[branch_id] = backlog.get(branch_id, 0) + int(count)
        if status == RequestStatus.submitted:
            committee[branch_id] = int(count)
    # The answers of the last twelve months (from the first of the month a year ago).
    since = date(today.year - 1, today.month, 1)
    scores = {
        branch_id: (average, answers) for branch_id, average, answers in db.session.execute(
            db.select(ServiceRequest.branch_id, func.avg(SurveyResponse.overall), func.count(SurveyResponse.id))
            .join(ServiceRequest, SurveyResponse.request_id == ServiceRequest.id)
            .where(SurveyResponse.month >= since, _at(ServiceRequest.branch_id, branches))
            .group_by(ServiceRequest.branch_id)
        ).all()
    }
    medians = medians_by_branch(today, branches)
    none_yet = stage_medians([(None, 0)] * len(STAGES))
    rows = db.session.execute(
        db.select(Branch.id, Branch.name, Branch.is_active).where(_at(Branch.id, branches))
        .order_by(Branch.is_main.desc(), Branch.name)
    ).all()
    result = []
    for branch_id, name, is_active in rows:
        if not is_active and not backlog.get(branch_id):
            continue
        average, answers = scores.get(branch_id, (None, 0))
        result.append(BranchFigures(
            branch_id, name, is_active, backlog.get(branch_id, 0), committee.get(branch_id, 0),
            medians.get(branch_id, none_yet),
            round(float(average), 2) if average is not None else None, answers,
        ))
    return result
