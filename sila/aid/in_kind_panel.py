"""What a request's page shows of in-kind aid beyond the grant: catalogue items to grant and deliver, its vouchers."""
from __future__ import annotations

from dataclasses import dataclass

from models.catalogue import CatalogueItem, GrantItem
from models.enums import AidKind, RequestStatus
from models.request import ServiceRequest
from models.user import User
from models.voucher import Voucher
from sila.aid.catalogue import active_items, items_of
from sila.aid.grants import grant_of
from sila.aid.vouchers import outstanding, vouchers_of
from sila.core.permissions import can_read, can_write


@dataclass(frozen=True)
class InKindPanel:
    catalogue: list[CatalogueItem]
    grant_items: list[GrantItem]
    vouchers: list[Voucher] | None
    can_issue: bool


def in_kind_panel(request: ServiceRequest, steps: object, actor: User) -> InKindPanel:
    if request.service_type.aid_kind != AidKind.in_kind:
        return InKindPanel([], [], None, False)
    grant = grant_of(request.id)
    grant_items = items_of(grant.id) if grant else []
    return InKindPanel(
        catalogue=active_items() if "decide" in steps else [],  # type: ignore[operator]
        grant_items=grant_items,
        vouchers=vouchers_of(request.id) if can_read(actor.role, "vouchers") else None,
        can_issue=(can_write(actor.role, "vouchers") and grant is not None
                   and request.status == RequestStatus.registered and outstanding(request.id) is None),
    )
