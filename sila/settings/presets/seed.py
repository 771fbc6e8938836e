"""Applying a preset: idempotent, so running it again changes nothing.

Existing rows are matched by their natural key (channel code, document title,
service and item name) and left as the admin edited them.
"""
from __future__ import annotations

from flask_babel import gettext as _

from models.base import db
from models.branch import MAIN_OFFICE_NAME, Branch
from models.channel import Channel
from models.committee import Committee
from models.document import ReferenceDocument
from models.organization import MIN_RESPONSE_DAYS, Organization
from models.referral import ReferralReason
from models.service_type import RequiredItem, ServiceType
from sila.core.errors import InvalidValue
from sila.settings.presets.definitions import Preset
from sila.settings.presets.file_rules import seed_file_rules
from sila.settings.texts.store import seed_texts


def _get_or_add(model: type, lookup: dict, **values: object) -> object:
    row = db.session.scalar(db.select(model).filter_by(**lookup))
    if row is None:
        row = model(**lookup, **values)
        db.session.add(row)
    return row


def apply_preset(preset: Preset) -> Organization:
    organization = db.session.scalar(db.select(Organization).limit(1))
    if organization is not None and organization.preset != preset.key:
        raise InvalidValue(
            _("This database already holds the %(preset)s preset; use a new database for another one.",
              preset=organization.preset)
        )
    if organization is None:
        organization = Organization(
            name=preset.organization_name,
            preset=preset.key,
            vocabulary=preset.vocabulary,
            policy_title=preset.policy_title,
            board_meeting_number=preset.board_meeting_number,
            policy_approved_on=preset.policy_approved_on,
            response_days=MIN_RESPONSE_DAYS,
            attestation_text=preset.attestation_text,
            city=preset.city,
        )
        db.session.add(organization)

    for position, (code, name) in enumerate(preset.channels, start=1):
        _get_or_add(Channel, {"code": code}, name=name, position=position)
    for position, (kind, title) in enumerate(preset.documents, start=1):
        _get_or_add(ReferenceDocument, {"title": title}, kind=kind, position=position, version="1.0")
    for position, spec in enumerate(preset.service_types, start=1):
        service = _get_or_add(
            ServiceType, {"name": spec.name}, description=spec.description, position=position, aid_kind=spec.aid_kind,
        )
        db.session.flush()
        for item_position, (item_name, kind) in enumerate(spec.items, start=1):
            _get_or_add(
                RequiredItem,
                {"service_type_id": service.id, "name": item_name},
                kind=kind,
                position=item_position,
            )
    for position, reason in enumerate(preset.referral_reasons, start=1):
        _get_or_add(ReferralReason, {"name": reason}, position=position)
    _get_or_add(Committee, {"name": "لجنة البحث"}, quorum=2)
    _get_or_add(Branch, {"is_main": True}, name=MAIN_OFFICE_NAME, city=preset.city)
    db.session.flush()
    seed_file_rules(preset, organization)
    seed_texts(organization.vocabulary)
    db.session.commit()
    return organization
