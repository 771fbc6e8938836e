"""What the committee granted when it accepted a request: the amount or goods, the instalments, the source.

The grant is recorded in the acceptance's own transaction (the decision form
carries it); nothing of a cash or in-kind service can be delivered without
it, and never more than it.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from models.aid_grant import AidGrant
from models.base import db
from models.enums import AidKind
from models.funding_source import FundingSource
from models.request import ServiceRequest
from models.user import User
from sila.aid import catalogue
from sila.aid.funding import check_usable
from sila.aid.schedule import create_schedule
from sila.core.audit.recorder import record
from sila.core.dates import today
from sila.core.errors import InvalidValue, Refused
from sila.core.money import parse_riyals, riyals

MAX_INSTALMENTS = 60
MAX_TEXT = 4000


@dataclass(frozen=True)
class GrantTerms:
    amount: Decimal | None = None
    instalments: int = 1
    description: str | None = None
    funding_source_id: int | None = None
    # In-kind aid from the catalogue: {catalogue item id: quantity}; the value granted is their sum.
    items: tuple[tuple[int, int], ...] = ()


def terms_from(form: MultiDict) -> GrantTerms | None:
    """The grant typed on the decision form, or None when its fields were left empty."""
    raw_amount = (form.get("grant_amount") or "").strip()
    raw_count = (form.get("grant_instalments") or "").strip()
    description = (form.get("grant_description") or "").strip() or None
    raw_source = (form.get("grant_source") or "").strip()
    items = tuple(catalogue.quantities_from(form, catalogue.GRANT_FIELD).items())
    if not (raw_amount or description or raw_source or items):
        return None
    try:
        amount = parse_riyals(raw_amount)
    except InvalidValue as exc:
        raise Refused(exc.message) from exc
    count = int(raw_count) if raw_count.isdigit() else (1 if not raw_count else 0)
    if not 1 <= count <= MAX_INSTALMENTS:
        raise Refused(_("The number of instalments must be between 1 and %(most)s.", most=MAX_INSTALMENTS))
    if description and len(description) > MAX_TEXT:
        raise Refused(_l("The text is too long (at most 4000 characters)."))
    return GrantTerms(amount, count, description, int(raw_source) if raw_source.isdigit() else None, items)


def grant_of(request_id: int) -> AidGrant | None:
    return db.session.scalar(db.select(AidGrant).where(AidGrant.request_id == request_id))


def record_grant(request: ServiceRequest, actor: User, terms: GrantTerms, pressed_by: User | None = None) -> AidGrant:
    """Write the grant in the caller's unit of work, checked against the service's aid kind.

    `actor` is the member it is granted in the name of; a meeting's audit entry names who counted (`pressed_by`).
    """
    kind = request.service_type.aid_kind
    if grant_of(request.id) is not None:
        raise Refused(_l("What was granted on this request is already recorded."))
    lines = catalogue.priced(dict(terms.items)) if kind == AidKind.in_kind else []
    amount = catalogue.value_of(lines) if lines else terms.amount
    description = terms.description or (catalogue.describe(lines) if lines else None)
    if kind == AidKind.service:
        if not description:
            raise Refused(_l("Describe the service granted."))
        source = None
    else:
        if amount is None:
            raise Refused(_l("Write the amount granted in riyals."))
        if kind == AidKind.in_kind and not description:
            raise Refused(_l("Describe the goods granted."))
        source = check_usable(
            db.session.get(FundingSource, terms.funding_source_id) if terms.funding_source_id else None,
            request, today(),
        )
    instalments = terms.instalments if kind == AidKind.cash else 1
    grant = AidGrant(
        request_id=request.id, kind=kind, amount=amount if kind != AidKind.service else None,
        instalments=instalments, description=description,
        funding_source_id=source.id if source else None, granted_by_id=actor.id,
    )
    db.session.add(grant)
    db.session.flush()
    if kind == AidKind.cash:
        create_schedule(grant, today())
    catalogue.record_items(grant, lines)
    record("grant", "request", request.id, note=describe(grant), actor_id=(pressed_by or actor).id)
    return grant


def describe(grant: AidGrant) -> str:
    """The grant in one line, for the timeline and the audit log."""
    if grant.kind == AidKind.cash and grant.instalments > 1:
        text = _("%(count)s monthly instalments of %(amount)s", count=grant.instalments, amount=riyals(grant.amount))
    elif grant.amount is not None:
        text = riyals(grant.amount)
    else:
        text = ""
    parts = [part for part in (text, grant.description, grant.funding_source.name if grant.funding_source else None)
             if part]
    return " — ".join(parts)

