"""The beneficiary's acknowledgement of receipt, kept with each delivery handed over in person.

Cash counted into his hand and in-kind aid need it: the name as he signed,
whether he is the applicant or one of his household (the name must then be a
member's on the file), and a witness who is someone else; a scanned copy of
the signed paper may go with it, through the attachment checks. A batch's
bank transfer needs none: the bank's transfer is the record, and the
beneficiary is told by SMS what was paid. A service may carry a name, as it
always could.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import FileStorage

from models.aid_delivery import AidDelivery
from models.base import db
from models.disbursement_batch import BatchLine
from models.enums import AidKind, ReceiverRelation, label
from models.request import ServiceRequest
from models.user import User
from sila.attachments.service import store_delivery_receipt
from sila.core.arabic import normalize
from sila.core.errors import Refused

MAX_NAME = 250


@dataclass(frozen=True)
class Receipt:
    """What the staff member typed (and attached) for the acknowledgement."""

    received_by: str | None = None
    relation: str | None = None
    witness: str | None = None
    scan: FileStorage | None = None


@dataclass(frozen=True)
class CheckedReceipt:
    received_by: str | None
    relation: str | None
    witness: str | None


def _name(value: str | None) -> str | None:
    text = " ".join((value or "").split())
    if len(text) > MAX_NAME:
        raise Refused(_l("A name is at most 250 characters."))
    return text or None


def _same(name: str) -> str:
    """A name as compared: normalized Arabic, spaces ignored («عبد الله» is «عبدالله»)."""
    return normalize(name).replace(" ", "")


def check_receipt(request: ServiceRequest, receipt: Receipt) -> CheckedReceipt:
    """The acknowledgement as it will be kept, or Refused saying what is missing; before anything is charged."""
    received_by, witness = _name(receipt.received_by), _name(receipt.witness)
    relation = receipt.relation or None
    if relation is not None and relation not in {value.value for value in ReceiverRelation}:
        raise Refused(_l("Choose who received: the applicant himself or a member of his household."))
    if request.service_type.aid_kind == AidKind.service:
        return CheckedReceipt(received_by, relation, witness)
    if not received_by:
        raise Refused(_l("Write the beneficiary's name as he signed for receipt."))
    if relation is None:
        raise Refused(_l("Choose who received: the applicant himself or a member of his household."))
    if relation == ReceiverRelation.household_member and _same(received_by) not in {
        _same(member.full_name) for member in request.applicant.members
    }:
        raise Refused(_("“%(name)s” is not a member of this applicant's household on the file.", name=received_by))
    if not witness:
        raise Refused(_l("Write the name of the witness to the receipt."))
    if _same(witness) == _same(received_by):
        raise Refused(_l("The witness must be someone other than the person who received."))
    return CheckedReceipt(received_by, relation, witness)


def keep_receipt(delivery: AidDelivery, checked: CheckedReceipt, scan: FileStorage | None, actor: User) -> None:
    """Write the acknowledgement on the delivery, and its scan beside it, in the delivery's unit of work."""
    delivery.received_by_name = checked.received_by
    delivery.receiver_relation = checked.relation
    delivery.witness_name = checked.witness
    if checked.received_by:
        delivery.witness_id = actor.id
    if scan is not None and (scan.filename or "").strip():
        delivery.receipt_attachment_id = store_delivery_receipt(delivery, scan, actor).id


def describe_receipt(delivery: AidDelivery) -> str:
    """The acknowledgement in one line, for the request's timeline, the file's aid and the audit log."""
    if delivery.received_by_name and delivery.witness_name:
        return _("Received and signed by %(name)s (%(relation)s), witnessed by %(witness)s.",
                 name=delivery.received_by_name, relation=label(ReceiverRelation, delivery.receiver_relation),
                 witness=delivery.witness_name)
    if delivery.received_by_name:
        return _("Received and signed by %(name)s, witnessed by %(witness)s.", name=delivery.received_by_name,
                 witness=delivery.witness.full_name if delivery.witness else "")
    batch_id = delivery.instalment_id and db.session.scalar(
        db.select(BatchLine.batch_id).where(BatchLine.instalment_id == delivery.instalment_id)
    )
    return _("Paid by bank transfer in batch %(batch)s.", batch=batch_id) if batch_id else ""
