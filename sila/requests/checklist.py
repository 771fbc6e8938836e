"""The completeness checklist: each required item supplied and matched against the original."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from models.base import db, utcnow
from models.enums import RequestStatus
from models.request import ItemCheck, ServiceRequest
from models.service_type import RequiredItem
from models.user import User
from sila.core.errors import Refused
from sila.core.step_permissions import require_role

EDITABLE = frozenset({RequestStatus.received, RequestStatus.returned})


def checks_by_item(request: ServiceRequest) -> dict[int, ItemCheck]:
    return {check.required_item_id: check for check in request.checks}


def missing_items(request: ServiceRequest) -> list[RequiredItem]:
    """Mandatory items not yet both supplied and matched."""
    checks = checks_by_item(request)
    return [
        item for item in request.service_type.required_items
        if item.is_mandatory
        and not (item.id in checks and checks[item.id].supplied and checks[item.id].matched)
    ]


def record_checks(request: ServiceRequest, actor: User, ticks: dict[int, tuple[bool, bool]]) -> None:
    """Save the ticks {item id: (supplied, matched)}; matching needs the item supplied."""
    require_role(actor, "staff")
    if request.status not in EDITABLE:
        raise Refused(_l("The checklist can only be changed before verification."))
    items = {item.id: item for item in request.service_type.required_items}
    checks = checks_by_item(request)
    for item_id, (supplied, matched) in ticks.items():
        if item_id not in items:
            raise Refused(_l("This item is not required for this service."))
        check = checks.get(item_id)
        if check is None:
            check = ItemCheck(request=request, required_item_id=item_id)
            db.session.add(check)
        if (check.supplied, check.matched) != (supplied, supplied and matched):
            check.supplied = supplied
            check.matched = supplied and matched
            check.checked_by_id = actor.id
            check.checked_at = utcnow()


def save_checklist(request_id: int, actor: User, ticks: dict[int, tuple[bool, bool]]) -> ServiceRequest:
    """The checklist form's save: one transaction, one audit entry."""
    from sila.core.audit.recorder import record
    from sila.core.unit_of_work import committed, locked_request

    with committed():
        request = locked_request(request_id)
        record_checks(request, actor, ticks)
        done = sum(1 for supplied, matched in ticks.values() if supplied and matched)
        record("checklist", "request", request.id, note=f"{done}/{len(ticks)}", actor_id=actor.id)
    return request
